// A small in-process cache for the dashboards' live parts (the pyramid, findings, timeliness,
// rankings, the modules' widgets, the current month): a dashboard opened again within a minute
// reads them from memory. Keys name everything the answer depends on (the region, the period, and
// for what depends on the viewer, their role and region). On globalThis, like the other registries.

export const BRIEF_TTL_MS = 60_000
const KEY = Symbol.for('xiangzhen.dashboard.brief')
type Holder = { [KEY]?: Map<string, { at: number; value: Promise<unknown> }> }
const cache = () => ((globalThis as Holder)[KEY] ??= new Map())

/** The value of `key` computed within the last `ttl` ms, or `compute()` now (a failure is not kept). */
export function briefly<T>(key: string, compute: () => Promise<T>, ttl = BRIEF_TTL_MS, now = Date.now()): Promise<T> {
  const entries = cache()
  const hit = entries.get(key)
  if (hit && now - hit.at < ttl) return hit.value as Promise<T>
  const value = compute()
  entries.set(key, { at: now, value })
  value.catch(() => entries.delete(key))
  // keep the map small: drop what has expired once it grows
  if (entries.size > 500) for (const [k, e] of entries) if (now - e.at >= ttl) entries.delete(k)
  return value
}

/** Forgets everything (the tests). */
export function clearBriefCache(): void {
  cache().clear()
}
