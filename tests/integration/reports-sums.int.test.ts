import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { buildDemoCounty } from '@/prisma/seed/demo'
import { computeCounts, type FigureScope, type ScopeCounts } from '@/lib/reports/figures'
import { approveReport, prepareReport, signReport, submitReport } from '@/lib/reports/service'
import type { Snapshot } from '@/lib/reports/snapshot'
import { DEFAULT_REPORT_SETTINGS } from '@/lib/reports/rules'
import { periodOf, periodsOfStatYear, type Period } from '@/lib/periods/rules'
import type { Counts } from '@/lib/reports/sections'
import { ctxOf, sessionStaff } from './helpers'

// The demo county at a small scale: every figure of every period of its five statistical years is
// additive — the county equals the sum of its townships, each computed by its own query, and each
// township the sum of its villages. The demo has real moves between villages and townships, moves
// out and returns (prisma/seed/residents.ts), so a person counted in two places, or in none, shows
// up here as a difference.
//
// Coverage (chosen for run time): county = Σ townships for all 70 periods (2022–2026, 12 months +
// half-year + year each); township = Σ villages for all 12 townships in the 10 half-year and annual
// periods, and for the 60 months in two townships (宁城街道, 柴胡店镇). About 6,000 village, 770
// township and 70 county computations; with 5,000 residents this file runs in about 30 s here (building the demo: 3 s).
//
// The demo is built in this worker's database (the services below use the app's client); the
// other test files make their own counties with codes starting 9, so nothing collides.

const TODAY = '2026-11-22'
const STAT_YEARS = [2022, 2023, 2024, 2025, 2026]

interface Region {
  id: number
  name: string
  code: string
}

let countyId: number
let townships: Region[]
const villagesOf = new Map<number, Region[]>()

beforeAll(async () => {
  await buildDemoCounty(db, { residents: 5000, today: TODAY })
  const county = await db.region.findUniqueOrThrow({ where: { code: '371422000000' } })
  countyId = county.id
  townships = await db.region.findMany({
    where: { parentId: countyId, level: 'TOWNSHIP' },
    select: { id: true, name: true, code: true },
    orderBy: { code: 'asc' },
  })
  for (const t of townships)
    villagesOf.set(
      t.id,
      await db.region.findMany({ where: { parentId: t.id, level: 'VILLAGE' }, select: { id: true, name: true, code: true }, orderBy: { code: 'asc' } }),
    )
}, 300_000)

/** Key-by-key sum, written here rather than taken from sections.ts, which is under test. */
function add(rows: Counts[]): Counts {
  const out: Counts = {}
  for (const row of rows) for (const [k, v] of Object.entries(row)) out[k] = (out[k] ?? 0) + v
  return out
}

const scope = (level: FigureScope['level'], regionId: number): FigureScope => ({ level, regionId, countyId })

/** Runs `fn` over `items` a few at a time (the connection pool is small). */
async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, size = 4): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))))
  return out
}

function expectSum(label: string, whole: Counts, parts: Counts[]) {
  const sum = add(parts)
  // every key of the whole, with the parts' zero where no part had any; one comparison, whose
  // diff names the keys that differ
  expect(Object.fromEntries(Object.keys(whole).map((k) => [k, sum[k] ?? 0])), label).toEqual(whole)
  expect(Object.keys(whole).length).toBeGreaterThan(30)
}

const periods = STAT_YEARS.flatMap((y) => periodsOfStatYear(y, DEFAULT_REPORT_SETTINGS))
const monthly = periods.filter((p) => p.kind === 'MONTHLY')
const longer = periods.filter((p) => p.kind !== 'MONTHLY')

