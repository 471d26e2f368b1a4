import 'server-only'
import { can } from '@/lib/access/permissions'
import type { DashboardWidget } from '@/lib/inbox/widgets'
import { db } from '@/lib/server/db'
import { childRegions, regionNames } from '@/lib/regions/lookups'
import { caseCountsByTownship } from './queries'

/**
 * Cases' dashboard widget (lib/inbox/widgets.ts): per township (a county dashboard) or for the
 * township itself, the cases received in the period, those of them answered by their due date,
 * and every case still unanswered past its due date. Only the cases the viewer sees (caseVisibleWhere).
 */
export const casesWidget: DashboardWidget = {
  key: 'cases.deadlines',
  module: 'cases',
  visible: ({ ctx, region }) => region.level !== 'VILLAGE' && can(ctx.subject, 'case.view'),
  empty: (t) => t('cases.widget.empty'),
  async load({ ctx, t, region, period, today }) {
    const township = region.level === 'TOWNSHIP' ? region.id : undefined
    const counts = await caseCountsByTownship(ctx.subject, { townshipId: township }, period, today)
    const columns = [
      { key: 'name', label: t('dashboard.region'), kind: 'text' as const },
      { key: 'received', label: t('cases.widget.received'), kind: 'number' as const },
      { key: 'within', label: t('cases.widget.within'), kind: 'number' as const },
      { key: 'overdueOpen', label: t('cases.widget.overdueOpen'), kind: 'number' as const },
    ]
    const data = {
      key: 'cases.deadlines',
      title: t('cases.widget.title', { period: period.key }),
      columns,
      chart: 'bar' as const,
      note: t('cases.widget.note'),
    }
    if (counts.size === 0) return { ...data, rows: [] }
    const places =
      township !== undefined
        ? [{ id: township, name: (await regionNames(db, [township])).get(township) ?? '' }]
        : await childRegions(db, region.id, { levels: ['TOWNSHIP'], alsoIds: counts.keys() })
    const rows = places.map((p) => {
      const c = counts.get(p.id) ?? { received: 0, within: 0, overdueOpen: 0 }
      return { name: p.name, received: c.received, within: c.within, overdueOpen: c.overdueOpen }
    })
    return { ...data, rows }
  },
}
