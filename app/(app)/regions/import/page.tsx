import type { Metadata } from 'next'
import { ImportRegionsForm } from '@/components/regions/ImportRegionsForm'
import { buttonClass, Card, PageTitle } from '@/components/ui'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('regions.import.title') }
}

export default async function ImportRegionsPage() {
  await requireUser('region.manage')
  const t = await getT()
  return (
    <>
      <PageTitle
        actions={
          <a className={buttonClass.secondary} href="/api/regions/template" download>
            {t('regions.import.template')}
          </a>
        }
      >
        {t('regions.import.title')}
      </PageTitle>
      <Card>
        <p className="mb-4 text-sm text-slate-600">{t('regions.import.intro')}</p>
        <ImportRegionsForm />
      </Card>
    </>
  )
}
