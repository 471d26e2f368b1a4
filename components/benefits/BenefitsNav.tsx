import Link from 'next/link'
import { can, type Subject } from '@/lib/access/permissions'
import type { Translate } from '@/lib/i18n/core'

/** The benefits pages a user may open, as a row of links above each page. */
export function BenefitsNav({ user, t, current }: { user: Subject; t: Translate; current: string }) {
  const links: [string, string, boolean][] = [
    ['/benefits', t('benefits.nav.applications'), can(user, 'benefit.view')],
    ['/benefits/outreach', t('benefits.nav.outreach'), can(user, 'benefit.view') && user.regionLevel !== 'COUNTY'],
    ['/benefits/notices', t('benefits.nav.notices'), can(user, 'benefit.view')],
    ['/benefits/enrollments', t('benefits.nav.enrollments'), can(user, 'benefit.view')],
    ['/benefits/programs', t('benefits.nav.programs'), can(user, 'benefit.configure')],
  ]
  return (
    <nav aria-label={t('benefits.title')} className="no-print mb-4 flex flex-wrap gap-3 text-sm">
      {links
        .filter(([, , show]) => show)
        .map(([href, label]) => (
          <Link
            key={href}
            href={href}
            aria-current={current === href ? 'page' : undefined}
            className={current === href ? 'font-semibold text-slate-900' : 'text-brand-600 hover:underline'}
          >
            {label}
          </Link>
        ))}
    </nav>
  )
}
