import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { asActor, ctxOf, sessionStaff } from './helpers'
import { makeCounty, makeUser, personInput, uniqueUsername, type MadeRegion } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { toDate } from '@/lib/dates'
import { childrenOn, listRegionChanges, recordRegionChange, usersOfEndedRegions } from '@/lib/regions/history'
import type { RegionChangeInput } from '@/lib/regions/history-schemas'
import { registerScope, regionScope } from '@/lib/access/permissions'
import { registerSnapshot } from '@/lib/reports/snapshot'
import { prepareReport } from '@/lib/reports/service'
import { periodOf } from '@/lib/periods/rules'
import { DEFAULT_REPORT_SETTINGS } from '@/lib/reports/rules'
import { recordEvent } from '@/lib/registry/service'
import { timelinessOverview } from '@/lib/reports/queries'
import { recordDemoRegionChange } from '@/prisma/seed/region-history'

// A split of township T1 (villages V11, V12) of a test county into two new streets on 2025-01-01,
// with people in both halves, a rename and a village moved; figures of a month before the split are
// reported on T1 and its villages, of a month after it on the new streets.

const TODAY = '2026-06-01'
const doc = { documentNo: '鲁政字〔2024〕88号', documentTitle: '关于调整宁津县部分行政区划的批复' }
const december = periodOf('MONTHLY', '2024-12', DEFAULT_REPORT_SETTINGS)!
const march = periodOf('MONTHLY', '2025-03', DEFAULT_REPORT_SETTINGS)!

async function setup() {
  const tree = await makeCounty(db, '史')
  const admin = asActor(await makeUser(db, { username: uniqueUsername('ha'), role: 'ADMIN', regionId: tree.county.id, password: 'Correct-horse-42' }), 'COUNTY')
  const ctx = { actor: admin, subject: admin }
  const [t1, t2] = tree.townships
  const [v11, v12, v21] = tree.villages
  const code6 = tree.county.code.slice(0, 6)
  return { ...tree, admin, ctx, t1, t2, v11, v12, v21, code6 }
}

async function household(village: MadeRegion, people: { born: string; sex?: 'MALE' | 'FEMALE' }[]) {
  return makeHousehold(db, village, {
    address: `${village.name}1号`,
    members: people.map((p, i) => ({ ...personInput({ birthDate: p.born, sex: p.sex ?? 'MALE' }), relation: i === 0 ? 'SELF' : 'CHILD' })),
  })
}

async function birthEvent(countyId: number, village: { id: number; townshipId: number }, personId: number, on: string, clerk: number) {
  await db.lifeEvent.create({
    data: {
      countyId,
      townshipId: village.townshipId,
      villageId: village.id,
      type: 'BIRTH',
      personId,
      occurredOn: toDate(on),
      recordedOn: toDate(on),
      late: false,
      details: {},
      recordedById: clerk,
    },
  })
}

function split(s: Awaited<ReturnType<typeof setup>>, over: Partial<Extract<RegionChangeInput, { kind: 'SPLIT' }>> = {}): RegionChangeInput {
  return {
    kind: 'SPLIT',
    townshipId: s.t1.id,
    effectiveOn: '2025-01-01',
    ...doc,
    parts: [
      { code: `${s.code6}001000`, name: '宁城街道' },
      { code: `${s.code6}002000`, name: '津城街道' },
    ],
    assign: new Map([
      [s.v11.id, 0],
      [s.v12.id, 1],
    ]),
    ...over,
  }
}

const snapshotCounts = (snap: Awaited<ReturnType<typeof registerSnapshot>>) =>
  Object.fromEntries(snap.children.map((c) => [c.name, [snap.byChild[String(c.id)].registered, snap.byChild[String(c.id)].births]]))

