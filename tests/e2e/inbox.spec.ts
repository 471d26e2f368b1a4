import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInAndWait, signOut } from './helpers'

// One inbox per person (issue 13) and every figure traceable: the navigation's count, the list
// with its filter, an item done through its own form making the count go down; a live figure
// clicked opens the records behind it, as many as the figure.

test.describe.configure({ mode: 'serial' })

const ADDRESS = '宁城街道收件街 3 号'
const HEAD = '郑收件'
// ncjd.v1 works in 安业社区: its groups are 居民小组
const PLACE = { typed: 'dyjmxz', shown: '第一居民小组' }

/** The navigation's inbox count (0 when no badge is shown). */
async function navCount(page: Page): Promise<number> {
  const badge = page.getByTestId('inbox-count')
  return (await badge.count()) === 0 ? 0 : Number((await badge.textContent())!.trim())
}

async function openInbox(page: Page) {
  await page.getByTestId('main-nav').getByRole('link', { name: '待办', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('待办')
}

test('the village answers the township’s question from its inbox: the count in the navigation goes down', async ({ page }) => {
  test.setTimeout(240_000)
  // the village enters a household: a change for the township to check
  await signInAndWait(page, 'ncjd.v1')
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await page.getByRole('link', { name: '新建户' }).click()
  const place = page.getByRole('combobox', { name: '所在村(组)' })
  await place.pressSequentially(PLACE.typed)
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(PLACE.shown)
  await place.press('Enter')
  await page.getByLabel('住址').fill(ADDRESS)
  const member = page.getByRole('group', { name: '成员 1' })
  await member.getByLabel('与户主关系').selectOption({ label: '本人(户主)' })
  await member.getByLabel('姓名').fill(HEAD)
  await member.getByLabel('性别').selectOption({ label: '男' })
  await member.getByLabel('出生日期').fill('1981-05-05')
  await page.getByRole('button', { name: '保存新户' }).click()
  await expect(page.getByText('已新建户。')).toBeVisible()
  await signOut(page)

  // the township finds the change in its inbox and asks a question about it
  await signInAndWait(page, 'ncjd.staff')
  expect(await navCount(page)).toBeGreaterThanOrEqual(1)
  await openInbox(page)
  await expectAccessible(page)
  const review = page.getByTestId('inbox-registry.review')
  await expect(review).toContainText('条村级变更待核查')
  await expect(review).toContainText('人口登记')
  await review.getByRole('link').click()
  await expect(page.getByLabel('核查状态')).toHaveValue('TODO')
  const row = page.getByTestId('review-rows').getByRole('row').filter({ hasText: ADDRESS })
  await row.getByLabel('问题').fill('户主出生日期与户口簿一致吗？')
  await row.getByRole('button', { name: '退回并提问' }).click()
  await expect(page.getByTestId('review-notice')).toHaveText('已保存核查结果。')
  await signOut(page)

  // the village: the question is in its inbox, counted in the navigation
  await signInAndWait(page, 'ncjd.v1')
  const before = await navCount(page)
  expect(before).toBeGreaterThanOrEqual(1)
  await expect(page.getByTestId('work-registry.question')).toContainText('条变更提出了问题，待回复')
  await openInbox(page)
  await expect(page.getByTestId('inbox-total')).toHaveText(`共 ${before} 项`)
  // the filter: only the register's items, then all again
  await page.getByLabel('模块').selectOption({ value: 'registry' })
  await page.getByRole('button', { name: '筛选' }).click()
  await expect(page).toHaveURL(/module=registry/)
  const rows = page.getByTestId('inbox-list').getByRole('row')
  for (const text of await rows.allTextContents()) expect(text).toContain('人口登记')
  await expectAccessible(page)
  await page.getByLabel('模块').selectOption({ value: '' })
  await page.getByRole('button', { name: '筛选' }).click()
  await expect(page.getByTestId('inbox-total')).toHaveText(`共 ${before} 项`)

  await page.getByTestId('inbox-registry.question').getByRole('link').click()
  await expect(page.getByLabel('核查状态')).toHaveValue('QUESTIONED')
  await expectAccessible(page)
  const asked = page.getByTestId('review-rows').getByRole('row').filter({ hasText: ADDRESS })
  await expect(asked).toContainText('户主出生日期与户口簿一致吗？')
  // an empty answer is refused and says why; the question stays
  await asked.getByRole('button', { name: '回复' }).click()
  await expect(asked).toContainText('此项为必填项。')
  // answered with a double click: answered once, and it leaves the list
  await asked.getByLabel('回复内容').fill('已核对户口簿，一致。')
  await asked.getByRole('button', { name: '回复' }).dblclick()
  await expect(page.getByTestId('review-notice')).toHaveText('已回复，等待乡镇核查。')
  await expect(asked).toHaveCount(0)
  // any other question the township asked this village is answered too, so the item is done
  const others = page
    .getByTestId('review-rows')
    .getByRole('row')
    .filter({ has: page.getByLabel('回复内容') })
  while ((await others.count()) > 0) {
    const next = others.first()
    await next.getByLabel('回复内容').fill('已核对。')
    await next.getByRole('button', { name: '回复' }).click()
    await expect(page.getByTestId('review-notice')).toHaveText('已回复，等待乡镇核查。')
  }
  await page.getByTestId('main-nav').getByRole('link', { name: '首页' }).click()
  await expect(page.getByTestId('work-registry.question')).toHaveCount(0)
  expect(await navCount(page)).toBe(before - 1)
  await openInbox(page)
  await expect(page.getByTestId('inbox-registry.question')).toHaveCount(0)
  await expectAccessible(page)
})

test('a figure of the township’s live report opens the people behind it, as many as the figure', async ({ page }) => {
  test.setTimeout(180_000)
  await signInAndWait(page, 'ncjd.staff')
  await page.getByTestId('main-nav').getByRole('link', { name: '统计报表' }).click()
  const live = page.getByRole('form', { name: '实时数字' })
  await live.getByLabel('报表种类').selectOption({ label: '年报' })
  await live.getByRole('button', { name: '查看实时数字' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('实时数字')
  await expectAccessible(page)
  const cell = page.getByTestId('table-population.stock').getByTestId('total-row').locator('a[data-trace="registered"]')
  const figure = Number((await cell.textContent())!.trim())
  expect(figure).toBeGreaterThan(0)
  // a keyboard user reaches it like any link
  await cell.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('数字追溯')
  await expect(page.getByTestId('trace-heading')).toContainText('宁城街道')
  await expect(page.getByTestId('trace-heading')).toContainText('户籍人口')
  await expect(page.getByTestId('trace-count')).toHaveText(`按当前登记数据计算：${figure}`)
  await expect(page.getByTestId('trace-rows').getByRole('row')).toHaveCount(Math.min(figure, 50))
  // masked ID numbers only
  for (const text of await page.getByTestId('trace-rows').allTextContents()) expect(text).not.toMatch(/\d{17}[\dX]/)
  await expect(page.getByTestId('trace-export')).toBeVisible()
  await expectAccessible(page)
  // a rate opens nothing: it is computed, not counted
  await page.getByRole('link', { name: '返回报表' }).click()
  await expect(page.getByTestId('table-population.flows').getByTestId('total-row').locator('a[data-trace="birthRate"]')).toHaveCount(0)
})
