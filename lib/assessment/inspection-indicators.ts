import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import type { Period } from '@/lib/periods/rules'
import { roundPoints } from './rules'
import { sampleRates, sheetTotal, type SheetItem } from './inspection-rules'

// The figures inspections and sample verification publish as indicator sources (sources.ts):
// per township, from the latest published round of the period and the latest sample check of the
// statistical year. Not server-only: the engine computes runs outside Next.js too.

type Client = PrismaClient | Tx

/** Each township's total on the latest published round of the statistical year that visited it. */
export async function inspectionScoreByTownship(
  client: Client,
  countyId: number,
  period: Period,
): Promise<Map<number, { total: number; roundId: number; maximum: number }>> {
  const rounds = await client.inspectionRound.findMany({
    where: { countyId, statYear: period.statYear, status: 'PUBLISHED' },
    orderBy: [{ endsOn: 'desc' }, { id: 'desc' }],
    include: { teams: { select: { townshipIds: true } }, scores: { select: { townshipId: true, itemCode: true, points: true } } },
  })
  const out = new Map<number, { total: number; roundId: number; maximum: number }>()
  for (const round of rounds) {
    const items = round.items as unknown as SheetItem[]
    const maximum = roundPoints(items.reduce((s, i) => s + i.maxPoints, 0))
    for (const townshipId of new Set(round.teams.flatMap((t) => t.townshipIds))) {
      if (out.has(townshipId)) continue
      const scores = new Map(round.scores.filter((s) => s.townshipId === townshipId).map((s) => [s.itemCode, s.points]))
      out.set(townshipId, { total: sheetTotal(items, scores).total, roundId: round.id, maximum })
    }
  }
  return out
}

/** Each township's rates from its latest sample check of the statistical year (in percent). */
export async function sampleRatesByTownship(
  client: Client,
  countyId: number,
  period: Period,
): Promise<Map<number, { checked: number; errors: number; missing: number; errorRate: number | null; missingRate: number | null; checkId: number }>> {
  const checks = await client.sampleCheck.findMany({
    where: { countyId, statYear: period.statYear },
    orderBy: { id: 'desc' },
    include: { households: { select: { outcome: true } } },
  })
  const out = new Map<number, { checked: number; errors: number; missing: number; errorRate: number | null; missingRate: number | null; checkId: number }>()
  for (const check of checks) {
    if (out.has(check.townshipId)) continue
    const r = sampleRates(check.households.map((h) => h.outcome))
    const pct = (x: { rate: number } | null) => (x ? Math.round(x.rate * 10000) / 100 : null)
    out.set(check.townshipId, {
      checked: r.checked,
      errors: r.counts.FIELD_WRONG + r.counts.NOT_FOUND,
      missing: r.counts.UNREGISTERED,
      errorRate: pct(r.errorRate),
      missingRate: pct(r.missingRate),
      checkId: check.id,
    })
  }
  return out
}
