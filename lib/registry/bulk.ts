import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { DbClient, Tx } from '@/lib/server/db'
import { bulkInsert, type BulkColumn } from '@/lib/db/bulk'
import type { personColumns } from './columns'
import type { Relation } from './rules'
import { afterRegisterWrite } from './hooks'

// The register's one bulk writer of households, people, life events and review entries: the
// import (lib/imports), the demo generator (prisma/seed) and the test factories all write through
// it, so the column list of each table exists once and rows from any of them read the same (ID
// number encrypted with its hash, mask and last four; name with its pinyin keys: ./columns.ts).
// Set-based (lib/db/bulk.ts): one statement per 10,000 rows. No 'server-only' guard: the seed and
// the benchmark run outside Next.js with their own client.

type Client = Pick<PrismaClient, '$executeRawUnsafe' | '$queryRawUnsafe'>

/** Where a row lives: its county, township, village, group and the lowest of them (group, else village). */
export interface Place {
  countyId: number
  townshipId: number
  villageId: number
  groupId: number | null
  regionId: number
}

export interface HouseholdRow extends Place {
  id: number
  address: string
  /** default FAMILY */
  type?: 'FAMILY' | 'COLLECTIVE'
}

type Columns = ReturnType<typeof personColumns>

/**
 * A person as the register stores them: personColumns(input) (or its parts, idColumns and
 * nameColumns), their place, household and relation. The state fields are for the demo generator,
 * which writes people with their history (dead, moved out, with their parents and birth order).
 */
export interface PersonRow extends Place, Omit<Columns, 'education' | 'occupation' | 'hukouCode'> {
  id: number
  householdId: number | null
  relation: Relation | null
  education?: Columns['education']
  occupation?: string | null
  hukouCode?: string | null
  /** default true */
  alive?: boolean
  deathDate?: Date | null
  /** default false */
  movedOut?: boolean
  motherId?: number | null
  fatherId?: number | null
  birthOrder?: number | null
}

export interface LifeEventRow {
  id: number
  countyId: number
  townshipId: number
  villageId: number
  type: 'BIRTH' | 'DEATH' | 'MARRIAGE' | 'DIVORCE' | 'MOVE_IN' | 'MOVE_WITHIN' | 'MOVE_OUT' | 'RETURN'
  personId: number
  otherPersonId: number | null
  occurredOn: Date
  recordedOn: Date
  late: boolean
  details: object
  recordedById: number
  createdAt: Date
}

/** An entry of the township's monthly review (RegisterChange). */
export interface ChangeRow {
  countyId: number
  townshipId: number
  villageId: number
  kind: string
  personId: number | null
  householdId?: number | null
  eventId?: number | null
  summary: object
  createdById: number
  createdAt: Date
}

/** A new person's parents, by id (either may be unknown). */
export interface ParentLink {
  child: number
  mother: number | null
  father: number | null
}

const col =
  (type: BulkColumn['type']) =>
  (name: string): BulkColumn => ({ name, type })
const [int, text, date, bytea, bool] = [col('int'), col('text'), col('date'), col('bytea'), col('bool')]
const PLACE = ['countyId', 'townshipId', 'villageId', 'groupId', 'regionId'].map(int)
const UPDATED_AT: BulkColumn = { name: 'updatedAt', type: 'timestamptz' }

/** The columns of Household the register writes in bulk, with their PostgreSQL types. */
const HOUSEHOLD_COLUMNS: BulkColumn[] = [int('id'), ...PLACE, text('address'), { name: 'type', type: 'enum:HouseholdType' }, UPDATED_AT]

/** The columns of Person the register writes in bulk: the one list (the schema's defaults fill the rest). */
const PERSON_COLUMNS: BulkColumn[] = [
  int('id'),
  ...PLACE,
  int('householdId'),
  { name: 'relation', type: 'enum:Relation' },
  ...['name', 'namePinyin', 'nameInitials'].map(text),
  { name: 'sex', type: 'enum:Sex' },
  date('birthDate'),
  text('ethnicity'),
  bytea('idCipher'),
  ...['idHash', 'idMasked', 'idLast4', 'phone'].map(text),
  { name: 'residence', type: 'enum:Residence' },
  text('migrationPlace'),
  date('migrationSince'),
  { name: 'maritalStatus', type: 'enum:MaritalStatus' },
  { name: 'education', type: 'enum:Education' },
  ...['occupation', 'hukouText', 'hukouCode'].map(text),
  bool('alive'),
  date('deathDate'),
  bool('movedOut'),
  ...['motherId', 'fatherId', 'birthOrder'].map(int),
  UPDATED_AT,
]

const EVENT_COLUMNS: BulkColumn[] = [
  ...['id', 'countyId', 'townshipId', 'villageId'].map(int),
  { name: 'type', type: 'enum:LifeEventType' },
  ...['personId', 'otherPersonId'].map(int),
  ...['occurredOn', 'recordedOn'].map(date),
  bool('late'),
  { name: 'details', type: 'jsonb' },
  int('recordedById'),
  { name: 'createdAt', type: 'timestamptz' },
]

