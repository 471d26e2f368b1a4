import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { db } from '../setup/db'
import { ctxOf, staff } from './helpers'
import { makeCounty, uniqueIdNumber } from '@/tests/factories'
import { generateRows, importCsv, type ImportRow } from '@/tests/factories/imports'
import { importRegister } from '@/lib/imports/service'
import { idCheckAlerts, OUT_OF_SCOPE_DAILY_CAP, outOfScopeHitsToday } from '@/lib/registry/id-checks'
import { exportRegister } from '@/lib/imports/export'
import { hashIdNumber } from '@/lib/registry/crypto'
import { translator } from '@/lib/i18n/core'

async function setting() {
  const tree = await makeCounty(db, '导入')
  const township = tree.townships[0]
  const clerk = await staff('TOWNSHIP_STAFF', township)
  const inside = tree.villages.filter((v) => v.ancestorIds.includes(township.id))
  const outside = tree.villages.find((v) => !v.ancestorIds.includes(township.id))!
  return { ...tree, township, clerk, inside, outside }
}

function family(code: string, key: string, address: string): ImportRow[] {
  return [
    {
      householdKey: key,
      regionCode: code,
      address,
      relation: '本人',
      name: '王建军',
      sex: '男',
      birthDate: '1985-03-02',
      ethnicity: '汉族',
      idNumber: uniqueIdNumber('1985-03-02', 'MALE'),
      phone: '13800138000',
      maritalStatus: '已婚',
    },
    {
      householdKey: key,
      relation: '配偶',
      name: '李秀兰',
      sex: '女',
      birthDate: '1988/7/15',
      ethnicity: '汉族',
      idNumber: uniqueIdNumber('1988-07-15', 'FEMALE'),
      maritalStatus: '已婚',
    },
    { householdKey: key, relation: '子女', name: '王小明', sex: '男', birthDate: '2015-09-09', ethnicity: '汉族' },
  ]
}

const registerCount = async (countyId: number) => ({
  households: await db.household.count({ where: { countyId } }),
  persons: await db.person.count({ where: { countyId } }),
  audits: await db.auditEvent.count({ where: { action: 'register.import' } }),
})

/** One-person households (a head each) in village `code`, with the given ID numbers. */
function singles(code: string, ids: string[]): ImportRow[] {
  return ids.map((idNumber, i) => ({
    householdKey: String(i + 1),
    regionCode: code,
    address: `独居路 ${i + 1} 号`,
    relation: '本人',
    name: `单${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`,
    sex: '男',
    birthDate: '1970-01-01',
    ethnicity: '汉族',
    idNumber,
    maritalStatus: '未婚',
  }))
}

const maleIds = (n: number) => Array.from({ length: n }, () => uniqueIdNumber('1970-01-01', 'MALE'))

async function readExport(stream: ReadableStream<Uint8Array>) {
  const buffer = Buffer.from(await new Response(stream).arrayBuffer())
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  const header = (sheet.getRow(1).values as string[]).slice(1)
  const rows: Record<string, string>[] = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    const values = (row.values as unknown[]).slice(1)
    rows.push(Object.fromEntries(header.map((h, i) => [h, String(values[i] ?? '')])))
  })
  return { header, rows }
}

