import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client'
import type { DbClient, Tx } from '@/lib/server/db'
import { insertHouseholdsWithPeople, insertRegisterChanges, reserveIds, type PersonRow } from '@/lib/registry/bulk'
import { inRegisterScope, inScope, type Subject } from '@/lib/access/permissions'
import { personColumns } from '@/lib/registry/columns'
import { hashIdNumber } from '@/lib/registry/crypto'
import { inferParents, placementOf, type Placement } from '@/lib/registry/rules'
import { toIso } from '@/lib/dates'
import { CODE_PATTERN, groupCode, parseGroupNumber } from '@/lib/regions/rules'
import { groupsOfVillages, regionsByCode } from '@/lib/regions/lookups'
import { noIdKey, validateRows, type PlannedHousehold, type PlannedMember, type RowError } from './validate'
import type { SheetRow } from './sheet'

// The register import against the database. No 'server-only' guard: the benchmark script runs it
// with its own client; the app reaches it through ./service.ts, which supplies the session's
// subject and writes the audit event with lib/server/audit.
//
// Rules:
// - a row whose ID number is already registered in the county (idHash) is skipped, not an error;
// - a row without ID number is the same person as a resident of the same village with the same
//   name, birth date and household address, and is skipped too;
// - a household whose members are all registered is skipped; when its head is registered, its new
//   members join the head's household; a registered member in some other household is an error;
// - everything else is created in one transaction with one audit event; any error, nothing.

export interface ImportSummary {
  rows: number
  households: number
  persons: number
  skipped: number
  joined: number
}

export interface ImportResult extends ImportSummary {
  committed: boolean
  errorCount: number
  /** the first MAX_REPORTED errors, by row */
  errors: RowError[]
  /** the first MAX_REPORTED rows skipped as already registered */
  skippedRows: { line: number; name: string }[]
}

export const MAX_REPORTED = 500

interface ExistingPerson {
  id: number
  name: string
  householdId: number | null
  countyId: number
  townshipId: number
  villageId: number
  groupId: number | null
}

/** A parent: a person of this file (created by the import) or of the register. */
type ParentRef = { member: PlannedMember } | { id: number }

interface Plan {
  create: { place: Placement; household: PlannedHousehold; members: PlannedMember[] }[]
  join: { householdId: number; place: Placement; members: PlannedMember[] }[]
  skipped: { line: number; name: string }[]
  /** keyed hashes of ID numbers registered in the county outside the user's region */
  outOfScope: string[]
  /** the parents of new people: from the 母亲/父亲身份证号 columns, else inferred from the household */
  parents: { child: PlannedMember; mother?: ParentRef; father?: ParentRef }[]
}

