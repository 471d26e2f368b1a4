import type { Check } from '@/lib/benefits/rules'
import type { MessageKey, Translate } from '@/lib/i18n/core'

/** The rule evaluation as a nested list: each condition, met or not, the value read and the one wanted. */
export function EligibilityList({ check, t }: { check: Check; t: Translate }) {
  return (
    <ul className="ml-4 list-disc space-y-1 text-sm" data-testid="eligibility">
      <li>
        <span className={check.met ? 'text-green-800' : 'text-red-700'}>{check.met ? t('benefits.rule.met') : t('benefits.rule.notMet')}</span>
        {' · '}
        {t(`benefits.rule.${check.kind}` as MessageKey)}
        {check.parts ? null : (
          <span className="text-slate-600">
            {' · '}
            {t('benefits.rule.read')} {check.read} · {t('benefits.rule.wants')} {check.wants}
          </span>
        )}
        {check.parts ? (
          <ul className="ml-4 list-disc">
            {check.parts.map((p, i) => (
              <EligibilityItem key={i} check={p} t={t} />
            ))}
          </ul>
        ) : null}
      </li>
    </ul>
  )
}

function EligibilityItem({ check, t }: { check: Check; t: Translate }) {
  return (
    <li>
      <span className={check.met ? 'text-green-800' : 'text-red-700'}>{check.met ? t('benefits.rule.met') : t('benefits.rule.notMet')}</span>
      {' · '}
      {t(`benefits.rule.${check.kind}` as MessageKey)}
      {check.parts ? (
        <ul className="ml-4 list-disc">
          {check.parts.map((p, i) => (
            <EligibilityItem key={i} check={p} t={t} />
          ))}
        </ul>
      ) : (
        <span className="text-slate-600">
          {' · '}
          {t('benefits.rule.read')} {check.read} · {t('benefits.rule.wants')} {check.wants}
        </span>
      )}
    </li>
  )
}
