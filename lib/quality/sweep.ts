import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client'
import type { DbClient, Tx } from '@/lib/server/db'
import { decryptIdNumber } from '@/lib/registry/crypto'
import { todayIso } from '@/lib/dates'
import { listCounties } from '@/lib/regions/lookups'
import {
  birthOrderProblems,
  deathBeforeBirthProblem,
  duplicateIdProblem,
  eventAfterDeathProblem,
  futureEventProblem,
  headNotMemberProblem,
  idMismatchProblem,
  likelyDuplicateOf,
  motherAgeProblem,
  noHeadProblem,
  RULES,
  selfNotHeadProblem,
  twoSelfProblem,
  type Entity,
  type RuleId,
} from './rules'

// The rule engine shared by the full sweep and the on-save check. No 'server-only' and no app
// singletons: the nightly script runs it with its own client. Each rule is one set-based query that
// narrows the candidates (a handful of queries in all, whatever the size of the county); the pure
// function in rules.ts then decides. ID numbers are decrypted in chunks, never all at once.

/** What to check: everything of one region, or the given records only. */
export type Target =
  | { kind: 'region'; column: 'countyId' | 'townshipId' | 'villageId'; id: number }
  | { kind: 'records'; personIds: number[]; householdIds: number[]; eventIds: number[] }

export interface Detection {
  rule: RuleId
  entity: Entity
  entityId: number
  countyId: number
  townshipId: number
  villageId: number
  details: Prisma.InputJsonObject
}

export interface SweepCounts {
  opened: number
  reopened: number
  fixed: number
  /** findings the check found broken (new or already open) */
  detected: number
}

const ID_CHUNK = 5000

function filter(target: Target, alias: string, table: Entity): Prisma.Sql {
  const a = Prisma.raw(alias)
  if (target.kind === 'region') return Prisma.sql`${a}.${Prisma.raw(`"${target.column}"`)} = ${target.id}`
  const ids = table === 'Person' ? target.personIds : table === 'Household' ? target.householdIds : target.eventIds
  return Prisma.sql`${a}.id = ANY(${ids}::int[])`
}

interface Place {
  id: number
  countyId: number
  townshipId: number
  villageId: number
}

function found(rule: RuleId, entity: Entity, row: Place, details: Prisma.InputJsonObject): Detection {
  return { rule, entity, entityId: row.id, countyId: row.countyId, townshipId: row.townshipId, villageId: row.villageId, details }
}

const place = (alias: string) => Prisma.raw(`${alias}.id, ${alias}."countyId", ${alias}."townshipId", ${alias}."villageId"`)

