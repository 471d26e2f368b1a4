import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername } from '@/tests/factories'
import { createRegion, importRegions, renameRegion, setRegionActive } from '@/lib/regions/service'
import { createRegionSchema } from '@/lib/regions/schemas'
import { asActor, ctxOf } from './helpers'

async function countyAdmin() {
  const tree = await makeCounty(db)
  const admin = asActor(await makeUser(db, { username: uniqueUsername('ca'), role: 'ADMIN', regionId: tree.county.id, password: 'Correct-horse-42' }), 'COUNTY')
  return { ...tree, admin }
}

describe('region tree', () => {
  it('adds a child one level down with its ancestors, and finds the subtree through the index', async () => {
    const { admin, townships, county } = await countyAdmin()
    const village = await createRegion(ctxOf(admin), { parentId: townships[0].id, code: `${townships[0].code.slice(0, 9)}211`, name: '新村' })
    const stored = await db.region.findUniqueOrThrow({ where: { id: village.id } })
    expect(stored).toMatchObject({ level: 'VILLAGE', ancestorIds: [county.id, townships[0].id] })
    const below = await db.region.findMany({ where: { ancestorIds: { has: townships[0].id } }, select: { id: true } })
    expect(below.map((r) => r.id)).toContain(village.id)
    // With sequential scans priced out, the planner must have an index for "everything below X".
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off')
      return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN SELECT id FROM "Region" WHERE "ancestorIds" @> ARRAY[${townships[0].id}]`)
    })
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on "?Region_ancestorIds_idx/)
  })

  it('refuses duplicate codes and codes outside the parent', async () => {
    const { admin, townships, villages } = await countyAdmin()
    await expect(createRegion(ctxOf(admin), { parentId: townships[0].id, code: villages[0].code, name: '重复村' })).rejects.toMatchObject({
      key: 'regions.errors.duplicateCode',
    })
    await expect(createRegion(ctxOf(admin), { parentId: townships[0].id, code: `${townships[1].code.slice(0, 9)}219`, name: '外村' })).rejects.toMatchObject({
      key: 'regions.errors.notUnderParent',
    })
  })

  it('renames with optimistic concurrency: a stale version is refused', async () => {
    const { admin, townships } = await countyAdmin()
    await renameRegion(ctxOf(admin), { id: townships[0].id, version: 1, name: '改名镇' })
    await expect(renameRegion(ctxOf(admin), { id: townships[0].id, version: 1, name: '又改名镇' })).rejects.toMatchObject({ key: 'errors.conflict' })
    expect(await db.region.findUniqueOrThrow({ where: { id: townships[0].id } })).toMatchObject({ name: '改名镇', version: 2 })
  })

  it('deactivates only an empty region', async () => {
    const { admin, townships, villages, groups } = await countyAdmin()
    await expect(setRegionActive(ctxOf(admin), { id: townships[0].id, version: 1, active: false })).rejects.toMatchObject({
      key: 'regions.errors.hasActiveChildren',
    })
    await makeUser(db, { username: uniqueUsername('vo'), role: 'VILLAGE_OFFICER', regionId: villages[0].id, password: 'Correct-horse-42' })
    await setRegionActive(ctxOf(admin), { id: groups[0].id, version: 1, active: false })
    await expect(setRegionActive(ctxOf(admin), { id: villages[0].id, version: 1, active: false })).rejects.toMatchObject({
      key: 'regions.errors.hasActiveUsers',
    })
  })
})

describe('village groups', () => {
  it('are added by their number under the village: the village code and 3 digits', async () => {
    const { admin, villages, groups } = await countyAdmin()
    // the factory's group is number 001
    expect(groups[0].code).toBe(`${villages[0].code}001`)
    const made = await createRegion(ctxOf(admin), { parentId: villages[0].id, code: '2', name: '第二村民小组' })
    expect(made).toMatchObject({ code: `${villages[0].code}002`, level: 'GROUP' })
    const full = await createRegion(ctxOf(admin), { parentId: villages[0].id, code: `${villages[0].code}015`, name: '第十五村民小组' })
    expect(full.code).toBe(`${villages[0].code}015`)
  })

  it('refuse a number the village already uses, a number out of range, and the old 12-digit codes; nothing is written', async () => {
    const { admin, villages, townships } = await countyAdmin()
    const before = await db.region.count()
    const taken = {
      key: 'regions.errors.groupNumberTaken',
      params: { village: villages[0].name, number: 1 },
      fieldErrors: { code: 'regions.errors.groupNumberTaken' },
    }
    await expect(createRegion(ctxOf(admin), { parentId: villages[0].id, code: '1', name: '又一组' })).rejects.toMatchObject(taken)
    await expect(createRegion(ctxOf(admin), { parentId: villages[0].id, code: `${villages[0].code}001`, name: '又一组' })).rejects.toMatchObject(taken)
    await expect(createRegion(ctxOf(admin), { parentId: villages[0].id, code: '0', name: '零组' })).rejects.toMatchObject({ key: 'regions.errors.groupShape' })
    await expect(createRegion(ctxOf(admin), { parentId: villages[0].id, code: `${villages[0].code.slice(0, 9)}601`, name: '旧码组' })).rejects.toMatchObject({
      key: 'regions.errors.groupShape',
    })
    // another village's group number
    await expect(createRegion(ctxOf(admin), { parentId: villages[0].id, code: `${villages[1].code}003`, name: '外组' })).rejects.toMatchObject({
      key: 'regions.errors.notUnderParent',
    })
    // a short number is only a group's
    await expect(createRegion(ctxOf(admin), { parentId: townships[0].id, code: '7', name: '七村' })).rejects.toMatchObject({ key: 'regions.errors.format' })
    expect(await db.region.count()).toBe(before)
  })
})

describe('hostile input in region forms', () => {
  it('gets a message key for every bad field and the database is unchanged', async () => {
    const { townships } = await countyAdmin()
    const before = await db.region.count()
    const cases = [
      { code: '', name: '' },
      { code: '1'.repeat(10_000), name: '村'.repeat(10_000) },
      { code: "1' OR '1'='1", name: 'x\'); DROP TABLE "Region"; --' },
      { code: '<script>', name: '<script>alert(1)</script>' },
      { code: '😀😀😀😀😀😀', name: '幸福村😀' },
      { code: '371422\u0000100201', name: '幸福\u0007村' },
    ]
    for (const input of cases) {
      const parsed = createRegionSchema.safeParse({ parentId: String(townships[0].id), ...input })
      expect(parsed.success).toBe(false)
      const fields = parsed.error!.issues.map((i) => i.path[0])
      expect(fields).toContain('code')
      expect(fields).toContain('name')
      for (const issue of parsed.error!.issues) expect(issue.message).toMatch(/^(errors|regions)\./)
    }
    expect(await db.region.count()).toBe(before)
  })
})

describe('CSV import', () => {
  it('a dry run checks every row and writes nothing; the commit creates parents before children', async () => {
    const { admin, townships } = await countyAdmin()
    const prefix = townships[0].code.slice(0, 9)
    const rows = [
      // a group listed before its village: the order of the file does not matter
      { line: 2, code: `${prefix}241001`, name: '第一村民小组', parentCode: `${prefix}241` },
      { line: 3, code: `${prefix}241`, name: '导入村', parentCode: townships[0].code },
      { line: 4, code: `${prefix}242`, name: '导入二村', parentCode: townships[0].code },
    ]
    const dry = await importRegions(
      ctxOf(admin),
      rows.map((r) => ({ ...r })),
      false,
    )
    expect(dry).toEqual({ rows: 3, errors: [], created: 0 })
    expect(await db.region.count({ where: { code: { in: rows.map((r) => r.code) } } })).toBe(0)

    const done = await importRegions(
      ctxOf(admin),
      rows.map((r) => ({ ...r })),
      true,
    )
    expect(done.created).toBe(3)
    const group = await db.region.findUniqueOrThrow({ where: { code: `${prefix}241001` }, include: { parent: true } })
    expect(group.level).toBe('GROUP')
    expect(group.parent?.code).toBe(`${prefix}241`)
    expect(await db.auditEvent.count({ where: { action: 'region.import', actorId: admin.id } })).toBe(1)
  })

  it('one bad row: every error is reported by line and column, and nothing is imported', async () => {
    const { admin, townships, villages } = await countyAdmin()
    const prefix = townships[0].code.slice(0, 9)
    const rows = [
      { line: 2, code: `${prefix}251`, name: '好村', parentCode: townships[0].code },
      { line: 3, code: `${prefix}252`, name: '<b>坏村</b>', parentCode: townships[0].code },
      { line: 4, code: villages[0].code, name: '重复村', parentCode: townships[0].code },
      { line: 5, code: `${prefix}253`, name: '孤村', parentCode: '999999999999' },
      { line: 6, code: `${prefix}251`, name: '同码村', parentCode: townships[0].code },
      { line: 7, code: '12345', name: '短码村', parentCode: townships[0].code },
    ]
    const result = await importRegions(ctxOf(admin), rows, true)
    expect(result.created).toBe(0)
    expect(result.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [3, 'name', 'errors.nameCharacters'],
      [4, 'code', 'regions.errors.duplicateCode'],
      [5, 'parentCode', 'regions.import.parentUnknown'],
      [6, 'code', 'regions.import.duplicateInFile'],
      [7, 'code', 'regions.errors.format'],
    ])
    expect(await db.region.count({ where: { code: { in: [`${prefix}251`, `${prefix}252`, `${prefix}253`] } } })).toBe(0)
  })
})
