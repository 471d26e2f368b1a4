import 'server-only'
import type { Tx } from '@/lib/server/db'
import { AppError } from '@/lib/server/errors'
import { toDate } from '@/lib/registry/rules'

/**
 * Refuses a change to life events dated in an approved (locked) period of the township. Called by
 * the register inside the transaction that makes the change.
 *
 * The township's region row is share-locked first; approval takes it exclusively before creating
 * the lock. So an event being recorded while its period is approved either commits before the
 * approval reads the figures, or waits and then sees the lock — never slips in between.
 */
export async function assertPeriodOpen(tx: Tx, townshipId: number, dates: readonly string[]): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT id FROM "Region" WHERE id = $1 FOR SHARE`, townshipId)
  for (const date of dates) {
    const lock = await tx.periodLock.findFirst({
      where: { townshipId, unlockedAt: null, fromDate: { lte: toDate(date) }, toDate: { gte: toDate(date) } },
      select: { id: true },
    })
    if (lock) throw new AppError('reports.errors.periodLocked', { date }, { occurredOn: 'reports.errors.periodLocked' })
  }
}
