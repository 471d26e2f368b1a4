import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { todayIso } from '@/lib/dates'
import { db, type DbClient } from '@/lib/server/db'
import { audit } from '@/lib/server/audit'
import { AppError } from '@/lib/server/errors'
import { isUniqueViolation, runImport, type ImportCheck, type ImportResult } from './engine'
import { MAX_IMPORT_ROWS, readSheet } from './sheet'

/** ID numbers a user's imports may find registered outside their region in one day (China time). */
export const OUT_OF_SCOPE_DAILY_CAP = 20
/** The audit actions of an import's check: counted, refused. */
export const IMPORT_CHECK = 'register.import.check'
export const IMPORT_REFUSED = 'register.import.refused'
/** Advisory-lock namespace: one import check at a time per user, so parallel uploads cannot both slip under the cap. */
const CAP_LOCK = 0x58_5a_49_4d // "XZIM"

/**
 * Imports households and people from an uploaded spreadsheet: a check (nothing written) or the
 * all-or-nothing import. Every check — a dry run, or the check before a commit — is audited with
 * its counts and the keyed hashes of ID numbers found registered outside the user's region; past
 * OUT_OF_SCOPE_DAILY_CAP such hits in a day the import is refused (an alert for the administrators:
 * ./queries.ts). A commit adds its own audit event of counts in its transaction.
 */
export async function importRegister(ctx: ServiceContext, bytes: Uint8Array, commit: boolean): Promise<ImportResult> {
  const { actor, subject } = ctx
  const sheet = await readSheet(bytes)
  if (!sheet.ok) throw new AppError(sheet.error, { max: MAX_IMPORT_ROWS, ...sheet.params }, { file: sheet.error })
  try {
    return await runImport(
      db,
      subject,
      sheet.rows,
      commit,
      (tx, summary) => audit(tx, actor, { action: 'register.import', entity: 'Household', regionId: subject.regionId, after: { ...summary } }),
      undefined,
      (check) => auditCheck(ctx, check),
    )
  } catch (error) {
    // Someone registered one of these ID numbers between the check and the write.
    if (isUniqueViolation(error)) throw new AppError('imports.errors.changedMeanwhile')
    throw error
  }
}

/**
 * The cap counts from today's AuditEvent rows rather than a table of its own: the check events
 * must be written anyway (with the hashes), they are append-only (a trigger refuses UPDATE and
 * DELETE, so nobody resets a counter), they are written in the same transaction that decides, and
 * the (actorId, at) index makes the sum one short range scan. A counter table would be a second
 * record of the same facts that could disagree with the audit.
 */
async function auditCheck(ctx: ServiceContext, check: ImportCheck): Promise<void> {
  const { actor, subject } = ctx
  const { outOfScopeHashes, ...counts } = check
  const refused = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CAP_LOCK}::int, ${subject.id}::int)`
    const used = await outOfScopeHitsToday(tx, subject.id)
    const over = used + outOfScopeHashes.length > OUT_OF_SCOPE_DAILY_CAP
    await audit(tx, actor, {
      action: over ? IMPORT_REFUSED : IMPORT_CHECK,
      entity: 'Household',
      regionId: subject.regionId,
      after: { ...counts, outOfScope: outOfScopeHashes.length, outOfScopeHashes, hitsToday: used + outOfScopeHashes.length, cap: OUT_OF_SCOPE_DAILY_CAP },
    })
    return over
  })
  if (refused) throw new AppError('imports.errors.outOfScopeCap', { cap: OUT_OF_SCOPE_DAILY_CAP })
}

/** Out-of-region hits of the user's import checks since midnight, China time (refused ones too). */
export async function outOfScopeHitsToday(client: DbClient, userId: number, now: Date = new Date()): Promise<number> {
  const since = new Date(`${todayIso(now)}T00:00:00+08:00`)
  const [row] = await client.$queryRaw<{ hits: number }[]>`
    SELECT COALESCE(SUM(("after"->>'outOfScope')::int), 0)::int AS hits
    FROM "AuditEvent"
    WHERE "actorId" = ${userId} AND "at" >= ${since} AND "action" IN (${IMPORT_CHECK}, ${IMPORT_REFUSED})`
  return row?.hits ?? 0
}
