import 'server-only'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import type { ServiceContext } from '@/lib/server/context'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { once } from '@/lib/server/idempotency'
import type { MessageKey } from '@/lib/i18n/core'
import { toDate, toIso, todayIso } from '@/lib/dates'
import { regionInScope } from '@/lib/regions/lookups'
import { caseDueDate, stepProblem } from './rules'
import { caseVisibleWhere, countyIdOf, personForCase } from './queries'
import type { AssignCaseInput, CloseCaseInput, ReceiveCaseInput, ReplyCaseInput } from './schemas'

// Case writes (来电来信来访), each in one transaction with its audit event. The person who receives a
// case stays responsible for it (首问负责): their unit assigns it, and it (or the assigned township)
// answers and closes it. Closing needs an answer.

const fieldError = (field: string, key: MessageKey) => new AppError(key, undefined, { [field]: key })

export async function receiveCase(ctx: ServiceContext, input: ReceiveCaseInput, today = todayIso()): Promise<{ caseId: number }> {
  if (input.receivedOn > today) throw fieldError('receivedOn', 'cases.errors.future')
  const countyId = await countyIdOf(ctx.subject)
  const person = input.personId ? await personForCase(ctx.subject, input.personId) : null
  if (input.personId && !person) {
    await auditDenied(ctx.actor, 'case.receive', { personId: input.personId })
    throw fieldError('personId', 'errors.notFound')
  }
  return db.$transaction((tx) =>
    once(tx, input.formKey, ctx.subject.id, 'case.receive', async () => {
      const dueOn = caseDueDate(input.receivedOn)
      const row = await tx.case.create({
        data: {
          countyId,
          channel: input.channel,
          kind: input.kind,
          personId: person?.id ?? null,
          callerName: input.callerName ?? null,
          subject: input.subject,
          content: input.content,
          receivedOn: toDate(input.receivedOn),
          dueOn: toDate(dueOn),
          receivedById: ctx.subject.id,
          receiverRegionId: ctx.subject.regionId,
          townshipId: ctx.subject.regionLevel === 'TOWNSHIP' ? ctx.subject.regionId : null,
        },
        select: { id: true },
      })
      // the content may name people: the audit keeps the subject, channel and dates
      await audit(tx, ctx.actor, {
        action: 'case.receive',
        entity: 'Case',
        entityId: row.id,
        after: { channel: input.channel, kind: input.kind, subject: input.subject, receivedOn: input.receivedOn, dueOn, personId: person?.id ?? null },
      })
      return { caseId: row.id }
    }),
  )
}

/** A case the subject may see, or NotFound (one outside the scope is audited). */
async function visibleCase(tx: Tx, ctx: ServiceContext, caseId: number, permission: 'case.receive' | 'case.handle') {
  const row = await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseVisibleWhere(ctx.subject)] } })
  if (!row) {
    if (await tx.case.findUnique({ where: { id: caseId }, select: { id: true } })) await auditDenied(ctx.actor, permission, { caseId })
    throw new NotFoundError()
  }
  return row
}

/** The receiving unit (首问负责) or the township the case is assigned to. */
function handles(ctx: ServiceContext, row: { receiverRegionId: number; assignedRegionId: number | null }): boolean {
  return row.receiverRegionId === ctx.subject.regionId || row.assignedRegionId === ctx.subject.regionId
}

export async function assignCase(ctx: ServiceContext, input: AssignCaseInput): Promise<{ caseId: number }> {
  return db.$transaction(async (tx) => {
    const row = await visibleCase(tx, ctx, input.caseId, 'case.receive')
    if (row.receiverRegionId !== ctx.subject.regionId) {
      await auditDenied(ctx.actor, 'case.receive', { caseId: row.id })
      throw new AppError('cases.errors.notReceiver')
    }
    const problem = stepProblem('assign', { status: row.status, reply: row.reply, receivedOn: toIso(row.receivedOn) })
    if (problem) throw new AppError(problem)
    let assigned: { assignedRegionId: number | null; departmentId: number | null; townshipId: number | null }
    if ('regionId' in input.assignee) {
      const region = await regionInScope(tx, ctx.subject, input.assignee.regionId)
      if (!region || region.level !== 'TOWNSHIP' || !region.active) throw fieldError('assignee', 'errors.invalid')
      assigned = { assignedRegionId: region.id, departmentId: null, townshipId: region.id }
    } else {
      const department = await tx.caseDepartment.findFirst({ where: { id: input.assignee.departmentId, countyId: row.countyId, active: true } })
      if (!department) throw fieldError('assignee', 'errors.invalid')
      assigned = { assignedRegionId: null, departmentId: department.id, townshipId: row.townshipId }
    }
    const done = await tx.case.updateMany({
      where: { id: row.id, version: row.version },
      data: { ...assigned, status: row.status === 'RECEIVED' ? 'ASSIGNED' : row.status, version: { increment: 1 } },
    })
    if (done.count !== 1) throw new ConflictError()
    await audit(tx, ctx.actor, {
      action: 'case.assign',
      entity: 'Case',
      entityId: row.id,
      before: { assignedRegionId: row.assignedRegionId, departmentId: row.departmentId },
      after: { assignedRegionId: assigned.assignedRegionId, departmentId: assigned.departmentId },
    })
    return { caseId: row.id }
  })
}

