'use client'
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { translator, type Locale, type Translate } from './core'

const LocaleContext = createContext<Locale>('zh-CN')

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>
}

export function useLocale(): Locale {
  return useContext(LocaleContext)
}

export function useT(): Translate {
  const locale = useContext(LocaleContext)
  return useMemo(() => translator(locale), [locale])
}
