import type { Metadata } from 'next'
import { ImportRegisterForm } from '@/components/imports/ImportRegisterForm'
import { buttonClass, Card, PageTitle } from '@/components/ui'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('imports.import.title') }
}

export default async function ImportRegisterPage() {
  await requireUser('register.edit')
  const t = await getT()
  return (
    <>
      <PageTitle
        actions={
          <a className={buttonClass.secondary} href="/api/register/template" download>
            {t('imports.import.template')}
          </a>
        }
      >
        {t('imports.import.title')}
      </PageTitle>
      <Card>
        <p className="mb-2 text-sm text-slate-600">{t('imports.import.intro')}</p>
        <p className="mb-4 text-sm text-slate-600">{t('imports.import.rules')}</p>
        <ImportRegisterForm />
      </Card>
    </>
  )
}
