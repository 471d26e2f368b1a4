#!/usr/bin/env bash
# The one gate (`npm test`): typecheck, lint, the formatter's check, unit tests, integration tests against a real
# PostgreSQL, the production build, the first command's smoke test, the end-to-end tests in
# Chromium, and a self-check that a failing test of each runner fails the gate. It stops at the
# first failing step and ends with one line "gate: N passed, N failed" over all test runners; the
# gate exits non-zero whenever a step fails or any runner's report counts a failed test.
#
# GATE_STEPS="unit integration" runs only the named steps (typecheck lint format unit integration
# build smoke e2e selfcheck); GATE_REPORTS is where the runners' JSON reports go (default .reports).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
reports=${GATE_REPORTS:-.reports}
mkdir -p "$reports"
rm -f "$reports"/*.json
steps=${GATE_STEPS:-typecheck lint format unit integration build smoke e2e selfcheck}

SECONDS=0
step() { printf '\n==> %s (%ss)\n' "$1" "$SECONDS"; }
wanted() { [[ " $steps " == *" $1 "* ]]; }
summary() {
  local status=$?
  node scripts/test-summary.mjs "$reports" || status=1
  exit "$status"
}
trap summary EXIT

if wanted typecheck; then
  step typecheck
  npx tsc --noEmit
fi

if wanted lint; then
  step lint
  npx eslint --max-warnings=0 .
fi

if wanted format; then
  step 'format (Prettier; `npm run format` fixes it)'
  npx prettier --check . > /dev/null || { npx prettier --list-different .; echo "gate: files not formatted; run npm run format"; exit 1; }
fi

if wanted unit; then
  step 'unit tests'
  npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
fi

if wanted integration; then
  step 'integration tests (real PostgreSQL)'
  npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration.json"
fi

if wanted build; then
  step 'production build'
  npx tsx scripts/build.ts
fi

if wanted smoke; then
  step 'the first command: npm start on an empty data folder'
  bash scripts/smoke-start.sh
fi

if wanted e2e; then
  step 'end-to-end tests (Chromium)'
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json
fi

if wanted selfcheck; then
  step 'self-check: a failing unit, integration and end-to-end test each fail the gate'
  bash scripts/gate-selfcheck.sh
fi

step done
