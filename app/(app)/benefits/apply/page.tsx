import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { programOptions, residentOptions } from '@/lib/benefits/queries'
import { Card, PageTitle } from '@/components/ui'
import { BenefitsNav } from '@/components/benefits/BenefitsNav'
import { ApplyForm } from '@/components/benefits/BenefitForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('benefits.apply.title') }
}

/** 申报: a village officer (or the township) applies for a resident chosen from the list. */
export default async function ApplyPage() {
  const user = await requireUser('benefit.apply')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const [programs, options] = await Promise.all([programOptions(user), residentOptions(user)])
  return (
    <>
      <PageTitle>{t('benefits.apply.title')}</PageTitle>
      <BenefitsNav user={user} t={t} current="/benefits/apply" />
      <Card className="max-w-3xl">
        <ApplyForm
          programs={programs.map((p) => ({ id: p.id, name: locale === 'en' ? p.nameEn : p.nameZh, applicant: p.applicant }))}
          people={options}
          today={todayIso()}
          formKey={randomUUID()}
        />
      </Card>
    </>
  )
}