describe('register import', () => {
  it('a dry run writes nothing and lists errors by row and column', async () => {
    const { clerk, inside, county } = await setting()
    const rows = family(inside[0].code, '1', '幸福路 8 号')
    rows[1].birthDate = '1988-02-30'
    rows[2].sex = '不知道'
    const before = await registerCount(county.id)
    const result = await importRegister(ctxOf(clerk), importCsv(rows), false)
    expect(result.committed).toBe(false)
    expect(result.errors.map((e) => `${e.line}:${e.column}:${e.key}`)).toEqual(['3:birthDate:errors.invalidDate', '4:sex:imports.errors.unknownValue'])
    expect(await registerCount(county.id)).toEqual(before)

    // a correct file checked only: the counts of what would happen, still nothing written
    const ok = await importRegister(ctxOf(clerk), importCsv(family(inside[0].code, '1', '幸福路 8 号')), false)
    expect(ok).toMatchObject({ errorCount: 0, households: 1, persons: 3, skipped: 0, committed: false })
    expect(await registerCount(county.id)).toEqual(before)
  })

  it('imports all or nothing: one bad row among good ones imports nothing', async () => {
    const { clerk, inside, county } = await setting()
    const good = [...family(inside[0].code, 'a', '幸福路 1 号'), ...family(inside[1].code, 'b', '幸福路 2 号')]
    const valid = uniqueIdNumber('1990-01-01', 'MALE')
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')
    const bad = [
      ...good,
      {
        householdKey: 'c',
        regionCode: inside[0].code,
        address: '幸福路 3 号',
        relation: '本人',
        name: '赵六',
        sex: '男',
        birthDate: '1990-01-01',
        ethnicity: '汉族',
        idNumber: wrongCheck,
      },
    ]
    const before = await registerCount(county.id)
    const refused = await importRegister(ctxOf(clerk), importCsv(bad), true)
    expect(refused).toMatchObject({ committed: false, errorCount: 1, errors: [{ line: 8, column: 'idNumber', key: 'registry.id.checkDigit' }] })
    expect(await registerCount(county.id)).toEqual(before)

    const done = await importRegister(ctxOf(clerk), importCsv(good), true)
    expect(done).toMatchObject({ committed: true, households: 2, persons: 6 })
    const households = await db.household.findMany({ where: { countyId: county.id }, include: { head: true, members: true } })
    expect(households).toHaveLength(2)
    for (const h of households) {
      expect(h.head).toMatchObject({ name: '王建军', relation: 'SELF', namePinyin: 'wangjianjun' })
      expect(h.members).toHaveLength(3)
    }
    const stored = await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '李秀兰' } })
    expect(stored).toMatchObject({ sex: 'FEMALE', maritalStatus: 'MARRIED', idMasked: expect.stringMatching(/^\d{4}\*{14}$/) })
    expect(stored.birthDate.toISOString().slice(0, 10)).toBe('1988-07-15')
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'register.import', actorId: clerk.id } })
    expect(event.after).toMatchObject({ households: 2, persons: 6, skipped: 0 })
    expect(JSON.stringify(event.after)).not.toMatch(/\d{17}[\dX]/)
    expect(await db.auditEvent.count({ where: { action: 'register.import', actorId: clerk.id } })).toBe(1)
  })

  it('re-importing the same file creates no duplicates; people already registered are skipped', async () => {
    const { clerk, inside, county } = await setting()
    const file = importCsv([...family(inside[0].code, '1', '幸福路 8 号'), ...family(inside[1].code, '2', '东街 1 号')])
    expect(await importRegister(ctxOf(clerk), file, true)).toMatchObject({ committed: true, persons: 6 })
    const after = await registerCount(county.id)
    const again = await importRegister(ctxOf(clerk), file, true)
    expect(again).toMatchObject({ committed: false, errorCount: 0, persons: 0, households: 0, skipped: 6 })
    expect(again.skippedRows.map((s) => s.line)).toEqual([2, 3, 4, 5, 6, 7])
    expect(await registerCount(county.id)).toEqual(after)
  })

  it('a commit sent twice with its key (a double click, a resend) imports once; both answers are the first import’s', async () => {
    const { clerk, inside, county } = await setting()
    const rows = family(inside[0].code, '1', '幸福路 8 号')
    // the child has no ID number: only the key keeps a second commit from registering it again
    const file = importCsv([...rows, ...family(inside[1].code, '2', '东街 1 号')])
    const before = await registerCount(county.id)
    const formKey = randomUUID()
    const [a, b] = await Promise.all([importRegister(ctxOf(clerk), file, true, formKey), importRegister(ctxOf(clerk), file, true, formKey)])
    expect(a).toMatchObject({ committed: true, persons: 6, households: 2 })
    expect(b).toEqual(a)
    expect(await importRegister(ctxOf(clerk), file, true, formKey)).toEqual(a)
    expect(await registerCount(county.id)).toEqual({ households: before.households + 2, persons: before.persons + 6, audits: before.audits + 1 })
    expect(await db.person.count({ where: { countyId: county.id, name: '王小明' } })).toBe(2)
    // a key is one user's: another clerk's commit with it is refused
    await expect(importRegister(ctxOf(await staff('TOWNSHIP_STAFF', inside[0])), file, true, formKey)).rejects.toMatchObject({ key: 'errors.conflict' })
  })

  it('a new member of a registered head joins the head’s household', async () => {
    const { clerk, inside, county } = await setting()
    const rows = family(inside[0].code, '1', '幸福路 8 号')
    await importRegister(ctxOf(clerk), importCsv(rows), true)
    const baby = { householdKey: '1', relation: '子女', name: '王小红', sex: '女', birthDate: '2024-02-02', ethnicity: '汉族' }
    const result = await importRegister(ctxOf(clerk), importCsv([...rows, baby]), true)
    expect(result).toMatchObject({ committed: true, households: 0, persons: 1, joined: 1, skipped: 3 })
    const head = await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '王建军' } })
    expect(await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '王小红' } })).toMatchObject({
      householdId: head.householdId,
      relation: 'CHILD',
    })
    expect(await db.household.count({ where: { countyId: county.id } })).toBe(1)
  })

  it('refuses rows for regions outside the user’s area, unknown codes and non-village codes', async () => {
    const { clerk, inside, outside, township, county } = await setting()
    const rows = [
      ...family(inside[0].code, '1', '幸福路 8 号'),
      ...family(outside.code, '2', '外乡路 1 号'),
      ...family('999999999999', '3', '无此村'),
      ...family(township.code, '4', '镇上'),
    ]
    const before = await registerCount(county.id)
    const result = await importRegister(ctxOf(clerk), importCsv(rows), true)
    expect(result.errors.map((e) => `${e.line}:${e.column}:${e.key}`)).toEqual([
      '5:regionCode:imports.errors.regionNotAllowed',
      '8:regionCode:imports.errors.regionUnknown',
      '11:regionCode:imports.errors.regionLevel',
    ])
    expect(await registerCount(county.id)).toEqual(before)
  })

  it('places a household in a village group named by number or name beside the village code, or by the group code', async () => {
    const { clerk, inside, groups, county } = await setting()
    const village = inside[0]
    // the factory's group of this village is number 001; add number 2 with a name
    const group1 = groups.find((g) => g.ancestorIds.includes(village.id))!
    const group2 = await db.region.create({
      data: { code: `${village.code}002`, name: '第二村民小组', level: 'GROUP', parentId: village.id, ancestorIds: [...village.ancestorIds, village.id] },
    })
    const rows = [
      ...family(village.code, 'a', '组号路 1 号').map((r, i) => (i === 0 ? { ...r, group: '1' } : r)),
      ...family(village.code, 'b', '组名路 2 号').map((r, i) => (i === 0 ? { ...r, group: '第二村民小组' } : r)),
      ...family(group2.code, 'c', '组码路 3 号'),
    ]
    const result = await importRegister(ctxOf(clerk), importCsv(rows), true)
    expect(result).toMatchObject({ errorCount: 0, households: 3, committed: true })
    const placed = await db.household.findMany({
      where: { countyId: county.id, address: { in: ['组号路 1 号', '组名路 2 号', '组码路 3 号'] } },
      orderBy: { address: 'asc' },
    })
    expect(Object.fromEntries(placed.map((h) => [h.address, [h.villageId, h.groupId]]))).toEqual({
      '组号路 1 号': [village.id, group1.id],
      '组名路 2 号': [village.id, group2.id],
      '组码路 3 号': [village.id, group2.id],
    })
  })

  it('refuses a group the village does not have, and a group beside a group code; nothing is written', async () => {
    const { clerk, inside, groups, county } = await setting()
    const village = inside[0]
    const group1 = groups.find((g) => g.ancestorIds.includes(village.id))!
    const rows = [
      ...family(village.code, 'a', '无组路 1 号').map((r, i) => (i === 0 ? { ...r, group: '9' } : r)),
      ...family(village.code, 'b', '无组路 2 号').map((r, i) => (i === 0 ? { ...r, group: '第九村民小组' } : r)),
      ...family(group1.code, 'c', '无组路 3 号').map((r, i) => (i === 0 ? { ...r, group: '1' } : r)),
    ]
    const before = await registerCount(county.id)
    const result = await importRegister(ctxOf(clerk), importCsv(rows), true)
    expect(result.errors.map((e) => `${e.line}:${e.column}:${e.key}`)).toEqual([
      '2:group:imports.errors.groupUnknown',
      '5:group:imports.errors.groupUnknown',
      '8:regionCode:imports.errors.groupNeedsVillage',
    ])
    expect(await registerCount(county.id)).toEqual(before)
  })

  it('refuses an ID number registered to someone else, or outside the user’s area', async () => {
    const { clerk, inside, outside, county, townships } = await setting()
    const otherClerk = await staff('TOWNSHIP_STAFF', townships[1])
    const theirs = family(outside.code, '1', '外乡路 1 号')
    await importRegister(ctxOf(otherClerk), importCsv(theirs), true)
    const mine = family(inside[0].code, '1', '幸福路 8 号')
    mine[0].idNumber = theirs[0].idNumber
    mine[1].idNumber = theirs[1].idNumber
    mine[1].name = '李秀英'
    const before = await registerCount(county.id)
    const result = await importRegister(ctxOf(clerk), importCsv(mine), true)
    expect(result.errors.map((e) => `${e.line}:${e.column}:${e.key}`)).toEqual([
      '2:idNumber:imports.errors.idOutOfScope',
      '3:idNumber:imports.errors.idOutOfScope',
    ])
    expect(await registerCount(county.id)).toEqual(before)
  })

  it('refuses files that are not spreadsheets, are empty or have the wrong headers', async () => {
    const { clerk } = await setting()
    await expect(importRegister(ctxOf(clerk), new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), false)).rejects.toMatchObject({
      key: 'imports.errors.notSpreadsheet',
    })
    await expect(importRegister(ctxOf(clerk), new TextEncoder().encode('代码,名称,上级代码\n1,2,3\n'), false)).rejects.toMatchObject({
      key: 'imports.errors.badHeader',
    })
    await expect(importRegister(ctxOf(clerk), importCsv([]), false)).rejects.toMatchObject({ key: 'imports.errors.empty' })
  })

  it('imports a 1,000-row generated file and then finds every row already registered', async () => {
    const { clerk, inside, county } = await setting()
    const file = importCsv(
      generateRows(
        1_000,
        inside.map((v) => v.code),
        (process.pid % 50) * 20 + 50,
      ),
    )
    const result = await importRegister(ctxOf(clerk), file, true)
    expect(result).toMatchObject({ errorCount: 0, committed: true, persons: 1_000 })
    expect(await db.person.count({ where: { countyId: county.id } })).toBe(1_000)
    expect(await db.household.count({ where: { countyId: county.id, headId: null } })).toBe(0)
    expect(await importRegister(ctxOf(clerk), file, false)).toMatchObject({ persons: 0, skipped: 1_000 })
  })
})

