import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, filterAudit, signInAndWait, signOut } from './helpers'

async function openNingjinTown(page: Page) {
  await page.goto('/regions')
  await page.getByRole('link', { name: '宁城街道', exact: true }).click()
  await expect(page.getByTestId('region-name')).toContainText('宁城街道')
}

function csv(rows: string[][]) {
  return Buffer.from('\uFEFF' + ['代码,名称,上级代码', ...rows.map((r) => r.join(','))].join('\r\n'), 'utf8')
}

test('region CSV import: one bad row shows that row’s error and imports nothing; the fixed file imports', async ({ page }) => {
  await signInAndWait(page, 'admin')
  await page.goto('/regions/import')
  const bad = csv([
    ['371422001291', '导入好村', '371422001000'],
    ['371422001292', '<script>alert(1)</script>', '371422001000'],
  ])
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'regions.csv', mimeType: 'text/csv', buffer: bad })
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('发现 1 处错误，未导入任何数据')).toBeVisible()
  const errors = page.getByTestId('import-errors').getByRole('row')
  await expect(errors).toHaveCount(1)
  await expect(errors.first()).toContainText('3')
  await expect(errors.first()).toContainText('名称')
  await expect(errors.first()).toContainText('只能包含汉字、字母、数字')
  await expect(page.getByRole('button', { name: /^导入/ })).toHaveCount(0)

  await openNingjinTown(page)
  await expect(page.getByRole('link', { name: '导入好村' })).toHaveCount(0)

  await page.goto('/regions/import')
  const good = csv([
    ['371422001291', '导入好村', '371422001000'],
    ['371422001292', '导入二村', '371422001000'],
  ])
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'regions.csv', mimeType: 'text/csv', buffer: good })
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('检查通过：2 行均无错误。')).toBeVisible()
  await page.getByRole('button', { name: '导入 2 条' }).click()
  await expect(page.getByText('已导入 2 条区划。')).toBeVisible()
  await openNingjinTown(page)
  await expect(page.getByRole('link', { name: '导入好村' })).toBeVisible()

  await filterAudit(page, '行政区划')
  await expect(page.getByTestId('audit-rows')).toContainText('导入区划')
})

test('hostile and malformed input in the region and user forms: a clear message, nothing saved', async ({ page }) => {
  await signInAndWait(page, 'admin')
  await openNingjinTown(page)
  const attempts: [string, string, RegExp][] = [
    ['', '', /此项为必填项/],
    ['abc', '<script>alert(1)</script>', /区划代码应为 12 位数字/],
    ['371422001293', 'x\'); DROP TABLE "Region"; --', /只能包含汉字、字母、数字/],
    ['371422001294', '幸福村😀', /只能包含汉字、字母、数字/],
    ['371422001295', '村'.repeat(10_000), /内容过长/],
    ['371422001296', '幸福\u0007村', /不能包含控制字符/],
    ['371422101299', '外镇村', /代码与上级区划的代码不一致/],
  ]
  const add = page.getByRole('form', { name: '添加下级村(社区)' })
  for (const [code, name, message] of attempts) {
    await add.getByLabel('区划代码').fill(code)
    await add.getByLabel('名称').fill(name)
    await add.getByRole('button', { name: '添加', exact: true }).click()
    await expect(add.getByText(message).first()).toBeVisible()
    // what was typed stays, so the clerk can correct it
    await expect(add.getByLabel('区划代码')).toHaveValue(code)
  }
  await page.reload()
  const table = page.getByRole('table')
  for (const code of ['371422001293', '371422001294', '371422001295', '371422001296']) await expect(table).not.toContainText(code)

  await page.goto('/users/new')
  await page.getByLabel('用户名').fill('<script>')
  await page.getByLabel('姓名').fill('🙂')
  await page.getByRole('button', { name: '新建用户' }).click()
  await expect(page.getByText('用户名为 3–32 位小写字母')).toBeVisible()
  await expect(page.getByText('只能包含汉字、字母、数字')).toBeVisible()
  await expect(page.getByText('此项为必填项').first()).toBeVisible()
  await page.goto('/users?q=script')
  await expect(page.getByText('没有符合条件的用户。')).toBeVisible()

  await page.goto('/login')
})

test('an administrator creates a village officer, who can sign in with the temporary password', async ({ page }) => {
  await signInAndWait(page, 'ncjd.admin')
  await page.goto('/users/new')
  await page.getByLabel('用户名').fill('new.officer')
  await page.getByLabel('姓名').fill('新信息员')
  await page.getByLabel('角色').selectOption({ label: '县卫健局工作人员' })
  // the region list is searchable: the township's pinyin initials list 宁城街道 and then its villages
  const region = page.getByRole('combobox', { name: '所属区划' })
  const choices = page.getByRole('listbox').getByRole('option')
  await region.pressSequentially('ncjd')
  await expect(choices.first()).toHaveText(/^宁城街道（/)
  await expect(choices.nth(1)).toContainText('宁城街道 / ')
  const village = (await choices.nth(1).textContent())!
  await region.press('ArrowDown')
  await expect(region).toHaveAttribute('aria-activedescendant', (await choices.nth(1).getAttribute('id'))!)
  await region.press('Enter')
  await expect(region).toHaveValue(village)
  await expect(page.getByRole('listbox')).toBeHidden()
  await expectAccessible(page)
  await page.getByRole('button', { name: '新建用户' }).click()
  await expect(page.locator('#role-error')).toContainText('该角色不能设在这一层级的区划')
  await page.getByLabel('角色').selectOption({ label: '村信息员' })
  await page.getByRole('button', { name: '新建用户' }).click()
  await expect(page.getByText('用户已创建。')).toBeVisible()
  const temporary = (await page.getByTestId('temporary-password').textContent())!.trim()

  // the county is outside a township administrator's region
  await region.fill('')
  await region.press('ArrowDown')
  const options = await choices.allTextContents()
  // 宁城街道 and its nine communities (and any the import test added)
  expect(options.length).toBeGreaterThanOrEqual(10)
  expect(options.join()).not.toContain('宁津县')
  expect(options.join()).not.toContain('柴胡店镇')

  await signOut(page)
  await page.getByLabel('用户名').fill('new.officer')
  await page.getByLabel('密码').fill(temporary)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page).toHaveURL(/\/change-password/)
})

test('works on a 390 px phone and prints without navigation', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
  const page = await context.newPage()
  await signInAndWait(page, 'admin')
  await page.goto('/users')
  await expect(page.getByTestId('main-nav')).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('main-nav')).toBeHidden()
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible()
  await context.close()
})