/** Evaluates every rule for the target and returns what is broken. */
export async function detect(client: DbClient, target: Target, today = todayIso()): Promise<Detection[]> {
  if (target.kind === 'records' && target.personIds.length + target.householdIds.length + target.eventIds.length === 0) return []
  const out: Detection[] = []

  // A birth to a mother under 14 or over 55. The date arithmetic in SQL is widened by a day or two
  // (29 February) and the pure rule decides.
  const births = await client.$queryRaw<(Place & { name: string; birthDate: string; motherId: number; motherBirthDate: string })[]>`
    SELECT ${place('c')}, c.name, c."birthDate"::text AS "birthDate", m.id AS "motherId", m."birthDate"::text AS "motherBirthDate"
    FROM "Person" c JOIN "Person" m ON m.id = c."motherId"
    WHERE ${filter(target, 'c', 'Person')}
      AND (c."birthDate" < m."birthDate" + interval '14 years 2 days' OR c."birthDate" >= m."birthDate" + interval '56 years' - interval '2 days')`
  for (const r of births) {
    const problem = motherAgeProblem({ birthDate: r.birthDate }, { birthDate: r.motherBirthDate })
    if (problem)
      out.push(
        found('motherAge', 'Person', r, {
          name: r.name,
          birthDate: r.birthDate,
          motherId: r.motherId,
          motherBirthDate: r.motherBirthDate,
          motherAge: problem.motherAge,
        }),
      )
  }

  const future = await client.$queryRaw<(Place & { type: string; occurredOn: string; status: 'ACTIVE' | 'CORRECTED'; personId: number })[]>`
    SELECT ${place('e')}, e.type::text AS type, e."occurredOn"::text AS "occurredOn", e.status::text AS status, e."personId"
    FROM "LifeEvent" e
    WHERE ${filter(target, 'e', 'LifeEvent')} AND e.status = 'ACTIVE' AND e."occurredOn" > ${today}::date`
  for (const r of future) {
    if (futureEventProblem(r, today)) out.push(found('futureEvent', 'LifeEvent', r, { type: r.type, occurredOn: r.occurredOn, personId: r.personId }))
  }

  const deaths = await client.$queryRaw<(Place & { name: string; birthDate: string; deathDate: string })[]>`
    SELECT ${place('p')}, p.name, p."birthDate"::text AS "birthDate", p."deathDate"::text AS "deathDate"
    FROM "Person" p
    WHERE ${filter(target, 'p', 'Person')} AND p."deathDate" < p."birthDate"`
  for (const r of deaths) {
    if (deathBeforeBirthProblem(r)) out.push(found('deathBeforeBirth', 'Person', r, { name: r.name, birthDate: r.birthDate, deathDate: r.deathDate }))
  }

  const heads = await client.$queryRaw<
    (Place & { address: string; headId: number; headName: string | null; headHouseholdId: number | null; headExists: boolean })[]
  >`
    SELECT ${place('h')}, h.address, h."headId", p.name AS "headName", p."householdId" AS "headHouseholdId", p.id IS NOT NULL AS "headExists"
    FROM "Household" h LEFT JOIN "Person" p ON p.id = h."headId"
    WHERE ${filter(target, 'h', 'Household')} AND h."headId" IS NOT NULL AND p."householdId" IS DISTINCT FROM h.id`
  for (const r of heads) {
    if (headNotMemberProblem({ id: r.id, headId: r.headId }, r.headExists ? { householdId: r.headHouseholdId } : null)) {
      out.push(found('headNotMember', 'Household', r, { address: r.address, headId: r.headId, headName: r.headName, headHouseholdId: r.headHouseholdId }))
    }
  }

  const selves = await client.$queryRaw<(Place & { name: string; relation: string; householdId: number; headId: number | null })[]>`
    SELECT ${place('p')}, p.name, p.relation::text AS relation, p."householdId", h."headId"
    FROM "Person" p LEFT JOIN "Household" h ON h.id = p."householdId"
    WHERE ${filter(target, 'p', 'Person')} AND p.relation = 'SELF' AND p.alive AND p."householdId" IS NOT NULL AND h."headId" IS DISTINCT FROM p.id`
  for (const r of selves) {
    if (selfNotHeadProblem(r, { headId: r.headId })) out.push(found('selfNotHead', 'Person', r, { name: r.name, householdId: r.householdId, headId: r.headId }))
  }

  const households = await client.$queryRaw<(Place & { address: string; headId: number | null; memberCount: number; selfCount: number })[]>`
    SELECT ${place('h')}, h.address, h."headId", m.members AS "memberCount", m.selves AS "selfCount"
    FROM "Household" h
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS members, (count(*) FILTER (WHERE s.relation = 'SELF'))::int AS selves FROM "Person" s WHERE s."householdId" = h.id AND s.alive
    ) m
    WHERE ${filter(target, 'h', 'Household')} AND ((h."headId" IS NULL AND m.members > 0) OR m.selves >= 2)`
  for (const r of households) {
    if (noHeadProblem(r)) out.push(found('noHead', 'Household', r, { address: r.address, memberCount: r.memberCount }))
    if (twoSelfProblem(r)) out.push(found('twoSelf', 'Household', r, { address: r.address, selfCount: r.selfCount }))
  }

  const afterDeath = await client.$queryRaw<
    (Place & { name: string; deathDate: string; eventId: number; type: string; occurredOn: string; status: 'ACTIVE' | 'CORRECTED' })[]
  >`
    SELECT ${place('p')}, p.name, p."deathDate"::text AS "deathDate", e.id AS "eventId", e.type::text AS type, e."occurredOn"::text AS "occurredOn", e.status::text AS status
    FROM "Person" p JOIN "LifeEvent" e ON e."personId" = p.id
    WHERE ${filter(target, 'p', 'Person')} AND p.alive = false AND p."deathDate" IS NOT NULL
      AND e.status = 'ACTIVE' AND e.type <> 'DEATH' AND e."occurredOn" > p."deathDate"`
  for (const rows of groupBy(afterDeath, (r) => r.id).values()) {
    const r = rows[0]
    const problem = eventAfterDeathProblem(
      { alive: false, deathDate: r.deathDate },
      rows.map((e) => ({ id: e.eventId, type: e.type, occurredOn: e.occurredOn, status: e.status })),
    )
    if (problem) out.push(found('eventAfterDeath', 'Person', r, { name: r.name, deathDate: r.deathDate, ...problem }))
  }

  // The same ID number on two people: through the (countyId, idHash) index, county by county.
  const counties = (await listCounties(client)).map((c) => c.id)
  const sameId = await client.$queryRaw<(Place & { name: string; idHash: string; otherId: number; otherCountyId: number })[]>`
    SELECT ${place('p')}, p.name, p."idHash", q.id AS "otherId", q."countyId" AS "otherCountyId"
    FROM "Person" p JOIN "Person" q ON q."countyId" = ANY(${counties}::int[]) AND q."idHash" = p."idHash" AND q.id <> p.id
    WHERE ${filter(target, 'p', 'Person')} AND p."idHash" IS NOT NULL`
  for (const rows of groupBy(sameId, (r) => r.id).values()) {
    const r = rows[0]
    const others = duplicateIdProblem(
      r,
      rows.map((o) => ({ id: o.otherId, idHash: r.idHash })),
    )
    if (others.length > 0) out.push(found('duplicateId', 'Person', r, { name: r.name, others, otherCountyIds: [...new Set(rows.map((o) => o.otherCountyId))] }))
  }

  // Same village, name, birth date and mother. In a region sweep both sides lie in the region (same
  // village), which lets PostgreSQL hash-join the region with itself.
  const sameRegion = target.kind === 'region' ? Prisma.sql`AND ${filter(target, 'q', 'Person')}` : Prisma.empty
  const twins = await client.$queryRaw<
    (Place & {
      name: string
      birthDate: string
      motherId: number | null
      idHash: string | null
      otherId: number
      otherMotherId: number | null
      otherIdHash: string | null
    })[]
  >`
    SELECT ${place('p')}, p.name, p."birthDate"::text AS "birthDate", p."motherId", p."idHash",
           q.id AS "otherId", q."motherId" AS "otherMotherId", q."idHash" AS "otherIdHash"
    FROM "Person" p JOIN "Person" q ON q."villageId" = p."villageId" AND q.name = p.name AND q."birthDate" = p."birthDate" AND q.id <> p.id
    WHERE ${filter(target, 'p', 'Person')} ${sameRegion}
      AND q."motherId" IS NOT DISTINCT FROM p."motherId" AND (p."idHash" IS NULL OR q."idHash" IS NULL)`
  for (const rows of groupBy(twins, (r) => r.id).values()) {
    const r = rows[0]
    const a = { id: r.id, villageId: r.villageId, name: r.name, birthDate: r.birthDate, motherId: r.motherId, idHash: r.idHash }
    const others = rows.filter((o) => likelyDuplicateOf(a, { ...a, id: o.otherId, motherId: o.otherMotherId, idHash: o.otherIdHash })).map((o) => o.otherId)
    if (others.length > 0) out.push(found('likelyDuplicate', 'Person', r, { name: r.name, birthDate: r.birthDate, others }))
  }

  // Birth orders that disagree with the mother's children: SQL finds the mothers with a child out
  // of line with a plain count (or with an entered order); the pure rule decides.
  const families = await client.$queryRaw<
    (Place & { name: string; birthDate: string; motherId: number; birthOrder: number | null; birthOrderEntered: boolean; inTarget: boolean })[]
  >`
    WITH mothers AS (SELECT DISTINCT p."motherId" AS id FROM "Person" p WHERE ${filter(target, 'p', 'Person')} AND p."motherId" IS NOT NULL),
    ranked AS (
      SELECT c."motherId", c."birthOrder", c."birthOrderEntered", row_number() OVER (PARTITION BY c."motherId" ORDER BY c."birthDate", c.id) AS rank
      FROM "Person" c WHERE c."motherId" IN (SELECT id FROM mothers)
    )
    SELECT ${place('c')}, c.name, c."birthDate"::text AS "birthDate", c."motherId", c."birthOrder", c."birthOrderEntered", ${filter(target, 'c', 'Person')} AS "inTarget"
    FROM "Person" c
    WHERE c."motherId" IN (SELECT "motherId" FROM ranked WHERE "birthOrderEntered" OR "birthOrder" <> rank)`
  for (const rows of groupBy(families, (r) => r.motherId).values()) {
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const p of birthOrderProblems(rows)) {
      const r = byId.get(p.id)!
      if (r.inTarget)
        out.push(
          found('birthOrder', 'Person', r, {
            name: r.name,
            birthDate: r.birthDate,
            motherId: r.motherId,
            birthOrder: p.birthOrder,
            counted: p.counted,
            entered: r.birthOrderEntered,
          }),
        )
    }
  }

  out.push(...(await detectIdMismatch(client, target)))
  return out
}

