import type { Metadata } from 'next'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { listPrograms } from '@/lib/benefits/queries'
import { yuan } from '@/lib/benefits/rules'
import type { MessageKey } from '@/lib/i18n/core'
import { Card, EmptyState, PageTitle } from '@/components/ui'
import { BenefitsNav } from '@/components/benefits/BenefitsNav'
import { CategoryForm, ProgramForm, StandardForm } from '@/components/benefits/BenefitForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('benefits.programs.title') }
}

/** The county's programs as data: rules, categories, standards with effective dates, funding shares. */
export default async function ProgramsPage() {
  const user = await requireUser('benefit.configure')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const programs = await listPrograms(user)
  const name = (p: { nameZh: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.nameZh)
  return (
    <>
      <PageTitle>{t('benefits.programs.title')}</PageTitle>
      <BenefitsNav user={user} t={t} current="/benefits/programs" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('benefits.programs.intro')}</p>
      {programs.length === 0 ? <EmptyState>{t('benefits.programs.none')}</EmptyState> : null}
      <div className="space-y-4">
        {programs.map((p) => (
          <Card key={p.id}>
            <h2 className="text-base font-medium">
              {name(p)} <span className="font-mono text-sm text-slate-500">{p.code}</span>
            </h2>
            <p className="text-sm text-slate-600">
              {t(`benefits.level.${p.approvingLevel}` as MessageKey)} · {t(`benefits.applicantKind.${p.applicant}` as MessageKey)} ·{' '}
              {t(`benefits.amountKind.${p.amountKind}` as MessageKey)} · {t(`benefits.cycle.${p.paymentCycle}` as MessageKey)} ·{' '}
              {t(`benefits.proRating.${p.proRating}` as MessageKey)} · {t('benefits.programs.funding')} {p.fundCentral}/{p.fundProvincial}/{p.fundCounty} ·{' '}
              {t('benefits.programs.noticeDays')} {p.noticeDays}
            </p>
            <details className="mt-2 text-sm">
              <summary>{t('benefits.programs.rules')}</summary>
              <pre className="overflow-x-auto bg-slate-50 p-2 text-xs">{JSON.stringify(p.rules, null, 1)}</pre>
            </details>
            <h3 className="mt-3 font-medium">{t('benefits.programs.categories')}</h3>
            <ul className="space-y-3">
              {p.categories.map((c) => (
                <li key={c.id} className="rounded border border-slate-200 p-2 text-sm">
                  <p className="font-medium">
                    {name(c)} <span className="font-mono text-slate-500">{c.code}</span>
                  </p>
                  <ul className="ml-4 list-disc">
                    {c.standards.length === 0 ? <li>{t('benefits.programs.noStandards')}</li> : null}
                    {c.standards.map((s) => (
                      <li key={s.id}>
                        {s.validFrom} – {s.validTo ?? '…'}: {yuan(s.amountCents)}
                      </li>
                    ))}
                  </ul>
                  <StandardForm categoryId={c.id} />
                </li>
              ))}
            </ul>
            <details className="mt-2">
              <summary className="text-sm">{t('benefits.programs.addCategory')}</summary>
              <CategoryForm programId={p.id} />
            </details>
          </Card>
        ))}
      </div>
      <Card className="mt-6">
        <ProgramForm />
      </Card>
    </>
  )
}
