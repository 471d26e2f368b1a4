import 'server-only'
import { can } from '@/lib/access/permissions'
import type { DashboardWidget } from '@/lib/inbox/widgets'
import { db } from '@/lib/server/db'
import { childRegions, regionNames } from '@/lib/regions/lookups'
import { taskCompletionByChild } from './queries'

/**
 * Work's dashboard widget (lib/inbox/widgets.ts): per child region of the dashboard's region, the
 * tasks due in the period (up to today), completed on time, overdue and the completion rate, as
 * the assessment indicator counts them (rules.completion). Tasks given to the region itself or its
 * staff make a line of their own. Only the tasks the viewer sees (taskVisibleWhere) are counted.
 */
export const workWidget: DashboardWidget = {
  key: 'work.tasks',
  module: 'work',
  visible: ({ ctx }) => can(ctx.subject, 'work.view'),
  empty: (t) => t('work.widget.empty'),
  async load({ ctx, t, region, period, today }) {
    const figures = await taskCompletionByChild(ctx.subject, region.id, period, today)
    const columns = [
      { key: 'name', label: t('dashboard.region'), kind: 'text' as const },
      { key: 'due', label: t('work.widget.due'), kind: 'number' as const },
      { key: 'onTime', label: t('work.widget.onTime'), kind: 'number' as const },
      { key: 'overdue', label: t('work.widget.overdue'), kind: 'number' as const },
      { key: 'rate', label: t('work.widget.rate'), kind: 'percent' as const },
    ]
    const data = { key: 'work.tasks', title: t('work.widget.title', { period: period.key }), columns, chart: 'bar' as const, note: t('work.widget.note') }
    if (figures.size === 0) return { ...data, rows: [] }
    // a county's townships, a township's villages; a village has only its own line (no groups)
    const levels = region.level === 'COUNTY' ? (['TOWNSHIP'] as const) : (['VILLAGE'] as const)
    const others = [...figures.keys()].filter((id) => id !== region.id)
    const children = region.level === 'VILLAGE' && others.length === 0 ? [] : await childRegions(db, region.id, { levels, alsoIds: others })
    const own = figures.has(region.id) ? [{ id: region.id, name: (await regionNames(db, [region.id])).get(region.id) ?? '' }] : []
    const rows = [...own, ...children].map((r) => {
      const f = figures.get(r.id)
      return { name: r.name, due: f?.due ?? 0, onTime: f?.onTime ?? 0, overdue: f?.overdue ?? 0, rate: f?.rate ?? null }
    })
    return { ...data, rows }
  },
}
