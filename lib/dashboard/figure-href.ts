import type { Period } from '@/lib/periods/rules'

/**
 * Where a dashboard figure's records open (追溯, issue 13): the one function every figure cell's
 * link is built by. The figure keys are the reports' keys where they coincide (registered,
 * resident, births, …). The /trace pages come with the inbox-trace branch; until they are joined
 * here this returns null and the cells show no link.
 */
export function figureHref(figure: string, regionId: number, period: Pick<Period, 'kind' | 'key'>): string | null {
  void figure
  void regionId
  void period
  return null
}