/** Decrypts stored ID numbers chunk by chunk (keyset paging) and compares them with the record. */
async function detectIdMismatch(client: DbClient, target: Target): Promise<Detection[]> {
  const out: Detection[] = []
  let after = 0
  for (;;) {
    // Raw SQL: Prisma sent the records' ids as one parameter each, for every page (seconds for an import).
    const rows = await client.$queryRaw<(Place & { name: string; sex: 'MALE' | 'FEMALE'; birthDate: string; idCipher: Uint8Array; idMasked: string | null })[]>`
      SELECT ${place('p')}, p.name, p.sex::text AS sex, p."birthDate"::text AS "birthDate", p."idCipher", p."idMasked"
      FROM "Person" p WHERE ${filter(target, 'p', 'Person')} AND p."idCipher" IS NOT NULL AND p.id > ${after}
      ORDER BY p.id LIMIT ${ID_CHUNK}`
    for (const r of rows) {
      const birthDate = r.birthDate
      let problem
      try {
        problem = idMismatchProblem(decryptIdNumber(r.idCipher), { birthDate, sex: r.sex })
      } catch {
        problem = 'invalid' as const // unreadable ciphertext (wrong key or damaged): the number cannot be trusted
      }
      if (problem) out.push(found('idMismatch', 'Person', r, { name: r.name, problem, idMasked: r.idMasked, birthDate, sex: r.sex }))
    }
    if (rows.length < ID_CHUNK) return out
    after = rows[rows.length - 1].id
  }
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}

