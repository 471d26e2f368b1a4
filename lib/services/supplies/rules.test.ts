import { describe, expect, it } from 'vitest'
import { addLines, allocate, available, bookMatches, closingOf, expiryState, fefoOrder, ledgerLine, suggestedBatch } from './rules'

const batches = [
  { batchId: 1, batchNo: 'B-LATE', expiresOn: '2027-06-30', quantity: 50 },
  { batchId: 2, batchNo: 'B-SOON', expiresOn: '2026-12-31', quantity: 5 },
  { batchId: 3, batchNo: 'B-GONE', expiresOn: '2026-11-01', quantity: 40 },
  { batchId: 4, batchNo: 'B-EMPTY', expiresOn: '2026-12-01', quantity: 0 },
]
const today = '2026-11-29'

describe('expiry window', () => {
  it('warns within 90 days, counts the expiry day itself as usable, and past it as expired', () => {
    expect(expiryState('2026-11-29', today)).toBe('EXPIRING')
    expect(expiryState('2026-11-28', today)).toBe('EXPIRED')
    expect(expiryState('2027-02-27', today)).toBe('EXPIRING') // 90 days
    expect(expiryState('2027-02-28', today)).toBe('OK') // 91 days
  })
})

describe('first-expiring-first', () => {
  it('suggests the earliest-expiring batch that has stock and has not expired', () => {
    expect(suggestedBatch(batches, today)?.batchNo).toBe('B-SOON')
    expect(fefoOrder(batches, today).map((b) => b.batchNo)).toEqual(['B-SOON', 'B-LATE'])
  })
  it('suggests nothing when only expired or empty batches are left', () => {
    expect(suggestedBatch([batches[2], batches[3]], today)).toBeNull()
  })
  it('takes from the earliest batch first and spills into the next', () => {
    expect(allocate(batches, 8, today)).toEqual([
      { batchId: 2, quantity: 5 },
      { batchId: 1, quantity: 3 },
    ])
  })
  it('takes only from the batch chosen, and refuses more than it holds', () => {
    expect(allocate(batches, 8, today, 1)).toEqual([{ batchId: 1, quantity: 8 }])
    expect(allocate(batches, 6, today, 2)).toBeNull()
  })
  it('never gives out an expired batch, even when chosen', () => {
    expect(allocate(batches, 1, today, 3)).toBeNull()
    expect(available(batches, today)).toBe(55)
    expect(allocate(batches, 56, today)).toBeNull()
  })
})

describe('ledger arithmetic', () => {
  it('opening + in − out (+ stocktake) = closing, outflows shown positive', () => {
    const line = ledgerLine(100, { RECEIVE: 50, TRANSFER_IN: 10, TRANSFER_OUT: -30, DISPENSE: -25, WRITE_OFF: -5, STOCKTAKE: -2 })
    expect(line).toEqual({ opening: 100, received: 50, transferredIn: 10, transferredOut: 30, dispensed: 25, writtenOff: 5, adjusted: -2, closing: 98 })
    expect(closingOf(line)).toBe(line.closing)
  })
  it('an empty month carries the opening to the closing', () => {
    expect(ledgerLine(7, {}).closing).toBe(7)
  })
  it('sums the lines of several stations', () => {
    const sum = addLines(ledgerLine(10, { DISPENSE: -3 }), ledgerLine(5, { RECEIVE: 2 }))
    expect(sum.opening).toBe(15)
    expect(sum.closing).toBe(14)
  })
  it('帐物卡相符 only when the book and the count agree', () => {
    expect(bookMatches(12, 12)).toBe(true)
    expect(bookMatches(12, 11)).toBe(false)
  })
})
