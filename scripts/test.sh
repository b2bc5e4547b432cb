#!/usr/bin/env bash
# Runs every check of the project on a Debian machine with Node.js 20.19+:
# system packages the real-part tests use, npm dependencies, build, lint, then the tests, on the
# Node major the add-on image ships (fetched from the npm registry when this machine has another);
# then the build and a smoke run on README's floor (package.json's engines).
# Arguments go to vitest and skip the floor run:  ./scripts/test.sh test/unit   ./scripts/test.sh -t "approval"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/node-runtime.sh
source ./scripts/node-runtime.sh

say() { printf '\n==> %s\n' "$*"; }

require_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js 20.19 or newer is needed and 'node' is not on PATH (https://nodejs.org)." >&2
    exit 1
  fi
  # Same floor as package.json "engines".
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    echo "Node.js 20.19 or newer is needed; this is $(node --version)." >&2
    exit 1
  fi
}

# Whether a Debian package's program is here: chromium, dovecot-imapd, apparmor, bubblewrap.
debian_package_present() {
  case "$1" in
    chromium) command -v chromium >/dev/null 2>&1 ;;
    dovecot-imapd) command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] ;;
    apparmor) command -v apparmor_parser >/dev/null 2>&1 || [ -x /usr/sbin/apparmor_parser ] ;;
    bubblewrap) command -v bwrap >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

# Installs the named Debian packages that are missing, with apt when root; otherwise says what
# goes without them ($1) and the command that would install them.
install_debian_packages() {
  local without=$1
  shift
  local missing=()
  local package
  for package in "$@"; do
    debian_package_present "$package" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "warning: ${missing[*]} not installed and not root: ${without}." >&2
    echo "         sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    return 0
  fi
  say "Installing ${missing[*]}"
  # Keep apt from starting a system-wide dovecot: the tests and the demo start their own.
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$guard" && chmod +x "$guard"
  fi
  local apt=(apt-get -o DPkg::Lock::Timeout=300 -q)
  local status=0
  { "${apt[@]}" update && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y \
    --no-install-recommends "${missing[@]}"; } || status=$?
  [ -z "$guard" ] || rm -f "$guard"
  if [ "$status" -ne 0 ]; then
    echo "apt-get could not install ${missing[*]}." >&2
    exit 1
  fi
}

# Debian's chromium (browser and panel tests), dovecot (IMAP tests), apparmor_parser (checks the
# add-on's profile) and bubblewrap (the shell sandbox tests). Tests whose program is missing skip
# themselves, so a non-root run only warns.
install_system_packages() {
  install_debian_packages "the tests that need them will skip" chromium dovecot-imapd apparmor bubblewrap
}

install_npm_deps() {
  # npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund
  fi
}

# vitest's own summary is not one CI reads; print the plain "N passed, N failed" line from its JSON report.
print_summary() {
  local report=$1
  [ -f "$report" ] || return 0
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  ' "$report" || true
}

# The files of the smoke run on the floor Node: the server process end to end and the chat stream.
FLOOR_SMOKE=(test/integration/server-process.test.ts test/integration/http-chat.test.ts test/unit/channels/http/sse.test.ts)

# README's floor: the build and the smoke files, in a subshell so the image Node stays on PATH.
check_floor_node() {
  local floor
  floor=$(floor_node_version)
  (
    use_node "$(node_bin_for "$floor")"
    say "Node $(node --version) (README's floor): build and smoke run"
    ensure_native_addon
    npm run build
    npx vitest run --reporter=dot "${FLOOR_SMOKE[@]}"
  )
}

main() {
  require_node
  install_system_packages
  local major
  major=$(image_node_major)
  use_node "$(node_bin_for "$major")"
  export MAJORDOME_SUITE_NODE_MAJOR=$major
  say "Node $(node --version), the image's"
  install_npm_deps
  ensure_native_addon
  [ $# -gt 0 ] || check_floor_node
  ensure_native_addon
  say "npm run build"
  npm run build
  npm run --if-present build:panel
  say "npm run lint"
  npm run lint
  say "vitest run $*"
  mkdir -p test-artifacts
  local report=test-artifacts/vitest-report.json
  rm -f "$report"
  local status=0
  npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
  print_summary "$report"
  return "$status"
}

# scripts/demo.sh sources this file for the set-up functions only.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
