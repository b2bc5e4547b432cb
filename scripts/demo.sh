#!/usr/bin/env bash
# Runs the demo on a Debian machine with Node.js 20.19+: the real Majordome server and the HA
# simulator with a real home, on http://localhost:8099. Talks to Claude when ANTHROPIC_API_KEY is set.
# Arguments go to the demo:  ./scripts/demo.sh --home kernehed --port 8100
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The same Node check and npm install as the test command.
# shellcheck source=scripts/test.sh
source ./scripts/test.sh

require_node
install_npm_deps
ensure_native_addon
say "npm run build"
npm run build
npm run --if-present build:panel

exec npm run demo -- "$@"
