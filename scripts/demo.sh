#!/usr/bin/env bash
# Runs the demo on a Debian machine with Node.js 20.19+ (it runs on the image's Node 22, fetched
# like the tests do): the real Majordome server and the HA
# simulator with a real home, on http://localhost:8099. Talks to Claude when ANTHROPIC_API_KEY is set.
# Arguments go to the demo:  ./scripts/demo.sh --home kernehed --port 8100
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The same Node check as the test command.
# shellcheck source=scripts/test.sh
source ./scripts/test.sh

require_node
# The demo's browser page and mailbox need Debian's chromium and dovecot: installed when run as
# root, like the test command does; otherwise the demo says they are off and how to turn them on.
install_debian_packages "the demo's browser or mail will be off" chromium dovecot-imapd
# The Node the add-on image ships, as the test command uses (fetched once when this machine has
# another), with its own headers: the SQLite addon is built for the Node that runs the demo.
use_node "$(node_bin_for "$(image_node_major)")"
# The first run installs the dependencies (a few minutes); later runs skip it. npm shows its
# progress, and the packages' install scripts (the SQLite addon) print as they run.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing Majordome's dependencies with npm ci (first run only: a few minutes)"
  npm ci --no-audit --no-fund --progress --foreground-scripts
fi
ensure_native_addon
say "Building the server and the panel (npm run build)"
npm run build
npm run --if-present build:panel
say "Starting the demo"
exec npm run demo -- "$@"
