import type { DbClient, Tx } from '@/lib/server/db'
import type { RegionLevel } from '@/lib/access/roles'
import { regionScope, type Subject } from '@/lib/access/permissions'
import { validOnWhere } from './history-map'

// The region reads other modules need: the one place outside lib/regions' own pages that touches
// the Region table (tests/unit/region-boundary.test.ts refuses a query of it anywhere else). Every
// function takes the client it runs on (the process's, or the caller's open transaction) and there
// is no 'server-only' guard: the demo generator, the quality sweep and the benchmarks run outside
// Next.js with their own client. Reads scoped to a user are in ./queries.ts (regionOptions).

/** What callers read of a region: enough to place a row (placementOf), check scope (inScope) and name it. */
export interface RegionRow {
  id: number
  code: string
  name: string
  level: RegionLevel
  active: boolean
  parentId: number | null
  /** ids of every ancestor, root first */
  ancestorIds: number[]
  /** the validity period (decision 0011); null from: since before records began; null to: still valid */
  validFrom: Date | null
  validTo: Date | null
}

/** A region with the name of the region it lies in (a village's township, a group's village). */
export interface RegionListRow extends RegionRow {
  parentName: string | null
}

const rowSelect = { id: true, code: true, name: true, level: true, active: true, parentId: true, ancestorIds: true, validFrom: true, validTo: true } as const
const listSelect = { ...rowSelect, parent: { select: { name: true } } } as const

function toListRow({ parent, ...r }: RegionRow & { parent: { name: string } | null }): RegionListRow {
  return { ...r, parentName: parent?.name ?? null }
}

/** One region by id, or null. */
export function regionById(client: DbClient, id: number): Promise<RegionRow | null> {
  return client.region.findUnique({ where: { id }, select: rowSelect })
}

/** One region by id that must exist (a foreign key points at it). */
export async function existingRegion(client: DbClient, id: number): Promise<RegionRow> {
  const region = await regionById(client, id)
  if (!region) throw new Error(`region ${id} does not exist`)
  return region
}

/** One region by its division code, or null. */
export function regionByCode(client: DbClient, code: string): Promise<RegionRow | null> {
  return client.region.findUnique({ where: { code }, select: rowSelect })
}

/** One region by its division code that must exist (the demo county in a benchmark). */
export async function existingRegionByCode(client: DbClient, code: string): Promise<RegionRow> {
  const region = await regionByCode(client, code)
  if (!region) throw new Error(`no region has the code ${code}`)
  return region
}

/** A region inside the subject's scope, by id: null when it is outside or missing (the scope is in the query). */
export function regionInScope(client: DbClient, subject: Subject, id: number): Promise<RegionRow | null> {
  return client.region.findFirst({ where: { id, ...regionScope(subject) }, select: rowSelect })
}

/**
 * The children of a region valid on a date (a report's period end: decision 0011), plus any of
 * `alsoIds` (ended children where something was counted), in code order.
 */
export function childRegionsOn(
  client: DbClient,
  regionId: number,
  alsoIds: Iterable<number>,
  date: string,
): Promise<{ id: number; code: string; name: string }[]> {
  return client.region.findMany({
    where: { OR: [{ parentId: regionId, ...validOnWhere(date), OR: [{ active: true }, { validTo: { not: null } }] }, { id: { in: [...alsoIds] } }] },
    select: { id: true, code: true, name: true },
    orderBy: { code: 'asc' },
  })
}

/** A county's townships valid at some time between two dates, those a region change ended included (decision 0011). */
export function townshipsValidDuring(client: DbClient, countyId: number, start: string, end: string) {
  return client.region.findMany({
    where: {
      parentId: countyId,
      level: 'TOWNSHIP',
      OR: [{ active: true }, { validTo: { not: null } }],
      AND: [
        { OR: [{ validFrom: null }, { validFrom: { lte: new Date(`${end}T00:00:00Z`) } }] },
        { OR: [{ validTo: null }, { validTo: { gt: new Date(`${start}T00:00:00Z`) } }] },
      ],
    },
    select: { id: true, name: true, validFrom: true, validTo: true },
    orderBy: { code: 'asc' },
  })
}

/** The regions of these division codes (unknown codes are left out). */
export function regionsByCode(client: DbClient, codes: readonly string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return Promise.resolve([])
  return client.region.findMany({ where: { code: { in: [...codes] } }, select: rowSelect })
}

