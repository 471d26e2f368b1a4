import Link from 'next/link'
import { getT } from '@/lib/i18n/server'

export default async function NotFound() {
  const t = await getT()
  return (
    <div className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="mb-2 text-xl font-semibold">{t('errors.pageNotFound')}</h1>
      <p className="mb-6 text-sm text-slate-600">{t('errors.pageNotFoundHint')}</p>
      <Link href="/" className="text-brand-600 hover:underline">
        {t('nav.home')}
      </Link>
    </div>
  )
}