describe('a township split', () => {
  it('reports a month before it on the old township and one after it on the new streets; people keep their villages', async () => {
    const s = await setup()
    // two people in V11, one (born in December 2024) with its birth event; one in V12
    const a = await household(s.v11, [{ born: '1980-01-01' }, { born: '2024-12-10', sex: 'FEMALE' }])
    await household(s.v12, [{ born: '1975-05-05' }])
    await birthEvent(s.county.id, { id: s.v11.id, townshipId: s.t1.id }, a.members[1].id, '2024-12-10', s.admin.id)
    const staff1 = await makeUser(db, { username: uniqueUsername('t1'), role: 'TOWNSHIP_STAFF', regionId: s.t1.id, password: 'Correct-horse-42' })

    const preview = await recordRegionChange(s.ctx, split(s), false, TODAY)
    expect(preview.changeId).toBeNull()
    expect(preview.preview.created.map((c) => c.name)).toEqual(['宁城街道', '津城街道', s.v11.name, s.v12.name])
    expect(preview.preview).toMatchObject({ households: 2, people: 3, groups: 2, users: [{ username: staff1.username }] })
    expect(await db.region.count({ where: { ancestorIds: { has: s.county.id } } })).toBe(10)

    const result = await recordRegionChange(s.ctx, split(s), true, TODAY)
    expect(result.changeId).not.toBeNull()
    const [n1, n2] = await Promise.all(
      ['宁城街道', '津城街道'].map((name) =>
        db.region.findFirstOrThrow({ where: { name, parentId: s.county.id }, select: { id: true, level: true, ancestorIds: true, validFrom: true } }),
      ),
    )
    const oldT1 = await db.region.findUniqueOrThrow({ where: { id: s.t1.id } })
    expect(oldT1).toMatchObject({ active: false, validTo: toDate('2025-01-01') })

    // people follow their villages to the new rows: a new street's staff finds them with the usual scope
    const streetUser = { id: 0, role: 'TOWNSHIP_STAFF' as const, regionId: n1.id, regionLevel: 'TOWNSHIP' as const }
    const inN1 = await db.person.findMany({ where: registerScope(streetUser), select: { id: true } })
    expect(inN1.map((p) => p.id).sort()).toEqual(a.members.map((m) => m.id).sort())
    const villagesOfN1 = await db.region.findMany({ where: { ...regionScope(streetUser), level: 'VILLAGE' }, select: { name: true } })
    expect(villagesOfN1.map((v) => v.name)).toEqual([s.v11.name])
    expect(await db.person.count({ where: { townshipId: s.t1.id } })).toBe(0)

    // December 2024: reported on T1 and its old villages, the birth included
    const before = await registerSnapshot(db, { level: 'TOWNSHIP', regionId: s.t1.id, countyId: s.county.id }, december)
    expect(before.total.registered).toBe(3)
    expect(snapshotCounts(before)).toEqual({ [s.v11.name]: [2, 1], [s.v12.name]: [1, 0] })
    expect(before.children.map((c) => c.id)).toEqual([s.v11.id, s.v12.id])
    const countyBefore = await registerSnapshot(db, { level: 'COUNTY', regionId: s.county.id, countyId: s.county.id }, december)
    expect(countyBefore.children.map((c) => c.name)).toEqual([s.t1.name, s.t2.name])
    expect(countyBefore.byChild[String(s.t1.id)].registered).toBe(3)

    // March 2025: on the new streets; a child born in March in the new V12 row counts there
    const newV12 = await db.region.findFirstOrThrow({ where: { parentId: n2.id, level: 'VILLAGE' }, select: { id: true } })
    const c = await household({ id: newV12.id, level: 'VILLAGE', ancestorIds: [s.county.id, n2.id] } as MadeRegion, [{ born: '2025-03-02' }])
    await birthEvent(s.county.id, { id: newV12.id, townshipId: n2.id }, c.members[0].id, '2025-03-02', s.admin.id)
    const countyAfter = await registerSnapshot(db, { level: 'COUNTY', regionId: s.county.id, countyId: s.county.id }, march)
    expect(countyAfter.children.map((x) => x.name)).toEqual(['宁城街道', '津城街道', s.t2.name])
    expect(countyAfter.byChild[String(n1.id)]).toMatchObject({ registered: 2, births: 0 })
    expect(countyAfter.byChild[String(n2.id)]).toMatchObject({ registered: 2, births: 1 })
    const n2March = await registerSnapshot(db, { level: 'TOWNSHIP', regionId: n2.id, countyId: s.county.id }, march)
    expect(n2March.children.map((x) => x.id)).toEqual([newV12.id])
    // and December again, after the March entries: unchanged
    expect((await registerSnapshot(db, { level: 'TOWNSHIP', regionId: s.t1.id, countyId: s.county.id }, december)).total.registered).toBe(3)

    // a new street cannot report a period before it existed
    const streetStaff = await sessionStaff('TOWNSHIP_STAFF', { id: n1.id, level: 'TOWNSHIP', ancestorIds: n1.ancestorIds, name: '宁城街道' })
    await expect(prepareReport(ctxOf(streetStaff), { kind: 'MONTHLY', periodKey: '2024-12' }, TODAY)).rejects.toMatchObject({
      key: 'regionHistory.errors.notValidInPeriod',
    })

    // the tree as of a date
    expect((await childrenOn(s.admin, s.county.id, '2024-12-31')).map((r) => r.name)).toEqual([s.t1.name, s.t2.name])
    expect((await childrenOn(s.admin, s.county.id, '2025-01-01')).map((r) => r.name)).toEqual(['宁城街道', '津城街道', s.t2.name])
    expect((await childrenOn(s.admin, s.t1.id, '2024-12-31')).map((r) => r.id)).toEqual([s.v11.id, s.v12.id])

    // the user of the ended township is listed for reassignment
    expect((await usersOfEndedRegions(s.admin)).map((u) => u.username)).toContain(staff1.username)
    const changes = await listRegionChanges(db, s.county.id)
    expect(changes[0]).toMatchObject({ kind: 'SPLIT', effectiveOn: '2025-01-01', mapping: [{ from: s.t1.name, to: '宁城街道、津城街道' }] })
    const audited = await db.auditEvent.findFirst({ where: { action: 'region.change', entityId: String(result.changeId) } })
    expect(audited).not.toBeNull()
  })
})

