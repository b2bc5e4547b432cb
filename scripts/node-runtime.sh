# Which Node runs the checks, and the native SQLite addon built for it. Sourced by test.sh.
#
# Users run the Node major the add-on image ships (the Dockerfile's NODE_MAJOR, the one place it is
# named); README's floor is package.json's "engines". A machine without the right Node gets the
# official binary and headers from the npm registry's node-linux-<arch> package, kept in .cache/.

NODE_CACHE=.cache/node

# The Node major the image ships, read from the Dockerfile.
image_node_major() {
  sed -n 's/^ARG NODE_MAJOR=\([0-9][0-9]*\)$/\1/p' Dockerfile
}

# README's floor, e.g. 20.19, read from package.json's engines (">=20.19").
floor_node_version() {
  sed -n 's/.*"node": *">=\([0-9][0-9.]*\)".*/\1/p' package.json
}

# Prints the bin folder of a Node whose version starts with $1 ("22" or "20.19"): the one on PATH
# when it matches, else the registry's package fetched once into .cache/node/<spec>/.
node_bin_for() {
  local spec=$1
  local current
  current=$(node -p 'process.versions.node')
  if [[ "$current" == "$spec" || "$current" == "$spec".* ]]; then
    dirname "$(command -v node)"
    return 0
  fi
  local dir="$NODE_CACHE/$spec"
  if [ ! -x "$dir/bin/node" ]; then
    local arch pkg tmp
    arch=$(node -p 'process.arch')
    pkg="node-linux-$arch@~$spec"
    [[ "$spec" == *.* ]] || pkg="node-linux-$arch@$spec"
    tmp=$(mktemp -d)
    echo "Fetching Node $spec ($pkg) from the npm registry" >&2
    (cd "$tmp" && npm pack --silent "$pkg" >/dev/null) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$dir"
    tar -xzf "$tmp"/*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  echo "$(pwd)/$dir/bin"
}

# Puts the Node of bin folder $1 first on PATH, with its own headers for node-gyp.
use_node() {
  local bin=$1
  export PATH="$bin:$PATH"
  if [ -d "$bin/../include/node" ]; then
    npm_config_nodedir=$(cd "$bin/.." && pwd)
    export npm_config_nodedir
  else
    unset npm_config_nodedir
  fi
}

# Makes node_modules' better-sqlite3 load in the Node on PATH. Builds for each Node ABI are kept in
# .cache/native/ so switching between the image's Node and the floor's is a copy, not a compile.
ensure_native_addon() {
  local abi version addon cached
  abi=$(node -p 'process.versions.modules')
  version=$(node -p 'require("./node_modules/better-sqlite3/package.json").version')
  addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
  cached=.cache/native/better_sqlite3-$version-abi$abi.node
  if ! node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null; then
    if [ -f "$cached" ]; then
      cp "$cached" "$addon"
    else
      echo "Building better-sqlite3 for Node $(node --version)" >&2
      # No prebuilt download (only the npm registry is reachable): compile with the headers above.
      npm_config_build_from_source=true npm rebuild better-sqlite3 >/dev/null
    fi
    node -e 'new (require("better-sqlite3"))(":memory:").close()'
  fi
  mkdir -p .cache/native
  [ -f "$cached" ] || cp "$addon" "$cached"
}
