import 'server-only'
import { can } from '@/lib/access/permissions'
import type { Translate } from '@/lib/i18n/core'
import type { ServiceContext } from '@/lib/server/context'
import type { SessionUser } from '@/lib/server/session'
import { db } from '@/lib/server/db'
import { todayIso } from '@/lib/dates'
import { regionForFigures } from '@/lib/regions/queries'
import {
  latestEndedPeriod,
  periodOf,
  statYearOf,
  addMonths,
  monthlyPeriod,
  halfYearPeriod,
  annualPeriod,
  type Period,
  type PeriodKind,
} from '@/lib/periods/rules'
import { reportSettings } from '@/lib/reports/scope'
import { timelinessOverview } from '@/lib/reports/queries'
import type { Counts } from '@/lib/reports/sections'
import { rankings } from '@/lib/assessment/queries'
import { computeCoverage } from '@/lib/services/coverage'
import { dashboardWidgets, type WidgetData } from '@/lib/inbox/widgets'
import { monthFigures, monthOf, monthsEndingWith, type StoreLevel } from './store'
import { AGE_GROUPS, compareClass, percentOf, perThousand, pyramidBins, sexRatioAtBirth, type CompareClass, type PyramidRow, type SexRatio } from './rules'
import { figureHref } from './figure-href'
import { briefly } from './brief-cache'

// The dashboards' data (issue 13): one read per dashboard, scoped by regionForFigures (a region in
// the viewer's scope, or nothing), from the statistics store (store.ts) and the modules' own reads.

export type DashboardLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'

/** The periods the picker offers: the last 24 months, the half-years and statistical years of the last 3 years. */
export function pickerPeriods(today: string, settings: { statYearStartMonth: number }): Period[] {
  const last = latestEndedPeriod('MONTHLY', today, settings)
  const months = Array.from({ length: 24 }, (_, i) => {
    const m = addMonths(Number(last.key.slice(0, 4)), Number(last.key.slice(5, 7)), -i)
    return monthlyPeriod(m.year, m.month, settings)
  })
  const year = statYearOf(today, settings)
  const years = [year, year - 1, year - 2]
  return [
    ...months,
    ...years.map((y) => halfYearPeriod(y, settings)).filter((p) => p.start <= today),
    ...years.map((y) => annualPeriod(y, settings)).filter((p) => p.start <= today),
  ]
}

/** The picker's value of a period: "MONTHLY:2026-09", "HALF_YEAR:2026H1", "ANNUAL:2026". */
export const periodValue = (p: Period) => `${p.kind}:${p.key}`

export function parsePeriodValue(value: string | undefined, settings: { statYearStartMonth: number }): Period | null {
  const [kind, key] = (value ?? '').split(':')
  if (!kind || !key) return null
  return periodOf(kind as PeriodKind, key, settings)
}

export interface ChildRow {
  id: number
  name: string
  /** the figures of the period: stock at its end, flows summed over its months */
  counts: Counts
}

export interface ComparedCell {
  value: number | null
  cls: CompareClass | null
  href: string | null
}

export interface DashboardData {
  region: { id: number; name: string; level: DashboardLevel; countyId: number }
  trail: { id: number; name: string }[]
  period: Period
  periods: Period[]
  total: Counts
  children: ChildRow[]
  trend: { month: string; registered: number; resident: number; inflow: number; outflow: number }[]
  vital: { month: string; births: number; deaths: number; boys: number; girls: number }[]
  sexRatio: { name: string; boys: number; girls: number; ratio: SexRatio | null }[]
  pyramid: PyramidRow[]
  migration: { name: string; movesIn: number; movesOut: number }[]
  timeliness: { name: string; reportingRate: number | null; onTimeRate: number | null }[] | null
  quality: { name: string; open: number; perThousand: number | null }[]
  ranking: { name: string; place: number; total: number; movement: number | null }[] | null
  rankingTitle: string | null
  compare: {
    columns: string[]
    county: Record<string, number | null>
    rows: { id: number; name: string; values: Record<string, number | null>; cells: Record<string, ComparedCell> }[]
  }
  widgets: { data: WidgetData; empty: string }[]
  village: { childrenDue: number; childrenEligible: number; lastReport: { month: string; counts: Counts } | null } | null
  hrefOf: (figure: string, regionId: number) => string | null
}

const FLOW_KEYS = ['births', 'birthsMale', 'birthsFemale', 'deaths', 'marriages', 'divorces', 'movesIn', 'movesOut', 'movesWithin'] as const

/** Stock keys from the period's last month so far, flow keys summed over its months (a period not over yet: up to today). */
function periodCounts(all: (Counts | undefined)[]): Counts {
  const months = all.filter((c): c is Counts => c !== undefined)
  const last = months.at(-1) ?? {}
  const out: Counts = { ...last }
  for (const key of FLOW_KEYS) out[key] = months.reduce((s, c) => s + (c?.[key] ?? 0), 0)
  return out
}

