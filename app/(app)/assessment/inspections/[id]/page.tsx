import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { can } from '@/lib/access/permissions'
import { todayIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { countyInspectors, countyTownships, roundDetail } from '@/lib/assessment/inspection-queries'
import { points } from '@/lib/assessment/present'
import { Alert, Badge, ButtonLink, Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { PublishRoundForm, TeamForm } from '@/components/assessment/InspectionForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inspections.rounds.title') }
}

/** A round: its teams, and per township the score, place and open rectification items. */
export default async function RoundPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser()
  const t = await getT()
  const id = routeId((await params).id)
  const round = id ? await roundDetail(user, id, todayIso()) : null
  if (!round) notFound()
  const manage = can(user, 'assessment.run') && round.status === 'OPEN'
  const county = user.regionLevel === 'COUNTY'
  const [inspectors, townships] = manage ? await Promise.all([countyInspectors(user), countyTownships(user)]) : [[], []]
  const myTownships = new Set(round.teams.filter((x) => x.mine).flatMap((x) => x.townships.map((s) => s.id)))
  return (
    <>
      <PageTitle
        actions={
          <div className="flex flex-wrap gap-2">
            {round.status === 'PUBLISHED' || county ? (
              <ButtonLink href={`/assessment/inspections/${round.id}/print`}>{t('inspections.rounds.print')}</ButtonLink>
            ) : null}
            {county ? (
              <a
                href={`/api/assessment/inspections/${round.id}/xlsx`}
                className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              >
                {t('inspections.rounds.export')}
              </a>
            ) : null}
            <ButtonLink href="/assessment/inspections">{t('common.back')}</ButtonLink>
          </div>
        }
      >
        {round.title}
      </PageTitle>
      <p className="mb-4 text-sm text-slate-600">
        {t('inspections.rounds.dates', { start: round.startsOn, end: round.endsOn })}
        {t('common.gap')}
        {t('inspections.rounds.maximum', { max: points(round.maximum) })}
        {t('common.gap')}
        <Badge tone={round.status === 'PUBLISHED' ? 'green' : 'amber'}>{t(`inspections.rounds.status.${round.status}`)}</Badge>
      </p>
      <h2 className="mb-2 text-lg font-medium">{t('inspections.rounds.results')}</h2>
      {round.status === 'OPEN' && county ? <Alert>{t('inspections.rounds.notPublished')}</Alert> : null}
      {round.results.length === 0 ? (
        <EmptyState>{t('inspections.teams.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('inspections.rounds.place')}</Th>
              <Th>{t('inspections.township')}</Th>
              <Th>{t('inspections.rounds.total')}</Th>
              <Th>{t('inspections.rounds.open')}</Th>
              <Th>{t('inspections.rounds.overdue')}</Th>
              <Th>{t('inspections.rounds.scoreSheet')}</Th>
            </tr>
          </thead>
          <tbody data-testid="round-results" className="divide-y divide-slate-100">
            {round.results.map((r) => (
              <tr key={r.townshipId}>
                <Td className="tabular-nums">{r.place}</Td>
                <Td>{r.name}</Td>
                <Td className="tabular-nums">
                  {points(r.total)}
                  <span className="ml-2 text-xs text-slate-600">{t('inspections.rounds.progress', { scored: r.scored, count: round.items.length })}</span>
                </Td>
                <Td className="tabular-nums">{r.open}</Td>
                <Td className="tabular-nums">{r.overdue ? <Badge tone="red">{r.overdue}</Badge> : 0}</Td>
                <Td>
                  <Link href={`/assessment/inspections/${round.id}/townships/${r.townshipId}`} className="text-brand-600 underline">
                    {myTownships.has(r.townshipId) && round.status === 'OPEN' ? t('inspections.scores.enter') : t('inspections.rounds.scoreSheet')}
                    <span className="sr-only"> {r.name}</span>
                  </Link>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {county ? (
        <>
          <h2 className="mt-6 mb-2 text-lg font-medium">{t('inspections.teams.title')}</h2>
          {round.teams.length === 0 ? (
            <EmptyState>{t('inspections.teams.empty')}</EmptyState>
          ) : (
            <ul className="mb-4 space-y-1 text-sm" data-testid="teams">
              {round.teams.map((x) => (
                <li key={x.id}>
                  <span className="font-medium">{x.name}</span>
                  {x.mine ? <Badge tone="green">{t('inspections.teams.mine')}</Badge> : null}
                  {t('common.colon')}
                  {x.members.map((m) => m.name).join(t('common.listSep'))} → {x.townships.map((s) => s.name).join(t('common.listSep'))}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {manage ? (
        <div className="mt-4 grid gap-6 lg:grid-cols-2">
          <Card>
            <h2 className="mb-3 font-medium">{t('inspections.teams.new')}</h2>
            <TeamForm roundId={round.id} inspectors={inspectors.map((u) => ({ id: u.id, name: `${u.name}（${u.username}）` }))} townships={townships} />
          </Card>
          <Card>
            <h2 className="mb-3 font-medium">{t('inspections.rounds.publish')}</h2>
            <PublishRoundForm roundId={round.id} />
          </Card>
        </div>
      ) : null}
    </>
  )
}
