import type { Translate } from '@/lib/i18n/core'
import type { Period } from '@/lib/periods/rules'

/** A period as the picker names it: "2026-09月", "2026统计年度上半年", "2026统计年度". */
export function periodLabel(t: Translate, p: Pick<Period, 'kind' | 'key' | 'statYear'>): string {
  if (p.kind === 'MONTHLY') return t('dashboard.periodMonth', { key: p.key })
  return p.kind === 'HALF_YEAR' ? t('dashboard.periodHalf', { year: p.statYear }) : t('dashboard.periodYear', { year: p.statYear })
}
