import { expect, test, type Browser, type Page } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { expectAccessible, signInAndWait } from './helpers'

// A township's monthly report from preparation to approval, in the browser: three signatures,
// a return with comments, a second round, approval; then paper (PDF), Excel, the county's
// timeliness overview and the lock on the approved month.

test.describe.configure({ mode: 'serial' })

function todayInChina() {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** The latest ended calendar month ("2026-05"), its statistical year (starting 1 October) and its deadline (6th of the next month). */
function latestMonth() {
  const today = todayInChina()
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const prev = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 }
  const key = `${prev.year}-${String(prev.month).padStart(2, '0')}`
  return { key, statYear: prev.month >= 10 ? prev.year + 1 : prev.year, deadline: `${today.slice(0, 7)}-06`, midMonth: `${key}-15` }
}

const period = latestMonth()
let reportUrl = ''
let registeredTotal = ''

async function asUser(browser: Browser, username: string, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    await signInAndWait(page, username)
    await run(page)
  } finally {
    await context.close()
  }
}

const ROLE_CODES: Record<string, string> = { 填表人: 'PREPARER', 统计负责人: 'STATISTICIAN', 单位负责人: 'UNIT_HEAD' }

async function sign(page: Page, role: string, name: string) {
  await page.goto(reportUrl)
  const form = page.getByRole('form', { name: '签字', exact: true })
  await form.getByRole('button', { name: `以${role}身份签字` }).click()
  await expect(page.getByTestId(`signature-${ROLE_CODES[role]}`)).toContainText(name)
  await expect(form.getByRole('alert')).toHaveCount(0)
}

async function submit(page: Page) {
  await page.goto(reportUrl)
  page.once('dialog', (dialog) => dialog.accept())
  await page.getByRole('button', { name: '上报县' }).click()
  await expect(page.getByTestId('report-status')).toHaveText('已上报，待审核')
}

