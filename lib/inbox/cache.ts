import type { InboxItem } from './registry'

// A brief per-user cache of the inbox, so the navigation's count on every page does not run every
// source on every request. A successful server action (defineAction) empties the entries of the
// users whose region contains the writer's or lies inside it (the writer, their township and
// county above, their villages below): doing an item, or adding one for someone there, shows at
// once. Writes elsewhere leave an entry alone; time (an item falling due) shows within TTL_MS.
// Emptying every user's entries on every write made the cache useless under load. Kept on globalThis, like the report sections, so every bundle of the process
// shares one cache.

export const INBOX_TTL_MS = 30_000

/** Where a cached inbox's user works: their region and its ancestors. */
export interface InboxRegion {
  regionId: number
  ancestorIds: readonly number[]
}

interface Entry {
  region?: InboxRegion
  at: number
  generation: number
  items: Promise<InboxItem[]>
}
interface Holder {
  generation: number
  entries: Map<string, Entry>
}
const KEY = Symbol.for('xiangzhen.inbox.cache')
const holder = ((globalThis as { [KEY]?: Holder })[KEY] ??= { generation: 0, entries: new Map() })

/** Whether a write in region `a` may change the inbox of a user of region `b`: one contains the other. */
export function related(a: InboxRegion, b: InboxRegion): boolean {
  return a.regionId === b.regionId || a.ancestorIds.includes(b.regionId) || b.ancestorIds.includes(a.regionId)
}

/** Called after a successful write in `region`: the inboxes of the users above and below it are read again. */
export function forgetInbox(region: InboxRegion): void {
  for (const [key, entry] of holder.entries) if (!entry.region || related(region, entry.region)) holder.entries.delete(key)
}

/** Empties every user's cached inbox (tests; an administrator's bulk change). */
export function bumpInboxGeneration(): void {
  holder.generation += 1
  holder.entries.clear()
}

/** The cached items under `key`, or `load()`'s (shared by concurrent callers: one run per user at a time). */
export function cachedInbox(key: string, load: () => Promise<InboxItem[]>, now = Date.now(), region?: InboxRegion): Promise<InboxItem[]> {
  const hit = holder.entries.get(key)
  if (hit && hit.generation === holder.generation && now - hit.at < INBOX_TTL_MS) return hit.items
  const items = load()
  const entry: Entry = { at: now, generation: holder.generation, items, region }
  holder.entries.set(key, entry)
  // a failed read is not kept
  items.catch(() => {
    if (holder.entries.get(key) === entry) holder.entries.delete(key)
  })
  if (holder.entries.size > 5_000) holder.entries.delete(holder.entries.keys().next().value!)
  return items
}
