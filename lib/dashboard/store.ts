import type { DbClient, Tx } from '@/lib/server/db'
import type { Prisma } from '@/lib/generated/prisma/client'
import { computeCounts, REGISTER_SOURCES, type FigureScope } from '@/lib/reports/figures'
import type { Counts } from '@/lib/reports/sections'
import { addMonths, monthlyPeriod, type StatYearSettings } from '@/lib/periods/rules'
import type { RegisterWrite } from '@/lib/registry/hooks'
import type { RegionRemap } from '@/lib/regions/history-hooks'

// The statistics store (issue 13; docs/decisions/0014-dashboard-statistics-store.md). Not
// server-only: the benchmark and `npm run stats:close` run outside Next.js with their own client.
//
// One row per scope (a county or a township) and calendar month: the register's figures of the
// month (reports/figures.ts: stockSource and flowSource, the same counting the reports use) in
// total and per child region. A village's figures are its township's row's child. Rows are written
// for months that are over, the first time one is needed or by the closing job; the register's
// write hook marks the months a write reaches stale, and the next read recomputes them. The
// current month is computed live and kept in memory for LIVE_TTL_MS.

export type StoreLevel = 'COUNTY' | 'TOWNSHIP'

export interface MonthFigures {
  month: string
  total: Counts
  byChild: Record<string, Counts>
  /** 'store': read from a stored row; 'computed': recomputed now and stored; 'live': the current month */
  from: 'store' | 'computed' | 'live'
}

/** A calendar month's key (yyyy-mm) of a date. */
export const monthOf = (iso: string) => iso.slice(0, 7)

/** The `count` months ending with `last` (yyyy-mm), oldest first. */
export function monthsEndingWith(last: string, count: number): string[] {
  const year = Number(last.slice(0, 4))
  const month = Number(last.slice(5, 7))
  return Array.from({ length: count }, (_, i) => {
    const m = addMonths(year, month, i - count + 1)
    return `${m.year}-${String(m.month).padStart(2, '0')}`
  })
}

const CALENDAR: StatYearSettings = { statYearStartMonth: 1 }
const periodOfMonth = (month: string) => monthlyPeriod(Number(month.slice(0, 4)), Number(month.slice(5, 7)), CALENDAR)

/** The register's figures of one scope for one month, computed now (what a stored row holds). */
export async function liveMonth(client: DbClient, scope: FigureScope, month: string): Promise<{ total: Counts; byChild: Record<string, Counts> }> {
  const counts = await computeCounts(client, scope, periodOfMonth(month), REGISTER_SOURCES)
  return { total: counts.total, byChild: Object.fromEntries([...counts.byChild].map(([id, c]) => [String(id), c])) }
}

// ------------------------------------------------------------------ the current month, cached briefly

export const LIVE_TTL_MS = 60_000
const LIVE = Symbol.for('xiangzhen.dashboard.live')
type LiveHolder = { [LIVE]?: Map<string, { at: number; value: Promise<{ total: Counts; byChild: Record<string, Counts> }> }> }
const liveCache = () => ((globalThis as LiveHolder)[LIVE] ??= new Map())

/** Forgets the cached current month (the tests, and a write in the current month). */
export function clearLiveCache(): void {
  liveCache().clear()
}

function cachedLive(client: DbClient, scope: FigureScope, month: string, now = Date.now()) {
  const key = `${scope.regionId}/${month}`
  const cache = liveCache()
  const hit = cache.get(key)
  if (hit && now - hit.at < LIVE_TTL_MS) return hit.value
  const value = liveMonth(client, scope, month)
  cache.set(key, { at: now, value })
  value.catch(() => cache.delete(key))
  return value
}

// ------------------------------------------------------------------ reading and closing months

const asJson = (v: unknown) => v as Prisma.InputJsonValue

/** Computes and stores one finished month of a scope; a stale mark made meanwhile survives (version). */
async function closeMonth(client: DbClient, scope: FigureScope & { level: StoreLevel }, month: string, version: number | null) {
  const figures = await liveMonth(client, scope, month)
  if (version === null) {
    await client.$executeRawUnsafe(
      `INSERT INTO "StatMonth" ("regionId", "countyId", level, month, total, "byChild", stale, version, "computedAt")
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, false, 0, now()) ON CONFLICT ("regionId", month) DO NOTHING`,
      scope.regionId,
      scope.countyId,
      scope.level,
      month,
      JSON.stringify(figures.total),
      JSON.stringify(figures.byChild),
    )
  } else {
    await client.statMonth.updateMany({
      where: { regionId: scope.regionId, month, version },
      data: { total: asJson(figures.total), byChild: asJson(figures.byChild), stale: false, computedAt: new Date() },
    })
  }
  return figures
}

/**
 * A scope's figures for each of `months` (yyyy-mm, any order): finished months from the store
 * (missing or stale ones computed and stored now), the current month live (cached briefly), months
 * after today empty (null).
 */