test('a township prepares, signs and submits its monthly report; the county returns it, then approves it', async ({ browser }) => {
  // fourteen sign-ins and two accessibility checks of a 37-village report: minutes on a busy machine
  test.setTimeout(480_000)
  await asUser(browser, 'ncjd.staff', async (page) => {
    await page.getByTestId('main-nav').getByRole('link', { name: '统计报表' }).click()
    const prepare = page.getByRole('form', { name: '编制报表' })
    await prepare.getByLabel('报表种类').selectOption({ label: '月报' })
    // periods that have not ended are not offered
    await expect(prepare.getByLabel('统计期').locator(`option[value="${todayInChina().slice(0, 7)}"]`)).toHaveCount(0)
    await prepare.getByLabel('统计期').selectOption(period.key)
    await prepare.getByRole('button', { name: '编制' }).click()
    await expect(page).toHaveURL(/\/reports\/\d+$/)
    reportUrl = new URL(page.url()).pathname
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('宁城街道人口统计月报')
    await expect(page.getByTestId('report-status')).toHaveText('草稿（签字中）')
    // one row per village, each opening that village's live figures for the same month
    const stock = page.getByTestId('table-population.stock')
    registeredTotal = (await stock.getByTestId('total-row').locator('td').nth(1).textContent())!.trim()
    expect(registeredTotal).toMatch(/^\d+$/)
    await stock.locator('tbody tr').first().getByRole('rowheader').getByRole('link').click()
    await expect(page).toHaveURL(new RegExp(`/reports/live\\?region=\\d+&kind=MONTHLY&period=${period.key}`))
    await expect(page.getByRole('heading', { level: 1 })).toContainText('实时数字')
    await page.goto(reportUrl)

    // preparing the same month again is refused with the reason
    await page.goto('/reports')
    await prepare.getByLabel('统计期').selectOption(period.key)
    await prepare.getByRole('button', { name: '编制' }).click()
    await expect(prepare.getByRole('alert')).toHaveText('本期报表已经编制过，请打开它继续办理。')
    await expect(page.getByTestId('report-rows')).toContainText('草稿（签字中）')
  })
  // the leader may not sign first, as preparer: no sign button is offered, only who is awaited
  await asUser(browser, 'ncjd.leader', async (page) => {
    await page.goto(reportUrl)
    await expect(page.getByTestId('signatures')).toBeVisible()
    await expect(page.getByRole('form', { name: '签字', exact: true })).toHaveCount(0)
    await expect(page.getByText('等待填表人签字')).toBeVisible()
  })
  await asUser(browser, 'ncjd.staff', async (page) => {
    await page.goto(reportUrl)
    const analysis = page.getByRole('form', { name: '统计分析' })
    await analysis.getByLabel('统计分析').fill('本月人口总体稳定。')
    await analysis.getByRole('button', { name: '保存统计分析' }).click()
    await expect(analysis.getByRole('status')).toHaveText('统计分析已保存。')
    await sign(page, '填表人', '吴晓燕')
    // the same person cannot sign twice: the preparer is not offered the statistician's signature
    await page.reload()
    await expect(page.getByTestId('signature-PREPARER')).toContainText('吴晓燕')
    await expect(page.getByRole('button', { name: '以统计负责人身份签字' })).toHaveCount(0)
    await expect(page.getByRole('form', { name: '签字', exact: true })).toHaveCount(0)
    await expectAccessible(page)
    // once signing has started the analysis is read-only
    await expect(page.getByRole('form', { name: '统计分析' })).toHaveCount(0)
  })
  await asUser(browser, 'ncjd.stats', (page) => sign(page, '统计负责人', '刘文静'))
  await asUser(browser, 'ncjd.leader', async (page) => {
    await sign(page, '单位负责人', '周丽华')
    await submit(page)
  })

  await asUser(browser, 'county.official', async (page) => {
    // the home page says how many township reports wait; the count opens the list filtered to them
    const waiting = page.getByTestId('work-reports.approve').getByRole('link')
    await expect(waiting).toContainText('份乡镇报表已上报，等待审核')
    const count = Number((await waiting.textContent())!.match(/\d+/)![0])
    expect(count).toBeGreaterThanOrEqual(1)
    await waiting.click()
    await expect(page).toHaveURL(/\/reports\?status=SUBMITTED$/)
    await expect(page.getByLabel('状态')).toHaveValue('SUBMITTED')
    await expect(page.getByTestId('report-count')).toHaveText(`共 ${count} 份`)
    const rows = page.getByTestId('report-rows').getByRole('row')
    await expect(rows).toHaveCount(Math.min(count, 20))
    for (const text of await rows.allTextContents()) expect(text).toContain('已上报，待审核')
    await expectAccessible(page)
    await rows
      .filter({ hasText: '宁城街道' })
      .filter({ hasText: `${period.key.slice(0, 4)}年${Number(period.key.slice(5))}月` })
      .getByRole('link', { name: '查看' })
      .click()
    await expect(page).toHaveURL(new RegExp(`${reportUrl}$`))
    const back = page.getByRole('form', { name: '退回修改' })
    await back.getByRole('button', { name: '退回' }).click()
    await expect(back.getByText('此项为必填项。')).toBeVisible()
    await back.getByLabel('退回意见').fill('请核实本月出生人数后重新上报。')
    await back.getByRole('button', { name: '退回' }).click()
    await expect(page.getByTestId('report-status')).toHaveText('已退回')
  })

  await asUser(browser, 'ncjd.staff', async (page) => {
    await page.goto(reportUrl)
    await expect(page.getByTestId('report-notices')).toContainText('县里已退回本报表：请核实本月出生人数后重新上报。')
    // a new round: nobody has signed it yet, so the analysis can be edited again
    await expect(page.getByTestId('signatures')).not.toContainText('吴晓燕')
    const analysis = page.getByRole('form', { name: '统计分析' })
    await analysis.getByLabel('统计分析').fill('本月人口总体稳定，出生人数已逐村核实。')
    await analysis.getByRole('button', { name: '保存统计分析' }).click()
    await expect(analysis.getByRole('status')).toHaveText('统计分析已保存。')
    await sign(page, '填表人', '吴晓燕')
  })
  await asUser(browser, 'ncjd.stats', (page) => sign(page, '统计负责人', '刘文静'))
  await asUser(browser, 'ncjd.leader', (page) => sign(page, '单位负责人', '周丽华'))
  await asUser(browser, 'ncjd.staff', submit)

  await asUser(browser, 'county.official', async (page) => {
    await page.goto(reportUrl)
    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: '审核通过' }).click()
    await expect(page.getByTestId('report-status')).toHaveText('已审核')
    await expect(page.getByTestId('report-notices')).toContainText('数字已冻结')
    await expect(page.getByTestId('report-notices')).toContainText(`本期已锁定：${period.key}-01 至 ${period.key}`)
    await expect(page.getByRole('button', { name: '审核通过' })).toHaveCount(0)
    await expect(page.getByTestId('history')).toContainText('请核实本月出生人数后重新上报。')
  })
})

