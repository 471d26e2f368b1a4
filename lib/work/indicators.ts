import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import type { IndicatorSource } from '@/lib/assessment/sources'
import { toIso } from '@/lib/dates'
import { completionBy } from './rules'

// The work module's indicator for the assessment engine (registered in lib/modules.ts). Not
// server-only: the demo and the benchmark compute runs with it.

/**
 * work.taskCompletion: per township, the share of tasks due in the period (and by today) that were
 * accepted and reported by their due date. A township's figure counts the tasks given to it, to its
 * villages and to its staff.
 */
export const taskCompletionSource: IndicatorSource = {
  key: 'work.taskCompletion',
  label: { 'zh-CN': '工作任务按时完成率', en: 'Tasks completed on time' },
  unit: { 'zh-CN': '%', en: '%' },
  better: 'higher',
  async compute(client: PrismaClient | Tx, ctx) {
    const last = ctx.period.end < ctx.today ? ctx.period.end : ctx.today
    const tasks = await client.workTask.findMany({
      where: { countyId: ctx.countyId, dueOn: { gte: new Date(`${ctx.period.start}T00:00:00Z`), lte: new Date(`${last}T00:00:00Z`) } },
      select: { status: true, dueOn: true, reportedOn: true, regionPath: true },
    })
    const facts = tasks.map((t) => ({
      status: t.status,
      dueOn: toIso(t.dueOn),
      reportedOn: t.reportedOn ? toIso(t.reportedOn) : null,
      township: t.regionPath[1] ?? null,
    }))
    const figures = completionBy(facts, (t) => t.township, ctx.today)
    return new Map([...figures].map(([id, f]) => [id, { value: f.rate, detail: { due: f.due, onTime: f.onTime, completed: f.completed } }]))
  },
}
