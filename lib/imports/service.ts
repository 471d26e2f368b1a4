import 'server-only'
import type { LeveledSubject } from '@/lib/access/permissions'
import { db } from '@/lib/server/db'
import { audit, type Actor } from '@/lib/server/audit'
import { AppError } from '@/lib/server/errors'
import { isUniqueViolation, runImport, type ImportResult } from './engine'
import { MAX_IMPORT_ROWS, readSheet } from './sheet'

/**
 * Imports households and people from an uploaded spreadsheet: a check (nothing written) or the
 * all-or-nothing import, with one audit event of counts (no names, no ID numbers).
 */
export async function importRegister(actor: Actor, subject: LeveledSubject, bytes: Uint8Array, commit: boolean): Promise<ImportResult> {
  const sheet = await readSheet(bytes)
  if (!sheet.ok) throw new AppError(sheet.error, { max: MAX_IMPORT_ROWS, ...sheet.params }, { file: sheet.error })
  try {
    return await runImport(db, subject, sheet.rows, commit, (tx, summary) =>
      audit(tx, actor, { action: 'register.import', entity: 'Household', regionId: subject.regionId, after: { ...summary } }),
    )
  } catch (error) {
    // Someone registered one of these ID numbers between the check and the write.
    if (isUniqueViolation(error)) throw new AppError('imports.errors.changedMeanwhile')
    throw error
  }
}

