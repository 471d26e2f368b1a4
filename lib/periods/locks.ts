import 'server-only'
import type { DbClient, Tx } from '@/lib/server/db'
import { AppError } from '@/lib/server/errors'
import { toDate } from '@/lib/dates'
import { lockRegion } from '@/lib/regions/lookups'

/**
 * Refuses a change to life events dated in an approved (locked) period of the township. Called by
 * the register inside the transaction that makes the change.
 *
 * The township's region row is share-locked first; approval takes it exclusively before creating
 * the lock. So an event being recorded while its period is approved either commits before the
 * approval reads the figures, or waits and then sees the lock — never slips in between.
 */
export async function assertPeriodOpen(tx: Tx, townshipId: number, dates: readonly string[]): Promise<void> {
  await lockRegion(tx, townshipId, 'share')
  for (const date of dates) {
    const lock = await tx.periodLock.findFirst({
      where: { townshipId, unlockedAt: null, fromDate: { lte: toDate(date) }, toDate: { gte: toDate(date) } },
      select: { id: true },
    })
    if (lock) throw new AppError('reports.errors.periodLocked', { date }, { occurredOn: 'reports.errors.periodLocked' })
  }
}

/** Locks a township's period once its report is approved (the caller holds the township row lock). */
export async function lockPeriod(tx: Tx, lock: { countyId: number; townshipId: number; submissionId: number; fromDate: Date; toDate: Date }): Promise<void> {
  await tx.periodLock.create({ data: lock })
}

/** A lock of the county, or null. */
export function findPeriodLock(tx: Tx, countyId: number, lockId: number) {
  return tx.periodLock.findFirst({ where: { id: lockId, countyId } })
}

/** Whether a lock of any county has this id: a refused attempt on one is audited. */
export async function periodLockExists(tx: Tx, lockId: number): Promise<boolean> {
  return (await tx.periodLock.findUnique({ where: { id: lockId }, select: { id: true } })) !== null
}

/** Releases a lock with its reason; false when it was already released (by someone else meanwhile). */
export async function releasePeriodLock(tx: Tx, input: { lockId: number; userId: number; reason: string }): Promise<boolean> {
  const updated = await tx.periodLock.updateMany({
    where: { id: input.lockId, unlockedAt: null },
    data: { unlockedAt: new Date(), unlockedById: input.userId, unlockReason: input.reason },
  })
  return updated.count === 1
}

/** A county's locks, newest period first; a lock keeps its place when released. */
export async function listPeriodLocks(client: DbClient, countyId: number, paging: { skip: number; take: number }) {
  const where = { countyId }
  const [rows, total] = await Promise.all([
    client.periodLock.findMany({ where, orderBy: [{ toDate: 'desc' }, { townshipId: 'asc' }, { id: 'desc' }], ...paging }),
    client.periodLock.count({ where }),
  ])
  return { rows, total }
}
