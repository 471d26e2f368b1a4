import { expect, test } from 'vitest'

// Run only by scripts/gate-selfcheck.sh (XZ_GATE_CANARY=unit): the gate must fail on it.
test('gate canary: a failing unit test', () => {
  expect(1).toBe(2)
})