describe('a rename and a village moved', () => {
  it('renames with history: the tree and reports of an earlier date show the old name', async () => {
    const s = await setup()
    await household(s.v21, [{ born: '1970-01-01' }])
    await recordRegionChange(s.ctx, { kind: 'RENAME', regionId: s.t2.id, name: '张大庄镇', effectiveOn: '2025-01-01', ...doc }, true, TODAY)
    expect((await db.region.findUniqueOrThrow({ where: { id: s.t2.id } })).name).toBe('张大庄镇')
    expect((await childrenOn(s.admin, s.county.id, '2024-12-31')).map((r) => r.name)).toEqual([s.t1.name, s.t2.name])
    expect((await childrenOn(s.admin, s.county.id, '2025-01-01')).map((r) => r.name)).toEqual([s.t1.name, '张大庄镇'])
    const dec = await registerSnapshot(db, { level: 'COUNTY', regionId: s.county.id, countyId: s.county.id }, december)
    expect(dec.children.find((c) => c.id === s.t2.id)?.name).toBe(s.t2.name)
    const mar = await registerSnapshot(db, { level: 'COUNTY', regionId: s.county.id, countyId: s.county.id }, march)
    expect(mar.children.find((c) => c.id === s.t2.id)?.name).toBe('张大庄镇')
    // a second change of the same region dated on or before the rename overlaps it
    await expect(
      recordRegionChange(s.ctx, { kind: 'RENAME', regionId: s.t2.id, name: '另名镇', effectiveOn: '2025-01-01', ...doc }, true, TODAY),
    ).rejects.toMatchObject({ key: 'regionHistory.errors.overlaps' })
  })

  it('moves a village: its people count in the old township before and the new one after', async () => {
    const s = await setup()
    await household(s.v12, [{ born: '1970-01-01' }, { born: '1999-01-01' }])
    await recordRegionChange(s.ctx, { kind: 'MOVE', villageId: s.v12.id, toTownshipId: s.t2.id, effectiveOn: '2025-01-01', ...doc }, true, TODAY)
    const dec = await registerSnapshot(db, { level: 'COUNTY', regionId: s.county.id, countyId: s.county.id }, december)
    const mar = await registerSnapshot(db, { level: 'COUNTY', regionId: s.county.id, countyId: s.county.id }, march)
    expect([dec.byChild[String(s.t1.id)].registered, dec.byChild[String(s.t2.id)].registered]).toEqual([2, 0])
    expect([mar.byChild[String(s.t1.id)].registered, mar.byChild[String(s.t2.id)].registered]).toEqual([0, 2])
    const moved = await db.region.findFirstOrThrow({ where: { parentId: s.t2.id, name: s.v12.name } })
    expect(moved.code.slice(0, 9)).toBe(s.t2.code.slice(0, 9))
  })

  it("moves a village's service records with it, so the new township's service staff see them", async () => {
    const s = await setup()
    const home = await household(s.v12, [{ born: '1970-01-01' }])
    const type = await db.serviceType.create({
      data: { countyId: s.county.id, code: 'ELDER', nameZh: '老年人健康管理', nameEn: 'Elderly care', deliveredBy: 'VILLAGE_OFFICER', target: 'PERSON' },
    })
    const record = await db.serviceRecord.create({
      data: {
        countyId: s.county.id,
        townshipId: s.t1.id,
        villageId: s.v12.id,
        typeId: type.id,
        sensitive: false,
        personId: home.household.headId,
        servedOn: toDate('2024-11-02'),
        station: '村卫生室',
        staffName: '王医生',
        outcome: '血压正常',
        recordedById: s.admin.id,
      },
    })
    await recordRegionChange(s.ctx, { kind: 'MOVE', villageId: s.v12.id, toTownshipId: s.t2.id, effectiveOn: '2025-01-01', ...doc }, true, TODAY)
    const moved = await db.region.findFirstOrThrow({ where: { parentId: s.t2.id, name: s.v12.name } })
    expect(await db.serviceRecord.findUniqueOrThrow({ where: { id: record.id }, select: { townshipId: true, villageId: true } })).toEqual({
      townshipId: s.t2.id,
      villageId: moved.id,
    })
  })
})

