import type { DbClient } from '@/lib/server/db'
import { computeCounts, type FigureScope } from './figures'
import type { Period } from '@/lib/periods/rules'
import type { Counts } from './sections'
import { childRegions } from '@/lib/regions/lookups'

// A report's figures as stored with it. Not server-only (like figures.ts): the demo generator,
// run outside Next.js, prepares its report history with the same function the service uses.

/** The figures kept with a report: counts per child region and in total (see figures.ts). */
export interface Snapshot {
  v: 1
  /** 'register': computed from the register; 'townships': the county's sum of approved township reports */
  source: 'register' | 'townships'
  children: { id: number; code: string; name: string }[]
  total: Counts
  byChild: Record<string, Counts>
}

/** The children a report is broken down by: the villages of a township, the townships of a county. */
async function childrenOf(client: DbClient, regionId: number, counted: Iterable<number>) {
  return (await childRegions(client, regionId, { alsoIds: counted })).map(({ id, code, name }) => ({ id, code, name }))
}

/** Live figures of a township or village (or a county, straight from the register) for a period. */
export async function registerSnapshot(client: DbClient, scope: FigureScope, period: Period): Promise<Snapshot> {
  const counts = await computeCounts(client, scope, period)
  const children = scope.level === 'VILLAGE' ? [] : await childrenOf(client, scope.regionId, counts.byChild.keys())
  const zero = Object.fromEntries(Object.keys(counts.total).map((k) => [k, 0]))
  return {
    v: 1,
    source: 'register',
    children,
    total: counts.total,
    byChild: Object.fromEntries(children.map((c) => [String(c.id), counts.byChild.get(c.id) ?? zero])),
  }
}
