import { expect, test, type Page } from '@playwright/test'
import { chooseInCombobox, expectAccessible, signInAndWait, signOut } from './helpers'

// Tasks through the forms (issue 12): the county issues a task to 宁城街道 (an empty form and a
// due date in the past refused first), the township reports it done with evidence, the county
// returns it with a reason, the township reports again and the county accepts it.

const COUNTY = 'county.official'
const TOWNSHIP = 'ncjd.staff'
const TITLE = `入户核查专项任务${Date.now() % 100000}`
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** yyyy-mm-dd `n` days from today in China (UTC+8), as the app counts days. */
function dayFromToday(n: number) {
  const d = new Date(Date.now() + 8 * 3_600_000)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

async function openTasks(page: Page) {
  await page.getByTestId('main-nav').getByRole('link', { name: '工作任务', exact: true }).click()
  await expect(page.getByRole('heading', { name: '工作任务', level: 1 })).toBeVisible()
}

async function openTask(page: Page) {
  await openTasks(page)
  await page.getByRole('link', { name: TITLE }).click()
  await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible()
}

test('the county issues a task, the township reports it done, the county returns it, then accepts it', async ({ page }) => {
  test.setTimeout(180_000)
  await signInAndWait(page, COUNTY)
  await openTasks(page)
  await expectAccessible(page, { label: 'task list' })
  const issue = page.getByRole('form', { name: '下发任务' })

  // the empty form: nothing issued, the fields say why
  await issue.getByRole('button', { name: '下发' }).click()
  await expect(issue.getByText('请检查标出的内容。')).toBeVisible()
  await expect(issue.getByLabel('任务名称')).toHaveAttribute('aria-invalid', 'true')

  // a due date in the past is refused
  await issue.getByLabel('任务名称').fill(TITLE)
  await issue.getByLabel('任务内容').fill('对辖区新登记户逐户入户核查，上传核查记录。')
  await chooseInCombobox(page, '责任单位或责任人', '宁城街道')
  await issue.getByLabel('完成期限').fill(dayFromToday(-1))
  await issue.getByRole('button', { name: '下发' }).click()
  await expect(issue.getByText('完成期限不能早于今天。').first()).toBeVisible()
  await expect(page.getByRole('link', { name: TITLE })).toHaveCount(0)

  // due today: issued, listed, and in its warning days
  await issue.getByLabel('完成期限').fill(dayFromToday(0))
  await issue.getByRole('button', { name: '下发' }).click()
  await expect(issue.getByText('任务已下发。')).toBeVisible()
  const row = page.locator('tr', { has: page.getByRole('link', { name: TITLE }) })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('宁城街道')
  await expect(row).toContainText('即将到期')
  await expectAccessible(page, { label: 'task list with the new task' })
  // the county does not report its own task: no report form for it
  await page.getByRole('link', { name: TITLE }).click()
  await expect(page.getByRole('form', { name: '报告完成' })).toHaveCount(0)
  await signOut(page)

  // the township reports it done with evidence (an empty report is refused)
  await signInAndWait(page, TOWNSHIP)
  await openTask(page)
  await expectAccessible(page, { label: 'task page for the township' })
  const report = page.getByRole('form', { name: '报告完成' })
  await report.getByRole('button', { name: '报告完成' }).click()
  await expect(report.getByText('请检查标出的内容。')).toBeVisible()
  await report.getByLabel('完成情况').fill('已入户核查 12 户，记录见附件。')
  await report.getByLabel(/佐证材料/).setInputFiles({ name: '核查记录.png', mimeType: 'image/png', buffer: PNG })
  await report.getByRole('button', { name: '报告完成' }).click()
  await expect(page.getByText('待验收', { exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: '核查记录.png' })).toBeVisible()
  // the township cannot check its own report
  await expect(page.getByRole('form', { name: '验收' })).toHaveCount(0)
  await signOut(page)

  // the county returns it: a return without a reason is refused
  await signInAndWait(page, COUNTY)
  await openTask(page)
  const check = page.getByRole('form', { name: '验收' })
  await check.getByRole('button', { name: '退回' }).click()
  await expect(check.getByText('退回时请填写理由。').first()).toBeVisible()
  await check.getByLabel('退回理由').fill('缺少入户照片，请补充。')
  await check.getByRole('button', { name: '退回' }).click()
  await expect(page.getByText('已退回', { exact: true })).toBeVisible()
  await expect(page.getByText('缺少入户照片，请补充。')).toBeVisible()
  await expectAccessible(page, { label: 'returned task' })
  await signOut(page)

  // the township reports again; the county accepts
  await signInAndWait(page, TOWNSHIP)
  await openTask(page)
  await page.getByRole('form', { name: '报告完成' }).getByLabel('完成情况').fill('已补充入户照片。')
  await page.getByRole('form', { name: '报告完成' }).getByRole('button', { name: '报告完成' }).click()
  await expect(page.getByText('待验收', { exact: true })).toBeVisible()
  await signOut(page)
  await signInAndWait(page, COUNTY)
  await openTask(page)
  await page.getByRole('form', { name: '验收' }).getByRole('button', { name: '验收通过' }).click()
  await expect(page.getByText('已验收', { exact: true })).toBeVisible()
  await expect(page.getByRole('form', { name: '验收' })).toHaveCount(0)
  await expectAccessible(page, { label: 'accepted task' })
})

test('the agreements page and an agreement print view', async ({ page }) => {
  await signInAndWait(page, COUNTY)
  await page.getByTestId('main-nav').getByRole('link', { name: '目标管理责任书' }).click()
  await expect(page.getByRole('heading', { name: '目标管理责任书', level: 1 })).toBeVisible()
  await expectAccessible(page, { label: 'agreements' })
  await page.locator('tr', { hasText: '宁城街道' }).getByRole('link').first().click()
  const print = page.getByTestId('agreement-print')
  await expect(print).toContainText('宁城街道')
  await expect(print).toContainText('工作任务按时完成率')
  await expect(print).toContainText('100')
  await expectAccessible(page, { label: 'agreement' })
})
