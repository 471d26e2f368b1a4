import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import type { CohortScope } from './cohorts'
import { urbanVillageIds } from '@/lib/regions/lookups'

// What the register says about people for a benefit's eligibility rules (lib/benefits/rules.ts
// PersonFacts), read set-based: one statement for a whole county, never a query per person. The
// benefits module calls this and never reads the register's tables itself (DESIGN.md §4).
//
// 口径: "in the county" is registered here (not moved out) and not living away (OUTFLOW); the
// hukou type is read from the registered village: a village (乡村) is agricultural, a community or
// residents' committee (城镇, Region.urban) non-agricultural — the register records no hukou type of
// its own. Children are the people whose mother or father the person is. The register records no
// disability: a child's disability grade is a declaration with evidence on the application.

type Client = PrismaClient | Tx

export interface BenefitFactsRow {
  personId: number
  name: string
  sex: 'MALE' | 'FEMALE'
  birthDate: string
  alive: boolean
  inCounty: boolean
  ruralHukou: boolean
  livingChildren: number
  deadChildren: number
  motherBirthDate: string | null
  countyId: number
  townshipId: number
  villageId: number
  householdId: number | null
}

interface Filter {
  /** people born on or after / on or before (an age rule's bounds) */
  bornFrom?: string
  bornBy?: string
  sex?: 'MALE' | 'FEMALE'
  /** only people alive, registered and living in the county (the outreach list) */
  residentsOnly?: boolean
  /** only these people */
  personIds?: number[]
}

const FACTS = `
  SELECT p.id AS "personId", p.name, p.sex::text AS sex, p."birthDate", p.alive,
         (p."movedOut" = false AND p.residence <> 'OUTFLOW') AS "inCounty",
         NOT (p."villageId" = ANY($2::int[])) AS "ruralHukou",
         coalesce(k.living, 0)::int AS "livingChildren", coalesce(k.dead, 0)::int AS "deadChildren",
         CASE WHEN p.sex = 'FEMALE' THEN p."birthDate" ELSE k.mother END AS "motherBirthDate",
         p."countyId", p."townshipId", p."villageId", p."householdId"
  FROM "Person" p
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE c.alive AND c."deathDate" IS NULL) AS living,
           count(*) FILTER (WHERE NOT c.alive OR c."deathDate" IS NOT NULL) AS dead,
           min(m."birthDate") AS mother
    FROM (SELECT id, alive, "deathDate", "motherId" FROM "Person" WHERE "motherId" = p.id
          UNION ALL
          SELECT id, alive, "deathDate", "motherId" FROM "Person" WHERE "fatherId" = p.id) c
    LEFT JOIN "Person" m ON m.id = c."motherId"
  ) k ON true`

/** Facts of the people of a scope that pass the filter: one statement. */
export async function benefitFacts(client: Client, scope: CohortScope, filter: Filter = {}): Promise<BenefitFactsRow[]> {
  const where: string[] = [`p."${scope.column}" = $1`]
  // the urban villages of the scope (few), read through the regions module: the rest are rural
  const params: unknown[] = [scope.id, await urbanVillageIds(client, scope.id)]
  const add = (sql: string, value: unknown) => {
    params.push(value)
    where.push(sql.replace('?', `$${params.length}`))
  }
  if (filter.bornFrom) add(`p."birthDate" >= ?::date`, filter.bornFrom)
  if (filter.bornBy) add(`p."birthDate" <= ?::date`, filter.bornBy)
  if (filter.sex) add(`p.sex = ?::"Sex"`, filter.sex)
  if (filter.personIds) add(`p.id = ANY(?::int[])`, filter.personIds)
  if (filter.residentsOnly) where.push(`p.alive AND p."deathDate" IS NULL AND p."movedOut" = false AND p.residence <> 'OUTFLOW'`)
  const rows = await client.$queryRawUnsafe<(Omit<BenefitFactsRow, 'birthDate' | 'motherBirthDate'> & { birthDate: Date; motherBirthDate: Date | null })[]>(
    `${FACTS} WHERE ${where.join(' AND ')} ORDER BY p."villageId", p.id`,
    ...params,
  )
  return rows.map((r) => ({
    ...r,
    birthDate: r.birthDate.toISOString().slice(0, 10),
    motherBirthDate: r.motherBirthDate ? r.motherBirthDate.toISOString().slice(0, 10) : null,
  }))
}

/** The facts of one person inside a scope; null when the person is not in it. */
export async function benefitFactsOf(client: Client, scope: CohortScope, personId: number): Promise<BenefitFactsRow | null> {
  return (await benefitFacts(client, scope, { personIds: [personId] }))[0] ?? null
}

/** A parent of a person (mother or father): for a program a parent applies for. */
export async function isParentOf(client: Client, parentId: number, childId: number): Promise<boolean> {
  const child = await client.person.findUnique({ where: { id: childId }, select: { motherId: true, fatherId: true } })
  return !!child && (child.motherId === parentId || child.fatherId === parentId)
}

/** The people of a death or move-out among some ids: for the benefits' exit proposals. */
export async function departedAmong(client: Client, personIds: number[]): Promise<{ id: number; reason: 'DEATH' | 'MOVED_OUT'; on: string | null }[]> {
  if (personIds.length === 0) return []
  const rows = await client.person.findMany({
    where: { id: { in: personIds }, OR: [{ alive: false }, { deathDate: { not: null } }, { movedOut: true }] },
    select: { id: true, alive: true, deathDate: true, movedOut: true, migrationSince: true },
  })
  return rows.map((r) =>
    !r.alive || r.deathDate
      ? { id: r.id, reason: 'DEATH' as const, on: r.deathDate ? r.deathDate.toISOString().slice(0, 10) : null }
      : { id: r.id, reason: 'MOVED_OUT' as const, on: r.migrationSince ? r.migrationSince.toISOString().slice(0, 10) : null },
  )
}

/** Residents of a scope to choose from (alive, registered, living here): name, birth date, village. */
export async function residentChoices(client: Client, scope: CohortScope, limit = 5000) {
  const rows = await client.person.findMany({
    where: { [scope.column]: scope.id, alive: true, movedOut: false, residence: { not: 'OUTFLOW' } },
    select: { id: true, name: true, namePinyin: true, nameInitials: true, birthDate: true, villageId: true },
    orderBy: [{ villageId: 'asc' }, { id: 'asc' }],
    take: limit,
  })
  return rows.map((r) => ({ ...r, birthDate: r.birthDate.toISOString().slice(0, 10) }))
}
