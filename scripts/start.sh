#!/usr/bin/env bash
# Starts one Algochat node on the embedded defaults (SQLite in ./.algochat,
# in-process bus and log) with the demo page at http://localhost:8080/.
# Extra arguments go to `algochat start` (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pnpm.sh

echo "==> installing dependencies"
install_dependencies
echo "==> building"
log="$(mktemp)"
# The demo page serves the embed script, so every package is built.
if ! pnpm -r --filter './packages/*' run build >"$log" 2>&1; then
  tail -n 40 "$log"
  exit 1
fi
echo "==> starting"
exec node packages/server/dist/cli/main.js start "$@"
