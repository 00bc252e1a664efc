#!/usr/bin/env bash
# npm test: everything CI runs. Lint, typecheck, unit tests, integration tests on
# the embedded database (and on PostgreSQL too when TEST_DATABASE_URL is set),
# then a production build and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "lint";        npm run --silent lint
step "typecheck";   npm run --silent typecheck
step "unit";        npx vitest run --project unit
step "integration (embedded PGlite)"
env -u TEST_DATABASE_URL npx vitest run --project integration
if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  step "integration (PostgreSQL at ${TEST_DATABASE_URL%%\?*})"
  npx vitest run --project integration
else
  echo "(TEST_DATABASE_URL not set: skipping the PostgreSQL run of the integration tests)"
fi
step "build";       npx next build
step "end-to-end (Chromium)"
npx playwright test