const keyOf = (f: { rule: string; entity: string; entityId: number }) => `${f.rule}|${f.entity}|${f.entityId}`

function existingWhere(target: Target): Prisma.Sql {
  if (target.kind === 'region') return Prisma.sql`${Prisma.raw(`"${target.column}"`)} = ${target.id}`
  return Prisma.sql`(entity = 'Person' AND "entityId" = ANY(${target.personIds}::int[]))
    OR (entity = 'Household' AND "entityId" = ANY(${target.householdIds}::int[]))
    OR (entity = 'LifeEvent' AND "entityId" = ANY(${target.eventIds}::int[]))`
}

/**
 * Brings the findings of the target in line with what `detect` found: a new problem opens a
 * finding; a problem that is back reopens its FIXED finding; open findings stay as they are; a
 * finding whose record now passes becomes FIXED. A finding staff CLOSED while its problem was still
 * there (accepted as it is) stays closed while the problem lasts; once the record passes it turns
 * FIXED, so that a later return of the problem reopens it.
 */
export async function reconcile(client: DbClient, target: Target, detections: Detection[], now = new Date()): Promise<SweepCounts> {
  const existing = await client.$queryRaw<{ id: number; rule: string; entity: string; entityId: number; status: string; villageId: number }[]>`
    SELECT id, rule, entity, "entityId", status::text AS status, "villageId" FROM "QualityFinding" WHERE ${existingWhere(target)}`
  const byKey = new Map(existing.map((f) => [keyOf(f), f]))
  const detectedKeys = new Set<string>()
  const toCreate: Prisma.QualityFindingCreateManyInput[] = []
  let reopened = 0
  for (const d of detections) {
    const key = keyOf(d)
    if (detectedKeys.has(key)) continue
    detectedKeys.add(key)
    const old = byKey.get(key)
    if (!old) {
      toCreate.push({ ...d, severity: RULES[d.rule], status: 'OPEN', detectedAt: now })
    } else if (old.status === 'FIXED') {
      reopened += 1
      await client.qualityFinding.update({
        where: { id: old.id },
        data: {
          status: 'OPEN',
          closedAt: null,
          assigneeId: null,
          detectedAt: now,
          details: d.details,
          countyId: d.countyId,
          townshipId: d.townshipId,
          villageId: d.villageId,
        },
      })
    } else if (old.villageId !== d.villageId) {
      // the record moved: the finding follows it, so the new village sees it
      await client.qualityFinding.update({ where: { id: old.id }, data: { countyId: d.countyId, townshipId: d.townshipId, villageId: d.villageId } })
    }
  }
  for (let i = 0; i < toCreate.length; i += 1000) {
    await client.qualityFinding.createMany({ data: toCreate.slice(i, i + 1000), skipDuplicates: true })
  }
  const passing = existing.filter((f) => f.status !== 'FIXED' && !detectedKeys.has(keyOf(f)))
  const stillOpen = passing.filter((f) => f.status !== 'CLOSED').map((f) => f.id)
  const closed = passing.filter((f) => f.status === 'CLOSED').map((f) => f.id)
  for (let i = 0; i < stillOpen.length; i += 5000) {
    await client.qualityFinding.updateMany({
      where: { id: { in: stillOpen.slice(i, i + 5000) }, status: { in: ['OPEN', 'ASSIGNED'] } },
      data: { status: 'FIXED', closedAt: now },
    })
  }
  for (let i = 0; i < closed.length; i += 5000) {
    await client.qualityFinding.updateMany({ where: { id: { in: closed.slice(i, i + 5000) }, status: 'CLOSED' }, data: { status: 'FIXED' } })
  }
  return { opened: toCreate.length, reopened, fixed: stillOpen.length, detected: detectedKeys.size }
}

