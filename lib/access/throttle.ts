import 'server-only'
import { RateLimiterPrisma } from 'rate-limiter-flexible'
import { db, type Tx } from '@/lib/server/db'
import { THROTTLE, waitAfterFailures } from './rules'

// Failed sign-ins (and wrong current passwords) counted with rate-limiter-flexible in PostgreSQL
// (its Prisma store, table RateLimit), so every server process and a restart see the same counts.
// The rules, and why unknown usernames are counted like known ones, are in rules.ts (THROTTLE).

type Scope = 'pair' | 'account' | 'address'
const SCOPES: Scope[] = ['pair', 'account', 'address']

export interface ThrottleKeys {
  pair: string
  account: string
  address: string | null
}

/** The counters an attempt by `username` from `ip` touches. */
export function throttleKeys(username: string, ip: string | null): ThrottleKeys {
  const name = username.trim().toLowerCase().slice(0, 64)
  return { pair: `${name}|${ip ?? 'unknown'}`, account: name, address: ip }
}

let limiters: Record<Scope, { failures: RateLimiterPrisma; wait: RateLimiterPrisma }> | undefined
function limitersFor() {
  const make = (keyPrefix: string, points: number) =>
    new RateLimiterPrisma({ storeClient: db, tableName: 'rateLimit', keyPrefix, points, duration: THROTTLE.windowHours * 3600 })
  limiters ??= Object.fromEntries(
    // `failures` only counts (penalty); `wait` is blocked for the earned time (block, get).
    SCOPES.map((scope) => [scope, { failures: make(`fail-${scope}`, 1_000_000), wait: make(`wait-${scope}`, 1) }]),
  ) as Record<Scope, { failures: RateLimiterPrisma; wait: RateLimiterPrisma }>
  return limiters
}

function each(keys: ThrottleKeys) {
  return SCOPES.flatMap((scope) => (keys[scope] === null ? [] : [{ scope, key: keys[scope]! }]))
}

/** Seconds to wait before an attempt may go ahead; 0 when it may now. */
export async function secondsToWait(keys: ThrottleKeys): Promise<number> {
  const all = limitersFor()
  const waits = await Promise.all(
    each(keys).map(async ({ scope, key }) => {
      const res = await all[scope].wait.get(key)
      return res && res.consumedPoints > 1 ? res.msBeforeNext : 0
    }),
  )
  return Math.ceil(Math.max(0, ...waits) / 1000)
}

/** Counts one failure in every scope and starts the waits it earns; returns the longest, in seconds. */
export async function recordFailure(keys: ThrottleKeys): Promise<number> {
  const all = limitersFor()
  let longest = 0
  for (const { scope, key } of each(keys)) {
    const counted = await all[scope].failures.penalty(key, 1)
    const seconds = waitAfterFailures(counted.consumedPoints, THROTTLE[scope])
    if (seconds > 0) await all[scope].wait.block(key, seconds)
    longest = Math.max(longest, seconds)
  }
  return longest
}

/** A right password from this address: its own count starts again; the wider counts stay. */
export async function recordSuccess(keys: ThrottleKeys): Promise<void> {
  const all = limitersFor()
  await all.pair.failures.delete(keys.pair)
  await all.pair.wait.delete(keys.pair)
}

/** An administrator's password reset also lifts every wait and count on the account. */
export async function forgetAccount(tx: Tx, username: string): Promise<void> {
  const name = throttleKeys(username, null).account
  await tx.rateLimit.deleteMany({
    where: {
      OR: [
        { key: { in: [`fail-account:${name}`, `wait-account:${name}`] } },
        { key: { startsWith: `fail-pair:${name}|` } },
        { key: { startsWith: `wait-pair:${name}|` } },
      ],
    },
  })
}

/** The message for a wait: seconds while it is short, minutes after. */
export function waitMessage(
  seconds: number,
): { key: 'login.throttledSeconds'; params: { seconds: number } } | { key: 'login.throttledMinutes'; params: { minutes: number } } {
  return seconds < 60 ? { key: 'login.throttledSeconds', params: { seconds } } : { key: 'login.throttledMinutes', params: { minutes: Math.ceil(seconds / 60) } }
}

/** Which of these accounts must wait before their next sign-in attempt (shown to administrators). */
export async function accountsWaiting(usernames: string[], now = new Date()): Promise<Set<string>> {
  if (usernames.length === 0) return new Set()
  const rows = await db.rateLimit.findMany({
    where: { key: { in: usernames.map((u) => `wait-account:${throttleKeys(u, null).account}`) }, points: { gt: 1 }, expire: { gt: now } },
    select: { key: true },
  })
  return new Set(rows.map((r) => r.key.slice('wait-account:'.length)))
}
