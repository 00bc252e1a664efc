#!/usr/bin/env bash
# npm test: everything CI runs. Lint, typecheck, unit tests, integration tests on
# the embedded database (and on PostgreSQL too when TEST_DATABASE_URL is set),
# then a production build, two replicas of it on PostgreSQL (when TEST_DATABASE_URL is set)
# and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

started=$SECONDS
last=$SECONDS
# each step says how long the one before it took, so CI logs show where the time goes
step() {
  if [[ $last -ne $started || $SECONDS -gt $started ]]; then printf '(%ss)\n' "$((SECONDS - last))"; fi
  last=$SECONDS
  printf '\n\033[1m== %s\033[0m\n' "$*"
}
trap 'printf "(%ss)\n\nnpm test took %ss\n" "$((SECONDS - last))" "$((SECONDS - started))"' EXIT

step "lint";        npm run --silent lint
step "typecheck";   npm run --silent typecheck
step "unit";        npx vitest run --project unit
step "integration (embedded PGlite)"
env -u TEST_DATABASE_URL npx vitest run --project 'integration*'
if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  step "integration (PostgreSQL at ${TEST_DATABASE_URL%%\?*})"
  npx vitest run --project 'integration*'
else
  echo "(TEST_DATABASE_URL not set: skipping the PostgreSQL run of the integration tests)"
fi
step "build";       npx next build
if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  # two production servers behind a proxy on one PostgreSQL (tests/replicas, on free ports)
  step "replicas (two processes on PostgreSQL)"
  npx vitest run --project replicas
else
  echo "(TEST_DATABASE_URL not set: skipping the two-replica test)"
fi
step "end-to-end (Chromium)"
npx playwright test
