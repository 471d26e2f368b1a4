import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import type { IndicatorSource } from '@/lib/assessment/sources'
import { toIso } from '@/lib/dates'
import { withinDeadline } from './rules'

/**
 * cases.withinDeadline: per township, the share of the cases it answers for, received in the
 * period, that were answered by their due date (open ones still before it are not counted yet).
 */
export const withinDeadlineSource: IndicatorSource = {
  key: 'cases.withinDeadline',
  label: { 'zh-CN': '来电来信来访按期答复率', en: 'Complaints answered within the deadline' },
  unit: { 'zh-CN': '%', en: '%' },
  better: 'higher',
  async compute(client: PrismaClient | Tx, ctx) {
    const rows = await client.case.findMany({
      where: {
        countyId: ctx.countyId,
        townshipId: { not: null },
        receivedOn: { gte: new Date(`${ctx.period.start}T00:00:00Z`), lte: new Date(`${ctx.period.end}T00:00:00Z`) },
      },
      select: { townshipId: true, receivedOn: true, dueOn: true, repliedOn: true },
    })
    const by = new Map<number, { receivedOn: string; dueOn: string; repliedOn: string | null }[]>()
    for (const r of rows) {
      const list = by.get(r.townshipId!) ?? []
      list.push({ receivedOn: toIso(r.receivedOn), dueOn: toIso(r.dueOn), repliedOn: r.repliedOn ? toIso(r.repliedOn) : null })
      by.set(r.townshipId!, list)
    }
    return new Map(
      [...by].map(([id, list]) => {
        const f = withinDeadline(list, ctx.today)
        return [id, { value: f.rate, detail: { counted: f.counted, within: f.within } }]
      }),
    )
  },
}
