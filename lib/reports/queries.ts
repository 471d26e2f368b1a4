import 'server-only'
import { validOn } from '@/lib/regions/history-rules'
import { listPeriodLocks } from '@/lib/periods/locks'
import type { Prisma, ReportKind, ReportStatus, SignRole } from '@/lib/generated/prisma/client'
import { db } from '@/lib/server/db'
import { can, type Subject } from '@/lib/access/permissions'
import type { SessionUser } from '@/lib/server/session'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import { todayIso, toIso } from '@/lib/dates'
import { regionSearchKeys } from '@/lib/regions/search-keys'
import { childRegions, existingRegion, regionInScope, regionNames, townshipsValidDuring } from '@/lib/regions/lookups'
import type { FigureScope } from './figures'
import {
  annualisationFactor,
  deadlineOf,
  isReturned,
  nextSignRole,
  REPORT_KINDS,
  reportAbilities,
  submissionRates,
  submissionTimeliness,
  type ReportSettingsValues,
  type SignRole as SignRoleName,
  type SubmissionTimeliness,
} from './rules'
import { hasEnded, latestEndedPeriod, periodOf, periodsOfStatYear, storedPeriod, type Period } from '@/lib/periods/rules'
import { registerSnapshot, type Snapshot } from './snapshot'
import { countyOf, reportScope, reportSettings } from './scope'

// Report reads, each limited to the user's region: a township sees its own reports, the county
// sees its townships' and its own, a village sees only live figures of its village.

export const REPORT_PAGE_SIZE = 20

export async function settingsFor(user: SessionUser): Promise<ReportSettingsValues & { version: number }> {
  const countyId = countyOf({ id: user.regionId, level: user.regionLevel, ancestorIds: user.regionAncestorIds })
  const row = await db.reportSettings.findUnique({ where: { countyId } })
  return row ? { ...row, version: row.version } : { ...(await reportSettings(db, countyId)), version: 0 }
}

export interface ReportRow {
  id: number
  regionName: string
  level: 'COUNTY' | 'TOWNSHIP'
  kind: ReportKind
  periodKey: string
  periodStart: string
  periodEnd: string
  deadline: string
  status: ReportStatus
  /** returned by the county and not yet resubmitted */
  returned: boolean
  firstSubmittedOn: string | null
  timeliness: SubmissionTimeliness
}

/** China-time date of a timestamp. */
const dateOf = (at: Date | null) => (at ? todayIso(at) : null)

/** The list's status filter: the statuses as people read them (returned is a draft sent back; the county's own submission is final). */
export const LIST_STATUSES = ['DRAFT', 'RETURNED', 'SUBMITTED', 'SUBMITTED_COUNTY', 'APPROVED'] as const
export type ListStatus = (typeof LIST_STATUSES)[number]

const STATUS_WHERE: Record<ListStatus, Prisma.ReportSubmissionWhereInput> = {
  DRAFT: { status: 'DRAFT', firstSubmittedAt: null },
  RETURNED: { status: 'DRAFT', firstSubmittedAt: { not: null } },
  SUBMITTED: { status: 'SUBMITTED', level: 'TOWNSHIP' },
  SUBMITTED_COUNTY: { status: 'SUBMITTED', level: 'COUNTY' },
  APPROVED: { status: 'APPROVED' },
}

export interface ReportListFilter {
  page: number
  kind?: ReportKind
  status?: ListStatus
  /** a unit (the county or one of its townships); only within the user's own reports */
  regionId?: number
  periodKey?: string
}

