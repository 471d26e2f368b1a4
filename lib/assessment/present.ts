import type { Locale, Translate } from '@/lib/i18n/core'
import type { FormatProblem } from './format'
import type { ScoringMethod, VetoRule } from './rules'
import { indicatorSource, MANUAL_SOURCE } from './sources'

// Words for the pages: a scheme's problems, methods, sources and veto rules in the user's language.

export function problemText(t: Translate, p: FormatProblem): string {
  switch (p.kind) {
    case 'notJson':
      return t('assessment.problems.notJson')
    case 'field':
      return t('assessment.problems.field', { path: p.path })
    case 'unknownMethod':
      return t('assessment.problems.unknownMethod', { code: p.code, method: p.method })
    case 'unknownSource':
      return t('assessment.problems.unknownSource', { code: p.code, source: p.source })
    case 'groupWithSource':
      return t('assessment.problems.groupWithSource', { code: p.code })
    case 'duplicateCode':
      return t('assessment.problems.duplicateCode', { code: p.code })
    case 'unknownParent':
      return t('assessment.problems.unknownParent', { code: p.code, parent: p.parent })
    case 'cycle':
      return t('assessment.problems.cycle', { codes: p.codes.join(' → ') })
    case 'pointsDoNotAddUp':
      return p.code === null
        ? t('assessment.problems.totalDoesNotAddUp', { expected: p.expected, actual: p.actual })
        : t('assessment.problems.pointsDoNotAddUp', { code: p.code, expected: p.expected, actual: p.actual })
    case 'emptyGroup':
      return t('assessment.problems.emptyGroup', { code: p.code })
    case 'indicatorWithChildren':
      return t('assessment.problems.indicatorWithChildren', { code: p.code })
    case 'negativePoints':
      return t('assessment.problems.negativePoints', { code: p.code })
  }
}

export function methodText(t: Translate, method: ScoringMethod | undefined | null): string {
  if (!method) return ''
  const better = 'better' in method ? t(`assessment.better.${method.better}`) : ''
  switch (method.kind) {
    case 'proportional':
      return t('assessment.methods.proportional', { better })
    case 'deduction':
      return t('assessment.methods.deduction', { target: method.target, perUnit: method.perUnit, better })
    case 'threshold':
      return t(method.partial === 'none' ? 'assessment.methods.thresholdNone' : 'assessment.methods.thresholdProportional', { target: method.target, better })
    case 'penalty':
      return t('assessment.methods.penalty', { perUnit: method.perUnit })
    case 'manual':
      return t('assessment.methods.manual')
  }
}

export function sourceText(t: Translate, locale: Locale, key: string | null | undefined): string {
  if (!key || key === MANUAL_SOURCE) return t('assessment.sources.manual')
  return indicatorSource(key)?.label[locale] ?? key
}

/** The numbers a module's figure was computed from, e.g. "on time 10 of 12 due". */
export function detailText(t: Translate, key: string, detail: Record<string, number | null> | undefined): string {
  if (!detail) return ''
  const d = (k: string) => detail[k] ?? 0
  switch (key) {
    case 'reports.onTimeRate':
      return t('assessment.details.onTime', { onTime: d('onTime'), due: d('due') })
    case 'reports.registrationTimeliness':
    case 'reports.lateRegistrations':
      return t('assessment.details.registration', { late: d('late'), recorded: d('recorded') })
    case 'quality.openPer1000':
      return t('assessment.details.openPer1000', { open: d('open'), registered: d('registered') })
    case 'quality.closedWithin30':
      return t('assessment.details.closedWithin30', { within: d('closedWithin30'), closed: d('closed') })
    case 'inspections.score':
      return t('inspections.details.score', { round: d('roundId'), max: d('maximum') })
    case 'inspections.sampleErrorRate':
      return t('inspections.details.errorRate', { errors: d('errors'), checked: d('checked') })
    case 'inspections.sampleMissingRate':
      return t('inspections.details.missingRate', { missing: d('missing'), checked: d('checked') })
    default:
      return Object.entries(detail)
        .map(([k, v]) => `${k} ${v ?? '—'}`)
        .join(t('common.comma'))
  }
}

export function vetoRuleText(t: Translate, rule: VetoRule): string {
  return rule.effect === 'dropPlaces' ? t('assessment.veto.dropPlaces', { places: rule.places }) : t('assessment.veto.excludeFromAwards')
}

/** Points as shown: two decimals at most, no trailing zeros. */
export function points(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—'
  return String(Math.round(n * 100) / 100)
}

const percent = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`

/** A sample's rate with its 95% Wilson interval and the sample size, or "nothing verified yet". */
export function rateText(t: Translate, rate: { rate: number; low: number; high: number } | null, n: number): string {
  if (!rate) return t('inspections.samples.noRate')
  return t('inspections.samples.rate', { rate: percent(rate.rate), low: percent(rate.low), high: percent(rate.high), n })
}
