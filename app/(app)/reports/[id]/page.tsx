import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { reportAbilities, SIGN_ORDER } from '@/lib/reports/rules'
import { getReport, registerChangedSince } from '@/lib/reports/queries'
import { routeId } from '@/lib/reports/schemas'
import { periodLabel, periodRange, reportTables, statusName } from '@/lib/reports/present'
import { Alert, ButtonLink, Card, formatDateTime, PageTitle } from '@/components/ui'
import { AnalysisForm, ConfirmActionForm, ReturnForm, SignForm } from '@/components/reports/ReportForms'
import { traceHref } from '@/lib/reports/trace-links'
import { ReportTables, StatusBadge, TimelinessBadge } from '@/components/reports/ReportTable'
import { RegionChangesNote } from '@/components/regions/RegionChangesNote'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.title') }
}

/** One report: its figures by village (or township), analysis, the three signatures, and the county's decision. */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('report.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const id = routeId((await params).id)
  const report = id ? await getReport(user, id) : null
  if (!report) notFound()
  const ownUnit = user.regionId === report.regionId
  // the same rule the service applies: a button shows only when its step would be accepted
  const may = reportAbilities(user, report)
  const draft = report.status === 'DRAFT'
  const tables = reportTables(t, report.figures, report.factor)
  const changed = await registerChangedSince(report)
  const childHref = (child: number) => `/reports/live?${new URLSearchParams({ region: String(child), kind: report.kind, period: report.period.key })}`
  // every count opens the records behind it (追溯), for those who may see the register
  const cellHref = traceHref(user, { regionId: report.regionId, kind: report.kind, periodKey: report.period.key, reportId: report.id })
  const status = statusName({ status: report.status, returned: report.returnComment !== null, level: report.level })
  const activeLock = report.locks.find((l) => l.unlockedAt === null)
  const releasedLock = [...report.locks].reverse().find((l) => l.unlockedAt !== null)
  const signature = (role: (typeof SIGN_ORDER)[number]) => report.signOffs.find((s) => s.role === role)
  const mayDecide = may.decide
  return (
    <>
      <PageTitle
        actions={
          <>
            <ButtonLink href={`/reports/${report.id}/print`}>{t('reports.detail.print')}</ButtonLink>
            <a
              className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
              href={`/api/reports/${report.id}/xlsx`}
              download
            >
              {t('reports.detail.exportXlsx')}
            </a>
          </>
        }
      >
        {report.regionName}
        {t(`reports.kindTitle.${report.kind}`)}
      </PageTitle>
      <Card className="mb-4">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-slate-500">{t('reports.print.unit')}</dt>
          <dd data-testid="report-unit">{report.regionName}</dd>
          <dt className="text-slate-500">{t('reports.list.kind')}</dt>
          <dd>{t(`reports.kind.${report.kind}`)}</dd>
          <dt className="text-slate-500">{t('reports.list.period')}</dt>
          <dd>
            {periodLabel(t, report.period)}
            <span className="ml-1 text-slate-500">{t('common.paren', { text: periodRange(t, report.period) })}</span>
          </dd>
          <dt className="text-slate-500">{t('reports.list.deadline')}</dt>
          <dd>{report.deadline}</dd>
          <dt className="text-slate-500">{t('common.status')}</dt>
          <dd data-testid="report-status">
            <StatusBadge status={status} t={t} />
          </dd>
          <dt className="text-slate-500">{t('reports.list.timeliness')}</dt>
          <dd>
            <TimelinessBadge timeliness={report.timeliness} t={t} />
            {report.firstSubmittedAt ? (
              <span className="ml-2 text-slate-500">{t('reports.detail.firstSubmitted', { date: todayIso(report.firstSubmittedAt) })}</span>
            ) : null}
          </dd>
        </dl>
      </Card>

      <div className="mb-4 space-y-2" data-testid="report-notices">
        {changed ? <Alert kind="warning">{t('reports.detail.liveDiffers')}</Alert> : null}
        {report.returnComment !== null ? <Alert kind="warning">{t('reports.detail.returnedNotice', { comment: report.returnComment })}</Alert> : null}
        {report.status === 'APPROVED' ? <Alert kind="success">{t('reports.detail.frozen')}</Alert> : null}
        {activeLock ? (
          <Alert kind="info">{t('reports.detail.lockedNotice', { range: periodRange(t, { start: activeLock.from, end: activeLock.to }) })}</Alert>
        ) : null}
        {!activeLock && releasedLock ? <Alert kind="warning">{t('reports.detail.unlockedNotice', { reason: releasedLock.unlockReason ?? '' })}</Alert> : null}
        {report.status === 'SUBMITTED' && report.level === 'TOWNSHIP' && !mayDecide ? <Alert kind="info">{t('reports.detail.awaitingCounty')}</Alert> : null}
      </div>

      <section aria-labelledby="figures-title" className="mb-6">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="figures-title" className="font-medium text-slate-800">
            {t('reports.detail.figures')}
            <span className="ml-2 text-xs font-normal text-slate-500">{t('reports.detail.computedAt', { at: formatDateTime(report.computedAt, locale) })}</span>
          </h2>
          {may.recompute ? (
            <ConfirmActionForm reportId={report.id} kind="recompute" label={t('reports.detail.recompute')} confirm={t('reports.detail.recomputeConfirm')} />
          ) : null}
        </div>
        {report.figures.children.length > 0 ? (
          <p className="mb-2 text-xs text-slate-500">{t(report.level === 'COUNTY' ? 'reports.detail.drillHintTownships' : 'reports.detail.drillHint')}</p>
        ) : null}
        <ReportTables tables={tables} t={t} childHref={childHref} cellHref={cellHref} />
        <RegionChangesNote regionId={report.regionId} period={report.period} />
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-medium text-slate-800">{t('reports.detail.analysis')}</h2>
          <AnalysisForm reportId={report.id} analysis={report.analysis} editable={may.analysis} />
          {draft && report.signOffs.length > 0 && ownUnit ? <p className="mt-2 text-xs text-slate-500">{t('reports.detail.analysisLocked')}</p> : null}
        </Card>
        <Card>
          <h2 className="mb-2 font-medium text-slate-800">{t('reports.detail.signatures')}</h2>
          <div data-testid="signatures" className="mb-3 grid grid-cols-3 gap-2 text-sm">
            {SIGN_ORDER.map((role) => {
              const s = signature(role)
              return (
                <div key={role} data-testid={`signature-${role}`} className="rounded-md border border-slate-200 p-2">
                  <div className="text-xs text-slate-500">{t(`reports.signRole.${role}`)}</div>
                  <div className="font-medium">{s ? s.userName : <span className="font-normal text-slate-500">{t('reports.print.notSigned')}</span>}</div>
                  <div className="text-xs text-slate-500">{s ? todayIso(s.signedAt) : ''}</div>
                </div>
              )
            })}
          </div>
          {draft && report.nextSignRole ? (
            <p className="mb-2 text-sm text-slate-600">{t('reports.detail.waitingFor', { role: t(`reports.signRole.${report.nextSignRole}`) })}</p>
          ) : null}
          {may.sign ? <SignForm reportId={report.id} role={may.sign} /> : null}
          {draft && !report.nextSignRole ? <p className="mb-2 text-sm text-slate-600">{t('reports.detail.readyToSubmit')}</p> : null}
          {may.submit ? (
            <ConfirmActionForm
              reportId={report.id}
              kind="submit"
              label={t(report.level === 'COUNTY' ? 'reports.detail.submitCounty' : 'reports.detail.submit')}
              confirm={t('reports.detail.submitConfirm')}
            />
          ) : null}
        </Card>
      </div>

      {mayDecide ? (
        <Card className="mt-4">
          <h2 className="mb-2 font-medium text-slate-800">{t('reports.detail.decision')}</h2>
          <div className="grid gap-4 md:grid-cols-2">
            <ConfirmActionForm reportId={report.id} kind="approve" label={t('reports.detail.approve')} confirm={t('reports.detail.approveConfirm')} />
            <div>
              <h3 className="mb-1 text-sm font-medium text-slate-700">{t('reports.detail.returnTitle')}</h3>
              <ReturnForm reportId={report.id} />
            </div>
          </div>
        </Card>
      ) : null}

      <Card className="mt-4">
        <h2 className="mb-2 font-medium text-slate-800">{t('reports.detail.history')}</h2>
        <ol data-testid="history" className="space-y-1 text-sm">
          {report.history.map((h, i) => (
            <li key={i} className="flex flex-wrap gap-x-2">
              <span className="text-slate-500">{formatDateTime(h.at, locale)}</span>
              <span className="font-medium">{h.userName}</span>
              <span>{t(`reports.action.${h.action as 'prepare'}`)}</span>
              {h.action === 'sign' && h.comment ? (
                <span>{t('common.paren', { text: t(`reports.signRole.${h.comment as 'PREPARER'}`) })}</span>
              ) : h.comment ? (
                <span className="text-slate-600">
                  {t('common.colon')}
                  {h.comment}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
    </>
  )
}