export async function listReports(user: SessionUser, filter: ReportListFilter, today = todayIso()): Promise<Page<ReportRow>> {
  const where: Prisma.ReportSubmissionWhereInput = {
    AND: [
      reportScope(user),
      filter.kind ? { kind: filter.kind } : {},
      filter.status ? STATUS_WHERE[filter.status] : {},
      filter.regionId ? { regionId: filter.regionId } : {},
      filter.periodKey ? { periodKey: filter.periodKey } : {},
    ],
  }
  const args = pageArgs(filter.page, REPORT_PAGE_SIZE)
  const [rows, total] = await Promise.all([
    db.reportSubmission.findMany({
      where,
      orderBy: [{ periodEnd: 'desc' }, { kind: 'asc' }, { level: 'asc' }, { regionId: 'asc' }],
      select: {
        id: true,
        regionId: true,
        level: true,
        kind: true,
        periodKey: true,
        periodStart: true,
        periodEnd: true,
        deadline: true,
        status: true,
        firstSubmittedAt: true,
      },
      ...args,
    }),
    db.reportSubmission.count({ where }),
  ])
  const names = await regionNames(
    db,
    rows.map((r) => r.regionId),
  )
  return toPage(
    rows.map((r) => ({
      id: r.id,
      regionName: names.get(r.regionId) ?? '',
      level: r.level === 'COUNTY' ? 'COUNTY' : 'TOWNSHIP',
      kind: r.kind,
      periodKey: r.periodKey,
      periodStart: toIso(r.periodStart),
      periodEnd: toIso(r.periodEnd),
      deadline: toIso(r.deadline),
      status: r.status,
      returned: isReturned(r),
      firstSubmittedOn: dateOf(r.firstSubmittedAt),
      timeliness: submissionTimeliness(toIso(r.deadline), dateOf(r.firstSubmittedAt), today),
    })),
    total,
    filter.page,
    REPORT_PAGE_SIZE,
  )
}

export interface ReportDetail {
  id: number
  version: number
  countyId: number
  regionId: number
  regionName: string
  regionCode: string
  level: 'COUNTY' | 'TOWNSHIP'
  kind: ReportKind
  period: Period
  deadline: string
  status: ReportStatus
  round: number
  analysis: string
  figures: Snapshot
  /** for rates: days of the statistical year over days of the period */
  factor: number
  computedAt: Date
  firstSubmittedAt: Date | null
  submittedAt: Date | null
  approvedAt: Date | null
  /** this round's signatures, in signing order */
  signOffs: { role: SignRole; userId: number; userName: string; signedAt: Date }[]
  nextSignRole: SignRole | null
  /** the latest return's comment while the report is back in draft */
  returnComment: string | null
  history: { action: string; round: number; userName: string; comment: string | null; at: Date }[]
  locks: { id: number; from: string; to: string; lockedAt: Date; unlockedAt: Date | null; unlockReason: string | null }[]
  timeliness: SubmissionTimeliness
}

/** A report in the user's region, or null: read through reportScope, so missing and forbidden look the same. */
export async function getReport(user: Subject, reportId: number, today = todayIso()): Promise<ReportDetail | null> {
  const report = await db.reportSubmission.findFirst({
    where: { id: reportId, ...reportScope(user) },
    include: {
      signOffs: { orderBy: { signedAt: 'asc' } },
      history: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      locks: { orderBy: { lockedAt: 'asc' } },
    },
  })
  if (!report) return null
  const region = await existingRegion(db, report.regionId)
  const settings = await reportSettings(db, report.countyId)
  const period = storedPeriod({ kind: report.kind, periodKey: report.periodKey, start: toIso(report.periodStart), end: toIso(report.periodEnd) }, settings)
  const signOffs = report.signOffs.filter((s) => s.round === report.round)
  const returned = isReturned(report)
  const lastReturn = returned ? [...report.history].reverse().find((h) => h.action === 'return') : undefined
  return {
    id: report.id,
    version: report.version,
    countyId: report.countyId,
    regionId: region.id,
    regionName: region.name,
    regionCode: region.code,
    level: report.level === 'COUNTY' ? 'COUNTY' : 'TOWNSHIP',
    kind: report.kind,
    period,
    deadline: toIso(report.deadline),
    status: report.status,
    round: report.round,
    analysis: report.analysis,
    figures: report.figures as unknown as Snapshot,
    factor: annualisationFactor(period, settings),
    computedAt: report.computedAt,
    firstSubmittedAt: report.firstSubmittedAt,
    submittedAt: report.submittedAt,
    approvedAt: report.approvedAt,
    signOffs: signOffs.map((s) => ({ role: s.role, userId: s.userId, userName: s.userName, signedAt: s.signedAt })),
    nextSignRole: report.status === 'DRAFT' ? nextSignRole(signOffs) : null,
    returnComment: lastReturn?.comment ?? null,
    history: report.history.map((h) => ({ action: h.action, round: h.round, userName: h.userName, comment: h.comment, at: h.at })),
    locks: report.locks.map((l) => ({
      id: l.id,
      from: toIso(l.fromDate),
      to: toIso(l.toDate),
      lockedAt: l.lockedAt,
      unlockedAt: l.unlockedAt,
      unlockReason: l.unlockReason,
    })),
    timeliness: submissionTimeliness(toIso(report.deadline), dateOf(report.firstSubmittedAt), today),
  }
}

