import type { Metadata } from 'next'
import Link from 'next/link'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { statYearOf } from '@/lib/periods/rules'
import { settingsFor, timelinessOverview } from '@/lib/reports/queries'
import { statYearParam } from '@/lib/reports/schemas'
import { percent } from '@/lib/reports/present'
import { buttonClass, EmptyState, Field, inputClass, PageTitle } from '@/components/ui'
import { TimelinessBadge } from '@/components/reports/ReportTable'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.timelinessPage.title') }
}

/** The county's view: which township submitted which report of a statistical year, and when. */
export default async function TimelinessPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('report.monitor')
  const t = await getT()
  const settings = await settingsFor(user)
  const current = statYearOf(todayIso(), settings)
  const statYear = statYearParam.parse((await searchParams).year) ?? current
  const overview = await timelinessOverview(user.regionId, statYear)
  const years = Array.from({ length: 5 }, (_, i) => current - i)
  if (!years.includes(statYear)) years.push(statYear)
  const head = (p: (typeof overview.periods)[number]) =>
    p.kind === 'MONTHLY' ? t('reports.timelinessPage.month', { month: Number(p.key.slice(5, 7)) }) : t(`reports.timelinessPage.${p.kind}`)
  const rates = (r: (typeof overview.townships)[number]['rates']) => (
    <>
      <div>{percent(r.reportingRate)}</div>
      <div className="text-slate-500">{percent(r.onTimeRate)}</div>
    </>
  )
  const cellClass = 'border border-slate-200 px-1.5 py-1 align-top'
  return (
    <>
      <PageTitle>{t('reports.timelinessPage.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('reports.timelinessPage.intro')}</p>
      <form className="no-print mb-4 flex items-end gap-3" role="search">
        <div className="w-48">
          <Field label={t('reports.list.statYear')} name="year">
            <select id="year" name="year" defaultValue={statYear} className={inputClass}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {t('reports.timelinessPage.statYear', { year: y })}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t('common.search')}
        </button>
      </form>
      {overview.townships.length === 0 ? (
        <EmptyState>{t('reports.timelinessPage.empty')}</EmptyState>
      ) : (
        <div tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-2 focus:outline-offset-2 focus:outline-sky-600">
          <table data-testid="timeliness" className="min-w-full border-collapse text-xs">
            <thead>
              <tr className="bg-slate-50">
                <th scope="col" className={`${cellClass} text-left`}>
                  {t('reports.timelinessPage.township')}
                </th>
                {overview.periods.map((p) => (
                  <th
                    key={`${p.kind}-${p.key}`}
                    scope="col"
                    className={`${cellClass} whitespace-nowrap`}
                    title={`${p.start} – ${p.end}${t('common.comma')}${t('reports.list.deadline')} ${p.deadline}`}
                  >
                    {head(p)}
                  </th>
                ))}
                <th scope="col" className={`${cellClass} whitespace-nowrap`}>
                  {t('reports.timelinessPage.reportingRate')}
                  <div className="font-normal text-slate-500">{t('reports.timelinessPage.onTimeRate')}</div>
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.townships.map((row) => (
                <tr key={row.id} data-testid={`township-${row.name}`}>
                  <th scope="row" className={`${cellClass} whitespace-nowrap text-left font-medium`}>
                    {row.name}
                  </th>
                  {row.cells.map((c) => (
                    <td key={`${c.kind}-${c.periodKey}`} data-testid={`cell-${c.kind}-${c.periodKey}`} className={`${cellClass} whitespace-nowrap`}>
                      {c.reportId ? (
                        <Link href={`/reports/${c.reportId}`} className="hover:underline">
                          <TimelinessBadge timeliness={c.timeliness} t={t} />
                        </Link>
                      ) : (
                        <TimelinessBadge timeliness={c.timeliness} t={t} />
                      )}
                      {c.firstSubmittedOn ? <div className="mt-0.5 text-slate-500">{c.firstSubmittedOn.slice(5)}</div> : null}
                    </td>
                  ))}
                  <td className={`${cellClass} text-right tabular-nums`}>{rates(row.rates)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="bg-slate-50">
                <th scope="row" className={`${cellClass} text-left`}>
                  {t('reports.timelinessPage.perPeriod')}
                </th>
                {overview.periodRates.map((r, i) => (
                  <td key={i} className={`${cellClass} text-right tabular-nums`}>
                    {rates(r)}
                  </td>
                ))}
                <td data-testid="overall" className={`${cellClass} text-right font-medium tabular-nums`}>
                  {rates(overview.overall)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p className="mt-2 text-xs text-slate-500">{t('reports.timelinessPage.legend')}</p>
    </>
  )
}
