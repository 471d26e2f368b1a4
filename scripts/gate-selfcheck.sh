#!/usr/bin/env bash
# Proves the gate fails when a test fails: for each runner, runs the gate's own step with a
# deliberately failing canary test (tests/canary) and requires the gate to exit non-zero and its
# closing line to count the failure. Prints "selfcheck: N passed, N failed" (not a test count of
# the gate; the gate's summary reads the runners' reports only).
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0
for runner in unit integration e2e; do
  dir=".reports/canary-$runner"
  log="$dir.log"
  mkdir -p "$dir"
  XZ_GATE_CANARY=$runner GATE_STEPS=$runner GATE_REPORTS=$dir XZ_E2E_PORT=3198 XZ_PG_PORT=54398 XZ_DATA_DIR=.data-canary \
    bash scripts/gate.sh > "$log" 2>&1
  status=$?
  if [ "$status" -ne 0 ] && grep -Eq '^gate: [0-9]+ passed, [1-9][0-9]* failed' "$log"; then
    echo "selfcheck: a failing $runner test fails the gate (exit $status)"
    passed=$((passed + 1))
  else
    echo "selfcheck: a failing $runner test did NOT fail the gate (exit $status); its log follows"
    cat "$log"
    failed=$((failed + 1))
  fi
done
rm -rf .data-canary
echo "selfcheck summary: $passed of 3 runners fail the gate on a failing test"
[ "$failed" -eq 0 ]