const COMPARE_COLUMNS = ['registered', 'resident', 'birthRate', 'deathRate', 'inflowShare', 'outflowShare', 'findingsRate'] as const

/** The dashboard of a region in the viewer's scope (their own by default), or null. */
export async function dashboardFor(
  ctx: ServiceContext & { subject: SessionUser },
  t: Translate,
  input: { regionId?: number; period?: string },
  today = todayIso(),
): Promise<DashboardData | null> {
  const user = ctx.subject
  const region = await regionForFigures(user, input.regionId)
  if (!region || region.level === 'GROUP') return null
  const level = region.level as DashboardLevel
  const countyId = level === 'COUNTY' ? region.id : region.ancestorIds[0]
  const settings = await reportSettings(db, countyId)
  const periods = pickerPeriods(today, settings)
  const period = parsePeriodValue(input.period, settings) ?? periods[0]
  // a village's figures are its township's row's child
  const scopeLevel: StoreLevel = level === 'COUNTY' ? 'COUNTY' : 'TOWNSHIP'
  const scopeId = level === 'VILLAGE' ? region.ancestorIds[region.ancestorIds.length - 1] : region.id
  const months = monthsEndingWith(monthOf(period.end), 24)
  const figures = await monthFigures(db, { level: scopeLevel, regionId: scopeId, countyId }, months, today)
  const own = (month: string): Counts | undefined => {
    const f = figures.get(month)
    if (!f) return undefined
    return level === 'VILLAGE' ? f.byChild[String(region.id)] : f.total
  }
  const inPeriod = months.filter((m) => m >= monthOf(period.start))
  const total = periodCounts(inPeriod.map(own))
  const childNames = level === 'VILLAGE' ? [] : region.children
  const children: ChildRow[] = childNames.map((c) => ({
    id: c.id,
    name: c.name,
    counts: periodCounts(inPeriod.map((m) => figures.get(m)?.byChild[String(c.id)])),
  }))
  const n = (c: Counts | undefined, key: string) => c?.[key] ?? 0
  const trend = months
    .filter((m) => figures.get(m))
    .map((m) => ({
      month: m,
      registered: n(own(m), 'registered'),
      resident: n(own(m), 'resident'),
      inflow: n(own(m), 'inflow'),
      outflow: n(own(m), 'outflow'),
    }))
  const vital = months
    .filter((m) => figures.get(m))
    .map((m) => ({ month: m, births: n(own(m), 'births'), deaths: n(own(m), 'deaths'), boys: n(own(m), 'birthsMale'), girls: n(own(m), 'birthsFemale') }))
  const sexRatio = [
    ...children.map((c) => ({ name: c.name, boys: n(c.counts, 'birthsMale'), girls: n(c.counts, 'birthsFemale') })),
    { name: region.name, boys: n(total, 'birthsMale'), girls: n(total, 'birthsFemale') },
  ].map((r) => ({ ...r, ratio: sexRatioAtBirth(r.boys, r.girls) }))

  const childColumn = level === 'COUNTY' ? 'townshipId' : 'villageId'
  const ownColumn = level === 'COUNTY' ? 'countyId' : level === 'TOWNSHIP' ? 'townshipId' : 'villageId'
  const [pyramidCells, findings, timeliness, ranking, villageDue] = await Promise.all([
    briefly(`pyramid/${region.id}/${period.end}`, () =>
      db.$queryRawUnsafe<{ sex: 'MALE' | 'FEMALE'; age: number; n: number }[]>(
        // 户籍人口 by sex and age on the period's last day, as the register places them today
        `SELECT sex::text AS sex, EXTRACT(YEAR FROM age($1::date, "birthDate"))::int AS age, COUNT(*)::int AS n
       FROM "Person"
       WHERE "${ownColumn}" = $2 AND "birthDate" <= $1::date AND residence <> 'INFLOW' AND NOT "movedOut"
         AND ((alive AND "deathDate" IS NULL) OR "deathDate" > $1::date)
       GROUP BY 1, 2`,
        period.end,
        region.id,
      ),
    ),
    level === 'VILLAGE'
      ? Promise.resolve([] as { child: number; open: number }[])
      : briefly(`findings/${region.id}`, () =>
          db.$queryRawUnsafe<{ child: number; open: number }[]>(
            `SELECT "${childColumn}" AS child, COUNT(*)::int AS open FROM "QualityFinding" WHERE "${ownColumn}" = $1 AND status = 'OPEN' GROUP BY 1`,
            region.id,
          ),
        ),
    level !== 'VILLAGE' && can(user, 'report.view')
      ? briefly(`timeliness/${countyId}/${period.statYear}/${today}`, () => timelinessOverview(countyId, period.statYear, today))
      : Promise.resolve(null),
    level !== 'VILLAGE' && can(user, 'assessment.view') ? briefly(`rankings/${user.role}/${user.regionId}`, () => rankings(user)) : Promise.resolve(null),
    level === 'VILLAGE'
      ? computeCoverage(db, { level: 'VILLAGE', regionId: region.id, countyId }, { start: `${today.slice(0, 7)}-01`, end: today })
      : Promise.resolve(null),
  ])
  const openBy = new Map(findings.map((f) => [Number(f.child), Number(f.open)]))
  const quality = children.map((c) => ({ name: c.name, open: openBy.get(c.id) ?? 0, perThousand: perThousand(openBy.get(c.id) ?? 0, n(c.counts, 'resident')) }))
  const openTotal = [...openBy.values()].reduce((a, b) => a + b, 0)

  const valuesOf = (c: Counts, open: number): Record<string, number | null> => ({
    registered: n(c, 'registered'),
    resident: n(c, 'resident'),
    birthRate: perThousand(n(c, 'births'), n(c, 'registered')),
    deathRate: perThousand(n(c, 'deaths'), n(c, 'registered')),
    inflowShare: percentOf(n(c, 'inflow'), n(c, 'resident')),
    outflowShare: percentOf(n(c, 'outflow'), n(c, 'registered')),
    findingsRate: perThousand(open, n(c, 'resident')),
  })
  const reference = valuesOf(total, openTotal)
  const hrefOf = (figure: string, regionId: number) => figureHref(figure, regionId, period)
  const compare = {
    columns: [...COMPARE_COLUMNS],
    county: reference,
    rows: children.map((c) => {
      const values = valuesOf(c.counts, openBy.get(c.id) ?? 0)
      // counts are compared per head of the region's average: a count's class says nothing, so only rates are coloured
      const cells = Object.fromEntries(
        COMPARE_COLUMNS.map((k) => [
          k,
          {
            value: values[k],
            cls:
              k === 'registered' || k === 'resident'
                ? compareClass(values[k], reference[k] === null ? null : reference[k]! / Math.max(children.length, 1))
                : compareClass(values[k], reference[k]),
            href: hrefOf(k, c.id),
          },
        ]),
      )
      return { id: c.id, name: c.name, values, cells }
    }),
  }

  const townshipRows = timeliness
    ? timeliness.townships
        .filter((r) => level === 'COUNTY' || r.id === region.id)
        .map((r) => ({ name: r.name, reportingRate: r.rates.reportingRate, onTimeRate: r.rates.onTimeRate }))
    : null
  const rankRows = ranking?.latest
    ? ranking.latest.rows
        .filter((r) => level === 'COUNTY' || r.townshipId === region.id)
        .map((r) => ({ name: r.name, place: r.place, total: r.total, movement: r.movement }))
    : null

  const request = { ctx, t, region: { id: region.id, level, countyId }, period: { key: period.key, start: period.start, end: period.end }, today }
  const widgets = await Promise.all(
    dashboardWidgets()
      .filter((w) => w.visible(request))
      // what a widget shows may depend on the viewer (the small-cell rule): their role and region are in the key
      .map(async (w) => ({
        data: await briefly(`widget/${w.key}/${user.role}/${user.regionId}/${region.id}/${period.key}/${today}/${t('dashboard.title')}`, () => w.load(request)),
        empty: w.empty(t),
      })),
  )

  let village: DashboardData['village'] = null
  if (level === 'VILLAGE') {
    const lastMonth = latestEndedPeriod('MONTHLY', today, settings).key
    const last = lastMonth >= months[0] && lastMonth <= months[months.length - 1] ? own(lastMonth) : undefined
    const children0to6 = villageDue?.total.children ?? { eligible: 0, done: 0 }
    village = {
      childrenEligible: children0to6.eligible,
      childrenDue: Math.max(0, children0to6.eligible - children0to6.done),
      lastReport: last ? { month: lastMonth, counts: last } : null,
    }
  }

  return {
    region: { id: region.id, name: region.name, level, countyId },
    trail: region.trail,
    period,
    periods,
    total,
    children,
    trend,
    vital,
    sexRatio,
    pyramid: pyramidBins(pyramidCells.map((c) => ({ sex: c.sex, age: Number(c.age), n: Number(c.n) }))).slice(0, AGE_GROUPS),
    migration: children.map((c) => ({ name: c.name, movesIn: n(c.counts, 'movesIn'), movesOut: n(c.counts, 'movesOut') })),
    timeliness: townshipRows,
    quality,
    ranking: rankRows,
    rankingTitle: ranking?.latest?.run.title ?? null,
    compare,
    widgets,
    village,
    hrefOf,
  }
}