const CHANGE_COLUMNS: BulkColumn[] = [
  ...['countyId', 'townshipId', 'villageId'].map(int),
  text('kind'),
  ...['personId', 'householdId', 'eventId'].map(int),
  { name: 'summary', type: 'jsonb' },
  int('createdById'),
  { name: 'createdAt', type: 'timestamptz' },
]

/** Takes `count` ids from a table's sequence, for rows that name each other before they are written. */
export async function reserveIds(client: Client, table: 'Household' | 'Person' | 'LifeEvent', count: number): Promise<number[]> {
  if (count === 0) return []
  const rows = await client.$queryRawUnsafe<{ id: number }[]>(
    `SELECT nextval(pg_get_serial_sequence('"${table}"', 'id'))::int AS id FROM generate_series(1, $1::int)`,
    count,
  )
  return rows.map((r) => r.id)
}

/** Moves a table's id sequence past the ids written explicitly (the demo generator numbers its own rows). */
export async function syncIdSequence(client: Client, table: 'Household' | 'Person' | 'LifeEvent'): Promise<void> {
  await client.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT MAX(id) FROM "${table}"), 1))`)
}

const CHUNK = 20_000
function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Writes new households and people, with their ids: households first, then the people (a person's
 * parents in the same call or already registered), then each new household's head (its member
 * related SELF), then the parents of `parents` and the counted birth orders of their mothers'
 * children (an order a clerk entered stays). With `afterWrite`, the register's after-write hook
 * (quality's on-save check, docs/decisions/0003 and 0006) runs for everyone written, inside the
 * same transaction, as for every other register write; the demo generator turns it off and sweeps
 * the county once at the end.
 */
export async function insertHouseholdsWithPeople(
  client: DbClient,
  rows: { households: HouseholdRow[]; persons: PersonRow[]; parents?: ParentLink[] },
  options: { afterWrite: boolean },
): Promise<void> {
  const updatedAt = new Date()
  await bulkInsert(
    client,
    'Household',
    HOUSEHOLD_COLUMNS,
    rows.households.map((h) => ({ ...h, type: h.type ?? 'FAMILY', updatedAt })),
  )
  await bulkInsert(
    client,
    'Person',
    PERSON_COLUMNS,
    rows.persons.map((p) => ({ ...p, alive: p.alive ?? true, movedOut: p.movedOut ?? false, updatedAt })),
  )
  const created = new Set(rows.households.map((h) => h.id))
  const heads = rows.persons.filter((p) => p.relation === 'SELF' && p.householdId !== null && created.has(p.householdId))
  for (const part of chunks(heads)) {
    await client.$executeRawUnsafe(
      `UPDATE "Household" h SET "headId" = v.head FROM unnest($1::int[], $2::int[]) AS v(id, head) WHERE h.id = v.id`,
      part.map((p) => p.householdId),
      part.map((p) => p.id),
    )
  }
  await linkParents(client, rows.parents ?? [])
  if (options.afterWrite) {
    // in parts: the check reads the records it was given by id. The import passes its transaction.
    const householdIds = [...new Set([...rows.households.map((h) => h.id), ...rows.persons.map((p) => p.householdId)])]
    const personIds = rows.persons.map((p) => p.id)
    for (let i = 0; i * CHUNK < Math.max(personIds.length, householdIds.length); i++) {
      await afterRegisterWrite(client as Tx, {
        personIds: personIds.slice(i * CHUNK, (i + 1) * CHUNK),
        householdIds: householdIds.slice(i * CHUNK, (i + 1) * CHUNK),
      })
    }
  }
}

/** Sets new people's parents, then renumbers the birth orders of those mothers' children by birth date. */
async function linkParents(client: Client, links: readonly ParentLink[]): Promise<void> {
  for (const part of chunks(links)) {
    await client.$executeRawUnsafe(
      `UPDATE "Person" p SET "motherId" = v.mother, "fatherId" = v.father FROM unnest($1::int[], $2::int[], $3::int[]) AS v(id, mother, father) WHERE p.id = v.id`,
      part.map((x) => x.child),
      part.map((x) => x.mother),
      part.map((x) => x.father),
    )
  }
  const mothers = [...new Set(links.map((l) => l.mother).filter((v): v is number => v !== null))]
  for (const part of chunks(mothers)) {
    await client.$executeRawUnsafe(
      `UPDATE "Person" p SET "birthOrder" = r.rank FROM (
         SELECT id, row_number() OVER (PARTITION BY "motherId" ORDER BY "birthDate", id)::int AS rank FROM "Person" WHERE "motherId" = ANY($1::int[])
       ) r WHERE p.id = r.id AND NOT p."birthOrderEntered" AND p."birthOrder" IS DISTINCT FROM r.rank`,
      part,
    )
  }
}

/** Writes life events with their ids (the demo generator's history). */
export async function insertLifeEvents(client: Client, events: readonly LifeEventRow[]): Promise<void> {
  await bulkInsert(client, 'LifeEvent', EVENT_COLUMNS, events as unknown as Record<string, unknown>[])
}

/** Writes entries of the townships' monthly review. */
export async function insertRegisterChanges(client: Client, changes: readonly ChangeRow[]): Promise<void> {
  await bulkInsert(client, 'RegisterChange', CHANGE_COLUMNS, changes as unknown as Record<string, unknown>[])
}
