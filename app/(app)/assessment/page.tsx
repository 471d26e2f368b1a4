import type { Metadata } from 'next'
import Link from 'next/link'
import { z } from 'zod'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { rankings } from '@/lib/assessment/queries'
import { points } from '@/lib/assessment/present'
import { Badge, buttonClass, ButtonLink, Card, EmptyState, Field, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { RankChart } from '@/components/assessment/RankChart'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('assessment.title') }
}

const schemeParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/)
  .optional()
  .catch(undefined)

/** The latest published ranking: scores by group, movement, the chart over time; a township sees its own row. */
export default async function RankingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requireUser('assessment.view')
  const t = await getT()
  const data = await rankings(user, schemeParam.parse((await searchParams).scheme))
  const township = user.regionLevel === 'TOWNSHIP'
  const latest = data?.latest ?? null
  const names = latest ? latest.rows.map((r) => r.name) : []
  const movement = (m: number | null) =>
    m === null ? (
      <Badge>{t('assessment.newEntry')}</Badge>
    ) : m > 0 ? (
      <Badge tone="green">↑ {t('assessment.up', { n: m })}</Badge>
    ) : m < 0 ? (
      <Badge tone="red">↓ {t('assessment.down', { n: -m })}</Badge>
    ) : (
      <Badge>{t('assessment.same')}</Badge>
    )
  return (
    <>
      <PageTitle
        actions={
          latest ? (
            <>
              <ButtonLink href={`/assessment/runs/${latest.run.id}/print`}>{t('assessment.print')}</ButtonLink>
              <a href={`/api/assessment/runs/${latest.run.id}/xlsx`} className={buttonClass.secondary}>
                {t('assessment.exportXlsx')}
              </a>
            </>
          ) : null
        }
      >
        {t('assessment.title')}
      </PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{township ? t('assessment.townshipIntro') : t('assessment.intro')}</p>
      {data && data.schemes.length > 1 ? (
        <form method="get" className="no-print mb-4 flex items-end gap-3" role="search">
          <div className="w-72">
            <Field label={t('assessment.scheme')} name="scheme">
              <select id="scheme" name="scheme" defaultValue={data.schemeKey ?? ''} className={inputClass}>
                {data.schemes.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <button type="submit" className={buttonClass.secondary}>
            {t('assessment.show')}
          </button>
        </form>
      ) : null}
      {!latest ? (
        <EmptyState>{township ? t('assessment.emptyTownship') : t('assessment.empty')}</EmptyState>
      ) : (
        <div className="space-y-6">
          <div>
            <h2 className="mb-1 text-lg font-medium">{latest.run.title}</h2>
            {data?.previous ? <p className="mb-2 text-sm text-slate-500">{t('assessment.previousRun', { title: data.previous.title })}</p> : null}
            <Table>
              <thead>
                <tr>
                  <Th>{t('assessment.place')}</Th>
                  <Th>{t('assessment.township')}</Th>
                  {latest.groups.map((g) => (
                    <Th key={g.code} className="text-right">
                      {g.name}
                      <span className="block font-normal text-slate-500">{points(g.maxPoints)}</span>
                    </Th>
                  ))}
                  {latest.rows.some((r) => r.ungrouped !== 0) ? <Th className="text-right">{t('assessment.other')}</Th> : null}
                  <Th className="text-right">{t('assessment.adjustments')}</Th>
                  <Th className="text-right">{t('assessment.total')}</Th>
                  <Th>{t('assessment.vetoes')}</Th>
                  <Th>{t('assessment.movement')}</Th>
                  <Th>
                    <span className="sr-only">{t('assessment.why')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody data-testid="rankings" className="divide-y divide-slate-100">
                {latest.rows.map((r) => (
                  <tr key={r.townshipId} data-testid={`rank-${r.name}`}>
                    <Td className="tabular-nums font-medium">{r.place}</Td>
                    <Td className="whitespace-nowrap">{r.name}</Td>
                    {latest.groups.map((g) => (
                      <Td key={g.code} className="text-right tabular-nums">
                        {points(r.groups[g.code])}
                      </Td>
                    ))}
                    {latest.rows.some((x) => x.ungrouped !== 0) ? <Td className="text-right tabular-nums">{points(r.ungrouped)}</Td> : null}
                    <Td className="text-right tabular-nums">{r.adjustments ? points(r.adjustments) : '—'}</Td>
                    <Td className="text-right font-medium tabular-nums">{points(r.total)}</Td>
                    <Td>
                      {r.vetoes ? <Badge tone="red">{r.vetoes}</Badge> : '—'}
                      {r.excludedFromAwards ? <span className="ml-1 text-xs text-red-700">{t('assessment.excluded')}</span> : null}
                    </Td>
                    <Td className="whitespace-nowrap">{movement(r.movement)}</Td>
                    <Td>
                      <Link href={`/assessment/why/${latest.run.id}/${r.townshipId}`} className={buttonClass.link}>
                        {t('assessment.why')}
                        <span className="sr-only"> {r.name}</span>
                      </Link>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
          {data && data.history.length > 0 ? (
            <Card>
              <h2 className="mb-2 text-lg font-medium">{t('assessment.chart.title')}</h2>
              <div className="grid gap-4 lg:grid-cols-2">
                <div>
                  <h3 className="text-sm font-medium text-slate-600">{t('assessment.chart.place')}</h3>
                  <RankChart history={data.history} names={names} measure="place" label={`${t('assessment.chart.title')} ${t('assessment.chart.place')}`} />
                </div>
                <div>
                  <h3 className="text-sm font-medium text-slate-600">{t('assessment.chart.score')}</h3>
                  <RankChart history={data.history} names={names} measure="total" label={`${t('assessment.chart.title')} ${t('assessment.chart.score')}`} />
                </div>
              </div>
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer text-slate-600">{t('assessment.chart.table')}</summary>
                <Table>
                  <thead>
                    <tr>
                      <Th>{t('assessment.township')}</Th>
                      {data.history.map((h) => (
                        <Th key={h.runId}>{h.label}</Th>
                      ))}
                    </tr>
                  </thead>
                  <tbody data-testid="history" className="divide-y divide-slate-100">
                    {names.map((n) => (
                      <tr key={n}>
                        <Td>{n}</Td>
                        {data.history.map((h) => (
                          <Td key={h.runId} className="tabular-nums">
                            {h.units[n] ? `${h.units[n].place} / ${points(h.units[n].total)}` : '—'}
                          </Td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </details>
            </Card>
          ) : null}
        </div>
      )}
    </>
  )
}
