import 'server-only'
import { can } from '@/lib/access/permissions'
import type { DashboardWidget } from '@/lib/inbox/widgets'
import { INDICATORS } from './coverage'
import { coverageView } from './queries'

/**
 * The services' dashboard widget (lib/inbox/widgets.ts): coverage of each indicator per child
 * region of the dashboard's region, with the small-cell rule of the coverage page (coverageView).
 * A month's dashboard shows that month; a half-year or a year the calendar year its last day is in
 * (coverage is kept by month and calendar year).
 */
export const serviceCoverageWidget: DashboardWidget = {
  key: 'services.coverage',
  module: 'services',
  visible: ({ ctx }) => can(ctx.subject, 'service.view'),
  empty: (t) => t('dashboard.widgets.servicesEmpty'),
  async load({ ctx, t, region, period, today }) {
    const key = period.key.length === 7 ? period.key : period.end.slice(0, 4)
    const view = await coverageView(ctx.subject, { regionId: region.id, period: key, indicator: undefined }, today)
    const columns = [
      { key: 'name', label: t('dashboard.region'), kind: 'text' as const },
      ...INDICATORS.map((i) => ({ key: i, label: `${t(`services.indicatorShort.${i}`)} (%)`, kind: 'percent' as const })),
    ]
    const anyone = view ? INDICATORS.some((i) => view.total[i].eligible > 0) : false
    // a village has no children: its own line
    const lines = !view ? [] : view.rows.length > 0 ? view.rows : [{ name: view.region.name, cells: view.total }]
    const rows = !anyone ? [] : lines.map((r) => ({ name: r.name, ...Object.fromEntries(INDICATORS.map((i) => [i, r.cells[i].rate])) }))
    return {
      key: 'services.coverage',
      title: t('dashboard.widgets.servicesTitle', { period: key }),
      columns,
      rows,
      chart: 'bar',
      note: view?.suppressed ? t('services.smallCellNote') : undefined,
    }
  },
}
