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

/** Current records (type and date) of some types for some people, dated in [from, to], by person. */
async function recordDates(
  client: Client,
  typeIds: number[],
  personIds: number[],
  from: string,
  to: string,
): Promise<Map<number, { typeId: number; servedOn: string }[]>> {
  const out = new Map<number, { typeId: number; servedOn: string }[]>()
  if (typeIds.length === 0 || personIds.length === 0) return out
  const rows = await client.$queryRawUnsafe<{ personId: number; typeId: number; servedOn: Date }[]>(
    `SELECT r."personId", r."typeId", r."servedOn" FROM "ServiceRecord" r
     WHERE r."personId" = ANY($1::int[]) AND r."typeId" = ANY($2::int[]) AND r.status = 'ACTIVE' AND NOT r.voided AND r."withdrawnOn" IS NULL
       AND r."servedOn" BETWEEN $3::date AND $4::date`,
    personIds,
    typeIds,
    from,
    to,
  )
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), { typeId: r.typeId, servedOn: r.servedOn.toISOString().slice(0, 10) }])
  return out
}

/** One person (a special family: its household) counted by an indicator, and whether the service was done. */
export interface CoverageMember {
  id: number
  townshipId: number
  villageId: number
  done: boolean
}

/** The coverage of a region for the period [start, end] (the stock at `end`). */
export async function computeCoverage(
  client: Client,
  scope: CoverageScope,
  period: { start: string; end: string },
  /** the people (families: households) behind each count, for the figures' trace */
  members?: Record<Indicator, CoverageMember[]>,
): Promise<CoverageResult> {
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
  const add = (indicator: Indicator, row: { townshipId: number; villageId: number }, done: boolean, id?: number) => {
    members?.[indicator].push({ id: id ?? -1, townshipId: row.townshipId, villageId: row.villageId, done })
    total[indicator].eligible += 1
    if (done) total[indicator].done += 1
    if (!childColumn) return
    const key = row[childColumn]
    if (!byChild.has(key)) byChild.set(key, zero())
    const c = byChild.get(key)![indicator]
    c.eligible += 1
    if (done) c.done += 1
  }

  // The register's cohorts in parallel, then one read of the records of all four indicators: a
  // report computes this for every village of every period, so round trips count.
  const ages = [...new Set(of('children').flatMap((t) => t.scheduleValues))]
  const elderlyAge = of('elderly')[0]?.scheduleValues[0]
  const childFrom = addDays(addMonths(end, -CHILD_MAX_MONTHS), 1)
  const [children, elderly, families, marriages] = await Promise.all([
    ages.length > 0 ? residentsBornFrom(client, cohort, childFrom, end).then((list) => list.filter((c) => inChildGroup(c.birthDate, end, ages))) : [],
    elderlyAge !== undefined ? residentsBornBy(client, cohort, bornByForAge(end, elderlyAge), end) : ([] as CohortMember[]),
    typeIds.families.length > 0
      ? client.specialFamily
          .findMany({
            where: { [COLUMN[scope.level]]: scope.regionId, active: true, since: { lte: new Date(`${end}T00:00:00Z`) } },
            select: { householdId: true, townshipId: true, villageId: true },
          })
          .then(async (list) => ({
            list,
            members: await householdMembers(
              client,
              list.map((f) => f.householdId),
            ),
          }))
      : { list: [], members: new Map<number, number[]>() },
    typeIds.marriages.length > 0 ? marriagesBetween(client, cohort, start, end) : [],
  ])
  const records = await recordDates(
    client,
    [...typeIds.children, ...typeIds.elderly, ...typeIds.families, ...typeIds.marriages],
    [...new Set([...children.map((c) => c.id), ...elderly.map((p) => p.id), ...[...families.members.values()].flat(), ...marriages.map((m) => m.personId)])],
    [childFrom, `${end.slice(0, 4)}-01-01`, start, addDays(start, -366)].sort()[0],
    end,
  )
  const datesOf = (personId: number, indicator: Indicator, from: string) =>
    (records.get(personId) ?? []).filter((r) => r.servedOn >= from && typeIds[indicator].includes(r.typeId)).map((r) => r.servedOn)

  // children 0–6 with their due checks done (the most recent due check, rules.childCheckStatus)
  for (const c of children) add('children', c, childCheckStatus(c.birthDate, end, ages, datesOf(c.id, 'children', childFrom)).upToDate, c.id)
  // people of the age (65+) with a visit in the calendar year of the period's end
  for (const p of elderly) add('elderly', p, datesOf(p.id, 'elderly', `${end.slice(0, 4)}-01-01`).length > 0, p.id)
  // special families (flagged, active, since on or before the end) with a contact in the period
  for (const f of families.list)
    add(
      'families',
      f,
      (families.members.get(f.householdId) ?? []).some((id) => datesOf(id, 'families', start).length > 0),
      f.householdId,
    )
  // marriages of the period with a pre-marital check in the year before (aggregate only)
  for (const m of marriages)
    add(
      'marriages',
      m,
      datesOf(m.personId, 'marriages', addDays(start, -366)).some((d) => premaritalCounts(d, m.occurredOn)),
      m.personId,
    )

  return { total, byChild, sensitive, typeIds }
}

/** The counts as flat keys (childrenEligible, childrenDone, …): the report's figure source reads these. */
export const COVERAGE_KEYS = INDICATORS.flatMap((i) => [`${i}Eligible`, `${i}Done`])

export function flatCounts(counts: IndicatorCounts): Record<string, number> {
  return Object.fromEntries(INDICATORS.flatMap((i) => [[`${i}Eligible`, counts[i].eligible] as const, [`${i}Done`, counts[i].done] as const]))
}
