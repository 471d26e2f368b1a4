'use server'
import { cookies } from 'next/headers'
import { isLocale, LOCALE_COOKIE } from './core'

/** Remembers the chosen language for a year (a preference, not data: nothing to audit). */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get('locale')
  if (!isLocale(locale)) return
  ;(await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', httpOnly: true })
}
