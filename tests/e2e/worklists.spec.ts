import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInAndWait, signOut } from './helpers'

// Work lists: each person's home page says what waits for them, and each count opens the page
// that does it. The township checks a village's changes (one question, then all the rest at once),
// the village answers the question, and the administrator reads the audit without residents' data.

test.describe.configure({ mode: 'serial' })

const ADDRESS = '宁城街道待办街 9 号'
const HEAD = '周待办'
const OTHER_ADDRESS = '宁城街道待办街 11 号'
/** The village officer's place for the new households (their village's first group), as typed and as listed. */
// ncjd.v1 works in 安业社区, an urban community: its groups are 居民小组
const PLACE = { typed: 'dyjmxz', shown: '第一居民小组' }

/** The number in a home-page count, e.g. "3 条村级变更待核查" → 3. */
async function countOf(link: ReturnType<Page['getByRole']>) {
  return Number((await link.textContent())!.match(/\d+/)![0])
}

test('the township checks the village changes from its home page: one question, then all shown at once', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  // a village officer enters two households: two changes waiting for the township
  for (const [address, head] of [
    [ADDRESS, HEAD],
    [OTHER_ADDRESS, '吴待办'],
  ]) {
    await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
    await page.getByRole('link', { name: '新建户' }).click()
    // the place: typed as pinyin initials into the searchable list, the first match chosen
    const place = page.getByRole('combobox', { name: '所在村(组)' })
    await place.pressSequentially(PLACE.typed)
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(PLACE.shown)
    await place.press('Enter')
    await page.getByLabel('住址').fill(address)
    const member = page.getByRole('group', { name: '成员 1' })
    await member.getByLabel('与户主关系').selectOption({ label: '本人(户主)' })
    await member.getByLabel('姓名').fill(head)
    await member.getByLabel('性别').selectOption({ label: '男' })
    await member.getByLabel('出生日期').fill('1979-04-04')
    await page.getByRole('button', { name: '保存新户' }).click()
    await expect(page.getByText('已新建户。')).toBeVisible()
  }
  await signOut(page)

  await signInAndWait(page, 'ncjd.staff')
  await expectAccessible(page)
  const toReview = page.getByTestId('work-registry.review').getByRole('link')
  await expect(toReview).toContainText('条村级变更待核查')
  const waiting = await countOf(toReview)
  expect(waiting).toBeGreaterThanOrEqual(2)
  await toReview.click()
  await expect(page).toHaveURL(/\/register\/review\?/)
  await expect(page.getByLabel('核查状态')).toHaveValue('TODO')
  await expect(page.getByTestId('review-count')).toHaveText(`共 ${waiting} 条`)
  await expectAccessible(page)

  // a question about the new household: it leaves the list, and the page says what happened
  const row = page.getByTestId('review-rows').getByRole('row').filter({ hasText: ADDRESS })
  await row.getByLabel('问题').fill('户主出生日期与户口簿一致吗？')
  await row.getByRole('button', { name: '退回并提问' }).click()
  await expect(page.getByTestId('review-notice')).toHaveText('已保存核查结果。')
  await expect(page.getByTestId('review-count')).toHaveText(`共 ${waiting - 1} 条`)
  await expect(row).toHaveCount(0)

  // everything else shown: checked with one confirmation
  let asked = ''
  page.once('dialog', (dialog) => {
    asked = dialog.message()
    void dialog.accept()
  })
  await page.getByRole('button', { name: `全部核查无误（本页 ${waiting - 1} 条）` }).click()
  await expect(page.getByTestId('review-notice')).toHaveText(`已将 ${waiting - 1} 条变更标为核查无误。`)
  expect(asked).toContain(`${waiting - 1} 条待核查变更`)
  await expect(page.getByTestId('review-count')).toHaveText('共 0 条')
  await expect(page.getByText('没有符合条件的变更。')).toBeVisible()
  await page.getByTestId('main-nav').getByRole('link', { name: '首页' }).click()
  await expect(page.getByTestId('work-registry.review')).toHaveCount(0)
})

test('the village answers the question from its home page; the page says so; the township sees the answer waiting', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  const questions = page.getByTestId('work-registry.question').getByRole('link')
  await expect(questions).toContainText('条变更提出了问题，待回复')
  const asked = await countOf(questions)
  await questions.click()
  await expect(page.getByLabel('核查状态')).toHaveValue('QUESTIONED')
  await expect(page.getByTestId('review-count')).toHaveText(`共 ${asked} 条`)
  const row = page.getByTestId('review-rows').getByRole('row').filter({ hasText: ADDRESS })
  await expect(row).toContainText('户主出生日期与户口簿一致吗？')
  await row.getByLabel('回复内容').fill('已核对户口簿，一致。')
  await row.getByRole('button', { name: '回复' }).click()
  // the answered change leaves the filtered list; the page says what happened, not "no changes"
  await expect(page.getByTestId('review-notice')).toHaveText('已回复，等待乡镇核查。')
  await expect(row).toHaveCount(0)
  await expect(page.getByText('本月没有村里录入的变更。')).toHaveCount(0)
  await expectAccessible(page)
  await signOut(page)

  await signInAndWait(page, 'ncjd.staff')
  const toReview = page.getByTestId('work-registry.review').getByRole('link')
  await expect(toReview).toContainText('1 条村级变更待核查')
  await toReview.click()
  const answered = page.getByTestId('review-rows').getByRole('row').filter({ hasText: ADDRESS })
  await expect(answered).toContainText('已回复')
  await expect(answered).toContainText('已核对户口簿，一致。')
  await answered.getByRole('button', { name: '核查无误', exact: true }).click()
  await expect(page.getByTestId('review-notice')).toHaveText('已保存核查结果。')
  await expect(answered).toHaveCount(0)
})

test('the administrator reads the audit as fields in Chinese and China time, without residents’ data', async ({ page }) => {
  await signInAndWait(page, 'admin')
  await expect(page.getByTestId('work-list-empty')).toHaveText('目前没有等待您处理的事项。')
  await page.getByTestId('main-nav').getByRole('link', { name: '审计日志' }).click()
  await page.getByLabel('对象', { exact: true }).selectOption({ label: '户' })
  await page.getByRole('button', { name: '查询' }).click()
  const rows = page.getByTestId('audit-rows').getByRole('row')
  const created = rows.filter({ hasText: '新建户' }).first()
  await expect(created).toBeVisible()
  // which fields changed, but not the household's address or its members
  await expect(created).toContainText('住址')
  await expect(created).toContainText('涉及居民个人信息')
  const audit = page.getByTestId('audit-rows')
  await expect(audit).not.toContainText(ADDRESS)
  await expect(audit).not.toContainText(HEAD)
  await expect(audit).not.toContainText('{"')
  await expectAccessible(page)

  // an event without residents' data reads as fields and values, times in China time
  await page.getByLabel('对象', { exact: true }).selectOption({ label: '登录会话' })
  await page.getByRole('button', { name: '查询' }).click()
  // the newest event is this sign-in, shown on today's date in China
  const chinaToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '/')
  await expect(audit.getByRole('row').first()).toContainText(chinaToday)
  await expect(audit).not.toContainText('{"')
  await expect(audit).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
})
