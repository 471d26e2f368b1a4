import { expect, test, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { makeIdNumber } from '@/lib/registry/idcard'
import { chooseInCombobox, e2eDatabase, expectAccessible, signInAndWait, signOut } from './helpers'

// The register search as a person uses it (issue 8): type into the box, choose filters, press 查询
// or Enter. Never a URL that already carries the query. The expected counts come from the
// database directly, by SQL written here, not by the app's own search code. The residents are
// those of tests/e2e/server.ts, mostly 长官镇's (seedSearchResidents), plus whatever other specs
// have added by then: hence counts from the database at the time of the test.

// Each test makes a dozen searches; on a loaded machine one takes several seconds.
test.describe.configure({ timeout: 180_000 })

const db = e2eDatabase()
test.afterAll(async () => {
  await db.$disconnect()
})

/**
 * People counted by the register search: alive, not moved out of the county, and `where`, in
 * 宁津县 (the county official's; other specs add counties of their own).
 */
async function expected(where: string, ...params: unknown[]): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*) AS n FROM "Person" p LEFT JOIN "Household" h ON h.id = p."householdId" WHERE p.alive AND NOT p."movedOut" AND p."countyId" = (SELECT id FROM "Region" WHERE code = '371422000000') AND (${where})`,
    ...params,
  )
  return Number(rows[0].n)
}
const TOWNSHIP = `p."townshipId" = (SELECT id FROM "Region" WHERE code = '371422102000')`
/** Whole years of age today in China, as people count them. */
const AGE = `date_part('year', age((now() AT TIME ZONE 'Asia/Shanghai')::date, p."birthDate"))`

interface Search {
  q?: string
  region?: string
  residence?: string
  sex?: string
  ageMin?: string
  ageMax?: string
}

/** Fills the whole form (every field, as a person changing their search would) and submits it. */
async function search(page: Page, s: Search, submit: 'button' | 'enter' = 'button') {
  const details = page.locator('form[role="search"] details')
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click()
  await chooseInCombobox(page, '区划', s.region ?? '全部')
  await page.getByLabel('居住状态').selectOption({ label: s.residence ?? '不限' })
  await page.getByLabel('性别').selectOption({ label: s.sex ?? '不限' })
  await page.getByLabel('最小年龄').fill(s.ageMin ?? '')
  await page.getByLabel('最大年龄').fill(s.ageMax ?? '')
  const box = page.getByRole('searchbox', { name: '查找居民' }).or(page.getByLabel('查找居民'))
  await box.fill(s.q ?? '')
  // the page before the search is marked; the answer is a new page without the mark
  await page.locator('body').evaluate((body) => body.setAttribute('data-stale', '1'))
  if (submit === 'enter') await box.press('Enter')
  else await page.getByRole('button', { name: '查询', exact: true }).click()
  await expect(page.locator('body[data-stale]')).toHaveCount(0)
  await expect(page.getByTestId('search-results').or(page.getByText('没有找到符合条件的居民')).or(page.getByTestId('search-errors')).first()).toBeVisible()
}

/** The total the page shows ("共 N 条"), or 0 when it says nothing was found. */
async function shownTotal(page: Page): Promise<number> {
  if (await page.getByText('没有找到符合条件的居民').isVisible()) return 0
  const text = await page.getByRole('navigation', { name: 'pagination' }).innerText()
  return Number(/共 (\d+) 条/.exec(text)?.[1] ?? NaN)
}

async function shownNames(page: Page): Promise<string[]> {
  return (await page.getByTestId('search-results').getByRole('row').locator('td:first-child a').allInnerTexts()).map((s) => s.trim())
}

async function shownAges(page: Page): Promise<number[]> {
  return (await page.getByTestId('search-results').getByRole('row').locator('td:nth-child(3)').allInnerTexts()).map(Number)
}

test.beforeEach(async ({ page }) => {
  await signInAndWait(page, 'county.official')
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await expect(page).toHaveURL(/\/register$/)
})

test('each kind of term typed into the box finds its people, with the count the database has', async ({ page }) => {
  const zhenhuaId = makeIdNumber('371422', '1975-08-30', 733, 'MALE')
  const cases: { what: string; q: string; names: string[]; where: string; params?: unknown[] }[] = [
    { what: 'name', q: '欧阳', names: ['欧阳明月', '欧阳振华', '欧阳小雨'], where: `p.name LIKE '欧阳%' OR p.name LIKE '%欧阳'` },
    { what: 'full name', q: '诸葛长青', names: ['诸葛长青'], where: `p.name LIKE '%诸葛长青%' OR h.address LIKE '%诸葛长青%'` },
    { what: 'pinyin', q: 'ouyang', names: ['欧阳明月', '欧阳振华', '欧阳小雨'], where: `p."namePinyin" LIKE 'ouyang%' OR p."nameInitials" LIKE 'ouyang%'` },
    { what: 'initials', q: 'oymy', names: ['欧阳明月'], where: `p."namePinyin" LIKE 'oymy%' OR p."nameInitials" LIKE 'oymy%'` },
    { what: 'last 4 of the ID number', q: zhenhuaId.slice(-4), names: ['欧阳振华'], where: `p."idLast4" = $1`, params: [zhenhuaId.slice(-4)] },
    { what: 'phone', q: '1391234', names: ['欧阳明月'], where: `p.phone LIKE '1391234%'` },
    { what: 'address', q: '葡萄园路', names: ['欧阳明月', '欧阳振华', '欧阳小雨'], where: `p.name LIKE '%葡萄园路%' OR h.address LIKE '%葡萄园路%'` },
  ]
  for (const c of cases) {
    await search(page, { q: c.q })
    const names = await shownNames(page)
    for (const name of c.names) expect(names, `${c.what}: ${c.q}`).toContain(name)
    expect(await shownTotal(page), `${c.what}: ${c.q}`).toBe(await expected(c.where, ...(c.params ?? [])))
  }
  // a three-generation family: people of every age, not only newborns
  await search(page, { q: '欧阳' })
  expect(new Set(await shownAges(page)).size).toBeGreaterThanOrEqual(3)
  expect(Math.max(...(await shownAges(page)))).toBeGreaterThan(70)
  await expectAccessible(page)
})

test('each filter narrows the list to the people the database has', async ({ page }) => {
  // every residence kind, in 长官镇 and in the whole county
  const kinds = { '户籍人口，在本地居住': 'LOCAL', 户在人不在: 'AWAY', 流入人口: 'INFLOW', 流出人口: 'OUTFLOW' }
  for (const [label, value] of Object.entries(kinds)) {
    await search(page, { region: '长官镇', residence: label })
    expect(await shownTotal(page), label).toBe(await expected(`${TOWNSHIP} AND p.residence = $1::"Residence"`, value))
  }
  await search(page, { residence: '流入人口' })
  const inflow = await expected(`p.residence = 'INFLOW'`)
  expect(inflow).toBeGreaterThanOrEqual(6)
  expect(await shownTotal(page)).toBe(inflow)
  const names = await shownNames(page)
  for (const name of ['马春生', '马丽', '马小龙', '古丽娜', '白云飞', '赵文华']) expect(names).toContain(name)
  // migrants of every age: a child, young and middle-aged adults, a man near seventy
  const ages = await shownAges(page)
  expect(new Set(ages).size).toBeGreaterThanOrEqual(5)
  expect(Math.min(...ages)).toBeLessThan(10)
  expect(Math.max(...ages)).toBeGreaterThan(60)
  await expectAccessible(page)

  await search(page, { region: '长官镇', sex: '女' })
  expect(await shownTotal(page)).toBe(await expected(`${TOWNSHIP} AND p.sex = 'FEMALE'`))
  expect(await shownNames(page)).toEqual(expect.arrayContaining(['欧阳明月', '马丽', '古丽娜', '上官婉清']))
  expect(await shownNames(page)).not.toContain('马春生')

  await search(page, { region: '长官镇', ageMin: '60', ageMax: '130' })
  expect(await shownTotal(page)).toBe(await expected(`${TOWNSHIP} AND ${AGE} BETWEEN 60 AND 130`))
  expect(await shownNames(page)).toEqual(expect.arrayContaining(['欧阳明月', '马春生', '诸葛长青']))

  // an age of 0 is a real bound, not "no filter"
  await search(page, { ageMin: '0', ageMax: '10', region: '长官镇' })
  expect(await shownTotal(page)).toBe(await expected(`${TOWNSHIP} AND ${AGE} BETWEEN 0 AND 10`))
  expect(await shownNames(page)).toContain('马小龙')

  // only one bound
  await search(page, { ageMin: '85' })
  expect(await shownTotal(page)).toBe(await expected(`${AGE} >= 85`))
  expect(await shownNames(page)).toContain('诸葛长青')

  // region, term and filters together
  await search(page, { q: '马', region: '长官镇', residence: '流入人口', sex: '男' })
  expect((await shownNames(page)).sort()).toEqual(['马小龙', '马春生'].sort())
  expect(await shownTotal(page)).toBe(await expected(`${TOWNSHIP} AND p.name LIKE '马%' AND p.residence = 'INFLOW' AND p.sex = 'MALE'`))
})

test('Enter searches; an empty search lists everyone; impossible values get a message in Chinese', async ({ page }) => {
  await search(page, { q: '上官婉清' }, 'enter')
  expect(await shownNames(page)).toEqual(['上官婉清'])

  await search(page, {})
  const everyone = await expected('true')
  expect(everyone).toBeGreaterThan(15)
  expect(await shownTotal(page)).toBe(everyone)

  await search(page, { q: '欧阳', ageMin: '200' })
  const errors = page.getByTestId('search-errors')
  await expect(errors).toContainText('最小年龄：年龄应为 0–130 之间的整数。')
  await expect(page.getByRole('alert').first()).toContainText('请检查标出的内容')
  await expect(page.getByTestId('search-results')).toHaveCount(0)
  await expect(page.getByLabel('最小年龄')).toHaveValue('200') // what was typed stays, to correct it
  await expectAccessible(page)

  await search(page, { q: '欧阳', ageMin: '60', ageMax: '20' })
  await expect(errors).toContainText('最大年龄：最小年龄不能大于最大年龄。')

  await search(page, { q: '欧阳', ageMin: 'abc' })
  await expect(errors).toContainText('年龄应为 0–130 之间的整数。')

  // corrected, it searches again
  await search(page, { q: '欧阳', ageMin: '60' })
  expect(await shownNames(page)).toEqual(['欧阳明月'])
})

test('the export after a typed search holds exactly the rows of the search', async ({ page }) => {
  // residents' rows are exported by the township that keeps the register, not by the county (issue 9)
  await expect(page.getByTestId('register-export')).toHaveCount(0)
  await signOut(page)
  await signInAndWait(page, 'e2e.zgz')
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await expect(page).toHaveURL(/\/register$/)
  await search(page, { region: '全部', residence: '流入人口' })
  const names = await shownNames(page)
  expect(names.length).toBe(await expected(`${TOWNSHIP} AND p.residence = 'INFLOW'`))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export').click()])
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  const sheet = workbook.worksheets[0]
  const header = (sheet.getRow(1).values as string[]).map((v) => String(v ?? ''))
  const nameColumn = header.indexOf('姓名')
  expect(nameColumn).toBeGreaterThan(0)
  const exported: string[] = []
  sheet.eachRow((row, n) => {
    if (n > 1) exported.push(String(row.getCell(nameColumn).value))
  })
  expect(exported.sort()).toEqual([...names].sort())

  // and a term search with a filter
  await search(page, { q: '欧阳', ageMax: '60' })
  const young = await shownNames(page)
  expect(young.sort()).toEqual(['欧阳小雨', '欧阳振华'].sort())
  const [second] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export').click()])
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(await second.path())
  const rows: string[] = []
  book.worksheets[0].eachRow((row, n) => {
    if (n > 1) rows.push(String(row.getCell(nameColumn).value))
  })
  expect(rows.sort()).toEqual(young.sort())
})
