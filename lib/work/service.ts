import 'server-only'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import type { ServiceContext } from '@/lib/server/context'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { once } from '@/lib/server/idempotency'
import type { MessageKey } from '@/lib/i18n/core'
import { toDate, todayIso } from '@/lib/dates'
import { prepareAttachment, saveAttachment } from '@/lib/attachments/service'
import { regionById, regionInScope } from '@/lib/regions/lookups'
import { indicatorSource } from '@/lib/assessment/sources'
import { dueDateProblem, isAssignee, mayCheck } from './rules'
import { AGREEMENT_OWNER, TASK_OWNER, countyIdOf, taskVisibleWhere } from './queries'
import type { AgreementInput, AgreementItemInput, CheckTaskInput, IssueTaskInput, ProgressInput, ReportTaskInput } from './schemas'

// Work writes (tasks and agreements): each in one transaction with its audit event. A task goes
// from a unit to a unit directly below it, or to a named person in the issuer's region or below;
// the assignee reports it done, the issuing unit checks it, and nobody checks their own report.

const fieldError = (field: string, key: MessageKey) => new AppError(key, undefined, { [field]: key })

/** The unit a task can be addressed to: directly below the subject's own region, active. */
async function assigneeOf(tx: Tx, ctx: ServiceContext, assignee: IssueTaskInput['assignee']) {
  if ('regionId' in assignee) {
    const region = await regionInScope(tx, ctx.subject, assignee.regionId)
    if (!region || region.parentId !== ctx.subject.regionId || !region.active || region.level === 'GROUP') {
      await auditDenied(ctx.actor, 'work.task.assign', { regionId: assignee.regionId })
      throw fieldError('assignee', 'work.errors.assignee')
    }
    return { region, userId: null }
  }
  const user = await tx.user.findFirst({ where: { id: assignee.userId, active: true }, select: { id: true, regionId: true } })
  const region = user ? await regionInScope(tx, ctx.subject, user.regionId) : null
  if (!user || !region || user.id === ctx.subject.id || region.level === 'GROUP') {
    await auditDenied(ctx.actor, 'work.task.assign', { userId: assignee.userId })
    throw fieldError('assignee', 'work.errors.assignee')
  }
  return { region, userId: user.id }
}

export async function issueTask(ctx: ServiceContext, input: IssueTaskInput, today = todayIso()): Promise<{ taskId: number }> {
  const past = dueDateProblem(input.dueOn, today)
  if (past) throw fieldError('dueOn', past)
  return db.$transaction(async (tx) => {
    const { region, userId } = await assigneeOf(tx, ctx, input.assignee)
    const countyId = region.ancestorIds[0] ?? region.id
    return once(tx, input.formKey, ctx.subject.id, 'work.task.issue', async () => {
      const task = await tx.workTask.create({
        data: {
          countyId,
          issuerRegionId: ctx.subject.regionId,
          issuedById: ctx.subject.id,
          assigneeRegionId: region.id,
          regionPath: [...region.ancestorIds, region.id],
          assigneeUserId: userId,
          title: input.title,
          details: input.details,
          month: input.dueOn.slice(0, 7),
          dueOn: toDate(input.dueOn),
        },
        select: { id: true },
      })
      await audit(tx, ctx.actor, {
        action: 'work.task.issue',
        entity: 'WorkTask',
        entityId: task.id,
        regionId: region.id,
        after: { title: input.title, dueOn: input.dueOn, assigneeRegionId: region.id, assigneeUserId: userId },
      })
      return { taskId: task.id }
    })
  })
}

/** A task the subject may see, or NotFound (a task outside the scope is audited). */
async function visibleTask(tx: Tx, ctx: ServiceContext, taskId: number, permission: 'work.task.report' | 'work.task.assign') {
  const task = await tx.workTask.findFirst({ where: { AND: [{ id: taskId }, taskVisibleWhere(ctx.subject)] } })
  if (!task) {
    if (await tx.workTask.findUnique({ where: { id: taskId }, select: { id: true } })) await auditDenied(ctx.actor, permission, { taskId })
    throw new NotFoundError()
  }
  return task
}