describe('import checks: audited, and no ID-existence oracle across the county', () => {
  it('audits every dry run and every commit with its counts', async () => {
    const { clerk, inside } = await setting()
    const file = importCsv(family(inside[0].code, '1', '幸福路 8 号'))
    await importRegister(ctxOf(clerk), file, false)
    await importRegister(ctxOf(clerk), file, true)
    const checks = await db.auditEvent.findMany({ where: { actorId: clerk.id, action: 'register.import.check' }, orderBy: { id: 'asc' } })
    expect(checks.map((c) => c.after)).toEqual([
      expect.objectContaining({ commit: false, rows: 3, households: 1, persons: 3, skipped: 0, errors: 0, outOfScope: 0, outOfScopeHashes: [] }),
      expect.objectContaining({ commit: true, rows: 3, households: 1, persons: 3, skipped: 0, errors: 0, outOfScope: 0 }),
    ])
    expect(await db.auditEvent.count({ where: { actorId: clerk.id, action: 'register.import' } })).toBe(1)
  })

  it('a hit outside the user’s region is audited by its hash, and its row says “registered elsewhere in the county” without saying where', async () => {
    const { clerk, inside, outside, townships } = await setting()
    const otherClerk = await staff('TOWNSHIP_STAFF', townships[1])
    const theirs = family(outside.code, '1', '外乡路 1 号')
    await importRegister(ctxOf(otherClerk), importCsv(theirs), true)
    const mine = family(inside[0].code, '1', '幸福路 8 号')
    mine[0].idNumber = theirs[0].idNumber
    mine[1].idNumber = theirs[1].idNumber
    const result = await importRegister(ctxOf(clerk), importCsv(mine), false)
    const hits = result.errors.filter((e) => e.key === 'imports.errors.idOutOfScope')
    expect(hits.map((e) => ({ line: e.line, value: e.value, params: e.params }))).toEqual([
      { line: 2, value: '', params: undefined },
      { line: 3, value: '', params: undefined },
    ])
    const message = translator('zh-CN')('imports.errors.idOutOfScope')
    expect(message).toContain('本县其他地方登记')
    expect(message).toContain('县内迁移')
    for (const where of [outside.name, outside.code, townships[1].name]) expect(JSON.stringify(result) + message).not.toContain(where)

    const event = await db.auditEvent.findFirstOrThrow({ where: { actorId: clerk.id, action: 'register.import.check' } })
    expect(event.after).toMatchObject({
      commit: false,
      outOfScope: 2,
      outOfScopeHashes: [hashIdNumber(theirs[0].idNumber!), hashIdNumber(theirs[1].idNumber!)].sort(),
    })
    expect(await outOfScopeHitsToday(db, clerk.id)).toBe(2)
  })

  it(`refuses a user's imports past ${OUT_OF_SCOPE_DAILY_CAP} hits outside their region in a day, and alerts the administrators`, async () => {
    const { clerk, inside, outside, townships, county, township } = await setting()
    const otherClerk = await staff('TOWNSHIP_STAFF', townships[1])
    const ids = maleIds(25)
    expect(await importRegister(ctxOf(otherClerk), importCsv(singles(outside.code, ids)), true)).toMatchObject({ committed: true, persons: 25 })

    // 15 guesses that hit: answered (as errors), counted
    const first = await importRegister(ctxOf(clerk), importCsv(singles(inside[0].code, ids.slice(0, 15))), false)
    expect(first.errors.filter((e) => e.key === 'imports.errors.idOutOfScope')).toHaveLength(15)
    // 6 more would make 21: refused, nothing about the rows is returned
    await expect(importRegister(ctxOf(clerk), importCsv(singles(inside[0].code, ids.slice(15, 21))), false)).rejects.toMatchObject({
      key: 'imports.errors.outOfScopeCap',
    })
    const refused = await db.auditEvent.findFirstOrThrow({ where: { actorId: clerk.id, action: 'register.import.refused' } })
    expect(refused.after).toMatchObject({ outOfScope: 6, hitsToday: 21, outOfScopeHashes: ids.slice(15, 21).map(hashIdNumber).sort() })
    // past the cap even a clean file is refused today, and nothing is written
    const before = await db.person.count({ where: { countyId: county.id } })
    await expect(importRegister(ctxOf(clerk), importCsv(family(inside[0].code, '1', '幸福路 8 号')), true)).rejects.toMatchObject({
      key: 'imports.errors.outOfScopeCap',
    })
    expect(await db.person.count({ where: { countyId: county.id } })).toBe(before)
    // someone else in the same township is not affected
    const colleague = await staff('TOWNSHIP_STAFF', township)
    expect(await importRegister(ctxOf(colleague), importCsv(family(inside[1].code, '1', '和平路 2 号')), false)).toMatchObject({
      errorCount: 0,
      persons: 3,
    })

    const countyAdmin = await staff('ADMIN', county)
    const alerts = await idCheckAlerts(countyAdmin)
    expect(alerts).toEqual([expect.objectContaining({ actorName: clerk.username, hitsToday: 21, source: 'import' })])
    expect(await idCheckAlerts(await staff('ADMIN', townships[1]))).toEqual([])
    expect(await idCheckAlerts(await staff('INSPECTOR', county))).toEqual([])
  })
})

