import type { Metadata } from 'next'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { countyIdOf, warningDaysOf } from '@/lib/work/queries'
import { Card, PageTitle } from '@/components/ui'
import { WarningDaysForm } from '@/components/work/WorkForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('work.settings.title') }
}

/** The county administrator sets how many working days before a due date tasks warn. */
export default async function WorkSettingsPage() {
  const user = await requireUser('work.configure')
  const t = await getT()
  const warningDays = await warningDaysOf(await countyIdOf(user))
  return (
    <>
      <PageTitle>{t('work.settings.title')}</PageTitle>
      <Card>
        <WarningDaysForm warningDays={warningDays} />
      </Card>
    </>
  )
}
