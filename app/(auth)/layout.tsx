import type { ReactNode } from 'react'
import { LanguageSwitch } from '@/components/shell/LanguageSwitch'
import { getT } from '@/lib/i18n/server'

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getT()
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between gap-2">
          <p className="text-lg font-semibold text-brand-700">{t('common.appName')}</p>
          <LanguageSwitch />
        </div>
        {children}
      </div>
    </div>
  )
}