export async function replyCase(ctx: ServiceContext, input: ReplyCaseInput, today = todayIso()): Promise<{ caseId: number }> {
  if (input.repliedOn > today) throw fieldError('repliedOn', 'cases.errors.future')
  return db.$transaction(async (tx) => {
    const row = await visibleCase(tx, ctx, input.caseId, 'case.handle')
    if (!handles(ctx, row)) {
      await auditDenied(ctx.actor, 'case.handle', { caseId: row.id })
      throw new NotFoundError()
    }
    const problem = stepProblem('reply', { status: row.status, reply: row.reply, receivedOn: toIso(row.receivedOn) }, input.repliedOn)
    if (problem) throw problem === 'cases.errors.beforeReceipt' ? fieldError('repliedOn', problem) : new AppError(problem)
    const done = await tx.case.updateMany({
      where: { id: row.id, version: row.version },
      data: {
        status: 'REPLIED',
        reply: input.reply,
        repliedOn: toDate(input.repliedOn),
        repliedById: ctx.subject.id,
        answeredLate: input.repliedOn > toIso(row.dueOn),
        version: { increment: 1 },
      },
    })
    if (done.count !== 1) throw new ConflictError()
    await audit(tx, ctx.actor, { action: 'case.reply', entity: 'Case', entityId: row.id, after: { repliedOn: input.repliedOn, dueOn: toIso(row.dueOn) } })
    return { caseId: row.id }
  })
}

export async function closeCase(ctx: ServiceContext, input: CloseCaseInput, today = todayIso()): Promise<{ caseId: number }> {
  if (input.closedOn > today) throw fieldError('closedOn', 'cases.errors.future')
  return db.$transaction(async (tx) => {
    const row = await visibleCase(tx, ctx, input.caseId, 'case.handle')
    if (!handles(ctx, row)) {
      await auditDenied(ctx.actor, 'case.handle', { caseId: row.id })
      throw new NotFoundError()
    }
    const problem = stepProblem('close', { status: row.status, reply: row.reply, receivedOn: toIso(row.receivedOn) }, input.closedOn)
    if (problem) throw problem === 'cases.errors.beforeReceipt' ? fieldError('closedOn', problem) : new AppError(problem)
    if (row.repliedOn && input.closedOn < toIso(row.repliedOn)) throw fieldError('closedOn', 'cases.errors.beforeReply')
    const done = await tx.case.updateMany({
      where: { id: row.id, version: row.version },
      data: { status: 'CLOSED', satisfaction: input.satisfaction, closedOn: toDate(input.closedOn), closedById: ctx.subject.id, version: { increment: 1 } },
    })
    if (done.count !== 1) throw new ConflictError()
    await audit(tx, ctx.actor, {
      action: 'case.close',
      entity: 'Case',
      entityId: row.id,
      after: { satisfaction: input.satisfaction, closedOn: input.closedOn },
    })
    return { caseId: row.id }
  })
}

export async function addDepartment(ctx: ServiceContext, input: { name: string }): Promise<{ departmentId: number }> {
  const countyId = await countyIdOf(ctx.subject)
  return db.$transaction(async (tx) => {
    if (await tx.caseDepartment.findUnique({ where: { countyId_name: { countyId, name: input.name } } }))
      throw fieldError('name', 'cases.errors.departmentExists')
    const row = await tx.caseDepartment.create({ data: { countyId, name: input.name }, select: { id: true } })
    await audit(tx, ctx.actor, {
      action: 'case.department.create',
      entity: 'CaseDepartment',
      entityId: row.id,
      regionId: countyId,
      after: { name: input.name },
    })
    return { departmentId: row.id }
  })
}
