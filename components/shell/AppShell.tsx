import Link from 'next/link'
import type { ReactNode } from 'react'
import { signOutAction } from '@/lib/access/actions'
import type { SessionUser } from '@/lib/server/session'
import { getT } from '@/lib/i18n/server'
import { navigationSectionsFor, type NavigationItem } from '@/lib/navigation'
import { LanguageSwitch } from './LanguageSwitch'

/** Header with the user's name, role and region; navigation limited to what the role may use. */
export async function AppShell({ user, inboxCount, children }: { user: SessionUser; inboxCount?: number; children: ReactNode }) {
  const t = await getT()
  const link = (item: NavigationItem) => (
    <li key={item.href} className="flex items-center">
      <Link
        href={item.href}
        className="block flex-1 rounded-md px-3 py-2 text-sm whitespace-nowrap text-slate-700 hover:bg-brand-50 hover:text-brand-700 md:py-1.5"
      >
        {t(item.label)}
      </Link>
      {/* beside the link, not in it: the link's name stays the section's name */}
      {item.href === '/inbox' && inboxCount ? (
        <span className="mr-2 rounded-full bg-brand-700 px-2 text-xs font-medium text-white">
          <span aria-hidden="true" data-testid="inbox-count">
            {inboxCount}
          </span>
          <span className="sr-only">{t('inbox.navCount', { count: inboxCount })}</span>
        </span>
      ) : null}
    </li>
  )
  // headed sections on a wide screen; one row of links on a narrow one (the headings hide)
  const sections = navigationSectionsFor(user).map(({ group, items }) =>
    group === 'start' ? (
      items.map(link)
    ) : (
      <li key={group} className="md:mt-3">
        <p id={`nav-group-${group}`} className="hidden px-3 pb-1 text-xs font-medium text-slate-500 md:block">
          {t(`nav.groups.${group}`)}
        </p>
        <ul aria-labelledby={`nav-group-${group}`} className="flex gap-1 md:flex-col md:gap-0">
          {items.map(link)}
        </ul>
      </li>
    ),
  )
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t('nav.skipToContent')}
      </a>
      <header data-shell className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <Link href="/" className="text-base font-semibold text-brand-700">
            {t('common.appName')}
          </Link>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span data-testid="current-user" className="text-slate-700">
              <span className="font-medium">{user.name}</span>
              <span aria-hidden="true" className="mx-1 text-slate-500">
                ·
              </span>
              {t(`roles.${user.role}`)}
              <span aria-hidden="true" className="mx-1 text-slate-500">
                ·
              </span>
              {user.regionName}
            </span>
            <LanguageSwitch />
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-50">
                {t('nav.signOut')}
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col md:flex-row">
        <nav aria-label={t('nav.menu')} className="no-print border-b border-slate-200 bg-white md:min-h-[calc(100vh-49px)] md:w-52 md:border-r md:border-b-0">
          <ul data-testid="main-nav" className="flex gap-1 overflow-x-auto p-2 md:flex-col md:gap-0">
            {sections}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1 px-4 py-5">
          {children}
        </main>
      </div>
    </div>
  )
}
