import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, chooseInCombobox, closeFixtureDatabase, e2eDatabase, expectAccessible, signInAndWait } from './helpers'
import { makeRegion, makeUser } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'

// A county of the test's own (so the demo county and the other tests are untouched): 旧城镇 with
// two villages is split into 东城街道 and 西城街道 through the forms, then the tree is viewed as of
// a date before the split.

const COUNTY = '371499000000'
const ADMIN = 'e2e.hist.admin'
const STAFF = 'e2e.hist.staff'

test.beforeAll(async () => {
  const db = e2eDatabase()
  try {
    const county = await makeRegion(db, { code: COUNTY, name: '史测县', level: 'COUNTY' })
    const town = await makeRegion(db, { code: '371499101000', name: '旧城镇', level: 'TOWNSHIP', parent: county })
    await makeRegion(db, { code: '371499102000', name: '河西乡', level: 'TOWNSHIP', parent: county })
    const east = await makeRegion(db, { code: '371499101201', name: '东关村', level: 'VILLAGE', parent: town })
    const west = await makeRegion(db, { code: '371499101202', name: '西关村', level: 'VILLAGE', parent: town })
    await makeRegion(db, { code: '371499101201001', name: '东关一组', level: 'GROUP', parent: east })
    const person = (name: string) => ({
      name,
      sex: 'MALE' as const,
      birthDate: '1970-03-04',
      ethnicity: '01',
      residence: 'LOCAL' as const,
      maritalStatus: 'MARRIED' as const,
    })
    await makeHousehold(db, east, { address: '东关村 1 号', members: [{ ...person('史东一'), relation: 'SELF' }] })
    await makeHousehold(db, west, { address: '西关村 1 号', members: [{ ...person('史西一'), relation: 'SELF' }] })
    await makeUser(db, { username: ADMIN, name: '史测管理员', role: 'ADMIN', regionId: county.id, password: DEMO_PASSWORD })
    await makeUser(db, { username: STAFF, name: '旧城统计员', role: 'TOWNSHIP_STAFF', regionId: town.id, password: DEMO_PASSWORD })
  } finally {
    await closeFixtureDatabase(db)
  }
})

test('a county administrator previews and records a split, then views the tree as of a date before it', async ({ page }) => {
  await signInAndWait(page, ADMIN)
  await page.goto('/regions')
  await expect(page.getByTestId('region-children')).toContainText('旧城镇')
  await expectAccessible(page, { label: 'regions' })
  await page.getByRole('link', { name: '区划调整' }).click()
  await expect(page.getByRole('heading', { name: '区划调整', level: 1 })).toBeVisible()
  await expect(page.getByText('尚未记录区划调整。')).toBeVisible()
  await expectAccessible(page, { label: 'history' })

  const form = page.getByRole('form', { name: '拆分乡镇' })
  // the empty form: each required field says so, nothing is previewed
  await form.getByRole('button', { name: '预览' }).click()
  await expect(form.getByText('请检查标出的内容')).toBeVisible()
  await expect(form.getByText('此项为必填项').first()).toBeVisible()
  await expect(form.getByRole('button', { name: '确认调整' })).toHaveCount(0)

  await chooseInCombobox(page, '被拆分的乡镇（街道）', '旧城镇', '请选择')
  await form.getByLabel('生效日期').fill('2026-01-01')
  await form.getByLabel('文号').fill('鲁政字〔2025〕12号')
  await form.getByLabel('文件标题').fill('关于撤销旧城镇设立东城街道西城街道的批复')
  const part = (n: number) => form.getByRole('group', { name: `新乡镇（街道）${n}` })
  await part(1).getByLabel('新名称').fill('东城街道')
  await part(1).getByLabel('新区划代码').fill('3714990011') // a wrong value: 10 digits
  await part(2).getByLabel('新名称').fill('西城街道')
  await part(2).getByLabel('新区划代码').fill('371499002000')
  await form.getByRole('button', { name: '预览' }).click()
  await expect(form.getByText('区划代码应为 12 位数字')).toBeVisible()

  await part(1).getByLabel('新区划代码').fill('371499001000')
  await form.getByLabel('东关村').selectOption({ label: '东城街道' })
  // 西关村 left unassigned: refused, naming it
  await form.getByRole('button', { name: '预览' }).click()
  await expect(form.getByText('以下村尚未指定划入的乡镇：西关村')).toBeVisible()

  await form.getByLabel('西关村').selectOption({ label: '西城街道' })
  await form.getByRole('button', { name: '预览' }).click()
  const preview = form.getByTestId('change-preview')
  await expect(preview).toContainText('调整预览（尚未保存）')
  await expect(preview).toContainText('将撤销：旧城镇（371499101000）、东关村（371499101201）、西关村（371499101202）')
  await expect(preview).toContainText('371499001201')
  await expect(preview).toContainText('371499002202')
  await expect(preview).toContainText('户籍登记：2 户、2 人随所在村划转')
  await expect(preview).toContainText(`旧城统计员（${STAFF}，旧城镇）`)
  await expectAccessible(page, { label: 'history preview' })

  // a double click records the change once
  await form.getByRole('button', { name: '确认调整' }).dblclick()
  await expect(form.getByText('区划调整已记录。')).toBeVisible()
  await expect(page.getByTestId('region-changes')).toContainText('旧城镇 → 东城街道、西城街道')
  const db = e2eDatabase()
  try {
    const county = await db.region.findUniqueOrThrow({ where: { code: COUNTY } })
    expect(await db.regionChange.count({ where: { countyId: county.id } })).toBe(1)
    expect(await db.region.count({ where: { parentId: county.id, name: '东城街道' } })).toBe(1)
  } finally {
    await closeFixtureDatabase(db)
  }

  // the tree today, then as of the day before the split
  await page.getByTestId('main-nav').getByRole('link', { name: '行政区划' }).click()
  const children = page.getByTestId('region-children')
  await expect(children).toContainText('东城街道')
  await expect(children).not.toContainText('旧城镇')
  await page.getByLabel('查看日期').fill('2025-12-31')
  await page.getByRole('button', { name: '查看' }).click()
  await expect(page.getByText('以下为 2025-12-31 有效的区划。')).toBeVisible()
  await expect(children).toContainText('旧城镇')
  await expect(children).toContainText('已于 2026-01-01 撤销')
  await expect(children).not.toContainText('东城街道')
  await expectAccessible(page, { label: 'regions as of' })
  await children.getByRole('link', { name: '旧城镇' }).click()
  await expect(page.getByTestId('region-name')).toContainText('旧城镇')
  await expect(page.getByTestId('region-children')).toContainText('东关村')
  await expect(page.getByTestId('region-children')).toContainText('西关村')
  await expectAccessible(page, { label: 'old township as of' })

  // the user of the ended township is listed for reassignment, on the home page and the users page
  await page.goto('/')
  await page.getByRole('link', { name: /1 个用户所在区划已撤销/ }).click()
  await expect(page.getByTestId('ended-region-users')).toContainText(STAFF)
  await expect(page.getByTestId('ended-region-users')).toContainText('旧城镇')
  await expectAccessible(page, { label: 'users' })
})
