import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { LoginForm } from '@/components/access/LoginForm'
import { Card } from '@/components/ui'
import { getT } from '@/lib/i18n/server'
import { getSessionUser } from '@/lib/server/session'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('login.title') }
}

export default async function LoginPage() {
  if (await getSessionUser()) redirect('/')
  const t = await getT()
  return (
    <Card>
      <h1 className="mb-4 text-lg font-semibold">{t('login.title')}</h1>
      <LoginForm />
      <p className="mt-4 text-xs leading-relaxed text-slate-500">{t('login.policy')}</p>
    </Card>
  )
}
