import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { makeRegion, makeUser, personInput } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { DEMO_PASSWORD, closeFixtureDatabase, e2eDatabase, expectAccessible, signInAndWait } from './helpers'

// A township with more villages than fit one A4 landscape page (40): its monthly report prints each
// table over several pages, every page starting with the table's header row, and the total row never
// alone on a page. The township, its villages, a few residents and its clerk are made here, as the
// database's owner. Names and codes in one place, to update when the demo county changes.
const COUNTY_CODE = '371422000000'
const TOWNSHIP = { code: '371422190000', name: '宽表镇' }
const VILLAGES = 45
/** the monthly report's tables: the register's three and the services table (服务统计1表) */
const TABLES = 4
const villageName = (n: number) => `宽表${String(n).padStart(2, '0')}村`
const CLERK = { username: 'e2e.wide', name: '宽表统计员' }

/** The latest ended calendar month, as the prepare form offers it ("2026-05"). */
function latestMonth() {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))]
  const prev = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 }
  return `${prev.year}-${String(prev.month).padStart(2, '0')}`
}

test.beforeAll(async () => {
  const db = e2eDatabase()
  try {
    if (await db.region.findUnique({ where: { code: TOWNSHIP.code } })) return
    const county = await db.region.findUniqueOrThrow({
      where: { code: COUNTY_CODE },
      select: { id: true, code: true, name: true, level: true, ancestorIds: true },
    })
    const township = await makeRegion(db, { code: TOWNSHIP.code, name: TOWNSHIP.name, level: 'TOWNSHIP', parent: county })
    for (let n = 1; n <= VILLAGES; n++) {
      const village = await makeRegion(db, { code: `${TOWNSHIP.code.slice(0, 9)}${200 + n}`, name: villageName(n), level: 'VILLAGE', parent: township })
      // a family in every fifth village, there since long before the month reported
      if (n % 5 === 1) {
        await makeHousehold(db, village, {
          address: `${villageName(n)}大街 ${n} 号`,
          members: [
            { ...personInput({ name: `宽户主${n}`, sex: 'MALE', birthDate: '1970-03-03' }), relation: 'SELF' },
            { ...personInput({ name: `宽配偶${n}`, sex: 'FEMALE', birthDate: '1972-04-04' }), relation: 'SPOUSE' },
          ],
        })
      }
    }
    await makeUser(db, { username: CLERK.username, name: CLERK.name, role: 'TOWNSHIP_STAFF', regionId: township.id, password: DEMO_PASSWORD })
  } finally {
    await closeFixtureDatabase(db)
  }
})

interface Line {
  text: string
  /** from the left and from the bottom of the page, in points */
  x: number
  y: number
}

/** Each page's text items with their heights on the page (pdfjs-dist). */
async function pdfPages(pdf: Buffer): Promise<{ width: number; height: number; items: Line[]; text: string }[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise
  const pages = []
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n)
    const { width, height } = page.getViewport({ scale: 1 })
    const items: Line[] = []
    for (const item of (await page.getTextContent()).items) {
      // the CJK font maps some glyphs to Kangxi radicals (⼈ for 人); NFKC folds them back
      if ('str' in item && item.str.trim()) items.push({ text: item.str.normalize('NFKC').trim(), x: item.transform[4], y: item.transform[5] })
    }
    pages.push({ width, height, items, text: items.map((i) => i.text).join('') })
  }
  await document.destroy()
  return pages
}

test(`a township of ${VILLAGES} villages prints its tables over pages that each start with the header row, the total never alone`, async ({ page }) => {
  test.setTimeout(180_000)
  await signInAndWait(page, CLERK.username)
  await page.getByTestId('main-nav').getByRole('link', { name: '统计报表' }).click()
  const prepare = page.getByRole('form', { name: '编制报表' })
  await prepare.getByLabel('报表种类').selectOption({ label: '月报' })
  await prepare.getByLabel('统计期').selectOption(latestMonth())
  await prepare.getByRole('button', { name: '编制' }).click()
  await expect(page).toHaveURL(/\/reports\/\d+$/)
  await expect(page.getByTestId('total-row').first()).toBeVisible()

  await page.goto(`${page.url()}/print`)
  await expect(page.getByTestId('report-print')).toBeVisible()
  await expect(page.getByTestId('report-print').getByText(villageName(VILLAGES))).toHaveCount(TABLES)
  await expectAccessible(page)
  await page.emulateMedia({ media: 'print' })
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
  fs.mkdirSync(test.info().outputDir, { recursive: true })
  fs.writeFileSync(path.join(test.info().outputDir, 'wide-report.pdf'), pdf)
  const pages = await pdfPages(pdf)

  const isVillage = (line: Line) => /^宽表\d{2}村$/.test(line.text)
  // the total row's label sits where the villages' names do (合计 also heads some columns)
  const labelX = pages.flatMap((p) => p.items.filter(isVillage))[0]?.x ?? -1
  const isTotal = (line: Line) => line.text === '合计' && Math.abs(line.x - labelX) < 2
  const tablePages = pages.filter((p) => p.items.some(isVillage) || p.items.some(isTotal))
  const analysis = pages.filter((p) => !tablePages.includes(p))
  expect(pages[0].width).toBeCloseTo(842, 0)
  expect(pages[0].height).toBeCloseTo(595, 0)
  // the tables of 45 villages do not fit a page each: at least one table runs over
  expect(tablePages.length).toBeGreaterThan(TABLES)
  expect(analysis.length).toBe(1)
  expect(analysis[0].text).toContain('统计分析')

  // every village of every table is printed, once a table
  const printed = tablePages.flatMap((p) => p.items.filter(isVillage).map((i) => i.text))
  expect(printed.length).toBe(TABLES * VILLAGES)
  expect(new Set(printed).size).toBe(VILLAGES)

  for (const [n, p] of tablePages.entries()) {
    // the header row starts the page's table: its first cell (单位) is above every row of the page
    const header = p.items.filter((i) => i.text === '单位')
    expect(header.length, `page ${n + 1}: the header row`).toBeGreaterThan(0)
    const headerY = Math.max(...header.map((i) => i.y))
    const rows = p.items.filter((i) => isVillage(i) || isTotal(i))
    for (const row of rows) expect(row.y, `page ${n + 1}: ${row.text} below the header`).toBeLessThan(headerY)
    // the total row is never alone: a page with a total has a village row above it
    if (p.items.some(isTotal)) expect(p.items.filter(isVillage).length, `page ${n + 1}: a village with the total`).toBeGreaterThan(0)
  }
  // one total per table
  expect(tablePages.flatMap((p) => p.items.filter(isTotal)).length).toBe(TABLES)
})
