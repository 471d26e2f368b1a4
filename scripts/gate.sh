#!/usr/bin/env bash
# The one gate (`npm test`): typecheck, lint, unit tests, integration tests against a real
# PostgreSQL, the production build, and the end-to-end tests in Chromium. It stops at the first
# failing step and ends with one line "gate: N passed, N failed" over all test runners.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .reports
rm -f .reports/*.json

SECONDS=0
step() { printf '\n==> %s (%ss)\n' "$1" "$SECONDS"; }
summary() { node scripts/test-summary.mjs; }
trap summary EXIT

step typecheck
npx tsc --noEmit

step lint
npx eslint --max-warnings=0 .

step 'unit tests'
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=.reports/unit.json

step 'integration tests (real PostgreSQL)'
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=.reports/integration.json

step 'production build'
npx tsx scripts/build.ts

step 'the first command: npm start on an empty data folder'
bash scripts/smoke-start.sh

step 'end-to-end tests (Chromium)'
PLAYWRIGHT_JSON_OUTPUT_NAME=.reports/e2e.json npx playwright test --reporter=list,json

step done
