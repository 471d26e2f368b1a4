import type { ReactNode } from 'react'
import { AppShell } from '@/components/shell/AppShell'
import { actorOf, requireUser } from '@/lib/server/session'
import { getLocale, getT } from '@/lib/i18n/server'
import { inboxOf } from '@/lib/dashboard/inbox'

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser()
  // the navigation's count: the same (briefly cached) inbox as the inbox page
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const items = await inboxOf({ actor: await actorOf(user), subject: user }, t, locale)
  return (
    <AppShell user={user} inboxCount={items.length}>
      {children}
    </AppShell>
  )
}
