import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { rectificationLedger, roundDetail } from '@/lib/assessment/inspection-queries'
import { points } from '@/lib/assessment/present'
import { ButtonLink } from '@/components/ui'
import { PrintButton } from '@/components/reports/ReportForms'

/** How many first places the notice commends. */
const COMMENDED = 3

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inspections.rounds.print') }
}

/** The notice of results (通报) on A4: the text, the commendation of the first places, scores and places, and the open rectification items per township. */
export default async function RoundPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser()
  const t = await getT()
  const id = routeId((await params).id)
  const today = todayIso()
  const round = id ? await roundDetail(user, id, today) : null
  if (!round) notFound()
  const open = (await rectificationLedger(user, today, { roundId: round.id })).filter((r) => r.status !== 'CLOSED')
  // the first places among the townships scored (a township not yet scored is not ranked for praise)
  const commended = round.results.filter((r) => r.place !== null && r.place <= COMMENDED && r.scored > 0)
  const cell = 'border border-black px-1.5 py-1'
  return (
    <article className="mx-auto max-w-[180mm] bg-white text-black">
      <div className="no-print mb-4 flex gap-2">
        <PrintButton />
        <ButtonLink href={`/assessment/inspections/${round.id}`}>{t('common.back')}</ButtonLink>
      </div>
      <h1 className="mb-4 text-center text-xl font-bold">{t('inspections.notice.title', { title: round.title })}</h1>
      <p className="mb-2 indent-8 leading-7">
        {t('inspections.notice.body', { start: round.startsOn, end: round.endsOn, count: round.results.length, max: points(round.maximum) })}
      </p>
      {user.regionLevel === 'COUNTY' && commended.length ? (
        <p data-testid="notice-commend" className="mb-2 indent-8 leading-7">
          {t('inspections.notice.commend', { n: COMMENDED, names: commended.map((r) => r.name).join(t('common.listSep')) })}
        </p>
      ) : null}
      <p className="mb-4 indent-8 leading-7">{t('inspections.notice.rectify')}</p>
      <h2 className="mb-2 text-center font-bold">{t('inspections.notice.table')}</h2>
      <table data-testid="notice-table" className="mb-6 w-full border-collapse text-[10pt]">
        <thead>
          <tr>
            <th className={cell}>{t('inspections.rounds.place')}</th>
            <th className={cell}>{t('inspections.township')}</th>
            {[...new Set(round.items.map((i) => i.group))].map((g) => (
              <th key={g} className={cell}>
                {g}
              </th>
            ))}
            <th className={cell}>{t('inspections.rounds.total')}</th>
            <th className={cell}>{t('inspections.rounds.open')}</th>
          </tr>
        </thead>
        <tbody>
          {round.results.map((r) => (
            <tr key={r.townshipId}>
              <td className={`${cell} text-center`}>{r.place}</td>
              <td className={cell}>{r.name}</td>
              {[...new Set(round.items.map((i) => i.group))].map((g) => (
                <td key={g} className={`${cell} text-right tabular-nums`}>
                  {points(r.groups[g] ?? 0)}
                </td>
              ))}
              <td className={`${cell} text-right font-bold tabular-nums`}>{points(r.total)}</td>
              <td className={`${cell} text-center`}>{r.open}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mb-2 text-center font-bold">{t('inspections.notice.openTable')}</h2>
      <table data-testid="notice-open" className="w-full border-collapse text-[10pt]">
        <thead>
          <tr>
            <th className={cell}>{t('inspections.township')}</th>
            <th className={cell}>{t('inspections.rectifications.finding')}</th>
            <th className={cell}>{t('inspections.rectifications.dueOn')}</th>
            <th className={cell}>{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {open.length === 0 ? (
            <tr>
              <td className={cell} colSpan={4}>
                {t('inspections.notice.none')}
              </td>
            </tr>
          ) : (
            open.map((r) => (
              <tr key={r.id}>
                <td className={cell}>{r.township}</td>
                <td className={cell}>{r.finding}</td>
                <td className={`${cell} whitespace-nowrap`}>{r.dueOn}</td>
                <td className={cell}>
                  {t(`inspections.rectifications.status.${r.status}`)}
                  {r.overdue ? `${t('common.listSep')}${t('inspections.rectifications.overdue')}` : ''}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </article>
  )
}
