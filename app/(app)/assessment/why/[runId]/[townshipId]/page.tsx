import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { routeId } from '@/lib/validation/fields'
import { can } from '@/lib/access/permissions'
import { whyOf } from '@/lib/assessment/queries'
import { detailText, methodText, points, sourceText, vetoRuleText } from '@/lib/assessment/present'
import { Badge, ButtonLink, Card, formatDateTime, PageTitle, Table, Td, Th } from '@/components/ui'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('assessment.why') }
}

/** Why a township scored what it did: every indicator's value, source, formula and points, then groups, adjustments, vetoes and the place. */
export default async function WhyPage({ params }: { params: Promise<{ runId: string; townshipId: string }> }) {
  const user = await requireUser('assessment.view')
  const [t, locale] = [await getT(), await getLocale()]
  const p = await params
  const runId = routeId(p.runId)
  const townshipId = routeId(p.townshipId)
  const why = runId && townshipId ? await whyOf(user, runId, townshipId) : null
  if (!why) notFound()
  const { run, result } = why
  const b = result.breakdown
  const groupName = new Map(b.groups.map((g) => [g.code, g.name]))
  return (
    <>
      <PageTitle actions={<ButtonLink href={can(user, 'assessment.run') ? `/assessment/runs/${run.id}` : '/assessment'}>{t('common.back')}</ButtonLink>}>
        {t('assessment.whyPage.title', { name: result.name })}
      </PageTitle>
      <p data-testid="why-summary" className="mb-4 text-sm text-slate-700">
        {t('assessment.whyPage.summary', {
          run: run.title,
          total: points(result.total),
          place: result.place,
          count: run.snapshot.townships.length || why.count,
        })}
      </p>
      <div className="space-y-6">
        <Table>
          <thead>
            <tr>
              <Th>{t('assessment.whyPage.indicator')}</Th>
              <Th className="text-right">{t('assessment.whyPage.value')}</Th>
              <Th>{t('assessment.whyPage.source')}</Th>
              <Th>{t('assessment.whyPage.formula')}</Th>
              <Th className="text-right">{t('assessment.whyPage.points')}</Th>
              <Th className="text-right">{t('assessment.whyPage.max')}</Th>
            </tr>
          </thead>
          <tbody data-testid="why-indicators" className="divide-y divide-slate-100">
            {b.indicators.map((i) => (
              <tr key={i.code} data-testid={`why-${i.code}`}>
                <Td>
                  <div className="font-medium">{i.name}</div>
                  <div className="text-xs text-slate-500">
                    {i.parent ? `${groupName.get(i.parent) ?? i.parent} · ` : ''}
                    {methodText(t, i.method)}
                  </div>
                </Td>
                <Td className="text-right tabular-nums whitespace-nowrap">
                  {i.value === null ? t('assessment.whyPage.noValue') : `${points(i.value)}${i.unit ? ` ${i.unit}` : ''}`}
                </Td>
                <Td className="text-xs">
                  <div>{sourceText(t, locale, i.source)}</div>
                  {i.detail ? <div className="text-slate-500">{detailText(t, i.source, i.detail)}</div> : null}
                  {i.evidence ? (
                    <div className="text-slate-500">
                      {t('assessment.whyPage.evidence')}
                      {t('common.colon')}
                      {i.evidence}
                    </div>
                  ) : null}
                  {i.at ? (
                    <div className="text-slate-500">
                      {t('assessment.whyPage.enteredAt')}
                      {t('common.colon')}
                      {formatDateTime(new Date(i.at), locale)}
                    </div>
                  ) : null}
                </Td>
                <Td className="font-mono text-xs">{i.formula}</Td>
                <Td className="text-right font-medium tabular-nums">{points(i.points)}</Td>
                <Td className="text-right tabular-nums text-slate-500">{i.method?.kind === 'penalty' ? '—' : points(i.maxPoints)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {b.groups.length ? (
          <Card>
            <h2 className="mb-2 font-medium">{t('assessment.whyPage.groups')}</h2>
            <Table>
              <thead>
                <tr>
                  <Th>{t('assessment.schemes.group')}</Th>
                  <Th className="text-right">{t('assessment.whyPage.rawSum')}</Th>
                  <Th>{t('assessment.whyPage.formula')}</Th>
                  <Th className="text-right">{t('assessment.whyPage.points')}</Th>
                  <Th className="text-right">{t('assessment.whyPage.max')}</Th>
                </tr>
              </thead>
              <tbody data-testid="why-groups" className="divide-y divide-slate-100">
                {b.groups.map((g) => (
                  <tr key={g.code}>
                    <Td>
                      {g.name}
                      <div className="text-xs text-slate-500">{t(`assessment.schemes.combine.${g.combine}`)}</div>
                    </Td>
                    <Td className="text-right tabular-nums">{points(g.rawSum)}</Td>
                    <Td className="font-mono text-xs">{g.formula}</Td>
                    <Td className="text-right font-medium tabular-nums">{points(g.points)}</Td>
                    <Td className="text-right tabular-nums text-slate-500">{points(g.maxPoints)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-2 font-medium">{t('assessment.whyPage.adjustments')}</h2>
          {b.adjustments.length ? (
            <ul data-testid="why-adjustments" className="space-y-1 text-sm">
              {b.adjustments.map((a, i) => (
                <li key={i}>
                  <Badge tone={a.points > 0 ? 'green' : 'red'}>{a.points > 0 ? `+${points(a.points)}` : points(a.points)}</Badge> {a.reason}
                  {t('common.paren', { text: a.document })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">{t('assessment.run.none')}</p>
          )}
          <h2 className="mb-2 mt-4 font-medium">{t('assessment.whyPage.vetoes')}</h2>
          {b.vetoes.length ? (
            <>
              <p className="text-sm">{t('assessment.whyPage.vetoEffect', { count: b.vetoes.length, rule: vetoRuleText(t, b.veto) })}</p>
              <ul data-testid="why-vetoes" className="list-disc pl-5 text-sm">
                {b.vetoes.map((v, i) => (
                  <li key={i}>
                    {v.reason}
                    {t('common.paren', { text: v.document })}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-slate-500">{t('assessment.run.none')}</p>
          )}
          <h2 className="mb-2 mt-4 font-medium">{t('assessment.whyPage.ranking')}</h2>
          <p data-testid="why-place" className="text-sm">
            {t('assessment.whyPage.rankingText', { scoreRank: result.scoreRank, vetoes: result.vetoes, place: result.place })}
          </p>
        </Card>
      </div>
    </>
  )
}
