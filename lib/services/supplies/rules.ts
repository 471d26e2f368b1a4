// The supplies ledger's pure rules (药具管理): the expiry window, first-expiring-first and the
// ledger's arithmetic. No database: the service and the queries call these, the unit tests pin them.
import { daysBetween } from '@/lib/dates'

/** Batches expiring within this many days are warned about (the supplies page and the inbox). */
export const EXPIRY_WARNING_DAYS = 90

export type ExpiryState = 'EXPIRED' | 'EXPIRING' | 'OK'

/** A batch expires at the end of its expiry day: on that day it may still be given out. */
export function expiryState(expiresOn: string, today: string, windowDays = EXPIRY_WARNING_DAYS): ExpiryState {
  const left = daysBetween(today, expiresOn)
  if (left < 0) return 'EXPIRED'
  return left <= windowDays ? 'EXPIRING' : 'OK'
}

export interface BatchStock {
  batchId: number
  batchNo: string
  expiresOn: string
  quantity: number
}

/** Batches that may be given out today (in stock, not expired), earliest expiry first. */
export function fefoOrder<T extends BatchStock>(batches: readonly T[], today: string): T[] {
  return batches
    .filter((b) => b.quantity > 0 && expiryState(b.expiresOn, today) !== 'EXPIRED')
    .sort((a, b) => (a.expiresOn === b.expiresOn ? a.batchNo.localeCompare(b.batchNo) : a.expiresOn < b.expiresOn ? -1 : 1))
}

/** The batch suggested for a dispensing: the earliest-expiring one with stock that has not expired. */
export function suggestedBatch<T extends BatchStock>(batches: readonly T[], today: string): T | null {
  return fefoOrder(batches, today)[0] ?? null
}

/**
 * How a quantity is taken from a station's batches: the one chosen, or first-expiring-first across
 * the usable ones. Null when there is not enough: nothing is taken then (the caller refuses).
 */
export function allocate(batches: readonly BatchStock[], quantity: number, today: string, batchId?: number): { batchId: number; quantity: number }[] | null {
  const usable = fefoOrder(batches, today).filter((b) => batchId === undefined || b.batchId === batchId)
  const out: { batchId: number; quantity: number }[] = []
  let left = quantity
  for (const b of usable) {
    if (left === 0) break
    const take = Math.min(left, b.quantity)
    out.push({ batchId: b.batchId, quantity: take })
    left -= take
  }
  return left === 0 ? out : null
}

/** What may be given out now: the sum of the usable batches (or of the one chosen). */
export function available(batches: readonly BatchStock[], today: string, batchId?: number): number {
  return fefoOrder(batches, today)
    .filter((b) => batchId === undefined || b.batchId === batchId)
    .reduce((sum, b) => sum + b.quantity, 0)
}

export const MOVEMENT_KINDS = ['RECEIVE', 'TRANSFER_OUT', 'TRANSFER_IN', 'DISPENSE', 'WRITE_OFF', 'STOCKTAKE'] as const
export type MovementKind = (typeof MOVEMENT_KINDS)[number]

/** One line of the monthly ledger (per item): the columns of 药具帐. */
export interface LedgerLine {
  opening: number
  received: number
  transferredIn: number
  transferredOut: number
  dispensed: number
  writtenOff: number
  /** the stocktakes' net adjustment in the month (counted minus book) */
  adjusted: number
  closing: number
}

export const emptyLine = (): LedgerLine => ({
  opening: 0,
  received: 0,
  transferredIn: 0,
  transferredOut: 0,
  dispensed: 0,
  writtenOff: 0,
  adjusted: 0,
  closing: 0,
})

/**
 * Builds a ledger line from the signed movement sums: `before` is the sum of all deltas before the
 * month (the opening), `inMonth` the month's sums per kind. Outflows are shown as positive numbers.
 * closing = opening + received + in − out − dispensed − written off + adjusted.
 */
export function ledgerLine(before: number, inMonth: Partial<Record<MovementKind, number>>): LedgerLine {
  const line: LedgerLine = {
    opening: before,
    received: inMonth.RECEIVE ?? 0,
    transferredIn: inMonth.TRANSFER_IN ?? 0,
    transferredOut: -(inMonth.TRANSFER_OUT ?? 0),
    dispensed: -(inMonth.DISPENSE ?? 0),
    writtenOff: -(inMonth.WRITE_OFF ?? 0),
    adjusted: inMonth.STOCKTAKE ?? 0,
    closing: 0,
  }
  line.closing = closingOf(line)
  return line
}

export function closingOf(line: Omit<LedgerLine, 'closing'>): number {
  return line.opening + line.received + line.transferredIn - line.transferredOut - line.dispensed - line.writtenOff + line.adjusted
}

/** Sums ledger lines (a township's stations, the county's townships). */
export function addLines(a: LedgerLine, b: LedgerLine): LedgerLine {
  return {
    opening: a.opening + b.opening,
    received: a.received + b.received,
    transferredIn: a.transferredIn + b.transferredIn,
    transferredOut: a.transferredOut + b.transferredOut,
    dispensed: a.dispensed + b.dispensed,
    writtenOff: a.writtenOff + b.writtenOff,
    adjusted: a.adjusted + b.adjusted,
    closing: a.closing + b.closing,
  }
}

/** 帐物卡相符: the book and the counted quantity agree. */
export const bookMatches = (book: number, counted: number) => book === counted

/** The sign of a movement's delta for each kind (a stocktake may go either way). */
export function deltaSign(kind: MovementKind): 1 | -1 | 0 {
  switch (kind) {
    case 'RECEIVE':
    case 'TRANSFER_IN':
      return 1
    case 'STOCKTAKE':
      return 0
    default:
      return -1
  }
}
