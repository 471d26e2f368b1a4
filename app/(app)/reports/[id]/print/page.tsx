import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { getReport } from '@/lib/reports/queries'
import { routeId } from '@/lib/reports/schemas'
import { periodRange, reportTables } from '@/lib/reports/present'
import { ButtonLink } from '@/components/ui'
import { PrintButton } from '@/components/reports/ReportForms'
import { ReportTable } from '@/components/reports/ReportTable'

/** Children (villages, or the county's townships) whose table still fits one A4 landscape page. */
const FIT_ONE_PAGE = 40

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.title') }
}

/**
 * The report on paper: A4 landscape, one table a page with its 表号, 制定机关, 填报单位 and 统计期,
 * the header repeated on every page, and under each table the three signatures, the report date and
 * the seal; then the written analysis.
 */
export default async function ReportPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('report.view')
  const t = await getT()
  const id = routeId((await params).id)
  const report = id ? await getReport(user, id) : null
  if (!report) notFound()
  const tables = reportTables(t, report.figures, report.factor)
  const title = t('reports.titleOf', { region: report.regionName, kind: t(`reports.kindTitle.${report.kind}`) })
  const draft = report.status === 'DRAFT'
  // up to 40 villages each table fits one landscape page (type and row height chosen for it);
  // a larger unit's table runs over pages with its header row repeated
  const fit = report.figures.children.length <= FIT_ONE_PAGE
  const signer = (role: 'PREPARER' | 'STATISTICIAN' | 'UNIT_HEAD') => report.signOffs.find((s) => s.role === role)
  // under every table, as on the paper forms: the three signatures, the report date and the seal
  const signatures = (
    <div className="report-signatures mt-4 flex items-end justify-between gap-4 text-[10pt]">
      <div data-testid="print-signatures" className="grid flex-1 grid-cols-4 gap-4">
        {(['UNIT_HEAD', 'STATISTICIAN', 'PREPARER'] as const).map((role) => {
          const s = signer(role)
          return (
            <div key={role}>
              {t(`reports.signRole.${role}`)}
              {t('common.colon')}
              {s ? `${s.userName}  ${todayIso(s.signedAt)}` : t('reports.print.notSigned')}
            </div>
          )
        })}
        <div>
          {t('reports.print.reportedOn')}
          {t('common.colon')}
          {report.submittedAt ? todayIso(report.submittedAt) : <span className="inline-block w-24 border-b border-black" />}
        </div>
      </div>
      <div className="report-seal flex h-24 w-24 shrink-0 items-center justify-center text-[9pt] text-slate-500">{t('reports.print.seal')}</div>
    </div>
  )
  return (
    <>
      {/* this page only: the stock table has 21 columns */}
      <style>{'@page { size: A4 landscape; margin: 10mm 8mm; }'}</style>
      <div className="no-print mb-4 flex flex-wrap items-center gap-2">
        <PrintButton />
        <ButtonLink href={`/reports/${report.id}`}>{t('reports.print.back')}</ButtonLink>
      </div>
      <article
        data-testid="report-print"
        className={`report-print ${fit ? 'report-print-fit' : ''} mx-auto max-w-[277mm] bg-white p-6 text-black shadow-sm print:p-0 print:shadow-none`}
      >
        {tables.map((table, index) => (
          <section key={table.key} className={index > 0 ? 'page-break mt-10 print:mt-0' : ''}>
            {draft ? <p className="report-draft-mark">{t('reports.print.draftMark')}</p> : null}
            <div className="flex items-start justify-between gap-4">
              <div className="w-48" aria-hidden />
              <div className="text-center">
                <h1 className="text-lg font-bold tracking-wide">{title}</h1>
                <h2 className="mt-1 text-base">{table.title}</h2>
              </div>
              <dl className="w-48 text-right text-[9pt] leading-snug">
                <div>
                  <dt className="inline">
                    {t('reports.print.formNo')}
                    {t('common.colon')}
                  </dt>
                  <dd className="inline">{table.formNo}</dd>
                </div>
                <div>
                  <dt className="inline">
                    {t('reports.print.authority')}
                    {t('common.colon')}
                  </dt>
                  <dd className="inline">{t('reports.print.authorityName')}</dd>
                </div>
              </dl>
            </div>
            <div className="mt-2 mb-1 flex justify-between text-[9pt]">
              <span>
                {t('reports.print.unit')}
                {t('common.colon')}
                {report.regionName}
              </span>
              <span>
                {t('reports.print.period')}
                {t('common.colon')}
                {periodRange(t, report.period)}
              </span>
            </div>
            <ReportTable table={table} t={t} paper />
            {table.note ? <p className="mt-1 text-[8pt] leading-snug">{table.note}</p> : null}
            {signatures}
          </section>
        ))}
        <section className="report-signoff page-break mt-10 print:mt-0">
          <h2 className="text-center text-base font-bold">
            {title} · {t('reports.print.analysis')}
          </h2>
          <p className="mt-1 text-center text-[9pt]">
            {t('reports.print.unit')}
            {t('common.colon')}
            {report.regionName}
            {t('common.gap')}
            {t('reports.print.period')}
            {t('common.colon')}
            {periodRange(t, report.period)}
          </p>
          <p data-testid="print-analysis" className="mt-1 min-h-16 whitespace-pre-wrap text-[10pt] leading-relaxed">
            {report.analysis || t('reports.print.noAnalysis')}
          </p>
        </section>
      </article>
    </>
  )
}