/**
 * Live figures of a region in the user's scope (a village, a township, or the whole county straight
 * from the register) for an ended period; null when the region or period is not theirs to see.
 */
export async function liveFigures(
  user: SessionUser,
  regionId: number,
  kind: ReportKind,
  periodKey: string,
  today = todayIso(),
): Promise<{ period: Period; figures: Snapshot; factor: number; region: { id: number; name: string; level: string } } | null> {
  const found = await regionInScope(db, user, regionId)
  if (!found || found.level === 'GROUP') return null
  const region = { id: found.id, name: found.name, level: found.level, ancestorIds: found.ancestorIds }
  const countyId = countyOf(region)
  const settings = await reportSettings(db, countyId)
  const period = periodOf(kind, periodKey, settings)
  if (!period || !hasEnded(period, today)) return null
  const scope: FigureScope = { level: region.level as FigureScope['level'], regionId: region.id, countyId }
  return { period, figures: await registerSnapshot(db, scope, period), factor: annualisationFactor(period, settings), region }
}

/** The ended periods a unit can report on, newest first (for the prepare form): two statistical years. */
export function reportablePeriods(settings: ReportSettingsValues, today = todayIso()): Record<ReportKind, Period[]> {
  const out = { MONTHLY: [], HALF_YEAR: [], ANNUAL: [] } as Record<ReportKind, Period[]>
  const latest = latestEndedPeriod('ANNUAL', today, settings).statYear + 1
  for (const year of [latest, latest - 1, latest - 2]) {
    for (const period of periodsOfStatYear(year, settings)) if (hasEnded(period, today)) out[period.kind].push(period)
  }
  for (const kind of REPORT_KINDS) out[kind].sort((a, b) => (a.end < b.end ? 1 : -1))
  return out
}

// ------------------------------------------------------------------ timeliness (county)

export interface TimelinessCell {
  periodKey: string
  kind: ReportKind
  deadline: string
  timeliness: SubmissionTimeliness
  firstSubmittedOn: string | null
  status: ReportStatus | null
  reportId: number | null
}

export interface TimelinessOverview {
  statYear: number
  periods: (Period & { deadline: string })[]
  townships: { id: number; name: string; cells: TimelinessCell[]; rates: ReturnType<typeof submissionRates> }[]
  /** per period, over the townships */
  periodRates: ReturnType<typeof submissionRates>[]
  overall: ReturnType<typeof submissionRates>
}

/**
 * For each period of a statistical year and each township: on time, late, missing or not yet due,
 * with the first submission date; reporting and on-time rates per period, per township and overall.
 */
export async function timelinessOverview(countyId: number, statYear: number, today = todayIso()): Promise<TimelinessOverview> {
  const settings = await reportSettings(db, countyId)
  const periods = periodsOfStatYear(statYear, settings).map((p) => ({ ...p, deadline: deadlineOf(p, settings) }))
  const [townships, submissions] = await Promise.all([
    // the townships valid at some time in the year, those a region change ended included (decision 0011)
    townshipsValidDuring(
      db,
      countyId,
      periods.reduce((m, p) => (p.start < m ? p.start : m), periods[0].start),
      periods.reduce((m, p) => (p.end > m ? p.end : m), periods[0].end),
    ),
    db.reportSubmission.findMany({
      where: { countyId, level: 'TOWNSHIP', periodKey: { in: periods.map((p) => p.key) } },
      select: { id: true, regionId: true, kind: true, periodKey: true, deadline: true, firstSubmittedAt: true, status: true },
    }),
  ])
  const byKey = new Map(submissions.map((s) => [`${s.regionId}/${s.kind}/${s.periodKey}`, s]))
  const rows = townships.map((t) => {
    const cells = periods.map((p): TimelinessCell => {
      const s = byKey.get(`${t.id}/${p.kind}/${p.key}`)
      const deadline = s ? toIso(s.deadline) : p.deadline
      const first = s ? dateOf(s.firstSubmittedAt) : null
      // a township that was not a region on the period's last day owed no report for it
      const owed = validOn({ validFrom: t.validFrom && toIso(t.validFrom), validTo: t.validTo && toIso(t.validTo) }, p.end)
      return {
        periodKey: p.key,
        kind: p.kind,
        deadline,
        timeliness: !s && !owed ? 'NOT_DUE' : submissionTimeliness(deadline, first, today),
        firstSubmittedOn: first,
        status: s?.status ?? null,
        reportId: s?.id ?? null,
      }
    })
    return { id: t.id, name: t.name, cells, rates: submissionRates(cells.map((c) => c.timeliness)) }
  })
  const periodRates = periods.map((_, i) => submissionRates(rows.map((r) => r.cells[i].timeliness)))
  return { statYear, periods, townships: rows, periodRates, overall: submissionRates(rows.flatMap((r) => r.cells.map((c) => c.timeliness))) }
}

