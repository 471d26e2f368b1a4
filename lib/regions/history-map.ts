import type { DbClient } from '@/lib/server/db'
import { toIso } from '@/lib/dates'
import { villageMapOn, type Rename, type VillageMap } from './history-rules'

// Reads of the region history for the report queries and the demo generator (not server-only: it
// only reads through the client it is given).

const iso = (d: Date | null) => (d === null ? null : toIso(d))

/**
 * The village rows of a county that stood for another row on `date`, with that row and its
 * township: the report queries attribute people and events through it. Empty (one small indexed
 * query) in a county whose regions never changed.
 */
export async function villageMapFor(client: DbClient, countyId: number, date: string): Promise<VillageMap> {
  const links = await client.regionChangeLink.findMany({ where: { change: { countyId } }, select: { fromId: true, toId: true } })
  if (links.length === 0) return { cur: [], village: [], township: [] }
  const ids = [...new Set(links.flatMap((l) => [l.fromId, l.toId]))]
  const villages = await client.region.findMany({
    where: { id: { in: ids }, level: 'VILLAGE' },
    select: { id: true, parentId: true, validFrom: true, validTo: true },
  })
  const byId = new Map(villages.map((v) => [v.id, { parentId: v.parentId, validFrom: iso(v.validFrom), validTo: iso(v.validTo) }]))
  return villageMapOn(
    byId,
    links.filter((l) => byId.has(l.fromId)),
    date,
  )
}

/** The recorded renames of a county's regions (for names as of a date). */
export async function renamesOf(client: DbClient, countyId: number): Promise<Rename[]> {
  const rows = await client.regionChange.findMany({
    where: { countyId, kind: 'RENAME' },
    select: { regionId: true, effectiveOn: true, oldName: true, newName: true },
  })
  return rows.map((r) => ({ regionId: r.regionId!, effectiveOn: toIso(r.effectiveOn), oldName: r.oldName ?? '', newName: r.newName ?? '' }))
}

/** The regions a report for a period ending on `date` is broken down by: the children of `parentId` valid on that day. */
export function validOnWhere(date: string) {
  const day = new Date(`${date}T00:00:00Z`)
  return {
    AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: day } }] }, { OR: [{ validTo: null }, { validTo: { gt: day } }] }],
  }
}

/**
 * The township a register row's village belonged to on `date`: its own township, unless a region
 * change has since moved the village (then the township of the row that stood for it then). The
 * register asks it for period locks, which belong to the township that reported the period.
 */
export async function townshipOn(client: DbClient, place: { countyId: number; townshipId: number; villageId: number }, date: string): Promise<number> {
  const map = await villageMapFor(client, place.countyId, date)
  const i = map.cur.indexOf(place.villageId)
  return i < 0 ? place.townshipId : map.township[i]
}
