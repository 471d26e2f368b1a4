import type { RegionLevel, Role } from './roles'

// The one place that decides what a role may do and where. Pages, actions and queries ask
// can(...) and use regionScope(...) for reads; nothing else grants access.

export const ACTIONS = [
  'region.view',
  'region.manage',
  /** create the county's townships and villages from the national division list (an empty county only) */
  'region.setup',
  /** record a region change over time (split, merger, rename, village moved): the county's administrator */
  'region.change',
  'user.view',
  'user.manage',
  'audit.view',
  /** the population register: search, person and household pages */
  'register.view',
  /** enter households, people and life events */
  'register.edit',
  /** see a full ID number (a deliberate, audited click) */
  'register.revealId',
  /**
   * export residents' rows (.xlsx): only the roles that maintain the register. Others export
   * aggregates (reports), not people, though they may open a person when their work needs it.
   */
  'register.export',
  /** township monthly review of village changes, and the data-quality queue */
  'register.review',
  /** statistical reports: live figures of the user's region, and the reports of its units */
  'report.view',
  /** prepare the unit's report (a township's staff; the county's officials for the county report) */
  'report.prepare',
  /** sign a report as preparer, statistician or unit head (which role, rules.SIGNER_ROLES decides) and submit it */
  'report.sign',
  /** approve or return township reports */
  'report.approve',
  /** report settings (statistical year, deadlines) and unlocking approved periods */
  'report.configure',
  /** the reports of one's own unit (a township's or the county's): which are due and where they stand */
  'report.unit',
  /** the county's watch over its townships' reports: who reported what and when */
  'report.monitor',
  /** services: coverage figures of the region and the non-sensitive service records behind them */
  'service.view',
  /** record services for people and group activities (which types, rules.recordableTypes decides) */
  'service.record',
  /**
   * sensitive services (reproductive health): record them and see them, only in one's own township.
   * Nobody else sees such a record, by id, list or export; aggregates shown to others keep the
   * small-cell rule (services/rules.ts).
   */
  'service.sensitive',
  /** the county's service catalogue */
  'service.catalogue',
  /** flag a household as a special family (计生特殊家庭) and name its two contacts */
  'service.families',
  /** the supplies ledger (药具): stock, expiry warnings, movements and the monthly ledger of the user's stations */
  'supply.view',
  /** give out supplies and count them (stocktake) at a station of the user's region: a village officer at their room */
  'supply.dispense',
  /** a township's stock: transfers from its station to its village rooms, write-offs */
  'supply.manage',
  /** the county's supplies: the item catalogue and the allocations (receipts) to its township stations */
  'supply.allocate',
  /**
   * the stations registry (服务站/服务室) and their standardisation checks: a township's staff and
   * administrator for their township, the county's administrator for all
   */
  'service.station.manage',
  /** the childcare institutions (托育机构) of a township: its staff and administrator, the county's administrator */
  'service.childcare',
  /** assessment schemes: create, edit (a new version), import and export (the county administrator) */
  'assessment.configure',
  /** enter indicator values, run a scheme, enter adjustments and vetoes on a run, publish it (county officials) */
  'assessment.run',
  /** rankings and "why" pages: the county all townships; a township its own place, once published */
  'assessment.view',
  /** inspections: score the townships of one's team, open rectification items, close them out (销号) or refuse (inspectors, county officials) */
  'assessment.inspect',
  /** the township's rectification items: enter the measures taken and the evidence (township staff and leaders) */
  'assessment.rectify',
  /** sample verification (抽样核查): draw a township's sample and record what was found on site */
  'assessment.sample',
  /** agreements and task lists: one's own region's (received) and those one's unit issued */
  'work.view',
  /** annual responsibility agreements (目标管理责任书) with the units below: write, attach the signed scan, enter progress */
  'work.agreement.manage',
  /** issue tasks to the units below (and named staff in scope) and check their completion */
  'work.task.assign',
  /** report a task of one's region (or one's own) done, with evidence */
  'work.task.report',
  /** complaints and inquiries (来电来信来访) of one's region */
  'case.view',
  /** receive a case (首问负责: the receiver stays responsible) and assign it */
  'case.receive',
  /** answer a case assigned to one's region, and close it with the resident's satisfaction */
  'case.handle',
  /** the county's list of departments cases can be assigned to */
  'case.departments',
  /** the county's work settings: how many working days before a task's due date it warns */
  'work.configure',
  /** benefit programs: the list, applications, enrollments and outreach lists of the region */
  'benefit.view',
  /** benefit programs, their rules, categories and standards (the county administrator) */
  'benefit.configure',
  /** apply for a resident (申报): the village officer, or the township for its villages */
  'benefit.apply',
  /** the township's steps: 受理 调查 评议 公示, objections, confirming exits */
  'benefit.process',
  /** 复核 审批 录入 at the program's approving level (the county's officials) */
  'benefit.approve',
  /** the dashboards of one's region and the regions below it: whoever may view reports or the register there */
  'dashboard.view',
] as const
export type Action = (typeof ACTIONS)[number]

