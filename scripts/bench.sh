#!/usr/bin/env bash
# Runs the benchmark from any checkout: installs, builds the packages the
# harness starts, brings up the local engines when a chosen scenario runs
# on them, then hands every argument to the harness (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pnpm.sh

# Scenarios that run a server on the scale engines; `all` is the default.
needs_engines() {
  local scenario=all previous=''
  for arg in "$@"; do
    case "$arg" in
      -h | --help) return 1 ;;
      --scenario=*) scenario="${arg#--scenario=}" ;;
    esac
    [ "$previous" = --scenario ] && scenario="$arg"
    previous="$arg"
  done
  [[ ",$scenario," =~ ,(all|two-nodes|durable-path), ]]
}

echo "==> installing dependencies" >&2
install_dependencies >&2
echo "==> building the server" >&2
log="$(mktemp)"
if ! pnpm --filter @algochat/protocol --filter @algochat/server run build \
  >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  exit 1
fi

if needs_engines "$@"; then
  echo "==> starting the engines (PostgreSQL, Redis, Kafka, FerretDB)" >&2
  bash scripts/engines/engines.sh up >&2
fi

cd bench
exec node --import tsx src/main.ts "$@"
