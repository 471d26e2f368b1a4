import type { Metadata } from 'next'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { statYearOf } from '@/lib/periods/rules'
import { settingsFor } from '@/lib/reports/queries'
import { countyTownships, listSamples } from '@/lib/assessment/inspection-queries'
import { rateText } from '@/lib/assessment/present'
import { Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { SampleForm } from '@/components/assessment/InspectionForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inspections.samples.title') }
}

/** Sample verifications of the county, and the form that draws one. */
export default async function SamplesPage() {
  const user = await requireUser('assessment.sample')
  const t = await getT()
  const [samples, townships] = await Promise.all([listSamples(user), countyTownships(user)])
  const year = statYearOf(todayIso(), await settingsFor(user))
  return (
    <>
      <PageTitle>{t('inspections.samples.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('inspections.samples.intro')}</p>
      <Card className="mb-6">
        <h2 className="mb-3 font-medium">{t('inspections.samples.new')}</h2>
        <SampleForm townships={townships} years={[year, year - 1]} defaultYear={year} formKey={randomUUID()} />
      </Card>
      {samples.length === 0 ? (
        <EmptyState>{t('inspections.samples.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('inspections.samples.township')}</Th>
              <Th>{t('inspections.rounds.statYear')}</Th>
              <Th>{t('inspections.samples.seedColumn')}</Th>
              <Th>{t('inspections.samples.outcome')}</Th>
              <Th>{t('inspections.samples.errorRate')}</Th>
              <Th>{t('inspections.samples.missingRate')}</Th>
            </tr>
          </thead>
          <tbody data-testid="samples" className="divide-y divide-slate-100">
            {samples.map((s) => (
              <tr key={s.id}>
                <Td>
                  <Link href={`/assessment/samples/${s.id}`} className="text-brand-600 underline">
                    {s.township}
                  </Link>
                </Td>
                <Td>{s.statYear}</Td>
                <Td className="font-mono text-xs">{s.seed}</Td>
                <Td>{t('inspections.samples.checked', { checked: s.rates.checked, drawn: s.rates.drawn })}</Td>
                <Td>{rateText(t, s.rates.errorRate, s.rates.checked)}</Td>
                <Td>{rateText(t, s.rates.missingRate, s.rates.checked)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  )
}