describe('demo county: figures add up', () => {
  const townshipCounts = new Map<string, ScopeCounts>()
  const townshipOf = async (t: Region, period: Period) => {
    const key = `${t.id}:${period.kind}:${period.key}`
    if (!townshipCounts.has(key)) townshipCounts.set(key, await computeCounts(db, scope('TOWNSHIP', t.id), period))
    return townshipCounts.get(key)!
  }

  it('the county equals the sum of its townships, each computed on its own, in every period', async () => {
    expect(periods).toHaveLength(70)
    const totals: Counts[] = []
    for (const period of periods) {
      const county = await computeCounts(db, scope('COUNTY', countyId), period)
      const own = await inBatches(townships, (t) => townshipOf(t, period))
      expectSum(
        `${period.key} county`,
        county.total,
        own.map((c) => c.total),
      )
      for (const [i, t] of townships.entries()) {
        const byChild = county.byChild.get(t.id)
        // a township with nobody and nothing in it has no row in the county's breakdown
        if (byChild) expect(byChild, `${period.key} ${t.name} in the county's breakdown`).toEqual(own[i].total)
        else
          expect(
            Object.values(own[i].total).every((v) => v === 0),
            `${period.key} ${t.name}`,
          ).toBe(true)
      }
      totals.push(county.total)
    }
    // the check means something: people moved within, out of and into the county, and were born
    const all = add(totals)
    for (const key of ['movesWithin', 'movesOut', 'movesIn', 'births', 'deaths', 'eventsLate']) expect(all[key], key).toBeGreaterThan(0)
  }, 240_000)

  async function townshipEqualsVillages(t: Region, period: Period) {
    const villages = villagesOf.get(t.id)!
    const whole = await townshipOf(t, period)
    const parts = await inBatches(villages, (v) => computeCounts(db, scope('VILLAGE', v.id), period))
    expectSum(
      `${period.key} ${t.name}`,
      whole.total,
      parts.map((p) => p.total),
    )
    for (const [i, v] of villages.entries()) {
      const byChild = whole.byChild.get(v.id)
      if (byChild) expect(byChild, `${period.key} ${v.name} in ${t.name}'s breakdown`).toEqual(parts[i].total)
      else
        expect(
          Object.values(parts[i].total).every((n) => n === 0),
          `${period.key} ${v.name}`,
        ).toBe(true)
    }
  }

  it('every township equals the sum of its villages in every half-year and year', async () => {
    for (const period of longer) for (const t of townships) await townshipEqualsVillages(t, period)
  }, 240_000)

  it('宁城街道 and 柴胡店镇 equal the sum of their villages in every month', async () => {
    const two = townships.filter((t) => t.name === '宁城街道' || t.name === '柴胡店镇')
    expect(two).toHaveLength(2)
    for (const period of monthly) for (const t of two) await townshipEqualsVillages(t, period)
  }, 240_000)

  it('the county report, summed from approved township reports, equals the county computed from the register', async () => {
    // a period the demo's report history does not cover
    const period = periodOf('HALF_YEAR', '2024H1', DEFAULT_REPORT_SETTINGS)!
    const official = await sessionStaff('COUNTY_OFFICIAL', { id: countyId, level: 'COUNTY', ancestorIds: [] })
    for (const t of townships) {
      const region = { id: t.id, level: 'TOWNSHIP' as const, ancestorIds: [countyId], name: t.name }
      const [preparer, statistician, head] = [
        await sessionStaff('TOWNSHIP_STAFF', region),
        await sessionStaff('TOWNSHIP_STAFF', region),
        await sessionStaff('TOWNSHIP_LEADER', region),
      ]
      const { reportId } = await prepareReport(ctxOf(preparer), { kind: period.kind, periodKey: period.key }, TODAY)
      // the township's report holds the register's figures, in total and by village
      const stored = (await db.reportSubmission.findUniqueOrThrow({ where: { id: reportId } })).figures as unknown as Snapshot
      const live = await computeCounts(db, scope('TOWNSHIP', t.id), period)
      expect(stored.total, t.name).toEqual(live.total)
      for (const [id, counts] of live.byChild) expect(stored.byChild[String(id)], `${t.name} ${id}`).toEqual(counts)
      await signReport(ctxOf(preparer), { reportId, role: 'PREPARER' })
      await signReport(ctxOf(statistician), { reportId, role: 'STATISTICIAN' })
      await signReport(ctxOf(head), { reportId, role: 'UNIT_HEAD' })
      await submitReport(ctxOf(preparer), { reportId })
      await approveReport(ctxOf(official), { reportId })
    }
    const { reportId } = await prepareReport(ctxOf(official), { kind: period.kind, periodKey: period.key }, TODAY)
    const report = await db.reportSubmission.findUniqueOrThrow({ where: { id: reportId } })
    const figures = report.figures as unknown as Snapshot
    expect(figures.source).toBe('townships')
    const live = await computeCounts(db, scope('COUNTY', countyId), period)
    expect(figures.total).toEqual(live.total)
    expect(figures.children.map((c) => c.id)).toEqual(townships.map((t) => t.id))
    for (const t of townships) expect(figures.byChild[String(t.id)], t.name).toEqual(live.byChild.get(t.id))
    expect(live.total.registered).toBeGreaterThan(4000)
  }, 120_000)
})
