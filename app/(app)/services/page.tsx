import type { Metadata } from 'next'
import Link from 'next/link'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { coverageView, type FigureCell } from '@/lib/services/queries'
import { coverageFilterSchema } from '@/lib/services/schemas'
import { INDICATORS, type Indicator } from '@/lib/services/coverage'
import type { Translate } from '@/lib/i18n/core'
import { Alert, buttonClass, Field, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { stationFigures } from '@/lib/services/stations/queries'
import { mayViewChildcare, mayViewStations } from '@/lib/services/stations/scope'
import { StationFigures } from '@/components/services/StationViews'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('services.title') }
}

/** The last 24 months and the last 3 years, newest first. */
function periodChoices(t: Translate, today: string): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = []
  const [y, m] = today.split('-').map(Number)
  for (let i = 0; i < 24; i++) {
    const total = y * 12 + (m - 1) - i
    const key = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`
    out.push({ key, label: key })
  }
  for (let i = 0; i < 3; i++) out.push({ key: String(y - i), label: `${y - i}${t('common.paren', { text: t('services.periodYear') })}` })
  return out
}

function Figure({ cell, t, href }: { cell: FigureCell; t: Translate; href: string | null }) {
  const done = cell.done === null ? t('services.smallCell') : String(cell.done)
  const text = t('services.figure', { done, eligible: String(cell.eligible) })
  const rate = cell.rate === null ? '—' : `${cell.rate.toFixed(1)}%`
  return (
    <span className="whitespace-nowrap tabular-nums">
      {href && cell.done !== null && cell.done > 0 ? (
        <Link className="text-brand-600 underline" href={href}>
          {text}
        </Link>
      ) : (
        text
      )}
      <span className="ml-2 text-slate-600">{rate}</span>
    </span>
  )
}

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('service.view')
  const t = await getT()
  const today = todayIso()
  const filter = coverageFilterSchema.parse(await searchParams)
  const view = await coverageView(user, filter, today)
  const choices = periodChoices(t, today)
  const stations = view ? await stationFigures(user, view.region, view.period.end) : null
  const link = (indicator: Indicator, regionId: number) =>
    view?.drillable[indicator] ? `/services/records?${new URLSearchParams({ indicator, period: view.period.key, regionId: String(regionId) })}` : null
  return (
    <>
      <PageTitle>{t('services.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('services.intro')}</p>
      <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('services.period')}>
        {view ? <input type="hidden" name="regionId" value={view.region.id} /> : null}
        <div className="w-48">
          <Field label={t('services.period')} name="period">
            <select id="period" name="period" defaultValue={view?.period.key ?? ''} className={inputClass}>
              {choices.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t('services.show')}
        </button>
      </form>
      {!view ? (
        <Alert kind="error">{t('errors.notFound')}</Alert>
      ) : (
        <>
          <nav aria-label={t('services.region')} className="mb-2 flex flex-wrap gap-2 text-sm">
            {view.trail.map((r) => (
              <span key={r.id}>
                <Link className="text-brand-600 underline" href={`/services?${new URLSearchParams({ period: view.period.key, regionId: String(r.id) })}`}>
                  {r.name}
                </Link>
                {' /'}
              </span>
            ))}
            <strong data-testid="coverage-region">{view.region.name}</strong>
            <span className="text-slate-500">
              {view.period.start} – {view.period.end}
            </span>
          </nav>
          <Table>
            <thead>
              <tr>
                <Th>{t('services.region')}</Th>
                {INDICATORS.map((i) => (
                  <Th key={i}>
                    {t(`services.indicator.${i}`)}
                    {i === 'marriages' ? <span className="block text-xs font-normal text-slate-500">{t('services.aggregateOnly')}</span> : null}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.rows.map((row) => (
                <tr key={row.regionId}>
                  <Td>
                    <Link
                      className="text-brand-600 underline"
                      href={`/services?${new URLSearchParams({ period: view.period.key, regionId: String(row.regionId) })}`}
                    >
                      {row.name}
                    </Link>
                  </Td>
                  {INDICATORS.map((i) => (
                    <Td key={i}>
                      <Figure cell={row.cells[i]} t={t} href={link(i, row.regionId)} />
                    </Td>
                  ))}
                </tr>
              ))}
              <tr className="bg-slate-50 font-medium" data-testid="coverage-total">
                <Td>{t('services.total')}</Td>
                {INDICATORS.map((i) => (
                  <Td key={i}>
                    <Figure cell={view.total[i]} t={t} href={link(i, view.region.id)} />
                  </Td>
                ))}
              </tr>
            </tbody>
          </Table>
          <p className="mt-2 max-w-4xl text-xs text-slate-600">{t('services.report.note')}</p>
          {view.suppressed ? <p className="mt-1 max-w-4xl text-xs text-slate-600">{t('services.smallCellNote')}</p> : null}
          {stations ? <StationFigures view={stations} t={t} stationsHref={mayViewStations(user)} childcareHref={mayViewChildcare(user)} /> : null}
        </>
      )}
    </>
  )
}
