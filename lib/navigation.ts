import { can, type Action, type Subject } from '@/lib/access/permissions'
import type { MessageKey } from '@/lib/i18n/core'

export interface NavigationItem {
  href: string
  label: MessageKey
  permission?: Action
}

/** The application's sections. A later module adds its entry here with the permission it needs. */
export const NAVIGATION: NavigationItem[] = [
  { href: '/', label: 'nav.home' },
  // whoever may view reports or the register of their region (every role but the administrator)
  { href: '/dashboard', label: 'nav.dashboard', permission: 'dashboard.view' },
  { href: '/register', label: 'nav.register', permission: 'register.view' },
  { href: '/register/migrants', label: 'migration.title', permission: 'register.view' },
  { href: '/register/review', label: 'nav.review', permission: 'register.review' },
  // villages see and fix the findings of their own village; townships also assign and close them
  { href: '/register/quality', label: 'quality.title', permission: 'register.edit' },
  { href: '/register/import', label: 'imports.title', permission: 'register.edit' },
  { href: '/services', label: 'services.title', permission: 'service.view' },
  { href: '/services/activities', label: 'services.activity.title', permission: 'service.view' },
  { href: '/services/catalogue', label: 'services.catalogue.title', permission: 'service.catalogue' },
  { href: '/reports', label: 'reports.title', permission: 'report.view' },
  // the county watches its townships' submissions; the settings are the county administrator's
  { href: '/reports/timeliness', label: 'reports.timelinessPage.title', permission: 'report.monitor' },
  { href: '/reports/settings', label: 'reports.settings.title', permission: 'report.configure' },
  // the county ranks its townships; a township sees its own place once a run is published
  { href: '/assessment', label: 'assessment.title', permission: 'assessment.view' },
  { href: '/assessment/runs', label: 'assessment.runs.title', permission: 'assessment.run' },
  { href: '/assessment/values', label: 'assessment.values.title', permission: 'assessment.run' },
  { href: '/assessment/schemes', label: 'assessment.schemes.title', permission: 'assessment.configure' },
  { href: '/regions', label: 'nav.regions', permission: 'region.view' },
  { href: '/users', label: 'nav.users', permission: 'user.view' },
  { href: '/audit', label: 'nav.audit', permission: 'audit.view' },
]

/** The sections a user may open. */
export function navigationFor(user: Subject): NavigationItem[] {
  return NAVIGATION.filter((item) => !item.permission || can(user, item.permission))
}
