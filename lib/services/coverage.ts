import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import { householdMembers, marriagesBetween, residentsBornBy, residentsBornFrom, type CohortMember, type CohortScope } from '@/lib/registry/cohorts'
import {
  addDays,
  addMonths,
  bornByForAge,
  CHILD_MAX_MONTHS,
  childCheckStatus,
  inChildGroup,
  premaritalCounts,
  type CoverageCounts,
  type Schedule,
} from './rules'

// Coverage indicators per village, township and county for a period, the register as the
// denominator (through the register's cohort functions) and the service records as the numerator.
// Not server-only: the report figure source, the demo generator and the benchmarks use it. Counts
// are computed over every current record, sensitive ones included; who may see which figure is the
// page's business (the small-cell rule, rules.suppressCells).

type Client = PrismaClient | Tx

export const INDICATORS = ['children', 'elderly', 'families', 'marriages'] as const
export type Indicator = (typeof INDICATORS)[number]

/** The schedule whose types feed each indicator (the catalogue is data; the schedule says what a type is for). */
export const INDICATOR_SCHEDULE: Record<Indicator, Schedule> = {
  children: 'CHILD_AGES',
  elderly: 'YEARLY_FROM_AGE',
  families: 'MONTHLY_SPECIAL_FAMILY',
  marriages: 'BEFORE_MARRIAGE',
}

export type IndicatorCounts = Record<Indicator, CoverageCounts>

export interface CoverageScope {
  level: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'
  regionId: number
  countyId: number
}

export interface CoverageResult {
  total: IndicatorCounts
  /** townships of a county, villages of a township; empty for a village */
  byChild: Map<number, IndicatorCounts>
  /** indicators fed by a sensitive type: the small-cell rule applies to their figures */
  sensitive: Record<Indicator, boolean>
  /** the types of each indicator (for the records behind a figure) */
  typeIds: Record<Indicator, number[]>
}

const zero = (): IndicatorCounts => ({
  children: { eligible: 0, done: 0 },
  elderly: { eligible: 0, done: 0 },
  families: { eligible: 0, done: 0 },
  marriages: { eligible: 0, done: 0 },
})

const COLUMN = { COUNTY: 'countyId', TOWNSHIP: 'townshipId', VILLAGE: 'villageId' } as const
const CHILD_OF = { COUNTY: 'townshipId', TOWNSHIP: 'villageId', VILLAGE: null } as const

/** Dates of current records of some types for some people, by person. */
async function recordDates(client: Client, typeIds: number[], personIds: number[], from: string, to: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>()
  if (typeIds.length === 0 || personIds.length === 0) return out
  const rows = await client.$queryRawUnsafe<{ personId: number; servedOn: Date }[]>(
    `SELECT r."personId", r."servedOn" FROM "ServiceRecord" r
     WHERE r."personId" = ANY($1::int[]) AND r."typeId" = ANY($2::int[]) AND r.status = 'ACTIVE' AND NOT r.voided AND r."withdrawnOn" IS NULL
       AND r."servedOn" BETWEEN $3::date AND $4::date`,
    personIds,
    typeIds,
    from,
    to,
  )
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.servedOn.toISOString().slice(0, 10)])
  return out
}

/** The coverage of a region for the period [start, end] (the stock at `end`). */
export async function computeCoverage(client: Client, scope: CoverageScope, period: { start: string; end: string }): Promise<CoverageResult> {
  const { start, end } = period
  const cohort: CohortScope = { column: COLUMN[scope.level], id: scope.regionId }
  const childColumn = CHILD_OF[scope.level]
  const types = await client.serviceType.findMany({
    where: { countyId: scope.countyId, target: 'PERSON' },
    select: { id: true, schedule: true, scheduleValues: true, sensitive: true },
  })
  const of = (indicator: Indicator) => types.filter((t) => t.schedule === INDICATOR_SCHEDULE[indicator])
  const typeIds = Object.fromEntries(INDICATORS.map((i) => [i, of(i).map((t) => t.id)])) as Record<Indicator, number[]>
  const sensitive = Object.fromEntries(INDICATORS.map((i) => [i, of(i).some((t) => t.sensitive)])) as Record<Indicator, boolean>

  const total = zero()
  const byChild = new Map<number, IndicatorCounts>()
  const add = (indicator: Indicator, row: { townshipId: number; villageId: number }, done: boolean) => {
    total[indicator].eligible += 1
    if (done) total[indicator].done += 1
    if (!childColumn) return
    const key = row[childColumn]
    if (!byChild.has(key)) byChild.set(key, zero())
    const c = byChild.get(key)![indicator]
    c.eligible += 1
    if (done) c.done += 1
  }

  // children 0–6 with their due checks done (the most recent due check, rules.childCheckStatus)
  const ages = [...new Set(of('children').flatMap((t) => t.scheduleValues))]
  if (ages.length > 0) {
    const children = (await residentsBornFrom(client, cohort, addDays(addMonths(end, -CHILD_MAX_MONTHS), 1), end)).filter((c) =>
      inChildGroup(c.birthDate, end, ages),
    )
    const checks = await recordDates(
      client,
      typeIds.children,
      children.map((c) => c.id),
      addDays(addMonths(end, -CHILD_MAX_MONTHS), 1),
      end,
    )
    for (const c of children) add('children', c, childCheckStatus(c.birthDate, end, ages, checks.get(c.id) ?? []).upToDate)
  }

  // people of the age (65+) with a visit in the calendar year of the period's end
  const elderlyAge = of('elderly')[0]?.scheduleValues[0]
  if (elderlyAge !== undefined) {
    const elderly: CohortMember[] = await residentsBornBy(client, cohort, bornByForAge(end, elderlyAge), end)
    const visits = await recordDates(
      client,
      typeIds.elderly,
      elderly.map((p) => p.id),
      `${end.slice(0, 4)}-01-01`,
      end,
    )
    for (const p of elderly) add('elderly', p, visits.has(p.id))
  }

  // special families (flagged, active, since on or before the end) with a contact in the period
  if (typeIds.families.length > 0) {
    const families = await client.specialFamily.findMany({
      where: { [COLUMN[scope.level]]: scope.regionId, active: true, since: { lte: new Date(`${end}T00:00:00Z`) } },
      select: { householdId: true, townshipId: true, villageId: true },
    })
    const members = await householdMembers(
      client,
      families.map((f) => f.householdId),
    )
    const contacts = await recordDates(client, typeIds.families, [...members.values()].flat(), start, end)
    for (const f of families)
      add(
        'families',
        f,
        (members.get(f.householdId) ?? []).some((id) => contacts.has(id)),
      )
  }

  // marriages of the period with a pre-marital check in the year before (aggregate only)
  if (typeIds.marriages.length > 0) {
    const marriages = await marriagesBetween(client, cohort, start, end)
    const checks = await recordDates(client, typeIds.marriages, [...new Set(marriages.map((m) => m.personId))], addDays(start, -366), end)
    for (const m of marriages)
      add(
        'marriages',
        m,
        (checks.get(m.personId) ?? []).some((d) => premaritalCounts(d, m.occurredOn)),
      )
  }

  return { total, byChild, sensitive, typeIds }
}

/** The counts as flat keys (childrenEligible, childrenDone, …): the report's figure source reads these. */
export const COVERAGE_KEYS = INDICATORS.flatMap((i) => [`${i}Eligible`, `${i}Done`])

export function flatCounts(counts: IndicatorCounts): Record<string, number> {
  return Object.fromEntries(INDICATORS.flatMap((i) => [[`${i}Eligible`, counts[i].eligible] as const, [`${i}Done`, counts[i].done] as const]))
}
