import type { RecordView } from '@/lib/services/queries'
import type { Translate } from '@/lib/i18n/core'
import { Badge, EmptyState } from '@/components/ui'
import { CorrectRecordForm, WithdrawConsentForm } from './ServiceForms'

/** Service records as a list: type, date, outcome, consent, attachments; corrections for those who may. */
export function ServiceList({
  records,
  t,
  locale,
  today,
  mayChange,
  mayWithdraw,
  showPerson = false,
}: {
  records: RecordView[]
  t: Translate
  locale: string
  today: string
  mayChange: (record: RecordView) => boolean
  mayWithdraw: boolean
  showPerson?: boolean
}) {
  if (records.length === 0) return <EmptyState>{t('services.record.empty')}</EmptyState>
  return (
    <ul className="space-y-3" data-testid="service-list">
      {records.map((r) => (
        <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="service-record">
          <div className="flex flex-wrap items-center gap-2">
            <strong>{locale === 'en' ? r.type.nameEn : r.type.nameZh}</strong>
            {r.type.sensitive ? <Badge tone="amber">{t('services.sensitive')}</Badge> : null}
            <span className="text-slate-600">{r.servedOn}</span>
            {showPerson && r.personName ? <span>{r.personName}</span> : null}
            {r.title ? <span>{r.title}</span> : null}
          </div>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-slate-700">
            {r.place ? (
              <>
                <dt className="text-slate-500">{t('services.activity.place')}</dt>
                <dd>
                  {r.place}
                  {r.attendance !== null ? t('common.paren', { text: `${t('services.activity.attendance')}${t('common.colon')}${r.attendance}` }) : ''}
                </dd>
              </>
            ) : null}
            <dt className="text-slate-500">{t('services.record.station')}</dt>
            <dd>
              {r.station}
              {t('common.gap')}
              {r.staffName}
            </dd>
            <dt className="text-slate-500">{t('services.record.outcome')}</dt>
            <dd className="whitespace-pre-wrap">{r.outcome}</dd>
            {r.followUpOn ? (
              <>
                <dt className="text-slate-500">{t('services.record.followUpOn')}</dt>
                <dd>{r.followUpOn}</dd>
              </>
            ) : null}
            {r.consentBy && r.consentOn && r.consentMethod ? (
              <>
                <dt className="text-slate-500">{t('services.record.consent')}</dt>
                <dd>
                  {t('services.record.consentShown', {
                    by:
                      r.consentBy === 'GUARDIAN' && r.consentName
                        ? `${t('services.consentBy.GUARDIAN')} ${r.consentName}`
                        : t(`services.consentBy.${r.consentBy}`),
                    on: r.consentOn,
                    method: t(`services.consentMethod.${r.consentMethod}`),
                  })}
                </dd>
              </>
            ) : null}
            {r.attachments.length > 0 ? (
              <>
                <dt className="text-slate-500">{t('services.record.attachments')}</dt>
                <dd className="flex flex-wrap gap-2">
                  {r.attachments.map((a) => (
                    <a key={a.id} href={`/api/services/attachments/${a.id}`} className="text-brand-600 underline" target="_blank" rel="noopener">
                      {a.thumbnail ? (
                        // eslint-disable-next-line @next/next/no-img-element -- a scoped, audited route, not a static image
                        <img src={`/api/services/attachments/${a.id}?thumb=1`} alt={a.name} className="h-16 w-auto rounded border border-slate-200" />
                      ) : (
                        a.name
                      )}
                    </a>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
          {r.correctionReason ? <p className="mt-1 text-xs text-slate-500">{t('services.record.correctedNote', { reason: r.correctionReason })}</p> : null}
          {mayChange(r) ? (
            <details className="no-print mt-2">
              <summary className="cursor-pointer text-brand-600">{t('services.record.correct')}</summary>
              <CorrectRecordForm record={r} today={today} />
            </details>
          ) : null}
          {mayWithdraw && r.type.sensitive && r.consentOn ? (
            <details className="no-print mt-2">
              <summary className="cursor-pointer text-red-700">{t('services.record.withdraw')}</summary>
              <WithdrawConsentForm recordId={r.id} today={today} />
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
