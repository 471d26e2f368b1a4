import type { Metadata } from 'next'
import { SetupCountyForm } from '@/components/regions/SetupCountyForm'
import { Card, PageTitle } from '@/components/ui'
import { DivisionSourceLine } from '@/components/regions/DivisionSourceLine'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('regions.setup.title') }
}

export default async function SetupCountyPage() {
  await requireUser('region.setup')
  const t = await getT()
  return (
    <>
      <PageTitle>{t('regions.setup.title')}</PageTitle>
      <Card>
        <p className="mb-2 text-sm text-slate-600">{t('regions.setup.intro')}</p>
        <DivisionSourceLine />
        <div className="mt-4">
          <SetupCountyForm />
        </div>
      </Card>
    </>
  )
}
