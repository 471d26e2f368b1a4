import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { ChangePasswordForm } from '@/components/access/ChangePasswordForm'
import { Alert, Card } from '@/components/ui'
import { getT } from '@/lib/i18n/server'
import { getSessionUser } from '@/lib/server/session'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('password.title') }
}

export default async function ChangePasswordPage() {
  const user = await getSessionUser()
  if (!user) redirect('/login')
  const t = await getT()
  return (
    <Card>
      <h1 className="mb-4 text-lg font-semibold">{t('password.title')}</h1>
      {user.mustChangePassword ? (
        <div className="mb-4">
          <Alert kind="warning">{t('password.mustChangeIntro')}</Alert>
        </div>
      ) : null}
      <ChangePasswordForm />
      {!user.mustChangePassword ? (
        <p className="mt-4 text-sm">
          <Link href="/" className="text-brand-600 hover:underline">
            {t('common.back')}
          </Link>
        </p>
      ) : null}
    </Card>
  )
}
