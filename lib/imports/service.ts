import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { auditIdCheck, OUT_OF_SCOPE_DAILY_CAP } from '@/lib/registry/id-checks'
import { db } from '@/lib/server/db'
import { audit } from '@/lib/server/audit'
import { AppError, ConflictError } from '@/lib/server/errors'
import { once } from '@/lib/server/idempotency'
import { isUniqueViolation, runImport, type ImportResult } from './engine'
import { MAX_IMPORT_ROWS, readSheet } from './sheet'

/** The idempotency action of a commit (lib/server/idempotency.ts). */
const IMPORT_ACTION = 'register.import'

/**
 * Imports households and people from an uploaded spreadsheet: a check (nothing written) or the
 * all-or-nothing import. Every check — a dry run, or the check before a commit — is audited with
 * its counts and the keyed hashes of ID numbers found registered outside the user's region; past
 * OUT_OF_SCOPE_DAILY_CAP such hits in a day (counted with the forms' hits: lib/registry/id-checks.ts)
 * the import is refused and the administrators see an alert. A commit adds its own audit event of counts in its transaction.
 * A commit carries the key its check handed out (`formKey`): the same commit again writes nothing
 * and answers with the first one's result.
 */
export async function importRegister(ctx: ServiceContext, bytes: Uint8Array, commit: boolean, formKey?: string): Promise<ImportResult> {
  const { actor, subject } = ctx
  if (commit && formKey) {
    // the same commit again, after the first finished: its result, without checking or writing again
    const first = await db.formSubmission.findUnique({ where: { key: formKey } })
    if (first && (first.userId !== actor.id || first.action !== IMPORT_ACTION)) throw new ConflictError()
    if (first) return first.result as unknown as ImportResult
  }
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
      async ({ outOfScopeHashes, ...counts }) => {
        const { refused } = await auditIdCheck(ctx, 'import', outOfScopeHashes, { ...counts })
        if (refused) throw new AppError('imports.errors.outOfScopeCap', { cap: OUT_OF_SCOPE_DAILY_CAP })
      },
      (tx, write) => once(tx, formKey, actor.id!, IMPORT_ACTION, write),
    )
  } catch (error) {
    // Someone registered one of these ID numbers between the check and the write.
    if (isUniqueViolation(error)) throw new AppError('imports.errors.changedMeanwhile')
    throw error
  }
}
