import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { actorOf, requireUser } from '@/lib/server/session'
import { dashboardFor, periodValue } from '@/lib/dashboard/data'
import { dashboardQuerySchema } from '@/lib/dashboard/schemas'
import { dashboardTables } from '@/lib/dashboard/tables'
import { periodLabel } from '@/lib/dashboard/present'
import { buttonClass, Card, EmptyState, Field, inputClass, PageTitle } from '@/components/ui'
import { ChartBody } from '@/components/dashboard/DashboardChart'
import { DataTable } from '@/components/dashboard/DataTable'
import { CompareTable } from '@/components/dashboard/CompareTable'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('dashboard.title') }
}

/**
 * The dashboard of the signed-in user's region (county, township or village: their level
 * decides), or of a region below it that a county or township user opens from the side-by-side
 * table. Every chart has its table, a print view and an .xlsx export.
 */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('dashboard.view')
  const t = await getT()
  const query = dashboardQuerySchema.parse(await searchParams)
  const data = await dashboardFor({ actor: await actorOf(user), subject: user }, t, { regionId: query.region, period: query.period })
  if (!data) notFound()
  const tables = dashboardTables(data, t)
  const value = periodValue(data.period)
  const link = (path: string, chart: string) => `${path}?chart=${encodeURIComponent(chart)}&region=${data.region.id}&period=${encodeURIComponent(value)}`
  const unit = data.region.level === 'COUNTY' ? t('dashboard.township') : t('dashboard.village')
  const headline = (['registered', 'resident', 'births', 'deaths', 'households'] as const).map((k) => ({
    key: k,
    label: t(`dashboard.headline.${k}`),
    value: data.total[k] ?? 0,
    href: data.hrefOf(k, data.region.id),
  }))
  return (
    <>
      <PageTitle>{t('dashboard.titleOf', { region: data.region.name })}</PageTitle>
      {data.trail.length > 0 && (
        <nav aria-label={t('dashboard.region')} className="no-print mb-2 text-sm">
          {data.trail.map((r) => (
            <span key={r.id}>
              <Link className="text-brand-700 underline" href={`/dashboard?region=${r.id}&period=${encodeURIComponent(value)}`}>
                {r.name}
              </Link>
              {' › '}
            </span>
          ))}
          <span>{data.region.name}</span>
        </nav>
      )}
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('dashboard.intro')}</p>
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('dashboard.period')}>
        {query.region !== undefined && <input type="hidden" name="region" value={data.region.id} />}
        <div className="w-64">
          <Field label={t('dashboard.period')} name="period">
            <select id="period" name="period" defaultValue={value} className={inputClass}>
              {data.periods.map((p) => (
                <option key={periodValue(p)} value={periodValue(p)}>
                  {periodLabel(t, p)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t('dashboard.show')}
        </button>
      </form>
      <p className="mb-3 text-sm font-medium" data-testid="dashboard-period">
        {periodLabel(t, data.period)} · {data.period.start} – {data.period.end}
      </p>
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="headline">
        {headline.map((h) => (
          <div key={h.key} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{h.label}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-figure={h.key}>
              {h.href ? <Link href={h.href}>{h.value.toLocaleString('zh-CN')}</Link> : h.value.toLocaleString('zh-CN')}
            </dd>
          </div>
        ))}
      </dl>
      {data.village && (
        <div className="mb-6 grid gap-4 md:grid-cols-2">
          <Card>
            <h2 className="mb-2 font-semibold">{t('dashboard.villageCard.due')}</h2>
            <p className="text-sm" data-testid="village-due">
              {data.village.childrenDue > 0
                ? t('dashboard.villageCard.childrenDue', { due: data.village.childrenDue, eligible: data.village.childrenEligible })
                : t('dashboard.villageCard.noChildrenDue')}
            </p>
            <p className="mt-2 flex gap-4 text-sm">
              <Link className="text-brand-700 underline" href="/services">
                {t('dashboard.villageCard.servicesLink')}
              </Link>
              <Link className="text-brand-700 underline" href="/register">
                {t('dashboard.villageCard.peopleLink')}
              </Link>
            </p>
          </Card>
          <Card>
            <h2 className="mb-2 font-semibold">
              {data.village.lastReport ? t('dashboard.villageCard.lastReport', { month: data.village.lastReport.month }) : t('dashboard.villageCard.noReport')}
            </h2>
            {data.village.lastReport && (
              <dl className="grid grid-cols-3 gap-2 text-sm" data-testid="village-last">
                {(['registered', 'resident', 'births', 'deaths', 'movesIn', 'movesOut'] as const).map((k) => (
                  <div key={k}>
                    <dt className="text-xs text-slate-600">{t(`dashboard.col.${k}`)}</dt>
                    <dd className="tabular-nums">{data.village!.lastReport!.counts[k] ?? 0}</dd>
                  </div>
                ))}
              </dl>
            )}
          </Card>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        {tables.map((table) => (
          <section
            key={table.key}
            aria-labelledby={`chart-${table.key}`}
            data-testid={`chart-${table.key}`}
            className={`rounded-lg border border-slate-200 bg-white p-4 ${table.key === 'compare' ? 'lg:col-span-2' : ''}`}
          >
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`chart-${table.key}`} className="font-semibold">
                {table.title}
              </h2>
              <span className="no-print flex gap-3 text-sm">
                <Link
                  className="text-brand-700 underline"
                  href={link('/dashboard/print', table.key)}
                  aria-label={`${t('dashboard.print')}${t('common.colon')}${table.title}`}
                >
                  {t('dashboard.print')}
                </Link>
                <a
                  className="text-brand-700 underline"
                  href={link('/api/dashboard/xlsx', table.key)}
                  aria-label={`${t('dashboard.export')}${t('common.colon')}${table.title}`}
                >
                  {t('dashboard.export')}
                </a>
              </span>
            </div>
            {table.rows.length === 0 ? (
              <EmptyState>{table.empty ?? t('dashboard.noData')}</EmptyState>
            ) : table.key === 'compare' ? (
              <CompareTable
                caption={table.title}
                unitLabel={unit}
                columns={table.columns.slice(1).map((c) => ({ key: c.key, label: c.label }))}
                rows={data.compare.rows.map((r) => ({
                  ...r,
                  href: `/dashboard?region=${r.id}&period=${encodeURIComponent(value)}`,
                }))}
                reference={data.compare.county}
                referenceName={data.region.name}
              />
            ) : (
              <>
                <ChartBody table={table} />
                {table.chart === 'table' ? (
                  <DataTable table={table} />
                ) : (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm text-brand-700">{t('dashboard.showTable')}</summary>
                    <DataTable table={table} />
                  </details>
                )}
              </>
            )}
          </section>
        ))}
      </div>
    </>
  )
}
