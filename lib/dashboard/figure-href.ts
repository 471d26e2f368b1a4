import 'server-only'
import type { Period } from '@/lib/periods/rules'
import { isTraceable } from '@/lib/reports/trace'

/**
 * Where a dashboard figure's records open (追溯, issue 13): the one function every figure cell's
 * link is built by. The figure keys are the reports' keys where they coincide (registered,
 * resident, …), so a cell opens the reports' trace page with the same filter the report's figure
 * uses; a derived figure (a rate) opens none. The trace page checks the reader's scope itself.
 */
export function figureHref(figure: string, regionId: number, period: Pick<Period, 'kind' | 'key'>): string | null {
  if (!isTraceable(figure)) return null
  return `/reports/trace?${new URLSearchParams({ region: String(regionId), kind: period.kind, period: period.key, key: figure })}`
}
