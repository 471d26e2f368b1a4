import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { routeId } from '@/lib/validation/fields'
import { sampleDetail } from '@/lib/assessment/inspection-queries'
import { rateText } from '@/lib/assessment/present'
import { ButtonLink, Card, PageTitle } from '@/components/ui'
import { SampleRecordForm } from '@/components/assessment/InspectionForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inspections.samples.title') }
}

/** A drawn sample: the rates so far, and a card per household to record what was found on site. */
export default async function SamplePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('assessment.sample')
  const t = await getT()
  const id = routeId((await params).id)
  const sample = id ? await sampleDetail(user, id) : null
  if (!sample) notFound()
  return (
    <>
      <PageTitle actions={<ButtonLink href="/assessment/samples">{t('common.back')}</ButtonLink>}>
        {t('inspections.samples.detail', { township: sample.township, year: sample.statYear })}
      </PageTitle>
      <p className="mb-2 text-sm text-slate-600" data-testid="seed">
        {t('inspections.samples.seedValue', { seed: sample.seed, size: sample.size })}
      </p>
      <Card className="mb-4">
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]" data-testid="rates">
          <dt className="text-slate-600">{t('inspections.samples.outcome')}</dt>
          <dd>{t('inspections.samples.checked', { checked: sample.rates.checked, drawn: sample.rates.drawn })}</dd>
          <dt className="text-slate-600">{t('inspections.samples.errorRate')}</dt>
          <dd data-testid="error-rate">{rateText(t, sample.rates.errorRate, sample.rates.checked)}</dd>
          <dt className="text-slate-600">{t('inspections.samples.missingRate')}</dt>
          <dd data-testid="missing-rate">{rateText(t, sample.rates.missingRate, sample.rates.checked)}</dd>
        </dl>
      </Card>
      <ol className="space-y-3" data-testid="sample-households">
        {sample.households.map((h, i) => (
          <li key={h.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="mb-2 font-medium">
              {i + 1}. {h.village} · {h.address} · {t('inspections.samples.head')} {h.head ?? '—'} · {t('inspections.samples.members')} {h.members}
            </p>
            {h.outcome ? (
              <p className="mb-2 text-sm text-slate-700">
                {t(`inspections.samples.outcomes.${h.outcome}`)}
                {h.wrongField ? `${t('common.colon')}${t(`inspections.samples.fields.${h.wrongField as 'name'}`)}` : ''}
              </p>
            ) : null}
            <SampleRecordForm
              id={h.id}
              outcome={h.outcome}
              wrongField={h.wrongField}
              label={t('inspections.samples.recordFor', { address: `${i + 1}. ${h.address}` })}
            />
          </li>
        ))}
      </ol>
    </>
  )
}
