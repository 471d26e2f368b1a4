import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { ledgerView, unitValue } from '@/lib/services/supplies/queries'
import { ledgerFilterSchema } from '@/lib/services/supplies/schemas'
import { ButtonLink } from '@/components/ui'
import { PrintButton } from '@/components/reports/ReportForms'
import { SupplyLedgerTable } from '@/components/services/SupplyLedgerTable'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('supplies.ledger.title') }
}

/** The monthly ledger on A4 (landscape is not needed: nine narrow columns fit 180 mm at 9 pt). */
export default async function LedgerPrintPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('supply.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const params = await searchParams
  const month = ledgerFilterSchema.parse(params).month ?? todayIso().slice(0, 7)
  const view = await ledgerView(user, typeof params.unit === 'string' ? params.unit : undefined, month, {
    county: t('supplies.ledger.county'),
    township: t('supplies.ledger.township'),
  })
  if (!view) notFound()
  return (
    <article className="mx-auto max-w-[180mm] bg-white text-black">
      <div className="no-print mb-4 flex gap-2">
        <PrintButton />
        <ButtonLink href={`/services/supplies/ledger?${new URLSearchParams({ unit: unitValue(view.unit), month })}`}>{t('common.back')}</ButtonLink>
      </div>
      <h1 className="mb-1 text-center text-xl font-bold">{t('supplies.ledger.title')}</h1>
      <p className="mb-3 text-center">
        {view.unitName} · {t('supplies.ledger.month')} {view.month}
      </p>
      <SupplyLedgerTable rows={view.rows} t={t} locale={locale} print />
      <p className="mt-3 text-right text-[9pt]">{t('supplies.ledger.printedOn', { date: todayIso() })}</p>
    </article>
  )
}
