import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { latestEndedPeriod } from '@/lib/periods/rules'
import { todayIso } from '@/lib/dates'
import { liveFigures, liveRegionOptions, reportablePeriods, settingsFor } from '@/lib/reports/queries'
import { periodLabel, periodOptions, periodRange, reportTables } from '@/lib/reports/present'
import { reportKind, routeId } from '@/lib/reports/schemas'
import { Alert, ButtonLink, Card, PageTitle } from '@/components/ui'
import { LivePicker } from '@/components/reports/ReportForms'
import { traceHref } from '@/lib/reports/trace-links'
import { ReportTables } from '@/components/reports/ReportTable'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.list.live') }
}

const query = z.object({
  // a region id, checked by routeId below: anything else (repeated, huge) is a 404
  region: z.unknown().optional(),
  kind: reportKind.optional().catch(undefined),
  period: z.string().max(10).optional().catch(undefined),
})

/** Figures of a village, township or the county computed from the register now, for an ended period. */
export default async function LiveFiguresPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('report.view')
  const t = await getT()
  const raw = query.parse(await searchParams)
  const settings = await settingsFor(user)
  const kind = raw.kind ?? 'MONTHLY'
  const periodKey = raw.period ?? latestEndedPeriod(kind, todayIso(), settings).key
  const regionId = raw.region === undefined ? user.regionId : routeId(raw.region)
  const live = regionId ? await liveFigures(user, regionId, kind, periodKey) : null
  if (!live) notFound()
  const tables = reportTables(t, live.figures, live.factor)
  const regions = await liveRegionOptions(user)
  // a village reached by drilling down from the county is not among the picker's own choices
  if (!regions.some((r) => r.id === live.region.id)) regions.push({ ...live.region, keys: [] })
  const childHref = (child: number) => `/reports/live?${new URLSearchParams({ region: String(child), kind, period: periodKey })}`
  const cellHref = traceHref(user, { regionId: live.region.id, kind, periodKey })
  return (
    <>
      <PageTitle actions={<ButtonLink href="/reports">{t('reports.title')}</ButtonLink>}>
        {t('reports.live.title', { region: live.region.name, kind: t(`reports.kind.${kind}`) })}
      </PageTitle>
      <p className="mb-3 text-sm text-slate-700" data-testid="live-period">
        {periodLabel(t, live.period)} · {periodRange(t, live.period)}
      </p>
      <div className="mb-4">
        <Alert kind="info">{t('reports.live.notAReport')}</Alert>
      </div>
      <Card className="no-print mb-4">
        <LivePicker regions={regions} periods={periodOptions(t, reportablePeriods(settings))} region={live.region.id} kind={kind} period={periodKey} />
      </Card>
      <ReportTables tables={tables} t={t} childHref={childHref} cellHref={cellHref} heading="h2" />
    </>
  )
}
