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
pnpm -r --filter './packages/*' run build >/dev/null

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

status=0
run_tests packages/protocol || status=1
run_tests packages/server || status=1
if [ -f packages/client-sdk/vitest.config.ts ]; then
  run_tests packages/client-sdk || status=1
fi
if [ -f bench/vitest.config.ts ]; then
  run_tests bench || status=1
fi

node scripts/lib/summarize-tests.mjs "$results" || status=1
exit "$status"