test('the approved report prints on A4 with its figures and the three signatures', async ({ browser }) => {
  await asUser(browser, 'ncjd.staff', async (page) => {
    await page.goto(`${reportUrl}/print`)
    await expect(page.getByTestId('report-print')).toBeVisible()
    await expect(page.getByText('草稿：数字尚未审核')).toHaveCount(0)
    await expectAccessible(page)
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    const { text, pages } = await pdfText(pdf)
    // kept with the test's output, to look at
    fs.mkdirSync(test.info().outputDir, { recursive: true })
    fs.writeFileSync(path.join(test.info().outputDir, 'report.pdf'), pdf)
    // A4 landscape (842 × 595 pt); 宁城街道's 9 communities: each table whole on one page, its total
    // included (the three population tables and the services section lib/modules.ts adds), then the
    // analysis on a page of its own
    expect(pages[0].width).toBeCloseTo(842, 0)
    expect(pages[0].height).toBeCloseTo(595, 0)
    expect(pages.length).toBe(5)
    for (const [i, formNo] of ['人口统计1表', '人口统计2表', '人口统计3表', '服务统计1表'].entries()) {
      expect(pages[i].text).toContain(formNo)
      expect(pages[i].text).toContain('合计')
      expect(pages[i].text).toContain('周丽华')
    }
    expect(pages[4].text).toContain('统计分析')
    for (const expected of ['宁城街道人口统计月报', '人口统计1表', '县卫生健康局', '填报单位', '合计', '吴晓燕', '刘文静', '周丽华', '出生人数已逐村核实'])
      expect(text).toContain(expected)
    expect(text).toContain(registeredTotal)
    // printed without the application around it
    expect(text).not.toContain('退出登录')
    expect(text).not.toContain('打印')
  })
})

test('the report downloads as Excel with the merged headers of the paper form; other townships get 404', async ({ browser }) => {
  const id = reportUrl.split('/').pop()
  await asUser(browser, 'ncjd.leader', async (page) => {
    const response = await page.request.get(`/api/reports/${id}/xlsx`)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await response.body()) as unknown as ExcelJS.Buffer)
    // the population tables, then the services section lib/modules.ts adds
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['人口统计1表', '人口统计2表', '人口统计3表', '服务统计1表'])
    const stock = workbook.getWorksheet('人口统计1表')!
    const merges = (stock.model as unknown as { merges: string[] }).merges
    // the unit and households columns span both header rows; the registered population spans its three columns
    expect(merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:B5', 'C4:E4']))
    expect(stock.getCell('C4').value).toBe('户籍人口')
    expect(stock.getCell('C5').value).toBe('合计')
    const total = stock.getColumn(1).values.findIndex((v) => v === '合计')
    expect(String(stock.getCell(total, 3).value)).toBe(registeredTotal)
    const flows = workbook.getWorksheet('人口统计2表')!
    expect(flows.getCell(total, 2).value).not.toBeUndefined()
  })
  await asUser(browser, 'chd.staff', async (page) => {
    const response = await page.request.get(`/api/reports/${id}/xlsx`)
    expect(response.status()).toBe(404)
    expect((await page.goto(reportUrl))?.status()).toBe(404)
  })
})

test('the county sees 宁城街道’s report in the timeliness overview', async ({ browser }) => {
  await asUser(browser, 'county.official', async (page) => {
    await page.getByTestId('main-nav').getByRole('link', { name: '报表及时性' }).click()
    await page.goto(`/reports/timeliness?year=${period.statYear}`)
    const cell = page.getByTestId('township-宁城街道').getByTestId(`cell-MONTHLY-${period.key}`)
    await expect(cell).toContainText(todayInChina() <= period.deadline ? '按时' : '迟报')
    await expect(cell).toContainText(todayInChina().slice(5))
    await cell.getByRole('link').click()
    await expect(page).toHaveURL(new RegExp(`${reportUrl}$`))
  })
})

