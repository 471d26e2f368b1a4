import 'server-only'
import { can } from '@/lib/access/permissions'
import type { DashboardWidget } from '@/lib/inbox/widgets'
import { db } from '@/lib/server/db'
import { childRegions, regionNames } from '@/lib/regions/lookups'
import { statYearOf, statYearRange } from '@/lib/periods/rules'
import { reportSettings } from '@/lib/reports/scope'
import { rectificationCounts } from './inspection-queries'

/**
 * Inspections' dashboard widget (lib/inbox/widgets.ts): per township of a county dashboard, or for
 * the township of a township dashboard, the rectification items open, overdue and closed in the
 * statistical year the dashboard's period ends in. The rows come from rectificationCounts, scoped
 * like the ledger: a township sees its own items only once the round is published.
 */
export const inspectionWidget: DashboardWidget = {
  key: 'inspections.rectifications',
  module: 'inspections',
  visible: ({ ctx, region }) => region.level !== 'VILLAGE' && (can(ctx.subject, 'assessment.inspect') || can(ctx.subject, 'assessment.rectify')),
  empty: (t) => t('inspections.widget.empty'),
  async load({ ctx, t, region, period, today }) {
    const settings = await reportSettings(db, region.countyId)
    const statYear = statYearOf(period.end, settings)
    const year = statYearRange(statYear, settings)
    const township = region.level === 'TOWNSHIP' ? region.id : undefined
    const counts = await rectificationCounts(ctx.subject, { townshipId: township, closedFrom: year.start, closedTo: year.end }, today)
    const columns = [
      { key: 'name', label: t('dashboard.region'), kind: 'text' as const },
      { key: 'open', label: t('inspections.widget.open'), kind: 'number' as const },
      { key: 'overdue', label: t('inspections.widget.overdue'), kind: 'number' as const },
      { key: 'closed', label: t('inspections.widget.closed'), kind: 'number' as const },
    ]
    const data = { key: 'inspections.rectifications', title: t('inspections.widget.title', { year: statYear }), columns, chart: 'bar' as const }
    if (counts.size === 0) return { ...data, rows: [] }
    const places =
      township !== undefined
        ? [{ id: township, name: (await regionNames(db, [township])).get(township) ?? '' }]
        : await childRegions(db, region.id, { levels: ['TOWNSHIP'], alsoIds: counts.keys() })
    const rows = places.map((p) => {
      const c = counts.get(p.id) ?? { open: 0, overdue: 0, closed: 0 }
      return { name: p.name, open: c.open, overdue: c.overdue, closed: c.closed }
    })
    return { ...data, rows, note: t('inspections.widget.note') }
  },
}
