import type { InboxItem } from './registry'

// A brief per-user cache of the inbox, so the navigation's count on every page does not run every
// source on every request. Any successful server action (defineAction) bumps the generation, which
// empties it: doing an item shows at once in the count. Time alone (an item falling due) shows
// within TTL_MS. Kept on globalThis, like the report sections, so every bundle of the process
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

/** Called after every successful write: every cached inbox is read again on its next use. */
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