/** What a check found, for its audit event (counts, and the hashes of hits outside the region). */
export interface ImportCheck extends ImportSummary {
  commit: boolean
  errors: number
  outOfScopeHashes: string[]
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Checks the rows against the regions and the register; returns the plan, or the errors. */
export async function planImport(client: DbClient, subject: Subject, rows: SheetRow[]): Promise<{ errors: RowError[]; plan: Plan }> {
  const { households, errors } = validateRows(rows)
  const plan: Plan = { create: [], join: [], skipped: [], outOfScope: [], parents: [] }
  const fail = (line: number, column: RowError['column'], key: RowError['key'], value = '', params?: RowError['params']) =>
    errors.push({ line, column, key, value, params })

  // A village group named by number or name beside its village's code: find its own code.
  const villageCodes = [...new Set(households.filter((h) => h.group !== undefined).map((h) => h.regionCode))].filter((c) => CODE_PATTERN.test(c))
  const groupsOf = new Map<string, { code: string; name: string }[]>()
  for (const g of await groupsOfVillages(client, villageCodes)) {
    const village = g.code.slice(0, 12)
    groupsOf.set(village, [...(groupsOf.get(village) ?? []), g])
  }
  const unresolved = new Set<PlannedHousehold>()
  for (const h of households) {
    if (h.group === undefined) continue
    if (!CODE_PATTERN.test(h.regionCode)) {
      fail(h.line, 'regionCode', 'imports.errors.groupNeedsVillage', h.regionCode)
      unresolved.add(h)
      continue
    }
    const number = parseGroupNumber(h.group)
    const wanted = h.group.normalize('NFKC').replace(/\s/g, '')
    const found = (groupsOf.get(h.regionCode) ?? []).find((g) =>
      number !== null ? g.code === groupCode(h.regionCode, number) : g.name.normalize('NFKC').replace(/\s/g, '') === wanted,
    )
    if (found) h.regionCode = found.code
    else {
      fail(h.line, 'group', 'imports.errors.groupUnknown', h.group, { village: h.regionCode, group: h.group })
      unresolved.add(h)
    }
  }

  // Regions: villages or groups, in use, inside the user's region.
  const codes = [...new Set(households.filter((h) => !unresolved.has(h)).map((h) => h.regionCode))]
  const regions = new Map((await regionsByCode(client, codes)).map((r) => [r.code, r]))
  const placed: { household: PlannedHousehold; place: Placement }[] = []
  for (const h of households) {
    if (unresolved.has(h)) continue
    const region = regions.get(h.regionCode)
    if (!region) fail(h.line, 'regionCode', 'imports.errors.regionUnknown', h.regionCode)
    else if (!inScope(subject, region)) fail(h.line, 'regionCode', 'imports.errors.regionNotAllowed', h.regionCode)
    else if (!region.active) fail(h.line, 'regionCode', 'imports.errors.regionInactive', h.regionCode)
    else {
      const place = placementOf(region)
      if (!place) fail(h.line, 'regionCode', 'imports.errors.regionLevel', h.regionCode)
      else placed.push({ household: h, place })
    }
  }

  // Who is already registered: by ID number in the county, else by the no-ID rule in the village.
  const countyIds = [...new Set(placed.map((p) => p.place.countyId))]
  const byHash = new Map<string, ExistingPerson>()
  const hashOf = new Map<PlannedMember, string>()
  for (const { members } of households) for (const m of members) if (m.person.idNumber) hashOf.set(m, hashIdNumber(m.person.idNumber))
  const select = { id: true, name: true, householdId: true, countyId: true, townshipId: true, villageId: true, groupId: true, idHash: true } as const
  for (const part of chunks([...hashOf.values()], 10_000)) {
    for (const p of await client.person.findMany({ where: { countyId: { in: countyIds }, idHash: { in: part } }, select })) byHash.set(p.idHash!, p)
  }
  const villageIds = [...new Set(placed.map((p) => p.place.villageId))]
  const byNoId = new Map<string, ExistingPerson>()
  if (placed.some((p) => p.household.members.some((m) => !m.person.idNumber))) {
    for (const part of chunks(villageIds, 500)) {
      const found = await client.person.findMany({
        where: { villageId: { in: part }, idHash: null },
        select: { ...select, birthDate: true, household: { select: { address: true } } },
      })
      for (const p of found) if (p.household) byNoId.set(noIdKey(p.villageId, p.name, toIso(p.birthDate), p.household.address), p)
    }
  }

  // Parents named by ID number: a person of the file, else one registered in the county.
  const parentIds = new Set(households.flatMap((h) => h.members.flatMap((m) => [m.motherIdNumber, m.fatherIdNumber])).filter((v): v is string => !!v))
  const inFile = new Map<string, PlannedMember>()
  for (const { members } of households) for (const m of members) if (m.person.idNumber && !inFile.has(m.person.idNumber)) inFile.set(m.person.idNumber, m)
  const registeredParents = new Map<string, { id: number; sex: string }>()
  const outside = [...parentIds].filter((v) => !inFile.has(v)).map(hashIdNumber)
  for (const part of chunks(outside, 10_000)) {
    for (const p of await client.person.findMany({
      where: { countyId: { in: countyIds }, idHash: { in: part } },
      select: { id: true, sex: true, idHash: true },
    }))
      registeredParents.set(p.idHash!, p)
  }
  const registeredAs = new Map<PlannedMember, number>()

  for (const { household, place } of placed) {
    const fresh: PlannedMember[] = []
    const registered: { member: PlannedMember; existing: ExistingPerson }[] = []
    for (const m of household.members) {
      const hash = hashOf.get(m)
      const existing = hash ? byHash.get(hash) : byNoId.get(noIdKey(place.villageId, m.person.name, m.person.birthDate, household.address))
      if (!existing) fresh.push(m)
      else if (!inRegisterScope(subject, existing)) {
        // Registered elsewhere in the county: the message does not say where, and the hit is
        // audited and counted against the user's daily cap (./service.ts).
        fail(m.line, 'idNumber', 'imports.errors.idOutOfScope', '')
        if (hash) plan.outOfScope.push(hash)
      } else if (hash && existing.name !== m.person.name) fail(m.line, 'name', 'imports.errors.idOtherName', m.person.name, { name: existing.name })
      else registered.push({ member: m, existing })
    }
    for (const r of registered) registeredAs.set(r.member, r.existing.id)
    if (registered.length === 0) {
      plan.create.push({ place, household, members: fresh })
      continue
    }
    for (const r of registered) plan.skipped.push({ line: r.member.line, name: r.member.person.name })
    if (fresh.length === 0) continue
    const head = registered.find((r) => r.member.person.relation === 'SELF')
    if (!head) {
      for (const r of registered) fail(r.member.line, 'name', 'imports.errors.partlyRegistered', r.member.person.name)
      continue
    }
    if (head.existing.householdId === null) {
      fail(head.member.line, 'relation', 'imports.errors.headHasNoHousehold')
      continue
    }
    for (const r of registered) {
      if (r.existing.householdId !== head.existing.householdId) fail(r.member.line, 'name', 'imports.errors.partlyRegistered', r.member.person.name)
    }
    const h = head.existing
    plan.join.push({
      householdId: h.householdId!,
      place: { countyId: h.countyId, townshipId: h.townshipId, villageId: h.villageId, groupId: h.groupId, regionId: h.groupId ?? h.villageId },
      members: fresh,
    })
  }
  // Who the new people's parents are.
  const newPeople = new Set([...plan.create.flatMap((c) => c.members), ...plan.join.flatMap((j) => j.members)])
  const ref = (m: PlannedMember): ParentRef | undefined => (newPeople.has(m) ? { member: m } : registeredAs.has(m) ? { id: registeredAs.get(m)! } : undefined)
  for (const { household } of placed) {
    const inferred = inferParents(household.members.map((m) => ({ key: m, relation: m.person.relation, sex: m.person.sex })))
    for (const child of household.members) {
      if (!newPeople.has(child)) continue
      const link: { mother?: ParentRef; father?: ParentRef } = {}
      if (child.motherIdNumber || child.fatherIdNumber) {
        for (const [column, sex, idNumber] of [
          ['motherIdNumber', 'FEMALE', child.motherIdNumber],
          ['fatherIdNumber', 'MALE', child.fatherIdNumber],
        ] as const) {
          if (!idNumber) continue
          const member = inFile.get(idNumber)
          const registeredParent = member ? undefined : registeredParents.get(hashIdNumber(idNumber))
          const found = member ? ref(member) : registeredParent ? { id: registeredParent.id } : undefined
          const parentSex = member ? member.person.sex : registeredParent?.sex
          if (!found) fail(child.line, column, 'imports.errors.parentUnknown', idNumber)
          else if (parentSex !== sex) fail(child.line, column, 'imports.errors.parentSex', idNumber)
          else link[column === 'motherIdNumber' ? 'mother' : 'father'] = found
        }
      } else {
        const parents = inferred.get(child)
        if (parents) Object.assign(link, { mother: ref(parents.motherKey), father: ref(parents.fatherKey) })
      }
      if (link.mother || link.father) plan.parents.push({ child, ...link })
    }
  }
  errors.sort((a, b) => a.line - b.line)
  plan.skipped.sort((a, b) => a.line - b.line)
  return { errors, plan }
}

/** Writes the plan in one transaction through the register's bulk writer, then the review entries and the audit event. */
async function writePlan(
  client: PrismaClient,
  plan: Plan,
  auditEvent: (tx: Tx, summary: ImportSummary) => Promise<void>,
  summary: ImportSummary,
  phase: Phase,
  actorId: number,
  result: ImportResult,
  within: Within,
): Promise<ImportResult> {
  type Draft = Omit<PersonRow, 'id' | 'householdId'> & { householdId: number }
  const persons: Draft[] = []
  const rowOf = new Map<PlannedMember, number>()
  plan.create.forEach((h, i) => {
    for (const m of h.members) rowOf.set(m, persons.push({ ...h.place, ...personColumns(m.person), householdId: i, relation: m.person.relation }) - 1)
  })
  const joinedFrom = persons.length
  for (const j of plan.join) {
    for (const m of j.members)
      rowOf.set(m, persons.push({ ...j.place, ...personColumns(m.person), householdId: j.householdId, relation: m.person.relation }) - 1)
  }
  phase('columns')
  const written = await client.$transaction(
    (tx) =>
      within(tx, async () => {
        const householdIds = await reserveIds(tx, 'Household', plan.create.length)
        const personIds = await reserveIds(tx, 'Person', persons.length)
        const rows: PersonRow[] = persons.map((p, i) => ({ ...p, id: personIds[i], householdId: i < joinedFrom ? householdIds[p.householdId] : p.householdId }))
        const idOf = (r: ParentRef | undefined) => (r === undefined ? null : 'id' in r ? r.id : rows[rowOf.get(r.member)!].id)
        await insertHouseholdsWithPeople(
          tx,
          {
            households: plan.create.map((h, i) => ({ id: householdIds[i], ...h.place, address: h.household.address, type: h.household.type })),
            persons: rows,
            parents: plan.parents.map((p) => ({ child: rows[rowOf.get(p.child)!].id, mother: idOf(p.mother), father: idOf(p.father) })),
          },
          { afterWrite: true },
        )
        phase('register')
        // One change a household for the township's monthly review (RegisterChange).
        const createdAt = new Date()
        const headOf = new Map(rows.filter((p) => p.relation === 'SELF').map((p) => [p.householdId, p.id]))
        await insertRegisterChanges(
          tx,
          [
            ...plan.create.map((h, i) => ({
              place: h.place,
              householdId: householdIds[i],
              address: h.household.address,
              names: h.members.map((m) => m.person.name),
            })),
            ...plan.join.map((j) => ({ place: j.place, householdId: j.householdId, address: null, names: j.members.map((m) => m.person.name) })),
          ].map((c) => ({
            countyId: c.place.countyId,
            townshipId: c.place.townshipId,
            villageId: c.place.villageId,
            kind: 'household.import',
            personId: headOf.get(c.householdId) ?? null,
            householdId: c.householdId,
            summary: { address: c.address, members: c.names },
            createdById: actorId,
            createdAt,
          })),
        )
        await auditEvent(tx, summary)
        return result
      }),
    { timeout: 300_000, maxWait: 30_000 },
  )
  phase('transaction')
  return written
}

/**
 * Runs the import's write inside its transaction: the service passes idempotency's `once`, so a
 * repeated commit of the same check (a double click, a resend) waits for the first and gets its
 * result, writing nothing twice.
 */
export type Within = (tx: Tx, write: () => Promise<ImportResult>) => Promise<ImportResult>

/** Reports the end of each step of an import (the benchmark prints them). */
export type Phase = (name: string) => void

/**
 * Checks the file's rows and, when `commit` is set and nothing is wrong, imports them. `checked`
 * hears what the check found before anything is returned or written (the service audits it and may
 * refuse by throwing); `auditEvent` writes the one audit event inside the import's transaction.
 */
export async function runImport(
  client: PrismaClient,
  subject: Subject,
  rows: SheetRow[],
  commit: boolean,
  auditEvent: (tx: Tx, summary: ImportSummary) => Promise<void>,
  phase: Phase = () => {},
  checked: (check: ImportCheck) => Promise<void> = async () => {},
  within: Within = (_tx, write) => write(),
): Promise<ImportResult> {
  const { errors, plan } = await planImport(client, subject, rows)
  phase('check')
  const summary: ImportSummary = {
    rows: rows.length,
    households: plan.create.length,
    persons: plan.create.reduce((n, h) => n + h.members.length, 0) + plan.join.reduce((n, j) => n + j.members.length, 0),
    skipped: plan.skipped.length,
    joined: plan.join.reduce((n, j) => n + j.members.length, 0),
  }
  await checked({ ...summary, commit, errors: errors.length, outOfScopeHashes: [...new Set(plan.outOfScope)].sort() })
  const result: ImportResult = {
    ...summary,
    committed: false,
    errorCount: errors.length,
    errors: errors.slice(0, MAX_REPORTED),
    skippedRows: plan.skipped.slice(0, MAX_REPORTED),
  }
  if (errors.length > 0 || !commit || summary.persons === 0) return result
  return writePlan(client, plan, auditEvent, summary, phase, subject.id, { ...result, committed: true }, within)
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}
