import type { InboxItem } from './registry'

// A brief per-user cache of the inbox, so the navigation's count on every page does not run every
// source on every request. A successful server action (defineAction) empties the acting user's
// entries: doing an item shows at once in their count. Other users' counts (an item another user's
// write added or did) and time (an item falling due) show within TTL_MS. Emptying every user's
// entries on every write made the cache useless under load (a write every 10th request). Kept on globalThis, like the report sections, so every bundle of the process
// shares one cache.

export const INBOX_TTL_MS = 30_000

interface Entry {
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

/** Called after a user's successful write: that user's inbox is read again on its next use. */
export function forgetInbox(userId: number): void {
  for (const key of holder.entries.keys()) if (key.startsWith(`${userId}:`)) holder.entries.delete(key)
}

/** Empties every user's cached inbox (tests; an administrator's bulk change). */
export function bumpInboxGeneration(): void {
  holder.generation += 1
  holder.entries.clear()
}

/** The cached items under `key`, or `load()`'s (shared by concurrent callers: one run per user at a time). */
export function cachedInbox(key: string, load: () => Promise<InboxItem[]>, now = Date.now()): Promise<InboxItem[]> {
  const hit = holder.entries.get(key)
  if (hit && hit.generation === holder.generation && now - hit.at < INBOX_TTL_MS) return hit.items
  const items = load()
  const entry: Entry = { at: now, generation: holder.generation, items }
  holder.entries.set(key, entry)
  // a failed read is not kept
  items.catch(() => {
    if (holder.entries.get(key) === entry) holder.entries.delete(key)
  })
  if (holder.entries.size > 5_000) holder.entries.delete(holder.entries.keys().next().value!)
  return items
}
