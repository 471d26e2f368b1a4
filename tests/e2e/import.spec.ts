import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { makeIdNumber } from '@/lib/registry/idcard'
import { expectAccessible, signInAndWait } from './helpers'

const VILLAGE = '371422001001'
const ADDRESS = '导入测试路 6 号'

/** The downloaded template with its example rows replaced by `rows` (cells by Chinese header). */
async function fillTemplate(templatePath: string, rows: Record<string, string>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(templatePath)
  const sheet = workbook.worksheets[0]
  const header = (sheet.getRow(1).values as string[]).slice(1)
  // overwrite the example rows in place (keeps the template's text-formatted columns)
  for (let n = 2; n <= Math.max(sheet.rowCount, rows.length + 1); n++) {
    const row = rows[n - 2]
    header.forEach((h, i) => {
      sheet.getRow(n).getCell(i + 1).value = row?.[h] ? row[h] : null
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The people the export route finds for a search term (the register search page lives elsewhere). */
async function exported(page: Page, q: string) {
  const response = await page.request.get(`/api/register/export?q=${encodeURIComponent(q)}`)
  expect(response.status()).toBe(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  const header = (sheet.getRow(1).values as string[]).slice(1)
  const out: Record<string, string>[] = []
  sheet.eachRow((row, n) => {
    if (n > 1) out.push(Object.fromEntries(header.map((h, i) => [h, String((row.values as unknown[])[i + 1] ?? '')])))
  })
  return out
}

test('register import: template, a file with errors shows them and writes nothing, a correct file imports', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await page.goto('/register/import')
  await expect(page.getByRole('heading', { name: '批量导入户和人口' })).toBeVisible()

  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: '下载模板' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('人口导入模板.xlsx')
  const templatePath = await download.path()
  expect(fs.statSync(templatePath).size).toBeGreaterThan(1000)

  const headId = makeIdNumber('371422', '1979-04-05', 41, 'MALE')
  const wifeId = makeIdNumber('371422', '1981-06-07', 42, 'FEMALE')
  const rows: Record<string, string>[] = [
    {
      '户编号(文件内)': '1',
      '村(组)区划代码': VILLAGE,
      住址: ADDRESS,
      与户主关系: '本人',
      姓名: '钱志远',
      性别: '男',
      出生日期: '1979-04-05',
      民族: '汉族',
      身份证号: headId,
      婚姻状况: '已婚',
    },
    { '户编号(文件内)': '1', 与户主关系: '配偶', 姓名: '孙丽华', 性别: '女', 出生日期: '1981-06-07', 民族: '汉族', 身份证号: wifeId, 婚姻状况: '已婚' },
    { '户编号(文件内)': '1', 与户主关系: '子女', 姓名: '钱小雨', 性别: '女', 出生日期: '2012-02-30', 民族: '汉族' },
  ]
  const fileInput = page.getByLabel('导入文件（.xlsx 或 .csv）')

  // errors: listed by row and column, no import button, nothing written
  await fileInput.setInputFiles({
    name: '人口.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await fillTemplate(templatePath, rows),
  })
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('发现 1 处错误，未导入任何数据')).toBeVisible()
  const errors = page.getByTestId('import-errors').getByRole('row')
  await expect(errors).toHaveCount(1)
  await expect(errors.first().getByRole('cell').nth(0)).toHaveText('4')
  await expect(errors.first().getByRole('cell').nth(1)).toHaveText('出生日期')
  await expect(errors.first()).toContainText('日期格式应为')
  await expectAccessible(page)
  await expect(page.getByRole('button', { name: /^导入 \d+ 人$/ })).toHaveCount(0)
  expect(await exported(page, '导入测试路')).toHaveLength(0)

  // the corrected file: checked, then imported in one step
  rows[2]['出生日期'] = '2012-02-28'
  await fileInput.setInputFiles({
    name: '人口.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await fillTemplate(templatePath, rows),
  })
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('检查通过：3 行，将新建 1 户、登记 3 人；0 人已登记，将跳过。')).toBeVisible()
  await page.getByRole('button', { name: '导入 3 人' }).click()
  await expect(page.getByText('已导入：新建 1 户、登记 3 人；跳过已登记的 0 人。')).toBeVisible()

  const people = await exported(page, '导入测试路')
  expect(people.map((p) => p['姓名']).sort()).toEqual(['孙丽华', '钱小雨', '钱志远'])
  expect(people.find((p) => p['姓名'] === '钱志远')).toMatchObject({ 与户主关系: '本人', 身份证号: headId, '村(组)区划代码': VILLAGE })

  // the same file again: everyone is already registered, nothing to import
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('文件中的人都已登记，没有新数据需要导入。')).toBeVisible()
  expect(await exported(page, '导入测试路')).toHaveLength(3)
})

test('register import refuses a file that is not a spreadsheet', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await page.goto('/register/import')
  await page
    .getByLabel('导入文件（.xlsx 或 .csv）')
    .setInputFiles({ name: 'photo.xlsx', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]) })
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('无法读取此文件：请上传 Excel（.xlsx）或 CSV 文件。')).toBeVisible()
})

/** The household of the double-click test: one person without an ID number (only the commit's key keeps them from being registered twice). */
const DOUBLE_CLICKED = { name: '双击导入', address: '双击导入路 9 号' }

test('a double click on “import” imports the file once', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await page.goto('/register/import')
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: '下载模板' }).click()
  const templatePath = await (await downloading).path()
  const file = await fillTemplate(templatePath, [
    {
      '户编号(文件内)': '1',
      '村(组)区划代码': VILLAGE,
      住址: DOUBLE_CLICKED.address,
      与户主关系: '本人',
      姓名: DOUBLE_CLICKED.name,
      性别: '男',
      出生日期: '1975-05-05',
      民族: '汉族',
      婚姻状况: '未婚',
    },
  ])
  // no file chosen: refused
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('请选择一个 .xlsx 或 .csv 文件。')).toBeVisible()

  await page
    .getByLabel('导入文件（.xlsx 或 .csv）')
    .setInputFiles({ name: '双击.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('检查通过：1 行，将新建 1 户、登记 1 人；0 人已登记，将跳过。')).toBeVisible()
  await page.getByRole('button', { name: '导入 1 人' }).dblclick()
  await expect(page.getByText('已导入：新建 1 户、登记 1 人；跳过已登记的 0 人。')).toBeVisible()
  await expectAccessible(page)

  // the register has the person once
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await page.getByRole('search').getByLabel('查找居民').fill(DOUBLE_CLICKED.name)
  await page.getByRole('button', { name: '查询', exact: true }).click()
  await expect(page.getByTestId('search-results').getByRole('row')).toHaveCount(1)
  await expect(page.getByTestId('search-results')).toContainText(DOUBLE_CLICKED.name)
})
