import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import { can, regionScope, type Subject } from '@/lib/access/permissions'
import { todayIso } from '@/lib/dates'
import { audit } from '@/lib/server/audit'
import type { ServiceContext } from '@/lib/server/context'
import { db, type DbClient } from '@/lib/server/db'

// Whether an ID number is registered somewhere in the county is itself information: typed into a
// form or listed in an import file, a guessed number would tell the user whether that person lives
// in another township. Every way the register answers it for numbers outside the user's region —
// an import's check (lib/imports) and a form's save (./service.ts) — goes through auditIdCheck:
// the answer never says where, the hits are audited with their keyed hashes, and one per-user daily
// cap counts them all; past it the user's checks are refused and the administrators see an alert.

/** ID numbers one user may find registered outside their region in one day (China time), imports and forms together. */
export const OUT_OF_SCOPE_DAILY_CAP = 20

/** The audit actions of a check, per way of asking: counted (checked), or refused past the cap. */
export const ID_CHECK = {
  import: { checked: 'register.import.check', refused: 'register.import.refused', entity: 'Household', auditEvery: true },
  entry: { checked: 'register.idCheck', refused: 'register.idCheck.refused', entity: 'Person', auditEvery: false },
} as const
export type IdCheckSource = keyof typeof ID_CHECK

const COUNTED: string[] = Object.values(ID_CHECK).flatMap((k) => [k.checked, k.refused])
const REFUSED: string[] = Object.values(ID_CHECK).map((k) => k.refused)
const ENTITIES: string[] = [...new Set(Object.values(ID_CHECK).map((k) => k.entity))]

/** Advisory-lock namespace: one check at a time per user, so parallel requests cannot both slip under the cap. */
const CAP_LOCK = 0x58_5a_49_4d // "XZIM"

/**
 * The cap counts from today's AuditEvent rows rather than a table of its own: the check events
 * must be written anyway (with the hashes), they are append-only (a trigger refuses UPDATE and
 * DELETE, so nobody resets a counter), they are written in the transaction that decides, and the
 * (actorId, at) index makes the sum one short range scan. A counter table would be a second record
 * of the same facts that could disagree with the audit.
 */
export async function outOfScopeHitsToday(client: DbClient, userId: number, now: Date = new Date()): Promise<number> {
  const since = new Date(`${todayIso(now)}T00:00:00+08:00`)
  const [row] = await client.$queryRaw<{ hits: number }[]>`
    SELECT COALESCE(SUM(("after"->>'outOfScope')::int), 0)::int AS hits
    FROM "AuditEvent"
    WHERE "actorId" = ${userId} AND "at" >= ${since} AND "action" IN (${Prisma.join(COUNTED)})`
  return row?.hits ?? 0
}

/**
 * Audits one check that found `outOfScopeHashes` (keyed hashes of ID numbers registered outside
 * the user's region) and says whether it is refused: past OUT_OF_SCOPE_DAILY_CAP hits today, with
 * these, the user's checks are refused (even one that finds nothing: the refusal must not tell
 * either). An import audits every check with its counts (`details`); a form only one that found
 * something or was refused. Runs in its own transaction, so the record survives the caller's
 * refusal and rollback.
 */
export async function auditIdCheck(
  ctx: ServiceContext,
  source: IdCheckSource,
  outOfScopeHashes: readonly string[],
  details: Prisma.InputJsonObject = {},
): Promise<{ refused: boolean; hitsToday: number }> {
  const kind = ID_CHECK[source]
  const hashes = [...new Set(outOfScopeHashes)].sort()
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CAP_LOCK}::int, ${ctx.subject.id}::int)`
    const hitsToday = (await outOfScopeHitsToday(tx, ctx.subject.id)) + hashes.length
    const refused = hitsToday > OUT_OF_SCOPE_DAILY_CAP
    if (refused || hashes.length > 0 || kind.auditEvery) {
      await audit(tx, ctx.actor, {
        action: refused ? kind.refused : kind.checked,
        entity: kind.entity,
        regionId: ctx.subject.regionId,
        after: { ...details, outOfScope: hashes.length, outOfScopeHashes: hashes, hitsToday, cap: OUT_OF_SCOPE_DAILY_CAP },
      })
    }
    return { refused, hitsToday }
  })
}

/** How far back the home page warns about refused checks. */
const ALERT_DAYS = 7

export interface IdCheckAlert {
  actorName: string | null
  at: Date
  hitsToday: number
  source: IdCheckSource
}

/**
 * Checks refused in the last week because a user kept finding ID numbers registered outside their
 * region (someone probing the register, or a township entering another's list): for
 * administrators (`audit.view`), within their region. Newest first, one line per user and day.
 */
export async function idCheckAlerts(subject: Subject): Promise<IdCheckAlert[]> {
  if (!can(subject, 'audit.view')) return []
  const events = await db.auditEvent.findMany({
    // entity first: the (entity, at) index narrows to a week of check events
    where: { entity: { in: ENTITIES }, action: { in: REFUSED }, at: { gte: new Date(Date.now() - ALERT_DAYS * 86_400_000) }, region: regionScope(subject) },
    select: { actorName: true, actorId: true, at: true, after: true, action: true },
    orderBy: { at: 'desc' },
    take: 200,
  })
  const seen = new Set<string>()
  const alerts: IdCheckAlert[] = []
  for (const e of events) {
    const key = `${e.actorId}:${todayIso(e.at)}`
    if (seen.has(key)) continue
    seen.add(key)
    const after = (e.after ?? {}) as { hitsToday?: number }
    alerts.push({ actorName: e.actorName, at: e.at, hitsToday: after.hitsToday ?? 0, source: e.action === ID_CHECK.import.refused ? 'import' : 'entry' })
  }
  return alerts.slice(0, 20)
}
