import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { routeId } from '@/lib/validation/fields'
import { can } from '@/lib/access/permissions'
import { todayIso } from '@/lib/dates'
import { getRun } from '@/lib/assessment/queries'
import { points } from '@/lib/assessment/present'
import { ButtonLink } from '@/components/ui'
import { PrintButton } from '@/components/reports/ReportForms'

/** How many first places the notice commends. */
const COMMENDED = 3

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('assessment.print') }
}

/** The notice of results (通报) on A4: the text with the commendation of the first places, and the results table. */
export default async function RunPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('assessment.view')
  const t = await getT()
  const id = routeId((await params).id)
  const run = id ? await getRun(user, id) : null
  if (!run) notFound()
  const county = user.regionLevel === 'COUNTY'
  const groups = (run.results[0]?.breakdown.groups ?? []).filter((g) => g.parent === null)
  const commended = run.results.filter((r) => r.place <= COMMENDED && !r.excludedFromAwards)
  const cell = 'border border-black px-1.5 py-1'
  return (
    <article className="mx-auto max-w-[180mm] bg-white text-black">
      <div className="no-print mb-4 flex gap-2">
        <PrintButton />
        <ButtonLink href={can(user, 'assessment.run') ? `/assessment/runs/${run.id}` : '/assessment'}>{t('common.back')}</ButtonLink>
      </div>
      <h1 className="mb-4 text-center text-xl font-bold">{t('assessment.notice.title', { title: run.title })}</h1>
      <p className="mb-2 indent-8 leading-7">
        {t('assessment.notice.body', { scheme: run.scheme.name, count: run.snapshot.townships.length, year: run.periodKey })}
      </p>
      {county && commended.length ? (
        <p data-testid="notice-commend" className="mb-2 indent-8 leading-7">
          {t('assessment.notice.commend', { n: COMMENDED, names: commended.map((r) => r.name).join(t('common.listSep')) })}
        </p>
      ) : null}
      {county ? <p className="mb-4 indent-8 leading-7">{t('assessment.notice.last')}</p> : null}
      <h2 className="mb-2 text-center font-bold">{t('assessment.notice.table')}</h2>
      <table data-testid="notice-table" className="w-full border-collapse text-[10pt]">
        <thead>
          <tr>
            <th className={cell}>{t('assessment.place')}</th>
            <th className={cell}>{t('assessment.township')}</th>
            {groups.map((g) => (
              <th key={g.code} className={cell}>
                {g.name}
              </th>
            ))}
            <th className={cell}>{t('assessment.adjustments')}</th>
            <th className={cell}>{t('assessment.vetoes')}</th>
            <th className={cell}>{t('assessment.total')}</th>
          </tr>
        </thead>
        <tbody>
          {run.results.map((r) => (
            <tr key={r.townshipId}>
              <td className={`${cell} text-center`}>{r.place}</td>
              <td className={cell}>{r.name}</td>
              {groups.map((g) => (
                <td key={g.code} className={`${cell} text-right tabular-nums`}>
                  {points(r.breakdown.groups.find((x) => x.code === g.code)?.points)}
                </td>
              ))}
              <td className={`${cell} text-right tabular-nums`}>
                {r.breakdown.adjustments.length ? points(r.breakdown.adjustments.reduce((s, a) => s + a.points, 0)) : ''}
              </td>
              <td className={`${cell} text-center`}>{r.vetoes || ''}</td>
              <td className={`${cell} text-right font-bold tabular-nums`}>{points(r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-10 text-right leading-7">
        <div>{t('assessment.notice.issuer')}</div>
        <div>{t('assessment.notice.date', { date: todayIso(run.publishedAt ?? run.computedAt) })}</div>
      </div>
    </article>
  )
}