/** The regions of these ids with the name of their parent, in division-code order. */
/** The village groups under the villages with these codes (the import names a group beside its village). */
export function groupsOfVillages(client: DbClient, villageCodes: readonly string[]): Promise<{ code: string; name: string }[]> {
  if (villageCodes.length === 0) return Promise.resolve([])
  return client.region.findMany({ where: { level: 'GROUP', parent: { code: { in: [...villageCodes] } } }, select: { code: true, name: true } })
}

export async function regionsByIds(client: DbClient, ids: Iterable<number>): Promise<RegionListRow[]> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  return (await client.region.findMany({ where: { id: { in: unique } }, select: listSelect, orderBy: { code: 'asc' } })).map(toListRow)
}

/**
 * The names of these regions by id. `withParent`: a village named with its township, a group with
 * its village ("宁津镇 东街村"), for lists that mix places of several townships.
 */
export async function regionNames(client: DbClient, ids: Iterable<number>, options: { withParent?: boolean } = {}): Promise<Map<number, string>> {
  const rows = await regionsByIds(client, ids)
  return new Map(rows.map((r) => [r.id, options.withParent ? `${r.parentName ?? ''} ${r.name}`.trim() : r.name]))
}

/** The active townships of a county, in division-code order. */
export function townshipsOf(
  client: DbClient,
  countyId: number,
  options: { includeInactive?: boolean } = {},
): Promise<{ id: number; code: string; name: string }[]> {
  return client.region.findMany({
    where: { parentId: countyId, level: 'TOWNSHIP', ...(options.includeInactive ? {} : { active: true }) },
    select: { id: true, code: true, name: true },
    orderBy: { code: 'asc' },
  })
}

/** Counties in division-code order: every one, only the active ones, or the one of a code. */
export function listCounties(client: DbClient, options: { activeOnly?: boolean; code?: string } = {}): Promise<{ id: number; code: string; name: string }[]> {
  return client.region.findMany({
    where: { level: 'COUNTY', ...(options.activeOnly ? { active: true } : {}), ...(options.code ? { code: options.code } : {}) },
    select: { id: true, code: true, name: true },
    orderBy: { code: 'asc' },
  })
}

/**
 * The active regions directly below one (of the given levels, when given), in division-code order,
 * and also the regions of `alsoIds` whatever their state (a report's breakdown keeps a deactivated
 * village that still has figures).
 */
export function childRegions(
  client: DbClient,
  parentId: number,
  options: { levels?: readonly RegionLevel[]; alsoIds?: Iterable<number> } = {},
): Promise<{ id: number; code: string; name: string; level: RegionLevel }[]> {
  const also = [...(options.alsoIds ?? [])]
  const children = { parentId, active: true, ...(options.levels ? { level: { in: [...options.levels] } } : {}) }
  return client.region.findMany({
    where: also.length > 0 ? { OR: [children, { id: { in: also } }] } : children,
    select: { id: true, code: true, name: true, level: true },
    orderBy: { code: 'asc' },
  })
}

/**
 * A region and everything below it, of the given levels, in division-code order, each with the name
 * of the region it lies in. Index-backed (the GIN index on ancestorIds). Not scoped to a user: for
 * a user's choices use regionOptions (./queries.ts), which calls this with their own region.
 */
export async function regionsWithin(
  client: DbClient,
  regionId: number,
  options: { levels: readonly RegionLevel[]; activeOnly?: boolean; take?: number },
): Promise<RegionListRow[]> {
  const rows = await client.region.findMany({
    where: {
      OR: [{ id: regionId }, { ancestorIds: { has: regionId } }],
      level: { in: [...options.levels] },
      ...(options.activeOnly ? { active: true } : {}),
    },
    select: listSelect,
    orderBy: { code: 'asc' },
    ...(options.take ? { take: options.take } : {}),
  })
  return rows.map(toListRow)
}

/** The ids of the urban villages (communities, residents' committees) in a region: the register's hukou type (lib/registry/benefit-facts.ts). */
export async function urbanVillageIds(client: DbClient, regionId: number): Promise<number[]> {
  const rows = await client.region.findMany({
    where: { OR: [{ id: regionId }, { ancestorIds: { has: regionId } }], level: 'VILLAGE', urban: true },
    select: { id: true },
  })
  return rows.map((r) => r.id)
}

/**
 * Locks a region's row until the transaction ends: 'share' to write below it while nobody changes
 * its state, 'update' to change its state (the period locks of lib/periods and report approval
 * take a township's row this way so an event and an approval never slip past each other).
 */
export async function lockRegion(tx: Tx, id: number, mode: 'share' | 'update'): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT id FROM "Region" WHERE id = $1 ${mode === 'share' ? 'FOR SHARE' : 'FOR UPDATE'}`, id)
}
