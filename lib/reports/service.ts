import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { findPeriodLock, lockPeriod, periodLockExists, releasePeriodLock } from '@/lib/periods/locks'
import { Prisma, type ReportSubmission } from '@/lib/generated/prisma/client'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied, type Actor } from '@/lib/server/audit'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { can, type Subject } from '@/lib/access/permissions'
import type { MessageKey } from '@/lib/i18n/core'
import { toDate, todayIso, toIso } from '@/lib/dates'
import { existingRegion, lockRegion, townshipsOf } from '@/lib/regions/lookups'
import { registerSnapshot, type Snapshot } from './snapshot'
import { auditReportElsewhere, countyOf, reportScope, reportSettings } from './scope'
import { deadlineOf, nextSignRole, reportAbilities, type ReportRefusal, type ReportStep, type SignRole } from './rules'
import { hasEnded, periodOf, storedPeriod, type Period } from '@/lib/periods/rules'
import { sumCounts } from './sections'
import type { ReportSettingsInput, ReportTarget } from './schemas'

// Report writes. Each step checks the status it starts from inside its transaction (an UPDATE
// conditioned on status and version), so two people acting on one report at once cannot both
// succeed; each leaves a history entry and an audit event.

/** The county's figures: the sum of its townships' approved reports for the same period. */
async function countySnapshot(tx: Tx, countyId: number, period: Period): Promise<Snapshot> {
  const townships = await townshipsOf(tx, countyId)
  const approved = await tx.reportSubmission.findMany({
    where: { countyId, level: 'TOWNSHIP', kind: period.kind, periodKey: period.key, status: 'APPROVED' },
    select: { regionId: true, figures: true },
  })
  const byRegion = new Map(approved.map((r) => [r.regionId, r.figures as unknown as Snapshot]))
  const missing = townships.filter((t) => !byRegion.has(t.id))
  if (missing.length > 0) throw new AppError('reports.errors.townshipsNotApproved', { names: missing.map((t) => t.name).join('、') })
  const byChild = Object.fromEntries(townships.map((t) => [String(t.id), byRegion.get(t.id)!.total]))
  return { v: 1, source: 'townships', children: townships, total: sumCounts(Object.values(byChild)), byChild }
}

