import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import { toDate, toIso } from '@/lib/dates'
import { ledgerLine, type LedgerLine, type MovementKind } from './rules'

// The monthly supplies ledger (药具月报帐) of a station, a township or the county: per item the
// opening, received, transferred in and out, dispensed, written off, stocktake adjustment and
// closing, and the last stocktake's book versus counted. One aggregate over the movements, index
// backed by (countyId|townshipId|stationId, occurredOn). Not server-only: the benchmark uses it.

type Client = PrismaClient | Tx

export type LedgerUnit = { kind: 'COUNTY'; id: number } | { kind: 'TOWNSHIP'; id: number } | { kind: 'STATION'; id: number }

export interface LedgerRow extends LedgerLine {
  itemId: number
  code: string
  nameZh: string
  nameEn: string
  unitZh: string
  unitEn: string
  /** the last stocktake on or before the month's end (per station, summed): null when none */
  stocktake: { on: string; book: number; counted: number } | null
}

function unitFilter(unit: LedgerUnit): Prisma.Sql {
  switch (unit.kind) {
    case 'COUNTY':
      return Prisma.sql`m."countyId" = ${unit.id}`
    case 'TOWNSHIP':
      return Prisma.sql`m."townshipId" = ${unit.id}`
    case 'STATION':
      return Prisma.sql`m."stationId" = ${unit.id}`
  }
}

/** First day of the month and of the next, for yyyy-mm. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  return { start: `${month}-01`, end: `${next}-01` }
}

export async function monthlyLedger(client: Client, countyId: number, unit: LedgerUnit, month: string): Promise<LedgerRow[]> {
  const { start, end } = monthBounds(month)
  const where = unitFilter(unit)
  const [sums, takes, items] = await Promise.all([
    client.$queryRaw<{ itemId: number; kind: MovementKind | null; total: bigint }[]>`
      SELECT m."itemId", CASE WHEN m."occurredOn" < ${toDate(start)} THEN NULL ELSE m.kind END AS kind, SUM(m.delta)::bigint AS total
        FROM "SupplyMovement" m
       WHERE ${where} AND m."occurredOn" < ${toDate(end)}
       GROUP BY 1, 2`,
    client.$queryRaw<{ itemId: number; takenOn: Date; book: bigint; counted: bigint }[]>`
      WITH last AS (
        SELECT m."stationId", MAX(m."occurredOn") AS d
          FROM "SupplyMovement" m
         WHERE ${where} AND m.kind = 'STOCKTAKE' AND m."occurredOn" < ${toDate(end)}
         GROUP BY 1)
      SELECT m."itemId", MAX(m."occurredOn") AS "takenOn", SUM(m."bookQuantity")::bigint AS book, SUM(m."countedQuantity")::bigint AS counted
        FROM "SupplyMovement" m JOIN last ON last."stationId" = m."stationId" AND last.d = m."occurredOn"
       WHERE m.kind = 'STOCKTAKE'
       GROUP BY 1`,
    client.supplyItem.findMany({ where: { countyId }, orderBy: { code: 'asc' } }),
  ])
  const before = new Map<number, number>()
  const inMonth = new Map<number, Partial<Record<MovementKind, number>>>()
  for (const s of sums) {
    if (s.kind === null) before.set(s.itemId, Number(s.total))
    else inMonth.set(s.itemId, { ...inMonth.get(s.itemId), [s.kind]: Number(s.total) })
  }
  const take = new Map(takes.map((t) => [t.itemId, { on: toIso(t.takenOn), book: Number(t.book), counted: Number(t.counted) }]))
  return items
    .filter((i) => i.active || before.has(i.id) || inMonth.has(i.id))
    .map((i) => ({
      itemId: i.id,
      code: i.code,
      nameZh: i.nameZh,
      nameEn: i.nameEn,
      unitZh: i.unitZh,
      unitEn: i.unitEn,
      ...ledgerLine(before.get(i.id) ?? 0, inMonth.get(i.id) ?? {}),
      stocktake: take.get(i.id) ?? null,
    }))
}