export async function monthFigures(
  client: DbClient,
  scope: FigureScope & { level: StoreLevel },
  months: readonly string[],
  today: string,
): Promise<Map<string, MonthFigures | null>> {
  const current = monthOf(today)
  const past = months.filter((m) => m < current)
  const rows = past.length
    ? await client.statMonth.findMany({
        where: { regionId: scope.regionId, month: { in: past } },
        select: { month: true, total: true, byChild: true, stale: true, version: true },
      })
    : []
  const stored = new Map(rows.map((r) => [r.month, r]))
  const out = new Map<string, MonthFigures | null>()
  // computed one after another: at a million residents a month costs a second of the database
  for (const month of months) {
    if (month > current) out.set(month, null)
    else if (month === current) out.set(month, { month, ...(await cachedLive(client, scope, month)), from: 'live' })
    else {
      const row = stored.get(month)
      if (row && !row.stale) out.set(month, { month, total: row.total as Counts, byChild: row.byChild as Record<string, Counts>, from: 'store' })
      else out.set(month, { month, ...(await closeMonth(client, scope, month, row ? row.version : null)), from: 'computed' })
    }
  }
  return out
}

/**
 * The closing job: stores every finished month of `months` that is missing or stale, for the
 * county and each of its townships. Returns how many rows it wrote. (`npm run stats:close`.)
 */
export async function closeMonths(
  client: DbClient,
  countyId: number,
  townshipIds: readonly number[],
  months: readonly string[],
  today: string,
): Promise<number> {
  const scopes: (FigureScope & { level: StoreLevel })[] = [
    { level: 'COUNTY', regionId: countyId, countyId },
    ...townshipIds.map((id) => ({ level: 'TOWNSHIP' as const, regionId: id, countyId })),
  ]
  let written = 0
  for (const scope of scopes) {
    const figures = await monthFigures(client, scope, months, today)
    written += [...figures.values()].filter((f) => f?.from === 'computed').length
  }
  return written
}

// ------------------------------------------------------------------ stale marks

/** Marks a county's stored months from `fromMonth` on stale (every month when null). */
export async function markStale(tx: DbClient | Tx, countyId: number, fromMonth: string | null): Promise<number> {
  return tx.$executeRawUnsafe(
    `UPDATE "StatMonth" SET stale = true, version = version + 1 WHERE "countyId" = $1 AND month >= $2`,
    countyId,
    fromMonth ?? '0000-00',
  )
}

/**
 * The register's write hook (lib/modules.ts): marks the months a write reaches, and every later
 * stored month of the county, stale. It runs inside the write's transaction, before the change log
 * row is written, so it reads what this transaction wrote (rows whose xmin is the transaction's
 * id): a life event reaches back to its date, a correction also to the date of the event it
 * replaces; a person changed who is not the subject of one of the write's events (a new member, a
 * corrected sex or birth date, a new head, a sibling's birth order: these apply to every period)
 * or a household changed (the households figure counts heads by their relation now) reaches every
 * month. It may mark too much, never too little.
 */
export async function markStaleAfterWrite(tx: Tx, write: RegisterWrite): Promise<void> {
  const personIds = [...new Set((write.personIds ?? []).filter((id): id is number => typeof id === 'number'))]
  const householdIds = [...new Set((write.householdIds ?? []).filter((id): id is number => typeof id === 'number'))]
  if (personIds.length === 0 && householdIds.length === 0) return
  const rows = await tx.$queryRawUnsafe<{ countyId: number; reach: Date | null }[]>(
    `WITH cur AS (SELECT (pg_current_xact_id()::text::bigint & 4294967295)::text AS x),
     ev AS (
       SELECT e."countyId", e."personId", e."otherPersonId", LEAST(e."occurredOn", old."occurredOn") AS d
       FROM cur, "LifeEvent" e LEFT JOIN "LifeEvent" old ON old.id = e."correctsId"
       WHERE (e."personId" = ANY ($1::int[]) OR e."otherPersonId" = ANY ($1::int[])) AND e.xmin::text = cur.x
     ),
     -- a person changed in this transaction who is not a party to one of its events (a new head,
     -- a sibling's birth order, an edit; the parties' rows carry their version), or a household changed (a head, a new household:
     -- the households figure counts heads by their relation now): every month
     everything AS (
       SELECT p."countyId" FROM cur, "Person" p
       WHERE p.id = ANY ($1::int[]) AND p.xmin::text = cur.x AND NOT EXISTS (SELECT 1 FROM ev WHERE p.id IN (ev."personId", ev."otherPersonId"))
       UNION
       SELECT h."countyId" FROM cur, "Household" h
       WHERE (h.id = ANY ($2::int[]) OR h.id IN (SELECT "householdId" FROM "Person" WHERE id = ANY ($1::int[]))) AND h.xmin::text = cur.x
     )
     SELECT "countyId", NULL::date AS reach FROM everything
     UNION ALL
     SELECT "countyId", MIN(d) FROM ev WHERE "countyId" NOT IN (SELECT "countyId" FROM everything) GROUP BY 1`,
    personIds,
    householdIds,
  )
  for (const row of rows) await markStale(tx, row.countyId, row.reach ? monthOf(row.reach.toISOString()) : null)
}

/** The region change hook: the attribution of every month may change, so every month of the county is stale. */
export async function markStaleAfterRemap(tx: Tx, remap: RegionRemap): Promise<void> {
  const ids = remap.villages.map((v) => v.to)
  if (ids.length === 0) return
  const counties = await tx.$queryRawUnsafe<{ countyId: number }[]>(`SELECT DISTINCT "countyId" FROM "StatMonth" WHERE "byChild" ?| $1::text[]`, [
    ...remap.villages.flatMap((v) => [String(v.from), String(v.to), String(v.township)]),
  ])
  for (const c of counties) await markStale(tx, c.countyId, null)
}