/** An action a role holds only when the user's region is at one of `levels`. */
interface LevelGrant {
  action: Action
  levels: readonly RegionLevel[]
}
type Grant = Action | LevelGrant

const at = (levels: readonly RegionLevel[], ...actions: Action[]): LevelGrant[] => actions.map((action) => ({ action, levels }))
const UNITS = ['TOWNSHIP', 'COUNTY'] as const

// Administrators look after accounts and regions, not residents: they get no register access.
// Full ID numbers only for the roles that enter and verify them. A grant with levels holds only for
// users whose region is at one of them (an administrator of a township configures no reports);
// ROLE_REGION_LEVELS already keeps most roles at one level, the grants say where it matters.
const GRANTS: Record<Role, readonly Grant[]> = {
  VILLAGE_OFFICER: [
    'dashboard.view',
    'register.view',
    'register.edit',
    'register.revealId',
    'register.export',
    'report.view',
    'service.view',
    'service.record',
    'work.view',
    'work.task.report',
    ...at(['VILLAGE'], 'supply.view', 'supply.dispense'),
    'benefit.view',
    'benefit.apply',
  ],
  TOWNSHIP_STAFF: [
    'dashboard.view',
    'region.view',
    'register.view',
    'register.edit',
    'register.revealId',
    'register.export',
    'register.review',
    'report.view',
    ...at(UNITS, 'report.prepare', 'report.unit'),
    'report.sign',
    'service.view',
    'service.families',
    'service.station.manage',
    'service.childcare',
    'assessment.view',
    ...at(['TOWNSHIP'], 'assessment.rectify'),
    'work.view',
    ...at(UNITS, 'work.task.assign'),
    'work.task.report',
    'case.view',
    ...at(UNITS, 'case.receive'),
    'case.handle',
    ...at(['TOWNSHIP'], 'supply.view', 'supply.dispense', 'supply.manage'),
    'benefit.view',
    ...at(['TOWNSHIP'], 'benefit.apply', 'benefit.process'),
  ],
  TOWNSHIP_LEADER: [
    'dashboard.view',
    'region.view',
    'register.view',
    'report.view',
    ...at(UNITS, 'report.unit'),
    'report.sign',
    'service.view',
    'assessment.view',
    ...at(['TOWNSHIP'], 'assessment.rectify'),
    'work.view',
    ...at(UNITS, 'work.agreement.manage', 'work.task.assign'),
    'work.task.report',
    'case.view',
    'case.handle',
    ...at(['TOWNSHIP'], 'supply.view'),
    'benefit.view',
    // a program approved at the township level is approved by its leader
    ...at(['TOWNSHIP'], 'benefit.approve'),
  ],
  COUNTY_OFFICIAL: [
    'dashboard.view',
    'region.view',
    'register.view',
    'report.view',
    ...at(UNITS, 'report.prepare', 'report.unit'),
    'report.sign',
    ...at(
      ['COUNTY'],
      'report.approve',
      'report.monitor',
      'assessment.run',
      'assessment.view',
      'assessment.inspect',
      'assessment.sample',
      'supply.view',
      'supply.allocate',
      'benefit.approve',
    ),
    'service.view',
    'work.view',
    ...at(UNITS, 'work.agreement.manage', 'work.task.assign'),
    'case.view',
    ...at(UNITS, 'case.receive'),
    'case.handle',
    'benefit.view',
  ],
  ADMIN: [
    'region.view',
    'region.manage',
    'user.view',
    'user.manage',
    'audit.view',
    'service.station.manage',
    'service.childcare',
    ...at(
      ['COUNTY'],
      'region.setup',
      'report.configure',
      'region.change',
      'service.catalogue',
      'assessment.configure',
      'assessment.view',
      'case.departments',
      'work.configure',
      // programs, not people: an administrator sees no application
      'benefit.configure',
    ),
  ],
  INSPECTOR: [
    'dashboard.view',
    'region.view',
    'register.view',
    'report.view',
    ...at(UNITS, 'report.unit'),
    ...at(['COUNTY'], 'report.monitor', 'assessment.view', 'assessment.inspect', 'assessment.sample'),
    'service.view',
  ],
  // 服务站人员: deliver services in their township, the sensitive ones included; they open a
  // person's page to record a service but do not edit the register
  TOWNSHIP_SERVICE_STAFF: [
    'dashboard.view',
    'region.view',
    'register.view',
    'service.view',
    ...at(['TOWNSHIP'], 'service.record', 'service.sensitive', 'supply.view', 'supply.dispense', 'supply.manage'),
    'service.families',
  ],
}

