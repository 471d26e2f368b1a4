import 'server-only'
import { can } from '@/lib/access/permissions'
import type { DashboardWidget } from '@/lib/inbox/widgets'
import { db } from '@/lib/server/db'
import { regionNames } from '@/lib/regions/lookups'
import { benefitCountsByChild } from './queries'

/**
 * Benefits' dashboard widget (lib/inbox/widgets.ts): per child region of the dashboard's region
 * and program, the people enrolled now (enrollments without an end) and the applications still in
 * progress, inside the viewer's region (applicationScope). Payments are not recorded yet, so the
 * widget shows none (its note and empty text say so).
 */
export const benefitsWidget: DashboardWidget = {
  key: 'benefits.enrollment',
  module: 'benefits',
  visible: ({ ctx }) => can(ctx.subject, 'benefit.view'),
  empty: (t) => t('benefits.widget.empty'),
  async load({ ctx, t, region }) {
    const { counts, programs } = await benefitCountsByChild(ctx.subject, region)
    const columns = [
      { key: 'name', label: t('dashboard.region'), kind: 'text' as const },
      { key: 'program', label: t('benefits.widget.program'), kind: 'text' as const },
      { key: 'enrolled', label: t('benefits.widget.enrolled'), kind: 'number' as const },
      { key: 'inProgress', label: t('benefits.widget.inProgress'), kind: 'number' as const },
    ]
    const data = { key: 'benefits.enrollment', title: t('benefits.widget.title'), columns, chart: 'bar' as const, note: t('benefits.widget.note') }
    if (counts.length === 0) return { ...data, rows: [] }
    const names = await regionNames(
      db,
      counts.map((c) => c.regionId),
    )
    const rows = counts
      .map((c) => {
        const p = programs.get(c.programId)
        return {
          name: names.get(c.regionId) ?? '',
          program: p ? p[t('benefits.widget.programNameField') === 'nameEn' ? 'nameEn' : 'nameZh'] : '',
          code: p?.code ?? '',
          enrolled: c.enrolled,
          inProgress: c.inProgress,
        }
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.code.localeCompare(b.code))
      .map(({ code: _code, ...row }) => row)
    return { ...data, rows }
  },
}