// ------------------------------------------------------------------ home page

export interface DueReport {
  kind: ReportKind
  period: Period
  deadline: string
  status: ReportStatus | null
  returned: boolean
  reportId: number | null
  timeliness: SubmissionTimeliness
}

/** A township's most recent reportable period of each kind, with its deadline and where it stands. */
export async function dueReports(user: SessionUser, today = todayIso()): Promise<DueReport[]> {
  if (!can(user, 'report.unit')) return []
  const settings = await reportSettings(db, countyOf({ id: user.regionId, level: user.regionLevel, ancestorIds: user.regionAncestorIds }))
  const periods = REPORT_KINDS.map((kind) => latestEndedPeriod(kind, today, settings))
  const submissions = await db.reportSubmission.findMany({
    where: { regionId: user.regionId, OR: periods.map((p) => ({ kind: p.kind, periodKey: p.key })) },
    select: { id: true, kind: true, periodKey: true, deadline: true, status: true, firstSubmittedAt: true },
  })
  return periods.map((period) => {
    const s = submissions.find((x) => x.kind === period.kind && x.periodKey === period.key)
    const deadline = s ? toIso(s.deadline) : deadlineOf(period, settings)
    return {
      kind: period.kind,
      period,
      deadline,
      status: s?.status ?? null,
      returned: !!s && isReturned(s),
      reportId: s?.id ?? null,
      timeliness: submissionTimeliness(deadline, s ? dateOf(s.firstSubmittedAt) : null, today),
    }
  })
}

/** Township reports waiting for the county's decision. */
export async function awaitingReview(user: SessionUser): Promise<number> {
  if (!can(user, 'report.approve')) return 0
  return db.reportSubmission.count({ where: { countyId: user.regionId, level: 'TOWNSHIP', status: 'SUBMITTED' } })
}

export interface ReportTask {
  id: number
  kind: ReportKind
  period: Period
  /** the role the user may sign as now */
  signAs: SignRoleName | null
  submit: boolean
  /** the county's comment, when the report was returned */
  returnComment: string | null
  /** yyyy-mm-dd: when the report is due at the county */
  deadline: string
}

export interface ReportWork {
  /** the latest ended periods the unit has not prepared yet (for users who prepare) */
  toPrepare: DueReport[]
  /** the unit's drafts in which the user has something to do: sign, submit, or fix what the county returned */
  tasks: ReportTask[]
  /** township reports waiting for the county's decision (for users who decide) */
  awaiting: number
}

/**
 * What waits for the user among reports: what to prepare, sign, submit or fix, and what to
 * approve. The same rule as the report page (reportAbilities) decides what the user may do.
 */
