import { expect, test } from '@playwright/test'
import { makeHousehold } from '@/tests/factories/registry'
import { closeFixtureDatabase, e2eDatabase, expectAccessible, signInAndWait, signOut } from './helpers'

// A broken record the service would never write, put straight into the e2e database: a household
// in 宁城街道's first village whose only member is not marked as head, so it has no head.
const ADDRESS = '宁城街道质量检查路 1 号'

test('township staff run the check, see a headless household, assign the finding and close it with a note', async ({ page }) => {
  const db = e2eDatabase()
  let householdId: number
  try {
    const village = await db.region.findUniqueOrThrow({ where: { code: '371422001001' } })
    const made = await makeHousehold(db, village, {
      address: ADDRESS,
      members: [{ name: '韩无主', sex: 'FEMALE', birthDate: '1975-02-03', ethnicity: '01', residence: 'LOCAL', maritalStatus: 'WIDOWED', relation: 'SPOUSE' }],
    })
    householdId = made.household.id
  } finally {
    await closeFixtureDatabase(db)
  }

  await signInAndWait(page, 'ncjd.staff')
  await page.goto('/register/quality')
  await expect(page.getByRole('heading', { name: '数据质量' })).toBeVisible()
  await page.getByRole('button', { name: '全面检查' }).click()
  await expect(page.getByText(/检查完成/)).toBeVisible({ timeout: 30_000 })

  const row = page.getByRole('row').filter({ hasText: ADDRESS })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('户内无户主')
  await expect(row).toContainText('错误')
  await expect(row).toContainText('待处理')
  await expect(row.getByRole('link', { name: new RegExp(ADDRESS) })).toHaveAttribute('href', `/register/households/${householdId}`)

  await row.getByText('处理', { exact: true }).click()
  await expect(row.locator('details')).toHaveAttribute('open', '')
  await expectAccessible(page)
  const select = row.getByLabel('指派给')
  const value = await select.locator('option', { hasText: '冯桂兰' }).getAttribute('value')
  await select.selectOption(value!)
  await row.getByRole('button', { name: '指派', exact: true }).click()
  await expect(row).toContainText('已指派')
  await expect(row).toContainText('冯桂兰')

  // closing asks for confirmation and a note (the actions stay unfolded after the assignment)
  await expect(row.locator('details')).toHaveAttribute('open', '')
  page.once('dialog', (dialog) => dialog.accept())
  await row.getByLabel('关闭 (说明)').fill('户主已迁出，下月补登新户主')
  await row.getByRole('button', { name: '关闭', exact: true }).click()
  await expect(page.getByRole('row').filter({ hasText: ADDRESS })).toHaveCount(0) // gone from the open list

  await page.goto('/register/quality?status=CLOSED')
  const closed = page.getByRole('row').filter({ hasText: ADDRESS })
  await expect(closed).toContainText('已关闭')
  await expect(closed).toContainText('户主已迁出，下月补登新户主')
  await signOut(page)

  // another township's staff see nothing of it
  await signInAndWait(page, 'chd.staff')
  await page.goto('/register/quality?status=ALL')
  await expect(page.getByRole('row').filter({ hasText: ADDRESS })).toHaveCount(0)
})