describe('bad input writes nothing', () => {
  it('refuses with a clear message and leaves regions, people and the audit as they were', async () => {
    const s = await setup()
    await household(s.v11, [{ born: '1980-01-01' }])
    const counts = async () =>
      Promise.all([
        db.region.count({ where: { ancestorIds: { has: s.county.id } } }),
        db.regionChange.count({ where: { countyId: s.county.id } }),
        db.person.count({ where: { townshipId: s.t1.id } }),
        db.auditEvent.count({ where: { action: 'region.change' } }),
      ])
    const before = await counts()
    const cases: [RegionChangeInput, string][] = [
      [split(s, { assign: new Map([[s.v11.id, 0]]) }), 'regionHistory.errors.unassigned'],
      [split(s, { townshipId: 2_000_000_000 }), 'regionHistory.errors.unknownRegion'],
      [split(s, { effectiveOn: '2027-01-01' }), 'regionHistory.errors.future'],
      [split(s, { parts: [{ code: `${s.code6}001000`, name: '一' }] }), 'regionHistory.errors.tooFewNew'],
      [
        split(s, {
          parts: [
            { code: s.t2.code, name: '一' },
            { code: `${s.code6}002000`, name: '二' },
          ],
        }),
        'regionHistory.errors.duplicateNewCode',
      ],
      [{ kind: 'MOVE', villageId: s.v11.id, toTownshipId: s.t1.id, effectiveOn: '2025-01-01', ...doc }, 'regionHistory.errors.sameTownship'],
      [{ kind: 'RENAME', regionId: s.t1.id, name: s.t1.name, effectiveOn: '2025-01-01', ...doc }, 'regionHistory.errors.sameName'],
    ]
    for (const [input, key] of cases) {
      await expect(recordRegionChange(s.ctx, input, true, TODAY), key).rejects.toMatchObject({ key })
    }
    // dated before the new street existed: record a split, then try to change a new street earlier
    await recordRegionChange(s.ctx, split(s), true, TODAY)
    const n1 = await db.region.findFirstOrThrow({ where: { name: '宁城街道', parentId: s.county.id } })
    const mid = await counts()
    await expect(
      recordRegionChange(s.ctx, { kind: 'RENAME', regionId: n1.id, name: '宁城镇', effectiveOn: '2024-06-01', ...doc }, true, TODAY),
    ).rejects.toMatchObject({ key: 'regionHistory.errors.beforeExists' })
    await expect(recordRegionChange(s.ctx, split(s), true, TODAY)).rejects.toMatchObject({ key: 'regionHistory.errors.ended' })
    expect(await counts()).toEqual(mid)
    expect(before[3]).toBeLessThan(mid[3])
  })

  it('refuses a change dated inside an approved period of the township', async () => {
    const s = await setup()
    const report = await db.reportSubmission.create({
      data: {
        countyId: s.county.id,
        regionId: s.t1.id,
        level: 'TOWNSHIP',
        kind: 'MONTHLY',
        periodKey: '2025-01',
        periodStart: toDate('2025-01-01'),
        periodEnd: toDate('2025-01-31'),
        deadline: toDate('2025-02-06'),
        status: 'APPROVED',
        figures: {},
        computedAt: new Date(),
        preparedById: s.admin.id,
      },
    })
    await db.periodLock.create({
      data: { countyId: s.county.id, townshipId: s.t1.id, submissionId: report.id, fromDate: toDate('2025-01-01'), toDate: toDate('2025-01-31') },
    })
    await expect(recordRegionChange(s.ctx, split(s), true, TODAY)).rejects.toMatchObject({ key: 'regionHistory.errors.periodApproved' })
    expect(await db.region.count({ where: { parentId: s.county.id } })).toBe(2)
  })

  it('refuses anyone but a county administrator', async () => {
    const s = await setup()
    const townshipAdmin = asActor(
      await makeUser(db, { username: uniqueUsername('ta'), role: 'ADMIN', regionId: s.t1.id, password: 'Correct-horse-42' }),
      'TOWNSHIP',
    )
    await expect(recordRegionChange({ actor: townshipAdmin, subject: townshipAdmin }, split(s), true, TODAY)).rejects.toMatchObject({
      key: 'regionHistory.errors.county',
    })
  })
})

