import 'server-only'
import { can, type Subject } from '@/lib/access/permissions'
import { isTraceable } from './trace'
import type { ReportKind } from './rules'

/**
 * The link of each count of a report's table to its records (追溯): a child row's cell opens the
 * child's list, the total's the report region's. Null for a derived figure (a rate), and for users
 * who may not see the register (every report reader may, today: the check keeps it so).
 */
export function traceHref(
  user: Subject,
  report: { regionId: number; kind: ReportKind; periodKey: string; reportId?: number },
): ((regionId: number | null, key: string) => string | null) | undefined {
  if (!can(user, 'register.view')) return undefined
  return (regionId, key) => {
    if (!isTraceable(key)) return null
    const params = new URLSearchParams({ region: String(regionId ?? report.regionId), kind: report.kind, period: report.periodKey, key })
    if (report.reportId) params.set('report', String(report.reportId))
    return `/reports/trace?${params}`
  }
}
