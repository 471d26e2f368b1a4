import type { Action } from '@/lib/access/permissions'
import type { MessageKey } from '@/lib/i18n/core'

/** The application's sections. A later module adds its entry here with the permission it needs. */
export const NAVIGATION: { href: string; label: MessageKey; permission?: Action }[] = [
  { href: '/', label: 'nav.home' },
  { href: '/register', label: 'nav.register', permission: 'register.view' },
  { href: '/register/migrants', label: 'migration.title', permission: 'register.view' },
  { href: '/register/review', label: 'nav.review', permission: 'register.review' },
  // villages see and fix the findings of their own village; townships also assign and close them
  { href: '/register/quality', label: 'quality.title', permission: 'register.edit' },
  { href: '/register/import', label: 'imports.title', permission: 'register.edit' },
  { href: '/regions', label: 'nav.regions', permission: 'region.view' },
  { href: '/users', label: 'nav.users', permission: 'user.view' },
  { href: '/audit', label: 'nav.audit', permission: 'audit.view' },
]