/** The name a history entry or a signature shows: the user's own, as their account has it now. */
async function nameOf(tx: Tx, user: Subject): Promise<string> {
  return (await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name
}

async function history(tx: Tx, report: { id: number; round: number }, user: Subject, action: string, comment?: string | null) {
  await tx.reportHistory.create({
    data: { submissionId: report.id, round: report.round, action, userId: user.id, userName: await nameOf(tx, user), comment: comment ?? null },
  })
}

function auditReport(
  tx: Tx,
  actor: Actor,
  report: Pick<ReportSubmission, 'id' | 'regionId' | 'kind' | 'periodKey'>,
  action: string,
  after?: Prisma.InputJsonObject,
) {
  return audit(tx, actor, {
    action: `report.${action}`,
    entity: 'ReportSubmission',
    entityId: report.id,
    regionId: report.regionId,
    after: { kind: report.kind, periodKey: report.periodKey, ...after },
  })
}

/**
 * A report the user may see (their unit's, or any in their region: the county sees its
 * townships'), loaded through reportScope: one outside looks missing, and the attempt is audited.
 */
async function reportInScope(tx: Tx, ctx: ServiceContext, reportId: number): Promise<ReportSubmission> {
  const report = await tx.reportSubmission.findFirst({ where: { id: reportId, ...reportScope(ctx.subject) } })
  if (!report) {
    await auditReportElsewhere(ctx, 'report.view', reportId)
    throw new NotFoundError()
  }
  return report
}

/** Moves a report on only if nobody else did since it was read. */
async function advance(tx: Tx, report: ReportSubmission, data: Prisma.ReportSubmissionUpdateManyMutationInput) {
  const updated = await tx.reportSubmission.updateMany({
    where: { id: report.id, version: report.version, status: report.status },
    data: { ...data, version: { increment: 1 } },
  })
  if (updated.count !== 1) throw new ConflictError()
}

const REFUSALS: Record<ReportRefusal, MessageKey> = {
  notDraft: 'reports.errors.notDraft',
  allSigned: 'reports.errors.allSigned',
  outOfOrder: 'reports.errors.outOfOrder',
  alreadySigned: 'reports.errors.alreadySigned',
  wrongRole: 'reports.errors.wrongRole',
  wrongUnit: 'reports.errors.wrongUnit',
  notPermitted: 'reports.errors.notYourUnit',
  notYourUnit: 'reports.errors.notYourUnit',
  signingStarted: 'reports.errors.signingStarted',
  notSigned: 'reports.errors.notSigned',
  notSubmitted: 'reports.errors.notSubmitted',
}

/** This round's signatures. */
function signOffsOf(tx: Tx, report: ReportSubmission) {
  return tx.reportSignOff.findMany({ where: { submissionId: report.id, round: report.round }, select: { role: true, userId: true } })
}

/**
 * Refuses `step` unless reportAbilities allows it: the same rule decides which buttons the report
 * page shows. A sign refusal names the role (the action pipeline translates a key).
 */
async function requireAbility(tx: Tx, user: Subject, report: ReportSubmission, step: ReportStep, signAs?: SignRole) {
  const signOffs = await signOffsOf(tx, report)
  const refusal = reportAbilities(user, { ...report, signOffs }, signAs).refusal[step]
  if (refusal === null) return signOffs
  const role = step !== 'sign' ? undefined : refusal === 'outOfOrder' ? nextSignRole(signOffs) : signAs
  throw new AppError(REFUSALS[refusal], role ? { role: `reports.signRole.${role}` } : undefined)
}

// ------------------------------------------------------------------ preparing

/** A township (or the county) prepares its report for an ended period. */
export async function prepareReport(ctx: ServiceContext, input: ReportTarget, today = todayIso()): Promise<{ reportId: number }> {
  const { actor, subject: user } = ctx
  // report.prepare is granted at township and county level only: the units that report
  if (!can(user, 'report.prepare')) throw new AppError('reports.errors.notYourUnit')
  try {
    return await db.$transaction(
      async (tx) => {
        const region = await existingRegion(tx, user.regionId)
        const countyId = countyOf(region)
        const settings = await reportSettings(tx, countyId)
        const period = periodOf(input.kind, input.periodKey, settings)
        if (!period) throw new AppError('reports.errors.badPeriod', undefined, { periodKey: 'reports.errors.badPeriod' })
        if (!hasEnded(period, today)) throw new AppError('reports.errors.future', undefined, { periodKey: 'reports.errors.future' })
        if (
          await tx.reportSubmission.findUnique({
            where: { regionId_kind_periodKey: { regionId: region.id, kind: period.kind, periodKey: period.key } },
            select: { id: true },
          })
        ) {
          throw new AppError('reports.errors.exists')
        }
        const figures =
          region.level === 'COUNTY'
            ? await countySnapshot(tx, countyId, period)
            : await registerSnapshot(tx, { level: 'TOWNSHIP', regionId: region.id, countyId }, period)
        const report = await tx.reportSubmission.create({
          data: {
            countyId,
            regionId: region.id,
            level: region.level,
            kind: period.kind,
            periodKey: period.key,
            periodStart: toDate(period.start),
            periodEnd: toDate(period.end),
            deadline: toDate(deadlineOf(period, settings)),
            figures: figures as unknown as Prisma.InputJsonObject,
            computedAt: new Date(),
            preparedById: user.id,
          },
        })
        await history(tx, report, user, 'prepare')
        await auditReport(tx, actor, report, 'prepare')
        return { reportId: report.id }
      },
      { timeout: 30_000 },
    )
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('reports.errors.exists')
    throw error
  }
}

/** Recomputes a draft's figures from the register; the signatures so far no longer apply. */
export async function recomputeReport(ctx: ServiceContext, input: { reportId: number }): Promise<void> {
  const { actor, subject: user } = ctx
  await db.$transaction(
    async (tx) => {
      const report = await reportInScope(tx, ctx, input.reportId)
      await requireAbility(tx, user, report, 'recompute')
      const settings = await reportSettings(tx, report.countyId)
      const period = storedPeriod({ kind: report.kind, periodKey: report.periodKey, start: toIso(report.periodStart), end: toIso(report.periodEnd) }, settings)
      const figures =
        report.level === 'COUNTY'
          ? await countySnapshot(tx, report.countyId, period)
          : await registerSnapshot(tx, { level: 'TOWNSHIP', regionId: report.regionId, countyId: report.countyId }, period)
      await advance(tx, report, { figures: figures as unknown as Prisma.InputJsonObject, computedAt: new Date(), round: { increment: 1 } })
      await history(tx, { id: report.id, round: report.round + 1 }, user, 'recompute')
      await auditReport(tx, actor, report, 'recompute')
    },
    { timeout: 30_000 },
  )
}

/** The written analysis (统计分析), editable until the first signature of the round. */
export async function saveAnalysis(ctx: ServiceContext, input: { reportId: number; analysis: string }): Promise<void> {
  const { actor, subject: user } = ctx
  await db.$transaction(async (tx) => {
    const report = await reportInScope(tx, ctx, input.reportId)
    await requireAbility(tx, user, report, 'analysis')
    await advance(tx, report, { analysis: input.analysis })
    await history(tx, report, user, 'analysis')
    await auditReport(tx, actor, report, 'analysis', { length: input.analysis.length })
  })
}

// ------------------------------------------------------------------ signing and submitting

/** Signs as preparer, statistician or unit head, in that order, each a different person. */
export async function signReport(ctx: ServiceContext, input: { reportId: number; role: SignRole }): Promise<void> {
  const { actor, subject: user } = ctx
  try {
    await db.$transaction(async (tx) => {
      const report = await reportInScope(tx, ctx, input.reportId)
      await requireAbility(tx, user, report, 'sign', input.role)
      await tx.reportSignOff.create({
        data: { submissionId: report.id, round: report.round, role: input.role, userId: user.id, userName: await nameOf(tx, user) },
      })
      await advance(tx, report, {})
      await history(tx, report, user, 'sign', input.role)
      await auditReport(tx, actor, report, 'sign', { role: input.role })
    })
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new ConflictError()
    throw error
  }
}

/** Submits a fully signed report: a township's to the county; the county's own is final (报出). */
export async function submitReport(ctx: ServiceContext, input: { reportId: number }, now = new Date()): Promise<void> {
  const { actor, subject: user } = ctx
  await db.$transaction(async (tx) => {
    const report = await reportInScope(tx, ctx, input.reportId)
    await requireAbility(tx, user, report, 'submit')
    await advance(tx, report, { status: 'SUBMITTED', submittedAt: now, firstSubmittedAt: report.firstSubmittedAt ?? now })
    await history(tx, report, user, 'submit')
    await auditReport(tx, actor, report, 'submit')
  })
}

/** The county's decision on a submitted township report. */
async function submittedTownshipReport(tx: Tx, ctx: ServiceContext, reportId: number) {
  const { actor, subject: user } = ctx
  const report = await reportInScope(tx, ctx, reportId)
  // the role is checked here too, not only by the action: a county administrator does not approve
  const refusal = reportAbilities(user, { ...report, signOffs: [] }).refusal.decide
  if (refusal === 'notPermitted') {
    await auditDenied(actor, 'report.approve', { reportId })
    throw new NotFoundError()
  }
  if (refusal) throw new AppError(REFUSALS[refusal])
  return report
}

/**
 * Approves a township's report: its figures become final, and its period is locked so life events
 * dated in it can no longer be added or changed.
 */
export async function approveReport(ctx: ServiceContext, input: { reportId: number }): Promise<void> {
  const { actor, subject: user } = ctx
  await db.$transaction(async (tx) => {
    // the township's region row first: see assertPeriodOpen
    const head = await tx.reportSubmission.findFirst({ where: { id: input.reportId, ...reportScope(user) }, select: { regionId: true } })
    if (head) await lockRegion(tx, head.regionId, 'update')
    const report = await submittedTownshipReport(tx, ctx, input.reportId)
    await advance(tx, report, { status: 'APPROVED', approvedAt: new Date(), approvedById: user.id })
    await lockPeriod(tx, {
      countyId: report.countyId,
      townshipId: report.regionId,
      submissionId: report.id,
      fromDate: report.periodStart,
      toDate: report.periodEnd,
    })
    await history(tx, report, user, 'approve')
    await auditReport(tx, actor, report, 'approve', { locked: `${toIso(report.periodStart)}..${toIso(report.periodEnd)}` })
  })
}

/** Returns a township's report with comments: back to draft, to be fixed, signed and submitted again. */
export async function returnReport(ctx: ServiceContext, input: { reportId: number; comment: string }): Promise<void> {
  const { actor, subject: user } = ctx
  await db.$transaction(async (tx) => {
    const report = await submittedTownshipReport(tx, ctx, input.reportId)
    await advance(tx, report, { status: 'DRAFT', round: { increment: 1 } })
    await history(tx, report, user, 'return', input.comment)
    await auditReport(tx, actor, report, 'return', { comment: input.comment })
  })
}

// ------------------------------------------------------------------ county administration

/** Releases a period lock, with the reason kept. County administrators only. */
export async function unlockPeriod(ctx: ServiceContext, input: { lockId: number; reason: string }): Promise<void> {
  const { actor, subject: user } = ctx
  await db.$transaction(async (tx) => {
    // a lock of the user's own county (below the county, nobody finds one); report.configure is a
    // county administrator's, a grant at county level. The role is checked here too, not only by the
    // action: a county official must not unlock
    const lock = await findPeriodLock(tx, user.regionId, input.lockId)
    if (!lock || !can(user, 'report.configure')) {
      if (lock || (await periodLockExists(tx, input.lockId))) await auditDenied(actor, 'report.configure', { lockId: input.lockId })
      throw new NotFoundError()
    }
    if (!(await releasePeriodLock(tx, { lockId: lock.id, userId: user.id, reason: input.reason }))) throw new AppError('reports.errors.alreadyUnlocked')
    const submission = await tx.reportSubmission.findUniqueOrThrow({ where: { id: lock.submissionId } })
    await history(tx, submission, user, 'unlock', input.reason)
    await auditReport(tx, actor, submission, 'unlock', { reason: input.reason, townshipId: lock.townshipId })
  })
}

export async function saveReportSettings(ctx: ServiceContext, input: ReportSettingsInput): Promise<void> {
  const { actor, subject: user } = ctx
  if (!can(user, 'report.configure')) throw new NotFoundError()
  await db.$transaction(async (tx) => {
    const { version, ...values } = input
    const existing = await tx.reportSettings.findUnique({ where: { countyId: user.regionId } })
    if (existing) {
      const updated = await tx.reportSettings.updateMany({ where: { countyId: user.regionId, version }, data: { ...values, version: { increment: 1 } } })
      if (updated.count !== 1) throw new ConflictError()
    } else {
      if (version !== 0) throw new ConflictError()
      await tx.reportSettings.create({ data: { countyId: user.regionId, ...values } })
    }
    await audit(tx, actor, {
      action: 'report.settings',
      entity: 'ReportSettings',
      entityId: user.regionId,
      regionId: user.regionId,
      before: existing ? { ...existing, updatedAt: existing.updatedAt.toISOString() } : null,
      after: values,
    })
  })
}
