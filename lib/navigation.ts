import { can, type Action, type Subject } from '@/lib/access/permissions'
import type { MessageKey } from '@/lib/i18n/core'
import type { RegionLevel } from '@/lib/access/roles'

/** The sections of the navigation, in the order they show; each has a heading (nav.groups.*). */
export const NAVIGATION_GROUPS = ['start', 'work', 'register', 'services', 'reports', 'assessment', 'system'] as const
export type NavigationGroup = (typeof NAVIGATION_GROUPS)[number]

export interface NavigationItem {
  href: string
  label: MessageKey
  group: NavigationGroup
  /** the permission it needs, or a list of which any one will do */
  permission?: Action | readonly Action[]
  /** only for users whose region is at one of these levels */
  levels?: readonly RegionLevel[]
}

/** The application's sections. A later module adds its entry here with the permission it needs. */
export const NAVIGATION: NavigationItem[] = [
  { href: '/', label: 'nav.home', group: 'start' },
  // whoever may view reports or the register of their region (every role but the administrator)
  { href: '/dashboard', label: 'nav.dashboard', permission: 'dashboard.view', group: 'start' },
  // everything waiting for the user, from every module (issue 13); its count shows beside it
  { href: '/inbox', label: 'nav.inbox', group: 'start' },
  { href: '/register', label: 'nav.register', permission: 'register.view', group: 'register' },
  { href: '/register/migrants', label: 'migration.title', permission: 'register.view', group: 'register' },
  { href: '/register/review', label: 'nav.review', permission: 'register.review', group: 'register' },
  // villages see and fix the findings of their own village; townships also assign and close them
  { href: '/register/quality', label: 'quality.title', permission: 'register.edit', group: 'register' },
  { href: '/register/import', label: 'imports.title', permission: 'register.edit', group: 'register' },
  { href: '/services', label: 'services.title', permission: 'service.view', group: 'services' },
  { href: '/services/activities', label: 'services.activity.title', permission: 'service.view', group: 'services' },
  // 药具: the stations' stock and the monthly ledger (lib/services/supplies)
  { href: '/services/supplies', label: 'supplies.title', permission: 'supply.view', group: 'services' },
  { href: '/services/supplies/ledger', label: 'supplies.ledger.title', permission: 'supply.view', group: 'services' },
  { href: '/services/stations', label: 'stations.title', permission: ['service.view', 'service.station.manage'], group: 'services' },
  {
    href: '/services/childcare',
    label: 'stations.childcare.title',
    permission: ['service.childcare', 'service.view'],
    levels: ['COUNTY', 'TOWNSHIP'],
    group: 'services',
  },
  { href: '/services/catalogue', label: 'services.catalogue.title', permission: 'service.catalogue', group: 'services' },
  // benefits: applications, notices, beneficiaries and outreach; programs are the county administrator's
  { href: '/benefits', label: 'benefits.title', permission: 'benefit.view', group: 'services' },
  { href: '/benefits/programs', label: 'benefits.programs.title', permission: 'benefit.configure', group: 'services' },
  { href: '/reports', label: 'reports.title', permission: 'report.view', group: 'reports' },
  // the county watches its townships' submissions; the settings are the county administrator's
  { href: '/reports/timeliness', label: 'reports.timelinessPage.title', permission: 'report.monitor', group: 'reports' },
  { href: '/reports/settings', label: 'reports.settings.title', permission: 'report.configure', group: 'reports' },
  // the county ranks its townships; a township sees its own place once a run is published
  { href: '/assessment', label: 'assessment.title', permission: 'assessment.view', group: 'assessment' },
  { href: '/assessment/runs', label: 'assessment.runs.title', permission: 'assessment.run', group: 'assessment' },
  { href: '/assessment/values', label: 'assessment.values.title', permission: 'assessment.run', group: 'assessment' },
  { href: '/assessment/schemes', label: 'assessment.schemes.title', permission: 'assessment.configure', group: 'assessment' },
  // inspections and their rectification ledger; a township works on its own items once the round is published
  { href: '/assessment/inspections', label: 'inspections.title', permission: 'assessment.inspect', group: 'assessment' },
  { href: '/assessment/inspections/rectifications', label: 'inspections.rectifications.title', permission: 'assessment.rectify', group: 'assessment' },
  { href: '/assessment/samples', label: 'inspections.samples.title', permission: 'assessment.sample', group: 'assessment' },
  // tasks and agreements (work), complaints and inquiries (cases)
  { href: '/work', label: 'work.title', permission: 'work.view', group: 'work' },
  { href: '/work/agreements', label: 'work.agreement.title', permission: 'work.view', group: 'work' },
  { href: '/work/settings', label: 'work.settings.title', permission: 'work.configure', group: 'work' },
  { href: '/cases', label: 'cases.title', permission: 'case.view', group: 'work' },
  { href: '/cases/departments', label: 'cases.departments.title', permission: 'case.departments', group: 'work' },
  { href: '/regions', label: 'nav.regions', permission: 'region.view', group: 'system' },
  { href: '/users', label: 'nav.users', permission: 'user.view', group: 'system' },
  { href: '/audit', label: 'nav.audit', permission: 'audit.view', group: 'system' },
]

/** The sections a user may open, in navigation order (grouped). */
export function navigationFor(user: Subject): NavigationItem[] {
  const allowed = NAVIGATION.filter((item) => {
    if (!item.permission) return true
    const any = typeof item.permission === 'string' ? [item.permission] : item.permission
    if (item.levels && !item.levels.includes(user.regionLevel)) return false
    return any.some((p) => can(user, p))
  })
  return NAVIGATION_GROUPS.flatMap((group) => allowed.filter((item) => item.group === group))
}

/** The same, as headed sections; a section the user has nothing in is left out. */
export function navigationSectionsFor(user: Subject): { group: NavigationGroup; items: NavigationItem[] }[] {
  const items = navigationFor(user)
  return NAVIGATION_GROUPS.map((group) => ({ group, items: items.filter((item) => item.group === group) })).filter((s) => s.items.length > 0)
}