export async function reportTask(ctx: ServiceContext, input: ReportTaskInput, today = todayIso()): Promise<{ taskId: number }> {
  const file = input.attachment ? await prepareAttachment(input.attachment, 'attachment') : null
  return db.$transaction(async (tx) => {
    const task = await visibleTask(tx, ctx, input.taskId, 'work.task.report')
    if (!isAssignee(ctx.subject, task)) {
      await auditDenied(ctx.actor, 'work.task.report', { taskId: task.id })
      throw new AppError('work.errors.notAssignee')
    }
    if (task.status !== 'OPEN' && task.status !== 'RETURNED') throw new AppError('work.errors.alreadyReported')
    const done = await tx.workTask.updateMany({
      where: { id: task.id, version: task.version },
      data: { status: 'REPORTED', evidence: input.evidence, reportedOn: toDate(today), reportedById: ctx.subject.id, version: { increment: 1 } },
    })
    if (done.count !== 1) throw new ConflictError()
    const attachment = file ? await saveAttachment(tx, file, { type: TASK_OWNER, id: task.id, countyId: task.countyId, createdById: ctx.subject.id }) : null
    await audit(tx, ctx.actor, {
      action: 'work.task.report',
      entity: 'WorkTask',
      entityId: task.id,
      regionId: task.assigneeRegionId,
      after: { evidence: input.evidence, reportedOn: today, attachmentId: attachment?.id ?? null },
    })
    return { taskId: task.id }
  })
}

export async function checkTask(ctx: ServiceContext, input: CheckTaskInput, today = todayIso()): Promise<{ taskId: number }> {
  return db.$transaction(async (tx) => {
    const task = await visibleTask(tx, ctx, input.taskId, 'work.task.assign')
    // the issuing unit checks; the person who reported (or is named) never checks their own work
    if (task.status !== 'REPORTED') throw new AppError('work.errors.notReported')
    if (!mayCheck(ctx.subject, task)) {
      await auditDenied(ctx.actor, 'work.task.assign', { taskId: task.id, check: input.decision })
      throw new AppError('work.errors.notChecker')
    }
    const accepted = input.decision === 'accept'
    const done = await tx.workTask.updateMany({
      where: { id: task.id, version: task.version },
      data: {
        status: accepted ? 'ACCEPTED' : 'RETURNED',
        checkedOn: toDate(today),
        checkedById: ctx.subject.id,
        returnReason: accepted ? null : input.reason,
        version: { increment: 1 },
      },
    })
    if (done.count !== 1) throw new ConflictError()
    await audit(tx, ctx.actor, {
      action: accepted ? 'work.task.accept' : 'work.task.return',
      entity: 'WorkTask',
      entityId: task.id,
      regionId: task.assigneeRegionId,
      after: { checkedOn: today, reason: accepted ? null : (input.reason ?? null) },
    })
    return { taskId: task.id }
  })
}

export async function setWarningDays(ctx: ServiceContext, warningDays: number): Promise<{ warningDays: number }> {
  const countyId = await countyIdOf(ctx.subject)
  return db.$transaction(async (tx) => {
    const before = await tx.workSettings.findUnique({ where: { countyId } })
    await tx.workSettings.upsert({ where: { countyId }, create: { countyId, warningDays }, update: { warningDays } })
    await audit(tx, ctx.actor, {
      action: 'work.settings',
      entity: 'WorkSettings',
      entityId: countyId,
      regionId: countyId,
      before: before ? { warningDays: before.warningDays } : null,
      after: { warningDays },
    })
    return { warningDays }
  })
}

// ------------------------------------------------------------------ agreements

export async function createAgreement(ctx: ServiceContext, input: AgreementInput): Promise<{ agreementId: number }> {
  const file = input.scan ? await prepareAttachment(input.scan, 'scan') : null
  return db.$transaction(async (tx) => {
    const party = await regionInScope(tx, ctx.subject, input.partyRegionId)
    if (!party || party.parentId !== ctx.subject.regionId || !party.active) {
      await auditDenied(ctx.actor, 'work.agreement.manage', { regionId: input.partyRegionId })
      throw fieldError('partyRegionId', 'work.errors.party')
    }
    if (
      await tx.workAgreement.findUnique({
        where: { year_issuerRegionId_partyRegionId: { year: input.year, issuerRegionId: ctx.subject.regionId, partyRegionId: party.id } },
      })
    ) {
      throw fieldError('partyRegionId', 'work.errors.agreementExists')
    }
    return once(tx, input.formKey, ctx.subject.id, 'work.agreement.create', async () => {
      const countyId = party.ancestorIds[0] ?? party.id
      const agreement = await tx.workAgreement.create({
        data: {
          countyId,
          year: input.year,
          issuerRegionId: ctx.subject.regionId,
          partyRegionId: party.id,
          title: input.title,
          issuerSignatory: input.issuerSignatory,
          partySignatory: input.partySignatory,
          signedOn: input.signedOn ? toDate(input.signedOn) : null,
          createdById: ctx.subject.id,
        },
        select: { id: true },
      })
      const scan = file ? await saveAttachment(tx, file, { type: AGREEMENT_OWNER, id: agreement.id, countyId, createdById: ctx.subject.id }) : null
      await audit(tx, ctx.actor, {
        action: 'work.agreement.create',
        entity: 'WorkAgreement',
        entityId: agreement.id,
        regionId: party.id,
        after: { year: input.year, partyRegionId: party.id, title: input.title, signedOn: input.signedOn ?? null, scanId: scan?.id ?? null },
      })
      return { agreementId: agreement.id }
    })
  })
}

