import { expect, test, type Page } from '@playwright/test'
import { closeFixtureDatabase, e2eDatabase, expectAccessible, signInAndWait } from './helpers'
import { makeHousehold } from '@/tests/factories/registry'

// Services through the forms (issue 11): a child check recorded from the person page, a group
// activity, a sensitive service refused without consent and saved with it, the coverage page and
// the catalogue. The demo's places are being renamed: the accounts are the only names used here,
// and the residents are made by this spec in the village of the village officer.

const VILLAGE_OFFICER = 'chd.v1'
const SERVICE_STAFF = 'chd.service'
const COUNTY_OFFICIAL = 'county.official'
const ADMIN = 'admin'
const CHILD = '孟小禾'
const WOMAN = '孟春晓'

/** yyyy-mm-dd `n` days before today in China (UTC+8), as the app counts days. */
function daysAgo(n: number) {
  const d = new Date(Date.now() + 8 * 3_600_000)
  d.setUTCDate(d.getUTCDate() - n)
  return d.toISOString().slice(0, 10)
}

test.beforeAll(async () => {
  const db = e2eDatabase()
  try {
    const officer = await db.user.findUniqueOrThrow({
      where: { username: VILLAGE_OFFICER },
      select: { region: { select: { id: true, level: true, ancestorIds: true } } },
    })
    if ((await db.person.count({ where: { name: CHILD } })) === 0) {
      await makeHousehold(db, officer.region, {
        address: '服务测试路 1 号',
        members: [
          { name: WOMAN, sex: 'FEMALE', birthDate: '1995-02-03', ethnicity: '01', residence: 'LOCAL', maritalStatus: 'MARRIED', relation: 'SELF' },
          { name: CHILD, sex: 'MALE', birthDate: daysAgo(200), ethnicity: '01', residence: 'LOCAL', maritalStatus: 'SINGLE', relation: 'CHILD' },
        ],
      })
    }
  } finally {
    await closeFixtureDatabase(db)
  }
})

/** Finds a resident by name in the register search, as a clerk does, and opens their page. */
async function openPerson(page: Page, name: string) {
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息', exact: true }).click()
  await page.getByRole('searchbox', { name: '查找居民' }).or(page.getByLabel('查找居民')).fill(name)
  await page.getByRole('button', { name: '查询', exact: true }).click()
  await page.getByRole('link', { name, exact: true }).first().click()
  await expect(page.getByTestId('person-name')).toHaveText(name)
}

const serviceForm = (page: Page) => page.getByRole('form', { name: '记录一次服务' })

test('a village officer records a child check from the person page: empty field, wrong date and double click handled', async ({ page }) => {
  await signInAndWait(page, VILLAGE_OFFICER)
  await openPerson(page, CHILD)
  await expectAccessible(page, { label: 'person page' })
  const form = serviceForm(page)
  const records = page.getByTestId('service-record')
  const before = await records.count()
  // the officer is offered the services villages deliver, never the sensitive ones
  await expect(form.getByLabel('服务类型').locator('option', { hasText: '孕前优生健康检查' })).toHaveCount(0)
  await form.getByLabel('服务类型').selectOption({ label: '0–6岁儿童健康检查' })

  // empty fields: nothing saved, the fields say why
  await form.getByRole('button', { name: '保存服务记录' }).click()
  await expect(form.getByText('请检查标出的内容。')).toBeVisible()
  await expect(form.getByText('此项为必填项。').first()).toBeVisible()

  // a date before the child's birth is refused with the birth date named
  await form.getByLabel('服务日期').fill(daysAgo(260))
  // the officer's own room is the one station offered, already chosen
  await expect(form.getByLabel('服务站/服务室').locator('option')).toHaveCount(2)
  const room = (await form.getByLabel('服务站/服务室').locator('option:checked').textContent()) ?? ''
  expect(room).toMatch(/服务室$/)
  await form.getByLabel('服务结果').fill('生长发育正常')
  await form.getByRole('button', { name: '保存服务记录' }).click()
  await expect(form.getByText(`服务日期早于此人的出生日期（${daysAgo(200)}）。`).first()).toBeVisible()
  await expect(records).toHaveCount(before)

  // the right date (today: the six-month check fell due some days ago), saved once however often the button is pressed
  await form.getByLabel('服务日期').fill(daysAgo(0))
  await form.getByRole('button', { name: '保存服务记录' }).dblclick()
  await expect(form.getByText('服务记录已保存。')).toBeVisible()
  await expect(records).toHaveCount(before + 1)
  await page.reload()
  await expect(records).toHaveCount(before + 1)
  const saved = records.filter({ hasText: '生长发育正常' })
  await expect(saved).toContainText('0–6岁儿童健康检查')
  await expect(saved).toContainText(daysAgo(0))
  await expect(saved).toContainText(room)
  await expectAccessible(page, { label: 'person page with a record' })
})

