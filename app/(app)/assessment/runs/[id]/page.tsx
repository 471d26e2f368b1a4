import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { randomUUID } from 'node:crypto'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { can } from '@/lib/access/permissions'
import { routeId } from '@/lib/validation/fields'
import { getRun, listSchemes } from '@/lib/assessment/queries'
import { points, vetoRuleText } from '@/lib/assessment/present'
import { Alert, Badge, buttonClass, ButtonLink, Card, formatDateTime, PageTitle, Table, Td, Th } from '@/components/ui'
import { EntryForm, PublishForm, RemoveEntryForm, RunForm } from '@/components/assessment/AssessmentForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('assessment.runs.title') }
}

/** One run: its results, the adjustments and vetoes entered on it, publication, and a correction once published. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('assessment.run')
  const [t, locale] = [await getT(), await getLocale()]
  const id = routeId((await params).id)
  const run = id ? await getRun(user, id) : null
  if (!run) notFound()
  const draft = run.status === 'DRAFT'
  const editable = draft && can(user, 'assessment.run')
  const name = new Map(run.snapshot.townships.map((tw) => [tw.id, tw.name]))
  const groups = (run.results[0]?.breakdown.groups ?? []).filter((g) => g.parent === null)
  const schemes = draft ? [] : (await listSchemes(user)).filter((s) => s.current)
  return (
    <>
      <PageTitle
        actions={
          <>
            <ButtonLink href={`/assessment/runs/${run.id}/print`}>{t('assessment.print')}</ButtonLink>
            <a href={`/api/assessment/runs/${run.id}/xlsx`} className={buttonClass.secondary}>
              {t('assessment.exportXlsx')}
            </a>
          </>
        }
      >
        {run.title}
      </PageTitle>
      <div className="mb-4 space-y-1 text-sm text-slate-600">
        <p>
          <Badge tone={draft ? 'amber' : 'green'}>{t(`assessment.runs.status.${run.status}`)}</Badge> {t('assessment.statYearValue', { year: run.periodKey })}
          {t('common.comma')}
          {t('assessment.run.inputsFrozen', { time: formatDateTime(run.createdAt, locale), scheme: run.scheme.name, version: run.scheme.version })}
        </p>
        <p>{vetoRuleText(t, run.snapshot.veto)}</p>
        {run.correctsId ? <p>{t('assessment.run.correctionOf', { id: run.correctsId, reason: run.reason })}</p> : null}
        {run.publishedAt ? <p data-testid="published-note">{t('assessment.run.publishedNote', { time: formatDateTime(run.publishedAt, locale) })}</p> : null}
      </div>
      <h2 className="mb-2 text-lg font-medium">{t('assessment.run.results')}</h2>
      <Table>
        <thead>
          <tr>
            <Th>{t('assessment.place')}</Th>
            <Th>{t('assessment.township')}</Th>
            {groups.map((g) => (
              <Th key={g.code} className="text-right">
                {g.name}
              </Th>
            ))}
            <Th className="text-right">{t('assessment.adjustments')}</Th>
            <Th className="text-right">{t('assessment.total')}</Th>
            <Th className="text-right">{t('assessment.run.scoreRank')}</Th>
            <Th>{t('assessment.vetoes')}</Th>
            <Th>
              <span className="sr-only">{t('assessment.why')}</span>
            </Th>
          </tr>
        </thead>
        <tbody data-testid="run-results" className="divide-y divide-slate-100">
          {run.results.map((r) => (
            <tr key={r.townshipId} data-testid={`result-${r.name}`}>
              <Td className="font-medium tabular-nums">{r.place}</Td>
              <Td className="whitespace-nowrap">{r.name}</Td>
              {groups.map((g) => (
                <Td key={g.code} className="text-right tabular-nums">
                  {points(r.breakdown.groups.find((x) => x.code === g.code)?.points)}
                </Td>
              ))}
              <Td className="text-right tabular-nums">
                {r.breakdown.adjustments.length ? points(r.breakdown.adjustments.reduce((s, a) => s + a.points, 0)) : '—'}
              </Td>
              <Td className="text-right font-medium tabular-nums">{points(r.total)}</Td>
              <Td className="text-right tabular-nums">{r.scoreRank}</Td>
              <Td>{r.vetoes ? <Badge tone="red">{r.vetoes}</Badge> : '—'}</Td>
              <Td>
                <Link href={`/assessment/why/${run.id}/${r.townshipId}`} className={buttonClass.link}>
                  {t('assessment.why')}
                  <span className="sr-only"> {r.name}</span>
                </Link>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-medium">{t('assessment.run.adjustmentsTitle')}</h2>
          {run.adjustments.length ? (
            <ul data-testid="adjustments" className="mb-3 space-y-2 text-sm">
              {run.adjustments.map((a) => (
                <li key={a.id} className="flex items-start justify-between gap-2">
                  <span>
                    <Badge tone={a.points > 0 ? 'green' : 'red'}>{a.points > 0 ? `+${points(a.points)}` : points(a.points)}</Badge> {name.get(a.townshipId)}
                    {t('common.colon')}
                    {a.reason}
                    {t('common.paren', { text: a.document })}
                  </span>
                  {editable ? <RemoveEntryForm runId={run.id} kind="adjustment" entryId={a.id} label={`${name.get(a.townshipId)} ${a.reason}`} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-3 text-sm text-slate-500">{t('assessment.run.none')}</p>
          )}
          {editable ? <EntryForm runId={run.id} kind="adjustment" townships={run.snapshot.townships} formKey={randomUUID()} /> : null}
        </Card>
        <Card>
          <h2 className="mb-2 font-medium">{t('assessment.run.vetoesTitle')}</h2>
          {run.vetoes.length ? (
            <ul data-testid="vetoes" className="mb-3 space-y-2 text-sm">
              {run.vetoes.map((v) => (
                <li key={v.id} className="flex items-start justify-between gap-2">
                  <span>
                    {name.get(v.townshipId)}
                    {t('common.colon')}
                    {v.reason}
                    {t('common.paren', { text: v.document })}
                  </span>
                  {editable ? <RemoveEntryForm runId={run.id} kind="veto" entryId={v.id} label={`${name.get(v.townshipId)} ${v.reason}`} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-3 text-sm text-slate-500">{t('assessment.run.none')}</p>
          )}
          {editable ? <EntryForm runId={run.id} kind="veto" townships={run.snapshot.townships} formKey={randomUUID()} /> : null}
        </Card>
      </div>
      <div className="mt-6">
        {editable ? (
          <Card>
            <PublishForm runId={run.id} />
          </Card>
        ) : !draft && can(user, 'assessment.run') ? (
          <Card>
            <h2 className="mb-1 font-medium">{t('assessment.run.correction')}</h2>
            <p className="mb-3 text-sm text-slate-600">{t('assessment.run.correctionHint')}</p>
            <RunForm
              schemes={schemes.map((s) => ({
                id: s.id,
                label: `${s.name}${t('common.paren', { text: t('assessment.schemes.versionValue', { version: s.version }) })}`,
              }))}
              years={[Number(run.periodKey)]}
              defaultYear={Number(run.periodKey)}
              defaultSchemeId={schemes.find((s) => s.key === run.scheme.key)?.id}
              correctsId={run.id}
              formKey={randomUUID()}
            />
          </Card>
        ) : (
          <Alert>{t('assessment.errors.published')}</Alert>
        )}
      </div>
    </>
  )
}
