import type { Metadata } from 'next'
import { assignableRegions } from '@/lib/access/queries'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { ButtonLink, Card, PageTitle } from '@/components/ui'
import { CreateUserForm } from '@/components/users/UserForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('users.create') }
}

export default async function NewUserPage() {
  const user = await requireUser('user.manage')
  const t = await getT()
  return (
    <>
      <PageTitle actions={<ButtonLink href="/users">{t('common.back')}</ButtonLink>}>{t('users.create')}</PageTitle>
      <Card>
        <CreateUserForm regions={await assignableRegions(user)} />
      </Card>
    </>
  )
}
