import { expect, test, type Page } from '@playwright/test'
import { chooseInCombobox, expectAccessible, signInAndWait, signOut } from './helpers'
import { addWorkingDays } from '@/lib/workdays'

// Complaints and inquiries through the forms (issue 12): the county receives a complaint (the empty
// form refused, a double click saving one case), assigns it to 柴胡店镇, the township answers and
// closes it with the resident's satisfaction; a case received two weeks ago is flagged overdue.

const COUNTY = 'county.official'
const TOWNSHIP = 'chd.staff'
const stamp = Date.now() % 100000
const SUBJECT = `反映出生登记办理慢${stamp}`
const OLD_SUBJECT = `咨询扶助金发放${stamp}`

function dayFromToday(n: number) {
  const d = new Date(Date.now() + 8 * 3_600_000)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

async function openCases(page: Page) {
  await page.getByTestId('main-nav').getByRole('link', { name: '来电来信来访', exact: true }).click()
  await expect(page.getByRole('heading', { name: '来电来信来访', level: 1 })).toBeVisible()
}

async function receive(page: Page, subject: string, receivedOn: string) {
  await openCases(page)
  await page.getByRole('link', { name: '登记来电来信来访' }).click()
  const form = page.getByRole('form', { name: '登记来电来信来访' })
  await form.getByLabel('渠道').selectOption({ label: '来电' })
  await form.getByLabel('类别').selectOption({ label: '投诉' })
  await form.getByLabel('受理日期').fill(receivedOn)
  await form.getByLabel('事由').fill(subject)
  await form.getByLabel('具体内容').fill('群众来电反映孩子出生登记一周未办好。')
  return form
}

test('a complaint is received, assigned, answered and closed; a double click saves one case', async ({ page }) => {
  test.setTimeout(150_000)
  await signInAndWait(page, COUNTY)
  await openCases(page)
  await expectAccessible(page, { label: 'case list' })
  await page.getByRole('link', { name: '登记来电来信来访' }).click()
  const empty = page.getByRole('form', { name: '登记来电来信来访' })
  await expectAccessible(page, { label: 'intake' })
  await empty.getByRole('button', { name: '登记' }).click()
  await expect(empty.getByText('请检查标出的内容。')).toBeVisible()
  await expect(empty.getByLabel('事由')).toHaveAttribute('aria-invalid', 'true')

  const form = await receive(page, SUBJECT, dayFromToday(0))
  await form.getByRole('button', { name: '登记' }).dblclick()
  await expect(page.getByRole('heading', { name: SUBJECT, level: 1 })).toBeVisible()
  await expect(page.getByText('已登记', { exact: true })).toBeVisible()
  await expectAccessible(page, { label: 'new case' })

  // one case in the list, however often the button was pressed
  await openCases(page)
  await expect(page.getByRole('link', { name: SUBJECT })).toHaveCount(1)
  await page.getByRole('link', { name: SUBJECT }).click()

  // assigned to 柴胡店镇 by the receiving unit (首问负责)
  const assign = page.getByRole('form', { name: '交办' })
  await assign.getByRole('button', { name: '交办' }).click()
  await expect(assign.getByText('请检查标出的内容。')).toBeVisible()
  await chooseInCombobox(page, '承办单位', '柴胡店镇')
  await assign.getByRole('button', { name: '交办' }).click()
  await expect(page.getByText('已交办', { exact: true })).toBeVisible()
  await signOut(page)

  // the township answers (an empty answer refused), then closes it with the resident's satisfaction
  await signInAndWait(page, TOWNSHIP)
  await openCases(page)
  await page.getByRole('link', { name: SUBJECT }).click()
  await expectAccessible(page, { label: 'assigned case' })
  // closing needs an answer first: no closing form yet
  await expect(page.getByRole('form', { name: '办结' })).toHaveCount(0)
  const reply = page.getByRole('form', { name: '答复' })
  await reply.getByRole('button', { name: '保存答复' }).click()
  await expect(reply.getByText('请检查标出的内容。')).toBeVisible()
  await reply.getByLabel('答复内容').fill('已协调派出所，出生登记已办结，电话告知家属。')
  await reply.getByRole('button', { name: '保存答复' }).click()
  await expect(page.getByText('已答复', { exact: true })).toBeVisible()
  const close = page.getByRole('form', { name: '办结' })
  await close.getByLabel('群众满意度').selectOption({ label: '满意' })
  await close.getByRole('button', { name: '办结' }).click()
  await expect(page.getByText('已办结', { exact: true })).toBeVisible()
  await expect(page.getByText('满意', { exact: true })).toBeVisible()
  await expectAccessible(page, { label: 'closed case' })
})

test('a case not answered in 5 working days is flagged overdue and found by the filter', async ({ page }) => {
  await signInAndWait(page, COUNTY)
  const form = await receive(page, OLD_SUBJECT, dayFromToday(-14))
  await form.getByRole('button', { name: '登记' }).click()
  await expect(page.getByRole('heading', { name: OLD_SUBJECT, level: 1 })).toBeVisible()
  await expect(page.getByText('逾期', { exact: true })).toBeVisible()
  // due five working days after receipt (mainland holidays and make-up days counted)
  await expect(page.getByText(addWorkingDays(dayFromToday(-14), 5), { exact: true })).toBeVisible()
  await openCases(page)
  await page.getByLabel('仅看逾期').check()
  await page.getByRole('button', { name: '查询' }).click()
  const row = page.locator('tr', { has: page.getByRole('link', { name: OLD_SUBJECT }) })
  await expect(row).toContainText('逾期')
  await expect(page.getByRole('link', { name: SUBJECT })).toHaveCount(0)
  await expectAccessible(page, { label: 'overdue cases' })
})