describe('register export', () => {
  it('bulk export of residents’ rows is refused to roles that do not maintain the register', async () => {
    const { clerk, inside, township, county } = await setting()
    await importRegister(ctxOf(clerk), importCsv(family(inside[0].code, '1', '幸福路 8 号')), true)
    const refused = [await staff('TOWNSHIP_LEADER', township), await staff('COUNTY_OFFICIAL', county), await staff('INSPECTOR', county)]
    for (const user of refused) {
      await expect(exportRegister(ctxOf(user), { q: '', alive: 'yes' })).rejects.toMatchObject({ key: 'errors.forbidden' })
      expect(await db.auditEvent.count({ where: { action: 'register.export', actorId: user.id } })).toBe(0)
    }
  })

  it('stays in scope and is audited with the ids of the people exported; a full-ID export names whose numbers it carries', async () => {
    const { clerk, inside, outside, townships, county } = await setting()
    const rows = family(inside[0].code, '1', '幸福路 8 号')
    await importRegister(ctxOf(clerk), importCsv(rows), true)
    const otherClerk = await staff('TOWNSHIP_STAFF', townships[1])
    await importRegister(ctxOf(otherClerk), importCsv(family(outside.code, '1', '外乡路 1 号')), true)
    const mine = await db.person.findMany({
      where: { countyId: county.id, villageId: inside[0].id },
      select: { id: true, idHash: true },
      orderBy: { id: 'asc' },
    })
    expect(mine).toHaveLength(3)

    const started = await exportRegister(ctxOf(clerk), { q: '', alive: 'yes' })
    if (!started.ok) throw new Error('export refused')
    expect(started).toMatchObject({ count: 3, fullIds: true })
    const { header, rows: exported } = await readExport(started.stream)
    expect(header).toEqual(expect.arrayContaining(['姓名', '性别', '出生日期', '身份证号', '与户主关系', '住址']))
    expect(exported.map((r) => r['住址'])).toEqual(['幸福路 8 号', '幸福路 8 号', '幸福路 8 号'])
    expect(exported[0]).toMatchObject({ 姓名: '王建军', 性别: '男', 与户主关系: '本人', 民族: '汉族', 身份证号: rows[0].idNumber })
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'register.export', actorId: clerk.id } })
    expect(event.after).toMatchObject({
      count: 3,
      fullIds: true,
      personIds: mine.map((p) => p.id),
      fullIdPersonIds: mine.filter((p) => p.idHash !== null).map((p) => p.id),
    })
    expect((event.after as { fullIdPersonIds: number[] }).fullIdPersonIds).toHaveLength(2)

    // the same filter semantics as the search: one person, named in the audit
    const one = await exportRegister(ctxOf(clerk), { q: '王建军', alive: 'yes' })
    if (!one.ok) throw new Error('export refused')
    const { rows: named } = await readExport(one.stream)
    expect(named.map((r) => r['身份证号'])).toEqual([rows[0].idNumber])
    const last = await db.auditEvent.findFirstOrThrow({ where: { action: 'register.export', actorId: clerk.id }, orderBy: { id: 'desc' } })
    expect(last.after).toMatchObject({ count: 1, personIds: [mine[0].id] })
  })
})
