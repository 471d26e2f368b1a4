import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'

// The register as a denominator, for the modules above it (services' coverage indicators; later
// benefits and assessment): who lived here at a date, by age, and who married in a period. Other
// modules call these functions and never read the register's tables themselves (DESIGN.md §4).
// Not server-only, like reports/figures.ts: the demo generator and benchmarks call it too.
//
// 口径: residents at a date are people born on or before it, alive on it (not died on or before
// it), still registered in the county (not moved out) and not living away (an outflow migrant is
// served where they live now); inflow migrants living here count.

type Client = PrismaClient | Tx

/** A region column of the register rows and its value: the whole county, a township or a village. */
export interface CohortScope {
  column: 'countyId' | 'townshipId' | 'villageId'
  id: number
}

export interface CohortMember {
  id: number
  townshipId: number
  villageId: number
  householdId: number | null
  birthDate: string
}

const RESIDENT_AT = `p."movedOut" = false AND p.residence <> 'OUTFLOW'
  AND p."birthDate" <= $3::date AND (p."deathDate" IS NULL OR p."deathDate" > $3::date) AND (p.alive OR p."deathDate" IS NOT NULL)`

/** Residents at `at` born in [bornFrom, at]: children of an age group, say. */
export async function residentsBornFrom(client: Client, scope: CohortScope, bornFrom: string, at: string): Promise<CohortMember[]> {
  const rows = await client.$queryRawUnsafe<{ id: number; townshipId: number; villageId: number; householdId: number | null; birthDate: Date }[]>(
    `SELECT p.id, p."townshipId", p."villageId", p."householdId", p."birthDate"
     FROM "Person" p
     WHERE p."${scope.column}" = $1 AND p."birthDate" >= $2::date AND ${RESIDENT_AT}`,
    scope.id,
    bornFrom,
    at,
  )
  return rows.map((r) => ({ ...r, birthDate: r.birthDate.toISOString().slice(0, 10) }))
}

/** Residents at `at` born on or before `bornBy`: people of at least some age. */
export async function residentsBornBy(client: Client, scope: CohortScope, bornBy: string, at: string): Promise<CohortMember[]> {
  const rows = await client.$queryRawUnsafe<{ id: number; townshipId: number; villageId: number; householdId: number | null; birthDate: Date }[]>(
    `SELECT p.id, p."townshipId", p."villageId", p."householdId", p."birthDate"
     FROM "Person" p
     WHERE p."${scope.column}" = $1 AND p."birthDate" <= $2::date AND ${RESIDENT_AT}`,
    scope.id,
    bornBy,
    at,
  )
  return rows.map((r) => ({ ...r, birthDate: r.birthDate.toISOString().slice(0, 10) }))
}

export interface MarriageRow {
  eventId: number
  personId: number
  townshipId: number
  villageId: number
  occurredOn: string
}

/** Marriages (active events, corrections applied) dated in [from, to]. */
export async function marriagesBetween(client: Client, scope: CohortScope, from: string, to: string): Promise<MarriageRow[]> {
  const rows = await client.$queryRawUnsafe<{ eventId: number; personId: number; townshipId: number; villageId: number; occurredOn: Date }[]>(
    `SELECT e.id AS "eventId", e."personId", e."townshipId", e."villageId", e."occurredOn"
     FROM "LifeEvent" e
     WHERE e."${scope.column}" = $1 AND e.type = 'MARRIAGE' AND e.status = 'ACTIVE' AND e."occurredOn" BETWEEN $2::date AND $3::date`,
    scope.id,
    from,
    to,
  )
  return rows.map((r) => ({ ...r, occurredOn: r.occurredOn.toISOString().slice(0, 10) }))
}

/** The people of some households, by household (a household's members now). */
export async function householdMembers(client: Client, householdIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>()
  if (householdIds.length === 0) return out
  const rows = await client.person.findMany({ where: { householdId: { in: householdIds } }, select: { id: true, householdId: true } })
  for (const r of rows) out.set(r.householdId!, [...(out.get(r.householdId!) ?? []), r.id])
  return out
}

/** Where a household is and its address, inside a scope; null when it is not in it. */
export async function householdInScope(client: Client, scope: CohortScope, householdId: number) {
  return client.household.findFirst({
    where: { id: householdId, [scope.column]: scope.id },
    select: { id: true, countyId: true, townshipId: true, villageId: true, address: true, regionId: true },
  })
}

/** A person's facts a service record is checked against, inside a scope; null when not in it. */
export async function personForService(client: Client, scope: CohortScope, personId: number) {
  const p = await client.person.findFirst({
    where: { id: personId, [scope.column]: scope.id },
    select: { id: true, name: true, countyId: true, townshipId: true, villageId: true, regionId: true, birthDate: true, deathDate: true, householdId: true },
  })
  if (!p) return null
  return { ...p, birthDate: p.birthDate.toISOString().slice(0, 10), deathDate: p.deathDate ? p.deathDate.toISOString().slice(0, 10) : null }
}

/** The ids of those people who are in the scope, alive and not moved out (a group activity's attendees). */
export async function attendeesInScope(client: Client, scope: CohortScope, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await client.person.findMany({ where: { id: { in: ids }, [scope.column]: scope.id, alive: true, movedOut: false }, select: { id: true } })
  return rows.map((r) => r.id)
}

/** Names of people by id (for lists of records whose rows the caller may already see). */
export async function personNames(client: Client, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await client.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
  return new Map(rows.map((r) => [r.id, r.name]))
}

/**
 * The resident population (常住人口: living here, registered here or not: residence LOCAL or
 * INFLOW, as the reports count it) at `at`, per township of the scope: the denominator of
 * per-1,000 indicators (childcare places).
 */
export async function residentsByTownship(client: Client, scope: CohortScope, at: string): Promise<Map<number, number>> {
  const rows = await client.$queryRawUnsafe<{ townshipId: number; n: bigint }[]>(
    `SELECT p."townshipId", count(*) AS n
     FROM "Person" p
     WHERE p."${scope.column}" = $1 AND p.residence IN ('LOCAL', 'INFLOW') AND ${RESIDENT_AT.replaceAll('$3', '$2')}
     GROUP BY p."townshipId"`,
    scope.id,
    at,
  )
  return new Map(rows.map((r) => [r.townshipId, Number(r.n)]))
}