/** An agreement the subject's unit issued (only the issuer changes it). */
async function ownAgreement(tx: Tx, ctx: ServiceContext, agreementId: number) {
  const agreement = await tx.workAgreement.findFirst({ where: { id: agreementId, issuerRegionId: ctx.subject.regionId } })
  if (!agreement) {
    if (await tx.workAgreement.findUnique({ where: { id: agreementId }, select: { id: true } }))
      await auditDenied(ctx.actor, 'work.agreement.manage', { agreementId })
    throw new NotFoundError()
  }
  return agreement
}

export async function addAgreementItem(ctx: ServiceContext, input: AgreementItemInput): Promise<{ itemId: number }> {
  const source = input.sourceKey ? indicatorSource(input.sourceKey) : undefined
  if (input.sourceKey && !source) throw fieldError('sourceKey', 'errors.invalid')
  return db.$transaction(async (tx) => {
    const agreement = await ownAgreement(tx, ctx, input.agreementId)
    const position = await tx.workAgreementItem.count({ where: { agreementId: agreement.id } })
    const label = input.label ?? source!.label['zh-CN']
    const item = await tx.workAgreementItem.create({
      data: { agreementId: agreement.id, position, sourceKey: input.sourceKey ?? null, label, target: input.target, unit: input.unit, weight: input.weight },
      select: { id: true },
    })
    await audit(tx, ctx.actor, {
      action: 'work.agreement.item',
      entity: 'WorkAgreement',
      entityId: agreement.id,
      regionId: agreement.partyRegionId,
      after: { itemId: item.id, sourceKey: input.sourceKey ?? null, label, target: input.target, unit: input.unit, weight: input.weight },
    })
    return { itemId: item.id }
  })
}

export async function recordProgress(ctx: ServiceContext, input: ProgressInput, today = todayIso()): Promise<{ itemId: number }> {
  if (input.progressOn > today) throw fieldError('progressOn', 'work.errors.future')
  return db.$transaction(async (tx) => {
    const item = await tx.workAgreementItem.findUnique({
      where: { id: input.itemId },
      select: { id: true, agreementId: true, sourceKey: true, progress: true },
    })
    if (!item) throw new NotFoundError()
    const agreement = await ownAgreement(tx, ctx, item.agreementId)
    // a source's figures are per township: a township's target follows it, a village's is entered by hand
    if (item.sourceKey && (await regionById(tx, agreement.partyRegionId))?.level === 'TOWNSHIP') throw new AppError('work.errors.progressFromSource')
    await tx.workAgreementItem.update({ where: { id: item.id }, data: { progress: input.progress, progressOn: toDate(input.progressOn) } })
    await audit(tx, ctx.actor, {
      action: 'work.agreement.progress',
      entity: 'WorkAgreement',
      entityId: agreement.id,
      regionId: agreement.partyRegionId,
      before: { itemId: item.id, progress: item.progress === null ? null : Number(item.progress) },
      after: { itemId: item.id, progress: input.progress, progressOn: input.progressOn },
    })
    return { itemId: item.id }
  })
}

export async function attachScan(ctx: ServiceContext, input: { agreementId: number; scan: File }): Promise<{ agreementId: number }> {
  const file = await prepareAttachment(input.scan, 'scan')
  return db.$transaction(async (tx) => {
    const agreement = await ownAgreement(tx, ctx, input.agreementId)
    const row = await saveAttachment(tx, file, { type: AGREEMENT_OWNER, id: agreement.id, countyId: agreement.countyId, createdById: ctx.subject.id })
    await audit(tx, ctx.actor, {
      action: 'work.agreement.scan',
      entity: 'WorkAgreement',
      entityId: agreement.id,
      regionId: agreement.partyRegionId,
      after: { attachmentId: row.id },
    })
    return { agreementId: agreement.id }
  })
}
