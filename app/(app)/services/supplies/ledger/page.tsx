import type { Metadata } from 'next'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { ledgerView, unitValue } from '@/lib/services/supplies/queries'
import { ledgerFilterSchema } from '@/lib/services/supplies/schemas'
import { Alert, ButtonLink, Field, PageTitle, buttonClass, inputClass } from '@/components/ui'
import { Combobox } from '@/components/ui/Combobox'
import { SupplyLedgerTable } from '@/components/services/SupplyLedgerTable'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('supplies.ledger.title') }
}

/** 药具月报帐: the month's ledger of a station, a township or the county, with its print view and .xlsx. */
export default async function LedgerPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('supply.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const params = await searchParams
  const filter = ledgerFilterSchema.parse(params)
  const month = filter.month ?? todayIso().slice(0, 7)
  const unitParam = typeof params.unit === 'string' ? params.unit : undefined
  const view = await ledgerView(user, unitParam, month, { county: t('supplies.ledger.county'), township: t('supplies.ledger.township') })
  const query = view ? new URLSearchParams({ unit: unitValue(view.unit), month }).toString() : ''
  return (
    <>
      <PageTitle
        actions={
          view ? (
            <>
              <ButtonLink href={`/services/supplies/ledger/print?${query}`}>{t('supplies.ledger.print')}</ButtonLink>
              <a className={buttonClass.secondary} href={`/api/services/supplies/ledger?${query}`}>
                {t('supplies.ledger.xlsx')}
              </a>
            </>
          ) : null
        }
      >
        {t('supplies.ledger.title')}
      </PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('supplies.ledger.intro')}</p>
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('supplies.ledger.unit')}>
        <div className="w-80">
          <Field label={t('supplies.ledger.unit')} name="ledger-unit">
            <Combobox id="ledger-unit" name="unit" options={view?.options ?? []} defaultValue={view ? unitValue(view.unit) : ''} />
          </Field>
        </div>
        <div className="w-44">
          <Field label={t('supplies.ledger.month')} name="ledger-month">
            <input id="ledger-month" name="month" type="month" defaultValue={month} className={inputClass} />
          </Field>
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t('supplies.show')}
        </button>
      </form>
      {!view ? (
        <Alert kind="error">{t('supplies.ledger.notFound')}</Alert>
      ) : (
        <>
          <h2 className="mb-2 text-lg font-semibold text-slate-800" data-testid="ledger-unit">
            {view.unitName} · {view.month}
          </h2>
          <SupplyLedgerTable rows={view.rows} t={t} locale={locale} />
        </>
      )}
    </>
  )
}
