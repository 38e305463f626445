#!/usr/bin/env bash
# The whole test suite: install, build, lint, typecheck, then every
# package's tests against real engines, ending with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pnpm.sh

results="$PWD/.test-results"
rm -rf "$results"
mkdir -p "$results"

step() { printf '\n==> %s\n' "$*"; }

step "installing dependencies"
install_dependencies

step "building packages"
if ! pnpm -r --filter './packages/*' run build >"$results/build.log" 2>&1; then
  tail -n 40 "$results/build.log"
  exit 1
fi

step "checking format and lint"
pnpm exec prettier --check . --log-level warn
pnpm exec eslint .

step "typechecking"
pnpm -r --filter './packages/*' --filter ./bench run typecheck

# Each package writes a JSON report so the totals below cover everything.
run_tests() {
  local name="$1"
  shift
  step "testing $name"
  (cd "$name" && pnpm exec vitest run \
    --reporter=default --reporter=json \
    --outputFile.json="$results/$(echo "$name" | tr / -).json" "$@")
}

step "starting engines (PostgreSQL, Redis, Kafka, FerretDB) and Chromium"
bash scripts/engines/engines.sh install-chromium >/dev/null
bash scripts/engines/engines.sh up >/dev/null

status=0
run_tests packages/protocol || status=1
run_tests packages/server || status=1
run_tests packages/client-sdk || status=1
run_tests packages/react-widget || status=1
run_tests bench || status=1

# The scale suite: store contracts on the real engines, several nodes and
# workers, and faults injected under a live conversation.
# Only this suite sees the engine URLs; the others run embedded servers.
step "testing packages/server on the scale engines"
# shellcheck disable=SC1091
(source .engines/env && cd packages/server &&
  pnpm exec vitest run --config vitest.scale.config.ts \
  --reporter=default --reporter=json \
  --outputFile.json="$results/packages-server-scale.json") || status=1

step "checking bundle size budgets"
pnpm --filter @algochat/client run size || status=1
pnpm --filter @algochat/react run size || status=1

node scripts/lib/summarize-tests.mjs "$results" || status=1
exit "$status"
