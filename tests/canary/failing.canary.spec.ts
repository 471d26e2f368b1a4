import { expect, test } from '@playwright/test'

// Run only by scripts/gate-selfcheck.sh (XZ_GATE_CANARY=e2e): the gate must fail on it.
test('gate canary: a failing end-to-end test', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: 'no such heading on the sign-in page' })).toBeVisible({ timeout: 2_000 })
})
