'use client'
import { useRouter } from 'next/navigation'
import { useTransition } from 'react'
import { setLocaleAction } from '@/lib/i18n/actions'
import { LOCALES } from '@/lib/i18n/core'
import { useLocale, useT } from '@/lib/i18n/client'

export function LanguageSwitch({ className = '' }: { className?: string }) {
  const locale = useLocale()
  const t = useT()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  return (
    <form
      className={`no-print flex items-center gap-1 text-sm ${className}`}
      action={(formData) =>
        startTransition(async () => {
          await setLocaleAction(formData)
          router.refresh()
        })
      }
    >
      <span className="sr-only">{t('nav.language')}</span>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          disabled={pending || l === locale}
          aria-pressed={l === locale}
          lang={l}
          className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 aria-pressed:font-semibold aria-pressed:text-slate-900"
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </form>
  )
}
