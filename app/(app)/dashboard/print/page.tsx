import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { actorOf, requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { dashboardFor, periodValue } from '@/lib/dashboard/data'
import { dashboardQuerySchema } from '@/lib/dashboard/schemas'
import { dashboardTables } from '@/lib/dashboard/tables'
import { periodLabel } from '@/lib/dashboard/present'
import { ButtonLink, EmptyState } from '@/components/ui'
import { PrintButton } from '@/components/reports/ReportForms'
import { ChartBody } from '@/components/dashboard/DashboardChart'
import { DataTable } from '@/components/dashboard/DataTable'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('dashboard.title') }
}

/** One chart of a dashboard on A4 portrait: its title, region and period, the chart at page width and its table. */
export default async function DashboardPrintPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('dashboard.view')
  const t = await getT()
  const query = dashboardQuerySchema.parse(await searchParams)
  const data = await dashboardFor({ actor: await actorOf(user), subject: user }, t, { regionId: query.region, period: query.period })
  if (!data) notFound()
  const table = dashboardTables(data, t).find((x) => x.key === query.chart)
  if (!table) notFound()
  return (
    <div className="dashboard-print mx-auto max-w-[186mm] bg-white p-4">
      <div className="no-print mb-4 flex gap-3">
        <PrintButton />
        <ButtonLink href={`/dashboard?region=${data.region.id}&period=${encodeURIComponent(periodValue(data.period))}`}>{t('dashboard.back')}</ButtonLink>
      </div>
      <h1 className="mb-1 text-lg font-semibold">
        {t('dashboard.printOf', { title: table.title, region: data.region.name, period: periodLabel(t, data.period) })}
      </h1>
      <p className="mb-3 text-xs text-slate-600">
        {data.period.start} – {data.period.end} · {t('common.appName')} · {todayIso()}
      </p>
      {table.rows.length === 0 ? (
        <EmptyState>{table.empty ?? t('dashboard.noData')}</EmptyState>
      ) : (
        <>
          <ChartBody table={table} height={320} />
          <div className="mt-4">
            <DataTable table={table} />
          </div>
        </>
      )}
    </div>
  )
}