describe('period locks after a split', () => {
  it('a period the old township approved stays locked for the people now in the new streets', async () => {
    const s = await setup()
    const a = await household(s.v11, [{ born: '1950-01-01' }])
    const report = await db.reportSubmission.create({
      data: {
        countyId: s.county.id,
        regionId: s.t1.id,
        level: 'TOWNSHIP',
        kind: 'MONTHLY',
        periodKey: '2024-12',
        periodStart: toDate('2024-12-01'),
        periodEnd: toDate('2024-12-31'),
        deadline: toDate('2025-01-06'),
        status: 'APPROVED',
        figures: {},
        computedAt: new Date(),
        preparedById: s.admin.id,
      },
    })
    await db.periodLock.create({
      data: { countyId: s.county.id, townshipId: s.t1.id, submissionId: report.id, fromDate: toDate('2024-12-01'), toDate: toDate('2024-12-31') },
    })
    await recordRegionChange(s.ctx, split(s), true, TODAY)
    const person = await db.person.findUniqueOrThrow({ where: { id: a.members[0].id } })
    expect(person.townshipId).not.toBe(s.t1.id)
    const officer = asActor(
      await makeUser(db, { username: uniqueUsername('vo'), role: 'VILLAGE_OFFICER', regionId: person.villageId, password: 'Correct-horse-42' }),
      'VILLAGE',
    )
    await expect(recordEvent(ctxOf(officer), { type: 'DEATH', personId: person.id, version: person.version, occurredOn: '2024-12-15' })).rejects.toMatchObject({
      key: 'reports.errors.periodLocked',
    })
    // after the split the new street's own periods are open
    await recordEvent(ctxOf(officer), { type: 'DEATH', personId: person.id, version: person.version, occurredOn: '2025-02-01' })
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).alive).toBe(false)
  })
})

describe('the demo change', () => {
  it('renames 张大庄乡 to 张大庄镇 with its history, once; on a county that already says 张大庄镇 it records the history only', async () => {
    const s = await setup()
    await db.region.update({ where: { id: s.t2.id }, data: { name: '张大庄乡' } })
    const id = await recordDemoRegionChange(db, s.county.code)
    expect(id).not.toBeNull()
    expect((await db.region.findUniqueOrThrow({ where: { id: s.t2.id } })).name).toBe('张大庄镇')
    expect((await childrenOn(s.admin, s.county.id, '2019-12-31')).map((r) => r.name)).toContain('张大庄乡')
    expect(await recordDemoRegionChange(db, s.county.code)).toBeNull()

    const other = await setup()
    await db.region.update({ where: { id: other.t1.id }, data: { name: '张大庄镇' } })
    expect(await recordDemoRegionChange(db, other.county.code)).not.toBeNull()
    expect((await childrenOn(other.admin, other.county.id, '2019-12-31')).map((r) => r.name)).toContain('张大庄乡')
    expect((await childrenOn(other.admin, other.county.id, '2020-01-01')).map((r) => r.name)).toContain('张大庄镇')
  })
})

describe('timeliness across a split', () => {
  it('lists the old township and the new streets in the year of the split, each owing only the periods it existed at the end of', async () => {
    const s = await setup()
    await recordRegionChange(s.ctx, split(s), true, TODAY)
    const overview = await timelinessOverview(s.county.id, 2025, TODAY)
    expect(overview.townships.map((t) => t.name)).toEqual(['宁城街道', '津城街道', s.t1.name, s.t2.name])
    const cell = (name: string, key: string) =>
      overview.townships.find((t) => t.name === name)!.cells.find((c) => c.kind === 'MONTHLY' && c.periodKey === key)!.timeliness
    expect([cell(s.t1.name, '2024-12'), cell(s.t1.name, '2025-03')]).toEqual(['MISSING', 'NOT_DUE'])
    expect([cell('宁城街道', '2024-12'), cell('宁城街道', '2025-03')]).toEqual(['NOT_DUE', 'MISSING'])
    // a year before the split: the new streets are not listed
    expect((await timelinessOverview(s.county.id, 2024, TODAY)).townships.map((t) => t.name)).toEqual([s.t1.name, s.t2.name])
  })
})