test('a village officer records a group activity; a wrong attendance is refused', async ({ page }) => {
  await signInAndWait(page, VILLAGE_OFFICER)
  await page.getByTestId('main-nav').getByRole('link', { name: '集体活动' }).click()
  await expect(page.getByRole('heading', { name: '集体活动', level: 1 })).toBeVisible()
  await expectAccessible(page, { label: 'activities' })
  const form = page.getByRole('form', { name: '记录集体活动' })
  await form.getByLabel('服务类型').selectOption({ label: '健康教育活动' })
  await form.getByLabel('活动主题').fill('秋季儿童营养讲座')
  await form.getByLabel('地点').fill('村委会会议室')
  await form.getByLabel('参加人数').fill('三十')
  await form.getByLabel('服务结果').fill('发放宣传资料')
  await form.getByRole('button', { name: '保存活动' }).click()
  await expect(form.getByText('请检查标出的内容。')).toBeVisible()
  await expect(form.getByLabel('参加人数')).toHaveAttribute('aria-invalid', 'true')
  await form.getByLabel('参加人数').fill('32')
  await form.getByRole('button', { name: '保存活动' }).click()
  await expect(form.getByText('集体活动已保存。')).toBeVisible()
  const activity = page.getByTestId('service-record').filter({ hasText: '秋季儿童营养讲座' })
  await expect(activity).toHaveCount(1)
  await expect(activity).toContainText('村委会会议室')
  await expect(activity).toContainText('32')
  await expectAccessible(page, { label: 'activities with one' })
})

test('service staff cannot save a sensitive service without consent; with consent it is saved and the village does not see it', async ({ page }) => {
  await signInAndWait(page, SERVICE_STAFF)
  await openPerson(page, WOMAN)
  const form = serviceForm(page)
  await form.getByLabel('服务类型').selectOption({ label: '孕前优生健康检查（敏感）' })
  await expect(form.getByRole('group', { name: '知情同意' })).toBeVisible()
  await form.getByLabel('服务站/服务室').selectOption({ index: 1 })
  await form.getByLabel('服务结果').fill('检查完成，无异常')
  await form.getByRole('button', { name: '保存服务记录' }).click()
  await expect(form.getByText('敏感服务须先记录知情同意：同意人、同意日期和同意方式。未记录同意，不能保存。').first()).toBeVisible()
  await expect(page.getByTestId('service-record')).toHaveCount(0)
  await expectAccessible(page, { label: 'sensitive service refused' })

  await form.getByLabel('同意人').selectOption({ label: '本人' })
  await form.getByLabel('同意日期').fill(daysAgo(0))
  await form.getByLabel('同意方式').selectOption({ label: '签字同意书（扫描件）' })
  await form.getByRole('button', { name: '保存服务记录' }).click()
  await expect(form.getByText('服务记录已保存。')).toBeVisible()
  const saved = page.getByTestId('service-record').filter({ hasText: '孕前优生健康检查' })
  await expect(saved).toContainText('本人于')
  await expect(saved).toContainText('签字同意书')

  // the village officer of the same village opens the same person and sees nothing of it
  await page.context().clearCookies()
  await signInAndWait(page, VILLAGE_OFFICER)
  await openPerson(page, WOMAN)
  await expect(page.getByText('孕前优生健康检查')).toHaveCount(0)
  await expect(page.getByText('检查完成，无异常')).toHaveCount(0)
})

test('the county sees coverage figures per township and opens the records behind one', async ({ page }) => {
  await signInAndWait(page, COUNTY_OFFICIAL)
  await page.getByTestId('main-nav').getByRole('link', { name: '服务与覆盖' }).click()
  await expect(page.getByRole('heading', { name: '服务与覆盖', level: 1 })).toBeVisible()
  await expect(page.getByRole('columnheader', { name: /0–6岁儿童健康检查按时完成/ })).toBeVisible()
  await expect(page.getByTestId('coverage-total')).toBeVisible()
  await expectAccessible(page, { label: 'coverage' })
  // choose the township of the child checked above: its row opens its villages
  const rows = page.getByRole('row').filter({ has: page.getByRole('link') })
  const withChildren = rows.filter({ has: page.getByRole('link', { name: /^[1-9]\d*\/\d+$/ }) })
  await withChildren.first().getByRole('link').first().click()
  await expect(page.getByTestId('coverage-region')).not.toHaveText('')
  await expectAccessible(page, { label: 'coverage of a township' })
  await page
    .getByTestId('coverage-total')
    .getByRole('link', { name: /^[1-9]\d*\/\d+$/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('服务记录')
  await expect(page.getByTestId('service-record').first()).toBeVisible()
  await expectAccessible(page, { label: 'records behind a figure' })
})

test('the county administrator adds a service type; a malformed code is refused', async ({ page }) => {
  await signInAndWait(page, ADMIN)
  await page.getByTestId('main-nav').getByRole('link', { name: '服务目录' }).click()
  await expect(page.getByTestId('service-type')).toHaveCount(8)
  await expectAccessible(page, { label: 'catalogue' })
  const form = page.getByRole('form', { name: '新增服务类型' })
  await form.getByLabel('编码').fill('9abc')
  await form.getByLabel('中文名称').fill('产后访视')
  await form.getByLabel('英文名称').fill('Postnatal visit')
  await form.getByLabel('提供者').selectOption({ label: '村信息员' })
  await form.getByLabel('对象').selectOption({ label: '个人服务' })
  await form.getByLabel('应服务频次').selectOption({ label: '按需' })
  await form.getByRole('button', { name: '保存服务类型' }).click()
  await expect(form.getByText('编码须以大写字母开头，由字母、数字或下划线组成，2–20位。')).toBeVisible()
  await form.getByLabel('编码').fill('POSTNATAL')
  await form.getByRole('button', { name: '保存服务类型' }).click()
  await expect(form.getByText('服务类型已保存。')).toBeVisible()
  await expect(page.getByTestId('service-type').filter({ hasText: '产后访视' })).toContainText('POSTNATAL')
  await expectAccessible(page, { label: 'catalogue after adding' })
})