/**
 * The full sweep of one region (a county, township or village) in one transaction, with one audit
 * event (written by `record`, so the app and the nightly script each audit in their own way).
 */
export async function sweepRegion(
  client: PrismaClient,
  region: { column: 'countyId' | 'townshipId' | 'villageId'; id: number },
  record: (tx: Tx, result: SweepCounts & { ms: number }) => Promise<void>,
): Promise<SweepCounts & { ms: number }> {
  const started = Date.now()
  return client.$transaction(
    async (tx) => {
      const target: Target = { kind: 'region', ...region }
      const counts = await reconcile(tx, target, await detect(tx, target))
      const result = { ...counts, ms: Date.now() - started }
      await record(tx, result)
      return result
    },
    { timeout: 30 * 60_000, maxWait: 30_000 },
  )
}

/** The records touched by a save, widened to those whose findings the save can change. */
export async function recordsAffectedBy(
  client: DbClient,
  input: { personIds?: (number | null | undefined)[]; householdIds?: (number | null | undefined)[] },
): Promise<Target & { kind: 'records' }> {
  const saved = unique(input.personIds ?? [])
  const persons = new Set(saved)
  if (saved.length > 0) {
    // a mother's dates decide her children's motherAge; duplicates are found on both people
    // Raw SQL with one array parameter: Prisma's `in` sends a parameter per id, slow for an import.
    const children = await client.$queryRaw<{ id: number }[]>`SELECT id FROM "Person" WHERE "motherId" = ANY(${saved}::int[])`
    const counties = (await listCounties(client)).map((c) => c.id)
    // Two joins rather than one with OR: each is index-backed, the OR compared every pair (an
    // import of 20,000 people took half a minute here).
    const partners = await client.$queryRaw<{ id: number }[]>`
      SELECT q.id FROM "Person" p JOIN "Person" q ON q."countyId" = ANY(${counties}::int[]) AND q."idHash" = p."idHash" AND q.id <> p.id
      WHERE p.id = ANY(${saved}::int[])
      UNION
      SELECT q.id FROM "Person" p JOIN "Person" q ON q."villageId" = p."villageId" AND q.name = p.name AND q."birthDate" = p."birthDate" AND q.id <> p.id
      WHERE p.id = ANY(${saved}::int[])`
    const previous = await client.$queryRaw<{ details: Prisma.JsonValue }[]>`
      SELECT details FROM "QualityFinding" WHERE entity = 'Person' AND "entityId" = ANY(${saved}::int[]) AND rule IN ('duplicateId', 'likelyDuplicate')`
    for (const p of [...children, ...partners]) persons.add(p.id)
    for (const f of previous)
      for (const id of ((f.details as { others?: unknown }).others as number[] | undefined) ?? []) if (Number.isInteger(id)) persons.add(id)
  }
  const personIds = [...persons]
  const households = new Set(unique(input.householdIds ?? []))
  if (personIds.length > 0) {
    const rows = await client.$queryRaw<{ householdId: number | null; headOf: number | null }[]>`
      SELECT p."householdId", h.id AS "headOf" FROM "Person" p LEFT JOIN "Household" h ON h."headId" = p.id WHERE p.id = ANY(${personIds}::int[])`
    for (const r of rows) {
      if (r.householdId !== null) households.add(r.householdId)
      if (r.headOf !== null) households.add(r.headOf)
    }
  }
  const events = saved.length > 0 ? await client.$queryRaw<{ id: number }[]>`SELECT id FROM "LifeEvent" WHERE "personId" = ANY(${saved}::int[])` : []
  return { kind: 'records', personIds, householdIds: [...households], eventIds: events.map((e) => e.id) }
}

function unique(ids: (number | null | undefined)[]): number[] {
  return [...new Set(ids.filter((id): id is number => typeof id === 'number'))]
}