test('the county filters its report list by unit, kind, period and status; the next page keeps the filter', async ({ browser }) => {
  await asUser(browser, 'county.official', async (page) => {
    await page.getByTestId('main-nav').getByRole('link', { name: '统计报表' }).click()
    const filter = page.getByRole('search', { name: '筛选' })
    const rows = page.getByTestId('report-rows').getByRole('row')
    const allRowsShow = async (...texts: string[]) => {
      for (const row of await rows.allTextContents()) for (const text of texts) expect(row).toContain(text)
    }
    await filter.getByLabel('报表种类').selectOption({ label: '月报' })
    await filter.getByLabel('状态').selectOption({ label: '已审核' })
    await filter.getByRole('button', { name: '筛选' }).click()
    await expect(page).toHaveURL(/status=APPROVED/)
    const total = Number((await page.getByTestId('report-count').textContent())!.match(/\d+/)![0])
    expect(total).toBeGreaterThan(20)
    await expect(rows).toHaveCount(20)
    await allRowsShow('月报', '已审核')

    await page.getByRole('link', { name: '下一页' }).click()
    await expect(page).toHaveURL(/page=2/)
    await expect(filter.getByLabel('报表种类')).toHaveValue('MONTHLY')
    await expect(filter.getByLabel('状态')).toHaveValue('APPROVED')
    await expect(page.getByTestId('report-count')).toHaveText(`共 ${total} 份`)
    await allRowsShow('月报', '已审核')

    // one township and the month approved above
    await filter.getByLabel('单位').selectOption({ label: '宁城街道' })
    await filter.getByLabel('统计期').selectOption(period.key)
    await filter.getByRole('button', { name: '筛选' }).click()
    await expect(page.getByTestId('report-count')).toHaveText('共 1 份')
    await expect(rows).toHaveCount(1)
    await allRowsShow('宁城街道', '月报', '已审核')
    await expectAccessible(page)
    await rows.getByRole('link', { name: '查看' }).click()
    await expect(page).toHaveURL(new RegExp(`${reportUrl}$`))
  })
})

test('an event dated in the approved month can no longer be recorded in 宁城街道', async ({ browser }) => {
  await asUser(browser, 'ncjd.v1', async (page) => {
    await page.goto('/register?q=王建军')
    await page.getByRole('link', { name: '王建军' }).first().click()
    const form = page.getByRole('form', { name: '登记事件' })
    await form.getByLabel('事件类别').selectOption({ label: '死亡' })
    await form.getByLabel('发生日期').fill(period.midMonth)
    await form.getByRole('button', { name: '登记事件' }).click()
    // a death is confirmed first (it cannot be undone); the lock refuses it after the confirmation
    await page.getByRole('dialog').getByRole('button', { name: '确定登记' }).click()
    await expect(page.getByText(`${period.midMonth}所在期间的报表已审核通过，该期间已锁定`).first()).toBeVisible()
  })
})

test('the county administrator checks the deadlines and releases the lock with a reason', async ({ browser }) => {
  await asUser(browser, 'admin', async (page) => {
    await page.getByTestId('main-nav').getByRole('link', { name: '报表设置' }).click()
    const settings = page.getByRole('form', { name: '报表设置' })
    await settings.getByLabel('月报：次月几日前上报').fill('30')
    await settings.getByRole('button', { name: '保存设置' }).click()
    await expect(settings.getByText('请填写1到28之间的日期。')).toBeVisible()
    await expect(settings.getByLabel('月报：次月几日前上报')).toHaveValue('30')

    const lock = page.getByTestId('locks').getByRole('row').filter({ hasText: '宁城街道' }).filter({ hasText: period.key })
    const unlock = lock.getByRole('form', { name: '解除锁定' })
    page.once('dialog', (dialog) => dialog.accept())
    await unlock.getByRole('button', { name: '解除锁定' }).click()
    await expect(unlock.getByText('此项为必填项。')).toBeVisible()
    await unlock.getByLabel('解除原因').fill('补录本月漏报的死亡登记')
    page.once('dialog', (dialog) => dialog.accept())
    await unlock.getByRole('button', { name: '解除锁定' }).click()
    await expect(lock).toContainText('补录本月漏报的死亡登记')
  })
  await asUser(browser, 'ncjd.staff', async (page) => {
    await page.goto(reportUrl)
    await expect(page.getByTestId('report-notices')).toContainText('锁定已解除（补录本月漏报的死亡登记）')
  })
})

async function pdfText(pdf: Buffer): Promise<{ text: string; pages: { width: number; height: number; text: string }[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise
  const parts: string[] = []
  const pages: { width: number; height: number; text: string }[] = []
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n)
    const { width, height } = page.getViewport({ scale: 1 })
    const content = await page.getTextContent()
    const own: string[] = []
    for (const item of content.items) if ('str' in item) own.push(item.str)
    parts.push(...own)
    pages.push({ width, height, text: own.join('').normalize('NFKC').replace(/\s+/g, '') })
  }
  await document.destroy()
  // the CJK font maps some glyphs to Kangxi radicals (⼈ for 人); NFKC folds them back
  return { text: parts.join('').normalize('NFKC').replace(/\s+/g, ''), pages }
}
