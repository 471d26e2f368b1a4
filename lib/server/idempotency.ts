import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Tx } from './db'
import { ConflictError } from './errors'

/**
 * Runs a create at most once per form render. The form carries a key made when it was shown; the
 * key's row is inserted in the create's own transaction, so a second submit of the same form (a
 * double click, a resend) waits for the first, finds its row and gets the first one's result back,
 * and nothing is written twice. The primary key of FormSubmission is what enforces it.
 */
/** `run`'s result must be plain JSON (ids, messages). */
export async function once<T>(tx: Tx, key: string | undefined, userId: number, action: string, run: () => Promise<T>): Promise<T> {
  if (!key) return run()
  const claimed =
    await tx.$executeRaw`INSERT INTO "FormSubmission" (key, "userId", action, result) VALUES (${key}, ${userId}, ${action}, '{}'::jsonb) ON CONFLICT (key) DO NOTHING`
  if (claimed === 0) {
    const first = await tx.formSubmission.findUnique({ where: { key } })
    // a key is one form of one user: anything else is not a repeat of that form
    if (!first || first.userId !== userId || first.action !== action) throw new ConflictError()
    return first.result as unknown as T
  }
  const result = await run()
  await tx.formSubmission.update({ where: { key }, data: { result: result as unknown as Prisma.InputJsonValue } })
  return result
}
