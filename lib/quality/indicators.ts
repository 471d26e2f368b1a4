import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'

// The quality module's figures per township for a period, as the assessment module reads them
// (lib/assessment/sources.ts). Not server-only, like lib/reports/indicators.ts.

type Client = PrismaClient | Tx

export interface FindingFigure {
  /** findings open at the end of the period (detected by then, not closed or fixed by then) */
  openAtEnd: number
  /** findings detected in the period that were closed or fixed */
  closed: number
  /** …of which within 30 days of detection */
  closedWithin30: number
}

/** Open findings at the period's end and closing times of the period's findings, per township of a county. */
export async function findingFiguresByTownship(client: Client, countyId: number, period: { start: string; end: string }): Promise<Map<number, FindingFigure>> {
  const rows = await client.$queryRaw<{ townshipId: number; openAtEnd: number; closed: number; closedWithin30: number }[]>`
    SELECT "townshipId",
      COUNT(*) FILTER (WHERE "detectedAt" < (${period.end}::date + 1) AND ("closedAt" IS NULL OR "closedAt" >= (${period.end}::date + 1)))::int AS "openAtEnd",
      COUNT(*) FILTER (WHERE "detectedAt" >= ${period.start}::date AND "detectedAt" < (${period.end}::date + 1) AND "closedAt" IS NOT NULL)::int AS "closed",
      COUNT(*) FILTER (WHERE "detectedAt" >= ${period.start}::date AND "detectedAt" < (${period.end}::date + 1) AND "closedAt" IS NOT NULL
        AND "closedAt" <= "detectedAt" + interval '30 days')::int AS "closedWithin30"
    FROM "QualityFinding"
    WHERE "countyId" = ${countyId}
    GROUP BY "townshipId"`
  return new Map(rows.map((r) => [Number(r.townshipId), { openAtEnd: r.openAtEnd, closed: r.closed, closedWithin30: r.closedWithin30 }]))
}