/** Who is asking: enough of the signed-in user to decide. */
export interface Subject {
  id: number
  role: Role
  regionId: number
  /** the level of the user's region: some grants hold only at some levels */
  regionLevel: RegionLevel
}

/** Where: a region with the ids of all its ancestors. */
export interface RegionRef {
  id: number
  ancestorIds: readonly number[]
}

/** A user sees their own region and everything below it, nothing else. */
export function inScope(subject: Subject, region: RegionRef): boolean {
  return region.id === subject.regionId || region.ancestorIds.includes(subject.regionId)
}

/** May `subject` do `action` (in `region`, when the action concerns one)? */
export function can(subject: Subject, action: Action, region?: RegionRef): boolean {
  const granted = GRANTS[subject.role].some((g) => (typeof g === 'string' ? g === action : g.action === action && g.levels.includes(subject.regionLevel)))
  if (!granted) return false
  return region === undefined || inScope(subject, region)
}

/** Prisma filter for the Region model: the subject's region and every region below it. */
export function regionScope(subject: Subject) {
  return { OR: [{ id: subject.regionId }, { ancestorIds: { has: subject.regionId } }] }
}

/** Prisma filter for any model with a `region` relation, scoped like regionScope. */
export function scopeWhere(subject: Subject) {
  return { region: regionScope(subject) }
}

/**
 * Filter for register rows (households, people, events, findings), which carry the ids of their
 * county, township, village and group: one indexed equality at the subject's own level.
 */
export function registerScope(subject: Subject): { countyId: number } | { townshipId: number } | { villageId: number } | { groupId: number } {
  switch (subject.regionLevel) {
    case 'COUNTY':
      return { countyId: subject.regionId }
    case 'TOWNSHIP':
      return { townshipId: subject.regionId }
    case 'VILLAGE':
      return { villageId: subject.regionId }
    case 'GROUP':
      return { groupId: subject.regionId }
  }
}

/** Whether a register row (its county, township, village and group ids) is in the subject's region: registerScope as a test. */
export function inRegisterScope(subject: Subject, row: { countyId: number; townshipId: number; villageId: number; groupId: number | null }): boolean {
  const [column, id] = Object.entries(registerScope(subject))[0] as [keyof typeof row, number]
  return row[column] === id
}