export async function reportWork(user: SessionUser, today = todayIso()): Promise<ReportWork> {
  if (!can(user, 'report.unit')) return { toPrepare: [], tasks: [], awaiting: 0 }
  const [due, drafts, awaiting] = await Promise.all([
    can(user, 'report.prepare') ? dueReports(user, today) : Promise.resolve([]),
    db.reportSubmission.findMany({
      where: { regionId: user.regionId, status: 'DRAFT' },
      include: {
        signOffs: { select: { role: true, userId: true, round: true } },
        history: { where: { action: 'return' }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 1, select: { comment: true } },
      },
      orderBy: [{ periodEnd: 'desc' }, { kind: 'asc' }],
    }),
    can(user, 'report.approve') ? awaitingReview(user) : Promise.resolve(0),
  ])
  const settings = drafts.length > 0 ? await reportSettings(db, drafts[0].countyId) : null
  const tasks: ReportTask[] = []
  for (const d of drafts) {
    const may = reportAbilities(user, { ...d, signOffs: d.signOffs.filter((s) => s.round === d.round) })
    const returnComment = isReturned(d) && (can(user, 'report.prepare') || can(user, 'report.sign')) ? (d.history[0]?.comment ?? '') : null
    if (!may.sign && !may.submit && returnComment === null) continue
    const period = storedPeriod({ kind: d.kind, periodKey: d.periodKey, start: toIso(d.periodStart), end: toIso(d.periodEnd) }, settings!)
    tasks.push({ id: d.id, kind: d.kind, period, signAs: may.sign, submit: may.submit, returnComment, deadline: toIso(d.deadline) })
  }
  return { toPrepare: due.filter((d) => d.reportId === null), tasks, awaiting }
}

// ------------------------------------------------------------------ locks (county administrator)

/** Newest period first; a lock keeps its place when released, so the administrator sees the result. */
export async function listLocks(user: SessionUser, page: number) {
  if (!can(user, 'report.configure')) return toPage([], 0, page, REPORT_PAGE_SIZE)
  const { rows, total } = await listPeriodLocks(db, user.regionId, pageArgs(page, REPORT_PAGE_SIZE))
  const submissions = new Map(
    (
      await db.reportSubmission.findMany({
        where: { id: { in: rows.map((r) => r.submissionId) }, countyId: user.regionId },
        select: { id: true, kind: true, periodKey: true },
      })
    ).map((r) => [r.id, r]),
  )
  const names = await regionNames(
    db,
    rows.map((r) => r.townshipId),
  )
  return toPage(
    rows.map((l) => ({
      // a lock always has its report (foreign key), in the same county
      report: submissions.get(l.submissionId) as { id: number; kind: ReportKind; periodKey: string },
      id: l.id,
      townshipName: names.get(l.townshipId) ?? '',
      from: toIso(l.fromDate),
      to: toIso(l.toDate),
      lockedAt: l.lockedAt,
      unlockedAt: l.unlockedAt,
      unlockReason: l.unlockReason,
    })),
    total,
    page,
    REPORT_PAGE_SIZE,
  )
}

// ------------------------------------------------------------------ live figures (picker)

/** The regions whose live figures the user can pick: their own and the units directly below it. */
export async function liveRegionOptions(user: SessionUser): Promise<{ id: number; name: string; level: string; keys: string[] }[]> {
  if (user.regionLevel === 'VILLAGE') return [{ id: user.regionId, name: user.regionName, level: 'VILLAGE', keys: [] }]
  if (user.regionLevel !== 'TOWNSHIP' && user.regionLevel !== 'COUNTY') return []
  const children = (await childRegions(db, user.regionId, { levels: ['TOWNSHIP', 'VILLAGE'] })).map(({ id, name, level }) => ({ id, name, level }))
  // searchable by pinyin initials in the picker: a township has 20–40 villages
  return [{ id: user.regionId, name: user.regionName, level: user.regionLevel }, ...children].map((r) => ({ ...r, keys: regionSearchKeys(r.name) }))
}

/**
 * Whether the register now gives a township's draft report different figures than it was
 * prepared with (someone entered a late event, say), so the page can suggest recomputing.
 */
export async function registerChangedSince(report: ReportDetail): Promise<boolean> {
  if (report.level !== 'TOWNSHIP' || report.status !== 'DRAFT' || report.figures.source !== 'register') return false
  const live = await registerSnapshot(db, { level: 'TOWNSHIP', regionId: report.regionId, countyId: report.countyId }, report.period)
  const keys = new Set([...Object.keys(live.total), ...Object.keys(report.figures.total)])
  return [...keys].some((k) => (live.total[k] ?? 0) !== (report.figures.total[k] ?? 0))
}
