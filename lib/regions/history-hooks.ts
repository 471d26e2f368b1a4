import type { Tx } from '@/lib/server/db'

/**
 * When a region change ends villages (a split, a merger, a village moved), the rows of higher
 * modules that name them (people, households, events, findings, exchanges) follow their place to
 * the new rows, in the transaction of the change. The regions module sits below them and imports
 * none of them (docs/decisions/0006): each registers its function here, from lib/modules.ts.
 */
export interface RegionRemap {
  /** each ended village, the new row that takes its place and the new row's township */
  villages: { from: number; to: number; township: number }[]
  /** each ended village group and its new row */
  groups: { from: number; to: number }[]
}
export type OnRegionRemap = (tx: Tx, remap: RegionRemap) => Promise<unknown>

// On globalThis, like the register's hooks: Next.js may load this file in more than one bundle.
const KEY = Symbol.for('xiangzhen.regions.remap')
type Holder = { [KEY]?: Map<string, OnRegionRemap> }

function hooks(): Map<string, OnRegionRemap> {
  const holder = globalThis as Holder
  return (holder[KEY] ??= new Map())
}

/** Registers (or replaces) one module's function. Called once at start-up by lib/modules.ts. */
export function onRegionRemap(module: string, hook: OnRegionRemap): void {
  hooks().set(module, hook)
}

/** Runs every registered function. Refuses when none is registered: people would stay in ended villages. */
export async function remapRegionRows(tx: Tx, remap: RegionRemap): Promise<void> {
  const registered = hooks()
  if (registered.size === 0) throw new Error('Regions changed before the modules were composed: import "@/lib/modules" at the entry point.')
  if (remap.villages.length === 0 && remap.groups.length === 0) return
  for (const hook of registered.values()) await hook(tx, remap)
}

/** The SQL arrays of a remap, for the hooks' UPDATE … FROM unnest(…) statements. */
export function remapArrays(remap: RegionRemap) {
  const regionFrom = [...remap.villages.map((v) => v.from), ...remap.groups.map((g) => g.from)]
  const regionTo = [...remap.villages.map((v) => v.to), ...remap.groups.map((g) => g.to)]
  return {
    villageFrom: remap.villages.map((v) => v.from),
    villageTo: remap.villages.map((v) => v.to),
    township: remap.villages.map((v) => v.township),
    groupFrom: remap.groups.map((g) => g.from),
    groupTo: remap.groups.map((g) => g.to),
    regionFrom,
    regionTo,
  }
}
