import type { Metadata } from 'next'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { statYearOf } from '@/lib/periods/rules'
import { settingsFor } from '@/lib/reports/queries'
import { listRuns, listSchemes } from '@/lib/assessment/queries'
import { Badge, Card, EmptyState, formatDateTime, PageTitle, Table, Td, Th } from '@/components/ui'
import { RunForm } from '@/components/assessment/AssessmentForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('assessment.runs.title') }
}

/** The county's runs, and the form that starts one. */
export default async function RunsPage() {
  const user = await requireUser('assessment.run')
  const [t, locale] = [await getT(), await getLocale()]
  const [runs, schemes] = await Promise.all([listRuns(user), listSchemes(user)])
  // the current statistical year (with the year starting 1 October, November 2026 is in 2027); a
  // year is assessed once it has ended, so the form offers the last ended year first
  const year = statYearOf(todayIso(), await settingsFor(user))
  const years = [year + 1, year, year - 1, year - 2, year - 3]
  return (
    <>
      <PageTitle>{t('assessment.runs.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('assessment.runs.intro')}</p>
      <Card className="mb-6">
        <h2 className="mb-3 font-medium">{t('assessment.runs.new')}</h2>
        <RunForm
          schemes={schemes
            .filter((s) => s.current)
            .map((s) => ({ id: s.id, label: `${s.name}${t('common.paren', { text: t('assessment.schemes.versionValue', { version: s.version }) })}` }))}
          years={years}
          defaultYear={year - 1}
          formKey={randomUUID()}
        />
      </Card>
      {runs.length === 0 ? (
        <EmptyState>{t('assessment.runs.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>#</Th>
              <Th>{t('assessment.runs.titleField')}</Th>
              <Th>{t('assessment.scheme')}</Th>
              <Th>{t('assessment.runs.period')}</Th>
              <Th>{t('common.status')}</Th>
              <Th>{t('assessment.runs.createdAt')}</Th>
            </tr>
          </thead>
          <tbody data-testid="runs" className="divide-y divide-slate-100">
            {runs.map((r) => (
              <tr key={r.id}>
                <Td className="tabular-nums">{r.id}</Td>
                <Td>
                  <Link href={`/assessment/runs/${r.id}`} className="text-brand-600 hover:underline">
                    {r.title}
                  </Link>
                  {r.correctsId ? <div className="text-xs text-slate-500">{t('assessment.runs.corrects', { id: r.correctsId })}</div> : null}
                </Td>
                <Td>
                  {r.scheme.name}
                  <span className="text-xs text-slate-500"> {t('assessment.schemes.versionValue', { version: r.scheme.version })}</span>
                </Td>
                <Td>{r.periodKey}</Td>
                <Td>
                  <Badge tone={r.status === 'PUBLISHED' ? 'green' : 'amber'}>{t(`assessment.runs.status.${r.status}`)}</Badge>
                </Td>
                <Td className="whitespace-nowrap">{formatDateTime(r.createdAt, locale)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  )
}
