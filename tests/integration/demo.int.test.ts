import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import pg from 'pg'
import { Prisma } from '@/lib/generated/prisma/client'
import { createClient } from '@/lib/db/client'
import { codeProblem } from '@/lib/regions/rules'
import { divisionCounty } from '@/lib/regions/division'
import { ROLES } from '@/lib/access/roles'
import { buildDemoCounty, DEMO_PASSWORD } from '@/prisma/seed/demo'
import { verifyPassword } from '@/lib/access/password'
import { computeCounts } from '@/lib/reports/figures'
import type { Snapshot } from '@/lib/reports/snapshot'

async function freshDatabase(name: string) {
  const server = inject('pgServerUrl')
  const admin = new pg.Client({ connectionString: `${server}postgres` })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.query(`CREATE DATABASE ${name} TEMPLATE xz_template`)
  await admin.end()
  return createClient(`${server}${name}`)
}

// Each test builds whole demo counties (thousands of residents, their history and reports): minutes
// on a loaded 2-core machine, not the 30 s default of a single check.
describe('demo county', { timeout: 300_000 }, () => {
  it('is 宁津县 as the national list has it: its 12 streets, towns and townships, their 561 villages and communities, 2–6 groups each, valid codes, users for every role; the same each time', async () => {
    const a = await freshDatabase('xz_demo_a')
    const b = await freshDatabase('xz_demo_b')
    try {
      // built in the morning (China time) of the demo's today
      const options = { residents: 3000, today: '2026-11-22', now: new Date('2026-11-22T10:00:00+08:00') }
      const made = await buildDemoCounty(a, options)
      await buildDemoCounty(b, options)
      // the monthly review's entries are dated no later than the moment the demo was built
      expect(await a.registerChange.count()).toBeGreaterThan(0)
      expect(await a.registerChange.count({ where: { createdAt: { gt: options.now } } })).toBe(0)
      expect(await a.lifeEvent.count({ where: { createdAt: { gt: options.now } } })).toBe(0)
      expect(made.persons).toBeGreaterThanOrEqual(3000)
      expect(made.persons).toBeLessThan(3100)
      const regions = await a.region.findMany({ include: { parent: true }, orderBy: { code: 'asc' } })
      const county = regions.filter((r) => r.level === 'COUNTY')
      expect(county.map((r) => r.name)).toEqual(['宁津县'])
      const townships = regions.filter((r) => r.level === 'TOWNSHIP')
      expect(townships.map((r) => `${r.code} ${r.name}`)).toEqual([
        '371422001000 宁城街道',
        '371422002000 津城街道',
        '371422101000 柴胡店镇',
        '371422102000 长官镇',
        '371422103000 杜集镇',
        '371422104000 保店镇',
        '371422105000 大柳镇',
        '371422106000 大曹镇',
        '371422107000 相衙镇',
        '371422108000 时集镇',
        '371422109000 张大庄镇',
        '371422201000 刘营伍乡',
      ])
      // every village and community of the list, under its township, with the list's code
      const list = divisionCounty('371422')!
      const villages = regions.filter((r) => r.level === 'VILLAGE')
      expect(villages).toHaveLength(561)
      expect(villages.map((v) => [v.code, v.parent!.code, v.name])).toEqual(list.townships.flatMap((t) => t.villages.map((v) => [v.code, t.code, v.name])))
      // the nine communities of 宁城街道 are urban, every other unit a village
      expect(villages.filter((v) => v.urban).map((v) => v.name)).toEqual([
        '安业社区',
        '康平社区',
        '正阳社区',
        '福宁社区',
        '振华社区',
        '朝阳社区',
        '希望社区',
        '康宁社区',
        '惠宁社区',
      ])
      for (const v of villages) {
        const groups = regions.filter((r) => r.parentId === v.id)
        expect(groups.length, v.name).toBeGreaterThanOrEqual(2)
        expect(groups.length, v.name).toBeLessThanOrEqual(6)
        expect(groups.map((g) => g.code)).toEqual(groups.map((_, i) => `${v.code}00${i + 1}`))
      }
      for (const r of regions) expect(codeProblem(r.code, r.level, r.parent?.code ?? null), r.code).toBeNull()

      // a service station in every township, a service room in every village, where services are recorded
      const stations = await a.serviceStation.findMany({ select: { kind: true, townshipId: true, villageId: true } })
      const current = regions.filter((r) => r.validTo === null)
      expect(
        stations
          .filter((s) => s.kind === 'TOWNSHIP_STATION')
          .map((s) => s.townshipId)
          .sort(),
      ).toEqual(
        current
          .filter((r) => r.level === 'TOWNSHIP')
          .map((r) => r.id)
          .sort(),
      )
      expect(
        stations
          .filter((s) => s.kind === 'VILLAGE_ROOM')
          .map((s) => s.villageId)
          .sort(),
      ).toEqual(
        current
          .filter((r) => r.level === 'VILLAGE')
          .map((r) => r.id)
          .sort(),
      )
      expect(await a.serviceRecord.count({ where: { stationId: null } })).toBe(0)

      const users = await a.user.findMany({ include: { region: true } })
      expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES))
      expect(new Set(users.map((u) => u.region.level))).toEqual(new Set(['COUNTY', 'TOWNSHIP', 'VILLAGE']))
      expect(await verifyPassword(users[0].passwordHash, DEMO_PASSWORD)).toBe(true)

      const again = await b.region.findMany({ select: { code: true, name: true }, orderBy: { code: 'asc' } })
      expect(again).toEqual(regions.map((r) => ({ code: r.code, name: r.name })))
      const people = (db: typeof a) => db.person.findMany({ select: { name: true, birthDate: true, idMasked: true, residence: true }, orderBy: { id: 'asc' } })
      expect(await people(b)).toEqual(await people(a))
    } finally {
      await a.$disconnect()
      await b.$disconnect()
    }
  })

  it('has realistic households, migrants and five years of events, some registered late', async () => {
    const a = await freshDatabase('xz_demo_c')
    try {
      await buildDemoCounty(a, { residents: 5000, today: '2026-11-22' })
      const persons = await a.person.findMany({ select: { householdId: true, residence: true, birthDate: true, alive: true, idHash: true } })
      const sizes = new Map<number, number>()
      // those who moved out of the county belong to no household any more
      for (const p of persons) if (p.householdId !== null) sizes.set(p.householdId, (sizes.get(p.householdId) ?? 0) + 1)
      expect(Math.max(...sizes.values())).toBeLessThanOrEqual(6)
      expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(1)
      const share = (r: string) => persons.filter((p) => p.residence === r).length / persons.length
      expect(share('INFLOW')).toBeGreaterThan(0.02)
      expect(share('INFLOW')).toBeLessThan(0.09)
      expect(share('OUTFLOW')).toBeGreaterThan(0.04)
      expect(share('OUTFLOW')).toBeLessThan(0.13)
      const elderly = persons.filter((p) => p.birthDate < new Date('1966-11-22')).length / persons.length
      expect(elderly).toBeGreaterThan(0.1)
      expect(new Set(persons.filter((p) => p.idHash).map((p) => p.idHash)).size).toBe(persons.filter((p) => p.idHash).length)
      const events = await a.lifeEvent.groupBy({ by: ['type'], _count: true })
      const count = (type: string) => events.find((e) => e.type === type)?._count ?? 0
      for (const type of ['BIRTH', 'DEATH', 'MARRIAGE', 'MOVE_IN']) expect(count(type), type).toBeGreaterThan(0)
      expect(await a.lifeEvent.count({ where: { late: true } })).toBeGreaterThan(0)
      // moves are real: the event stays where the person left, the person lives elsewhere now, in a
      // household of their new village; those who moved out (and did not return) left their household
      const moves = await a.lifeEvent.findMany({
        where: { type: 'MOVE_WITHIN' },
        select: {
          villageId: true,
          townshipId: true,
          details: true,
          person: {
            select: { villageId: true, townshipId: true, regionId: true, householdId: true, household: { select: { villageId: true, regionId: true } } },
          },
        },
      })
      expect(moves.length).toBeGreaterThan(10)
      for (const m of moves) {
        expect(m.person.villageId).not.toBe(m.villageId)
        expect(m.person.household).toMatchObject({ villageId: m.person.villageId, regionId: m.person.regionId })
        expect(m.details).toMatchObject({ toRegionId: m.person.regionId })
      }
      expect(moves.some((m) => m.person.townshipId !== m.townshipId)).toBe(true)
      const out = await a.lifeEvent.findMany({ where: { type: 'MOVE_OUT' }, select: { person: { select: { movedOut: true, householdId: true } } } })
      expect(out.length).toBeGreaterThan(0)
      expect(out.filter((e) => e.person.movedOut).every((e) => e.person.householdId === null)).toBe(true)
      expect(await a.person.count({ where: { movedOut: true } })).toBeGreaterThan(0)
      const returns = await a.lifeEvent.findMany({ where: { type: 'RETURN' }, select: { details: true } })
      const from = new Set(returns.map((r) => (r.details as { returnedFrom?: string }).returnedFrom))
      expect(from).toEqual(new Set(['MOVED_OUT', 'OUTFLOW']))
      expect(await a.lifeEvent.count({ where: { occurredOn: { lt: new Date('2021-11-01') } } })).toBe(0)
      expect(await a.household.count({ where: { headId: null } })).toBeGreaterThan(0)
      // the planted problems are in the data-quality queue
      expect(await a.qualityFinding.count({ where: { rule: { in: ['noHead', 'selfNotHead'] }, status: 'OPEN' } })).toBeGreaterThan(0)
      expect(await a.qualityFinding.count({ where: { rule: 'idMismatch', status: 'OPEN' } })).toBeGreaterThan(0)

      // families are linked as the register links them: a child of a head and spouse who are a man
      // and a woman has both as parents, so births are numbered among the mother's children
      const children = await a.person.findMany({
        where: { relation: 'CHILD', household: { members: { some: { relation: 'SPOUSE' } } } },
        select: { motherId: true, fatherId: true },
      })
      expect(children.length).toBeGreaterThan(100)
      expect(children.filter((c) => c.motherId !== null && c.fatherId !== null).length / children.length).toBeGreaterThan(0.9)
      const births = await a.lifeEvent.findMany({ where: { type: 'BIRTH' }, select: { person: { select: { birthOrder: true } } } })
      const ofBirths = (f: (order: number) => boolean) => births.filter((b) => f(b.person.birthOrder ?? 1)).length / births.length
      const [first, second, third] = [ofBirths((o) => o === 1), ofBirths((o) => o === 2), ofBirths((o) => o >= 3)]
      console.log(`demo births: ${births.length}; order 1 ${(first * 100).toFixed(1)}%, 2 ${(second * 100).toFixed(1)}%, 3+ ${(third * 100).toFixed(1)}%`)
      // China in the 2020s: about 45% first births, 40% second, 15% third or later
      expect(first).toBeGreaterThan(0.3)
      expect(first).toBeLessThan(0.6)
      expect(second).toBeGreaterThan(0.25)
      expect(third).toBeGreaterThan(0.03)
      expect(third).toBeLessThan(0.25)
      expect(await a.qualityFinding.count({ where: { rule: 'birthOrder' } })).toBe(0)
      // a death widows the spouse; a dead head's widow heads the household
      expect(
        await a.person.count({ where: { alive: true, relation: { in: ['SELF', 'SPOUSE'] }, maritalStatus: 'MARRIED', household: { head: { alive: false } } } }),
      ).toBe(0)
      const deadHeads = await a.lifeEvent.findMany({
        where: { type: 'DEATH', details: { path: ['newHeadId'], not: Prisma.AnyNull } },
        select: { details: true },
      })
      expect(deadHeads.length).toBeGreaterThan(0)
      for (const d of deadHeads)
        expect(await a.person.findUniqueOrThrow({ where: { id: (d.details as { newHeadId: number }).newHeadId } })).toMatchObject({
          relation: 'SELF',
          alive: true,
        })
    } finally {
      await a.$disconnect()
    }
  })

  it('has a report history: real figures, most approved and locked, some late, some missing; the last two months left open', async () => {
    const a = await freshDatabase('xz_demo_d')
    try {
      // today 2026-11-22: the history covers statistical year 2026 (Oct 2025 – Sep 2026); October
      // 2026 is the latest ended month and November the current one
      await buildDemoCounty(a, { residents: 3000, today: '2026-11-22' })
      const townships = await a.region.findMany({ where: { level: 'TOWNSHIP' }, select: { id: true, name: true } })
      const reports = await a.reportSubmission.findMany({ include: { signOffs: true, locks: true } })
      const township = reports.filter((r) => r.level === 'TOWNSHIP')
      // 12 townships × (12 months + half-year + year) = 168 township reports were due; a few never came
      expect(township.length).toBeGreaterThan(142)
      expect(township.length).toBeLessThan(168)
      expect(new Set(township.map((r) => r.periodKey)).size).toBe(14)
      const approved = township.filter((r) => r.status === 'APPROVED')
      expect(approved.length).toBeGreaterThan(township.length * 0.8)
      // still with the county: only in the most recent month of the history
      expect(new Set(township.filter((r) => r.status === 'SUBMITTED').map((r) => r.periodKey))).toEqual(new Set(['2026-09']))
      const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
      const late = township.filter((r) => dayOf(r.firstSubmittedAt!) > r.deadline.toISOString().slice(0, 10))
      expect(late.length).toBeGreaterThan(0)
      expect(late.length).toBeLessThan(township.length * 0.3)
      for (const r of township) {
        // three different people of the township signed, in order
        expect(r.signOffs.map((s) => s.role).sort()).toEqual(['PREPARER', 'STATISTICIAN', 'UNIT_HEAD'])
        expect(new Set(r.signOffs.map((s) => s.userId)).size).toBe(3)
        expect(r.locks).toHaveLength(r.status === 'APPROVED' ? 1 : 0)
      }
      const signers = await a.user.findMany({
        where: { id: { in: township.flatMap((r) => r.signOffs.map((s) => s.userId)) } },
        select: { id: true, regionId: true, role: true, username: true },
      })
      const byId = new Map(signers.map((u) => [u.id, u]))
      for (const r of township) for (const s of r.signOffs) expect(byId.get(s.userId)!.regionId).toBe(r.regionId)
      const ncjd = townships.find((t) => t.name === '宁城街道')!
      const ncjdReport = township.find((r) => r.regionId === ncjd.id)!
      expect(Object.fromEntries(ncjdReport.signOffs.map((s) => [s.role, byId.get(s.userId)!.username]))).toEqual({
        PREPARER: 'ncjd.staff',
        STATISTICIAN: 'ncjd.stats',
        UNIT_HEAD: 'ncjd.leader',
      })
      // the end-to-end tests prepare 宁城街道's latest ended month and record events in the last two months
      expect(await a.reportSubmission.count({ where: { periodKey: { in: ['2026-10', '2026-11'] } } })).toBe(0)
      expect(await a.periodLock.count({ where: { toDate: { gte: new Date('2026-10-01') } } })).toBe(0)
      // the figures are the register's: an approved report equals the live computation
      // the half-year report of the township with the most residents (宁城街道's nine communities have few in a small demo)
      const registered = (r: (typeof approved)[number]) => (r.figures as unknown as Snapshot).total.registered
      const sample = approved.filter((r) => r.kind === 'HALF_YEAR').sort((x, y) => registered(y) - registered(x))[0]
      const live = await computeCounts(
        a,
        { level: 'TOWNSHIP', regionId: sample.regionId, countyId: sample.countyId },
        { kind: 'HALF_YEAR', key: '2026H1', statYear: 2026, start: '2025-10-01', end: '2026-03-31' },
      )
      const stored = sample.figures as unknown as Snapshot
      expect(stored.total).toEqual(live.total)
      expect(stored.total.registered).toBeGreaterThan(100)
      // the county's report exists where every township was approved, and sums them
      const countyReports = reports.filter((r) => r.level === 'COUNTY')
      expect(countyReports.length).toBeGreaterThan(0)
      for (const c of countyReports) {
        const parts = approved.filter((r) => r.periodKey === c.periodKey && r.kind === c.kind)
        expect(parts).toHaveLength(12)
        const total = (c.figures as unknown as Snapshot).total
        expect(total.registered).toBe(parts.reduce((n, r) => n + (r.figures as unknown as Snapshot).total.registered, 0))
      }
    } finally {
      await a.$disconnect()
    }
  })

  it('has the 2003 scheme and the population-services scheme, each with two published runs a year apart', async () => {
    const a = await freshDatabase('xz_demo_e')
    try {
      // today 2026-11-22 is in statistical year 2027 (from 1 October), which has barely begun: the runs
      // are of the two years that have ended, 2025 and 2026
      await buildDemoCounty(a, { residents: 0, today: '2026-11-22' })
      const schemes = await a.assessmentScheme.findMany({
        select: { key: true, maxPoints: true, _count: { select: { nodes: true } } },
        orderBy: { key: 'asc' },
      })
      expect(schemes).toEqual([
        { key: 'ningjin-2003', maxPoints: 1000, _count: { nodes: 11 } },
        { key: 'ningjin-population', maxPoints: 100, _count: { nodes: 7 } },
      ])
      const runs = await a.assessmentRun.findMany({
        select: { periodKey: true, status: true, scheme: { select: { key: true } }, _count: { select: { results: true, vetoes: true, adjustments: true } } },
        orderBy: { id: 'asc' },
      })
      expect(runs.map((r) => [r.scheme.key, r.periodKey, r.status, r._count.results])).toEqual([
        ['ningjin-2003', '2025', 'PUBLISHED', 12],
        ['ningjin-population', '2025', 'PUBLISHED', 12],
        ['ningjin-2003', '2026', 'PUBLISHED', 12],
        ['ningjin-population', '2026', 'PUBLISHED', 12],
      ])
      expect(runs.filter((r) => r.scheme.key === 'ningjin-2003').every((r) => r._count.vetoes === 1 && r._count.adjustments === 2)).toBe(true)
      // the 2003 scheme's places move between the two years (the chart has something to show)
      const places = await a.assessmentResult.findMany({
        where: { run: { scheme: { key: 'ningjin-2003' } } },
        select: { townshipId: true, place: true, run: { select: { periodKey: true } } },
      })
      const byYear = (year: string) => new Map(places.filter((p) => p.run.periodKey === year).map((p) => [p.townshipId, p.place]))
      const [before, after] = [byYear('2025'), byYear('2026')]
      expect([...after].some(([id, place]) => before.get(id) !== place)).toBe(true)
    } finally {
      await a.$disconnect()
    }
  })

  it('has three years of benefit applications at every step, a return, an objection, enrollments and exits; everyone enrolled was eligible', async () => {
    const a = await freshDatabase('xz_demo_f')
    try {
      await buildDemoCounty(a, { residents: 5000, today: '2026-11-22' })
      expect((await a.benefitProgram.findMany({ select: { code: true }, orderBy: { code: 'asc' } })).map((p) => p.code)).toEqual([
        'CHILDCARE',
        'ELDER_ONEOFF',
        'REWARD',
        'SPECIAL',
      ])
      const statuses = new Set((await a.benefitApplication.findMany({ select: { status: true } })).map((x) => x.status))
      for (const s of ['SUBMITTED', 'ACCEPTED', 'PUBLISHED', 'ENROLLED', 'REFUSED']) expect(statuses, s).toContain(s)
      expect(await a.benefitStepRecord.count({ where: { step: 'RETURN' } })).toBeGreaterThan(0)
      expect(await a.benefitObjection.count()).toBe(1)
      const enrolled = await a.benefitApplication.findMany({
        where: { status: { in: ['ENROLLED', 'EXITED'] } },
        select: { eligibility: true, appliedOn: true },
      })
      expect(enrolled.length).toBeGreaterThan(50)
      expect(enrolled.every((x) => (x.eligibility as { met: boolean }).met)).toBe(true)
      expect(await a.benefitEnrollment.count({ where: { exitReason: 'DEATH' } })).toBeGreaterThan(0)
      const years = new Set(enrolled.map((x) => x.appliedOn.getUTCFullYear()))
      expect(years.size).toBeGreaterThanOrEqual(3)
      // a notice never outlives its applications: each application at 公示 or later names one
      expect(await a.benefitApplication.count({ where: { status: { in: ['PUBLISHED', 'REVIEWED', 'APPROVED', 'ENROLLED'] }, noticeId: null } })).toBe(0)
    } finally {
      await a.$disconnect()
    }
  })
})
