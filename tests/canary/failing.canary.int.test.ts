import { expect, test } from 'vitest'
import { db } from '@/tests/setup/db'

// Run only by scripts/gate-selfcheck.sh (XZ_GATE_CANARY=integration): the gate must fail on it,
// through the same global setup (embedded PostgreSQL) as every integration test.
test('gate canary: a failing integration test', async () => {
  const [{ one }] = await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`
  expect(one).toBe(2)
})
