import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, sessionStaff } from './helpers'
import { buildDemoCounty } from '@/prisma/seed/demo'
import { translator } from '@/lib/i18n/core'
import { columnsOf, REPORT_SECTIONS } from '@/lib/reports/sections'
import { frozenFigure, isTraceable, traceFigure, traceRows } from '@/lib/reports/trace'
import { traceWorkbook } from '@/lib/reports/trace-export'
import type { Snapshot } from '@/lib/reports/snapshot'
import type { ReportKind } from '@/lib/reports/rules'
import ExcelJS from 'exceljs'

// Every figure traceable (追溯) on the demo county: random cells of its reports (seeded, several per
// table, every kind and both levels) open a list as long as the figure; the list is scoped like the
// report; figures of sensitive services never open for those who cannot see the records.

const TODAY = '2026-11-22'
const t = translator('zh-CN')

/** mulberry32: a small seeded generator, so a failing cell is the same cell on the next run. */
function seeded(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Region = { id: number; level: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'; ancestorIds: number[]; name: string }
let county: Region
let ncjd: Region
let chd: Region
let ncjdVillage: Region
let otherNcjdVillage: Region

async function region(code: string): Promise<Region> {
  const r = await db.region.findUniqueOrThrow({ where: { code }, select: { id: true, level: true, ancestorIds: true, name: true } })
  return r as Region
}

beforeAll(async () => {
  // the demo may already be in this worker's database (tests/integration/reports-sums builds the same one)
  if (!(await db.region.findUnique({ where: { code: '371422000000' } }))) await buildDemoCounty(db, { residents: 3000, today: TODAY })
  county = await region('371422000000')
  ncjd = await region('371422001000')
  chd = await region('371422101000')
  const villages = await db.region.findMany({ where: { parentId: ncjd.id, level: 'VILLAGE' }, orderBy: { code: 'asc' }, take: 2, select: { code: true } })
  ncjdVillage = await region(villages[0].code)
  otherNcjdVillage = await region(villages[1].code)
}, 300_000)

describe('figures traced to their records (追溯)', { timeout: 300_000 }, () => {
  it('random cells of the demo’s reports: the list’s length equals the figure, for every table', async () => {
    const official = await sessionStaff('COUNTY_OFFICIAL', county)
    const reports = await db.reportSubmission.findMany({
      where: { countyId: county.id },
      select: { id: true, regionId: true, level: true, kind: true, periodKey: true, figures: true },
      orderBy: { id: 'asc' },
    })
    const random = seeded(13)
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
    // both levels and every kind
    const chosen = new Map<number, (typeof reports)[number]>()
    for (const level of ['COUNTY', 'TOWNSHIP'] as const)
      for (const kind of ['MONTHLY', 'HALF_YEAR', 'ANNUAL'] as const) {
        const of = reports.filter((r) => r.level === level && r.kind === kind)
        for (let i = 0; i < 2 && of.length > 0; i++) {
          const r = pick(of)
          chosen.set(r.id, r)
        }
      }
    expect(new Set([...chosen.values()].map((r) => `${r.level}-${r.kind}`)).size).toBe(6)
    let checked = 0
    let nonZero = 0
    for (const report of chosen.values()) {
      const figures = report.figures as unknown as Snapshot
      const rows = [report.regionId, ...figures.children.map((c) => c.id)]
      for (const section of REPORT_SECTIONS) {
        const keys = columnsOf(section)
          .map((c) => (c.derive ? (c.trace ?? null) : c.key))
          .filter((k): k is string => k !== null && isTraceable(k))
        expect(keys.length, section.key).toBeGreaterThan(0)
        for (let i = 0; i < 3; i++) {
          const key = pick(keys)
          const regionId = pick(rows)
          const figure = frozenFigure(figures, report.regionId, regionId, key)
          if (figure === null) continue // a report frozen before its section existed
          const list = await traceFigure(official, { regionId, kind: report.kind as ReportKind, periodKey: report.periodKey, key })
          if (key.startsWith('marriages')) {
            // pre-marital checks: aggregate only, for a county official as for everyone who cannot see them
            expect(list, `${report.id} ${regionId} ${key}`).toBe('refused')
            continue
          }
          expect(list, `${report.id} ${regionId} ${key}`).not.toBeNull()
          expect(list !== 'refused' && list !== null && list.ids.length, `report ${report.id} region ${regionId} ${key}`).toBe(figure)
          checked++
          if (figure > 0) nonZero++
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40)
    expect(nonZero).toBeGreaterThanOrEqual(20)
  })

  it('lists names and masked ID numbers only, and exports the same list, audited', async () => {
    const official = await sessionStaff('COUNTY_OFFICIAL', county)
    const list = await traceFigure(official, { regionId: ncjd.id, kind: 'ANNUAL', periodKey: '2025', key: 'registeredFemale' })
    if (list === null || list === 'refused') throw new Error('the county official traces a township’s figure')
    expect(list.ids.length).toBeGreaterThan(10)
    const rows = await traceRows(list.entity, list.ids.slice(0, 20))
    expect(rows.map((r) => r.id)).toEqual(list.ids.slice(0, 20))
    for (const r of rows) {
      expect(r.sex).toBe('FEMALE')
      expect(r.idMasked ?? '').not.toMatch(/^\d{17}[\dX]$/)
    }
    const events = await traceFigure(official, { regionId: ncjd.id, kind: 'ANNUAL', periodKey: '2025', key: 'births' })
    if (events === null || events === 'refused') throw new Error('births trace')
    const eventRows = await traceRows(events.entity, events.ids)
    expect(eventRows.every((r) => r.event?.type === 'BIRTH' && r.event.occurredOn.startsWith('202'))).toBe(true)

    const staff = await sessionStaff('TOWNSHIP_STAFF', ncjd)
    const before = await db.auditEvent.count({ where: { action: 'report.traceExport' } })
    const file = await traceWorkbook(ctxOf(staff), { regionId: ncjd.id, kind: 'ANNUAL', periodKey: '2025', key: 'births' }, t)
    expect(file?.count).toBe(events.ids.length)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file!.buffer)
    // title, count, header, then one row per record
    expect(workbook.worksheets[0].rowCount).toBe(3 + events.ids.length)
    expect(await db.auditEvent.count({ where: { action: 'report.traceExport' } })).toBe(before + 1)
  })

  it('is scoped like the report: another township, a village’s neighbour or its township open nothing', async () => {
    const staff = await sessionStaff('TOWNSHIP_STAFF', ncjd)
    const officer = await sessionStaff('VILLAGE_OFFICER', ncjdVillage)
    const admin = await sessionStaff('ADMIN', county)
    const q = (regionId: number) => ({ regionId, kind: 'ANNUAL' as const, periodKey: '2025', key: 'registered' })
    expect(await traceFigure(staff, q(ncjd.id))).toMatchObject({ region: { id: ncjd.id } })
    expect(await traceFigure(staff, q(ncjdVillage.id))).toMatchObject({ region: { id: ncjdVillage.id } })
    expect(await traceFigure(staff, q(chd.id))).toBeNull()
    expect(await traceFigure(staff, q(county.id))).toBeNull()
    expect(await traceFigure(officer, q(ncjdVillage.id))).toMatchObject({ region: { id: ncjdVillage.id } })
    expect(await traceFigure(officer, q(otherNcjdVillage.id))).toBeNull()
    expect(await traceFigure(officer, q(ncjd.id))).toBeNull()
    // administrators see no residents
    expect(await traceFigure(admin, q(county.id))).toBeNull()
    // a period not yet ended, a rate, an unknown key: nothing
    expect(await traceFigure(staff, { ...q(ncjd.id), kind: 'MONTHLY', periodKey: '2099-01' })).toBeNull()
    expect(await traceFigure(staff, { ...q(ncjd.id), key: 'birthRate' })).toBeNull()
    expect(await traceFigure(staff, { ...q(ncjd.id), key: 'nope' })).toBeNull()
  })

  it('small cells of sensitive services never open for roles that cannot see the records; other services do', async () => {
    const staff = await sessionStaff('TOWNSHIP_STAFF', chd)
    const leader = await sessionStaff('TOWNSHIP_LEADER', chd)
    const officer = await sessionStaff('VILLAGE_OFFICER', (await region('371422101202')) as Region)
    const service = await sessionStaff('TOWNSHIP_SERVICE_STAFF', chd)
    const q = (regionId: number, key: string) => ({ regionId, kind: 'ANNUAL' as const, periodKey: '2025', key })
    for (const who of [staff, leader]) {
      expect(await traceFigure(who, q(chd.id, 'marriagesDone'))).toBe('refused')
      expect(await traceFigure(who, q(chd.id, 'marriagesEligible'))).toBe('refused')
    }
    // the service staff read no reports: no figure opens for them at all
    expect(await traceFigure(service, q(chd.id, 'marriagesDone'))).toBeNull()
    const children = await traceFigure(officer, q(officer.regionId, 'childrenEligible'))
    const done = await traceFigure(officer, q(officer.regionId, 'childrenDone'))
    if (!children || children === 'refused' || !done || done === 'refused') throw new Error('children’s checks open for the village')
    expect(children.entity).toBe('person')
    expect(done.ids.every((id) => children.ids.includes(id))).toBe(true)
    const families = await traceFigure(staff, q(chd.id, 'familiesEligible'))
    expect(families !== null && families !== 'refused' && families.entity).toBe('household')
  })
})
