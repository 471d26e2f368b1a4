import 'server-only'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import type { ServiceContext } from '@/lib/server/context'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { once } from '@/lib/server/idempotency'
import { can } from '@/lib/access/permissions'
import type { MessageKey } from '@/lib/i18n/core'
import type { Prisma } from '@/lib/generated/prisma/client'
import { toDate, todayIso, toIso } from '@/lib/dates'
import { addWorkingDays } from '@/lib/workdays'
import { prepareAttachment, saveAttachment, type PreparedFile } from '@/lib/attachments/service'
import { existingRegion, regionById } from '@/lib/regions/lookups'
import { benefitFactsOf, departedAmong, isParentOf } from '@/lib/registry/benefit-facts'
import type { CohortScope } from '@/lib/registry/cohorts'
import type { RegisterWrite } from '@/lib/registry/hooks'
import {
  categoryFor,
  DEFAULT_STEP_DAYS,
  evaluate,
  nextStep,
  noticeBlock,
  noticeEnd,
  overlappingStandard,
  standardOn,
  statusAfter,
  statusBefore,
  type BenefitStatus,
  type Declarations,
  type Rule,
} from './rules'
import { applicationScope, cohortScope, countyOf, mayDoStep, STEP_ATTACHMENT_OWNER } from './scope'
import type {
  AdvanceInput,
  ApplyInput,
  CategoryInput,
  ExitInput,
  NoticeInput,
  ObjectionInput,
  ProgramInput,
  RefuseInput,
  ResolveObjectionInput,
  ReturnInput,
  StandardInput,
  UpdateProgramInput,
} from './schemas'

// Benefits' writes, each in one transaction with its audit event. Rows are loaded inside the
// subject's region (elsewhere looks missing, and the attempt is audited). The register is read only
// through lib/registry's functions.

const fieldError = (field: string, key: MessageKey, params?: Record<string, string | number>) => new AppError(key, params, { [field]: key })

// ------------------------------------------------------------------ programs (the county administrator)

function programData(input: ProgramInput) {
  return {
    code: input.code,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    approvingLevel: input.approvingLevel,
    applicant: input.applicant,
    rules: input.rules as unknown as Prisma.InputJsonValue,
    amountKind: input.amountKind,
    paymentCycle: input.paymentCycle,
    proRating: input.proRating,
    fundCentral: input.fundCentral,
    fundProvincial: input.fundProvincial,
    fundCounty: input.fundCounty,
    noticeDays: input.noticeDays,
  }
}

export async function createProgram(ctx: ServiceContext, input: ProgramInput): Promise<{ programId: number }> {
  const countyId = await countyOf(ctx.subject)
  return db.$transaction(async (tx) => {
    if (await tx.benefitProgram.findUnique({ where: { countyId_code: { countyId, code: input.code } }, select: { id: true } })) {
      throw fieldError('code', 'benefits.errors.codeTaken')
    }
    const program = await tx.benefitProgram.create({ data: { ...programData(input), countyId, stepDays: DEFAULT_STEP_DAYS } })
    await audit(tx, ctx.actor, {
      action: 'benefit.program.create',
      entity: 'BenefitProgram',
      entityId: program.id,
      regionId: countyId,
      after: programData(input),
    })
    return { programId: program.id }
  })
}

export async function updateProgram(ctx: ServiceContext, input: UpdateProgramInput): Promise<{ programId: number }> {
  const countyId = await countyOf(ctx.subject)
  return db.$transaction(async (tx) => {
    const before = await tx.benefitProgram.findFirst({ where: { id: input.programId, countyId } })
    if (!before) {
      if (await tx.benefitProgram.findUnique({ where: { id: input.programId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'benefit.configure', { programId: input.programId })
      throw new NotFoundError()
    }
    const clash = await tx.benefitProgram.findUnique({ where: { countyId_code: { countyId, code: input.code } }, select: { id: true } })
    if (clash && clash.id !== input.programId) throw fieldError('code', 'benefits.errors.codeTaken')
    const updated = await tx.benefitProgram.updateMany({
      where: { id: input.programId, version: input.version },
      data: { ...programData(input), version: { increment: 1 } },
    })
    if (updated.count !== 1) throw new ConflictError()
    await audit(tx, ctx.actor, {
      action: 'benefit.program.update',
      entity: 'BenefitProgram',
      entityId: input.programId,
      regionId: countyId,
      before: JSON.parse(JSON.stringify({ ...before, createdAt: undefined, updatedAt: undefined })),
      after: programData(input),
    })
    return { programId: input.programId }
  })
}

async function ownProgram(tx: Tx, ctx: ServiceContext, programId: number, permission: string) {
  const program = await tx.benefitProgram.findFirst({ where: { id: programId, countyId: await countyOf(ctx.subject) } })
  if (!program) {
    if (await tx.benefitProgram.findUnique({ where: { id: programId }, select: { id: true } })) await auditDenied(ctx.actor, permission, { programId })
    throw new NotFoundError()
  }
  return program
}

export async function addCategory(ctx: ServiceContext, input: CategoryInput): Promise<{ categoryId: number }> {
  return db.$transaction(async (tx) => {
    const program = await ownProgram(tx, ctx, input.programId, 'benefit.configure')
    if (await tx.benefitCategory.findUnique({ where: { programId_code: { programId: program.id, code: input.code } }, select: { id: true } })) {
      throw fieldError('code', 'benefits.errors.codeTaken')
    }
    const data = { ...input, condition: (input.condition ?? undefined) as Prisma.InputJsonValue | undefined }
    const category = await tx.benefitCategory.create({ data })
    await audit(tx, ctx.actor, {
      action: 'benefit.category.create',
      entity: 'BenefitCategory',
      entityId: category.id,
      regionId: program.countyId,
      after: JSON.parse(JSON.stringify(input)),
    })
    return { categoryId: category.id }
  })
}

/** A standard of a category from a date; a period overlapping another of the category is refused. */
export async function addStandard(ctx: ServiceContext, input: StandardInput): Promise<{ standardId: number }> {
  const countyId = await countyOf(ctx.subject)
  return db.$transaction(async (tx) => {
    const category = await tx.benefitCategory.findFirst({ where: { id: input.categoryId, program: { countyId } }, include: { standards: true } })
    if (!category) {
      if (await tx.benefitCategory.findUnique({ where: { id: input.categoryId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'benefit.configure', { categoryId: input.categoryId })
      throw new NotFoundError()
    }
    // serialise standards of one category, so two overlapping ones cannot both pass the check
    await tx.$queryRaw`SELECT id FROM "BenefitCategory" WHERE id = ${category.id} FOR UPDATE`
    const existing = (await tx.benefitStandard.findMany({ where: { categoryId: category.id } })).map((s) => ({
      id: s.id,
      validFrom: toIso(s.validFrom),
      validTo: s.validTo ? toIso(s.validTo) : null,
      amountCents: s.amountCents,
    }))
    const clash = overlappingStandard(existing, { validFrom: input.validFrom, validTo: input.validTo ?? null })
    if (clash) throw fieldError('validFrom', 'benefits.errors.standardOverlap', { from: clash.validFrom, to: clash.validTo ?? '—' })
    const standard = await tx.benefitStandard.create({
      data: { categoryId: category.id, validFrom: toDate(input.validFrom), validTo: input.validTo ? toDate(input.validTo) : null, amountCents: input.amount },
    })
    await audit(tx, ctx.actor, {
      action: 'benefit.standard.create',
      entity: 'BenefitStandard',
      entityId: standard.id,
      regionId: countyId,
      after: JSON.parse(JSON.stringify(input)),
    })
    return { standardId: standard.id }
  })
}

// ------------------------------------------------------------------ eligibility

type ProgramRow = NonNullable<Awaited<ReturnType<typeof loadProgram>>>
async function loadProgram(tx: Tx | typeof db, programId: number) {
  return tx.benefitProgram.findUnique({ where: { id: programId }, include: { categories: { include: { standards: true } } } })
}

/** The program's rules and category for a person in a year: the explanation, and the category. */
export async function checkEligibility(
  client: Tx | typeof db,
  program: ProgramRow,
  scope: CohortScope,
  personId: number,
  year: number,
  declarations: Declarations,
) {
  const facts = await benefitFactsOf(client, scope, personId)
  if (!facts) return null
  const check = evaluate(program.rules as unknown as Rule, facts, year, declarations)
  const category = categoryFor(
    program.categories.map((c) => ({ ...c, condition: c.condition as unknown as Rule | null })),
    facts,
    year,
    declarations,
  )
  return { facts, check, category }
}

function declarationsOf(input: ApplyInput): Declarations {
  const evidence = input.evidence ?? ''
  const out: Declarations = {}
  if (input.onlyChildDied) out.onlyChildDied = { value: 'yes', evidence }
  if (input.childDisabilityGrade) out.childDisabilityGrade = { value: input.childDisabilityGrade, evidence }
  if (input.familyPlanningFamily) out.familyPlanningFamily = { value: 'yes', evidence }
  return out
}

// ------------------------------------------------------------------ applications

async function attach(tx: Tx, ctx: ServiceContext, file: PreparedFile | null, stepId: number, countyId: number) {
  if (!file) return null
  return (await saveAttachment(tx, file, { type: STEP_ATTACHMENT_OWNER, id: stepId, countyId, createdById: ctx.subject.id })).id
}

function dueAfter(doneOn: string, status: BenefitStatus, stepDays: Record<string, number>): Date | null {
  const step = nextStep(status)
  if (!step || step === 'REVIEW') return null // 公示 sets its own due date: after the notice ends
  return toDate(addWorkingDays(doneOn, stepDays[step] ?? DEFAULT_STEP_DAYS[step]))
}

/** 申报: a village applies for one of its residents (a township for its villages'). */
export async function apply(ctx: ServiceContext, input: ApplyInput, today = todayIso()): Promise<{ applicationId: number }> {
  if (input.appliedOn > today) throw fieldError('appliedOn', 'benefits.errors.futureDate')
  const file = input.attachment ? await prepareAttachment(input.attachment, 'attachment') : null
  return db.$transaction(async (tx) => {
    const scope = cohortScope(ctx.subject)
    const program = await loadProgram(tx, input.programId)
    if (!program || program.countyId !== (await countyOf(ctx.subject)) || !program.active) throw fieldError('programId', 'errors.invalid')
    const declarations = declarationsOf(input)
    const result = await checkEligibility(tx, program, scope, input.personId, Number(input.appliedOn.slice(0, 4)), declarations)
    if (!result) {
      if (await tx.benefitProgram.findUnique({ where: { id: program.id }, select: { id: true } }))
        await auditDenied(ctx.actor, 'benefit.apply', { personId: input.personId })
      throw new NotFoundError()
    }
    if (program.applicant === 'PARENT') {
      if (!input.applicantId) throw fieldError('applicantId', 'benefits.errors.parentRequired')
      if (!(await isParentOf(tx, input.applicantId, input.personId))) throw fieldError('applicantId', 'benefits.errors.notParent')
    }
    // one live application per person and program (a partial unique index backs this up)
    await tx.$queryRaw`SELECT id FROM "BenefitProgram" WHERE id = ${program.id} FOR UPDATE`
    const live = await tx.benefitApplication.findFirst({
      where: { programId: program.id, personId: input.personId, status: { notIn: ['REFUSED', 'EXITED'] } },
      select: { id: true },
    })
    if (live && !input.formKey) throw fieldError('personId', 'benefits.errors.alreadyApplied', { id: live.id })
    return once(tx, input.formKey, ctx.subject.id, 'benefit.apply', async () => {
      if (live) throw fieldError('personId', 'benefits.errors.alreadyApplied', { id: live.id })
      if (!result.check.met) throw new AppError('benefits.errors.notEligible', undefined, { personId: 'benefits.errors.notEligible' })
      const f = result.facts
      const application = await tx.benefitApplication.create({
        data: {
          countyId: f.countyId,
          townshipId: f.townshipId,
          villageId: f.villageId,
          programId: program.id,
          personId: f.personId,
          applicantId: program.applicant === 'PARENT' ? input.applicantId : null,
          categoryId: result.category?.id ?? null,
          appliedOn: toDate(input.appliedOn),
          dueOn: dueAfter(input.appliedOn, 'SUBMITTED', program.stepDays as Record<string, number>),
          declarations: declarations as Prisma.InputJsonValue,
          eligibility: JSON.parse(JSON.stringify(result.check)),
          createdById: ctx.subject.id,
        },
      })
      const step = await tx.benefitStepRecord.create({
        data: {
          applicationId: application.id,
          step: 'APPLY',
          toStatus: 'SUBMITTED',
          doneOn: toDate(input.appliedOn),
          note: input.note ?? null,
          actorId: ctx.subject.id,
          actorName: ctx.actor.username ?? '',
        },
      })
      const attachmentId = await attach(tx, ctx, file, step.id, f.countyId)
      await audit(tx, ctx.actor, {
        action: 'benefit.apply',
        entity: 'BenefitApplication',
        entityId: application.id,
        regionId: f.villageId,
        after: {
          programId: program.id,
          personId: f.personId,
          applicantId: application.applicantId,
          categoryId: application.categoryId,
          declarations,
          attachmentId,
        },
      })
      return { applicationId: application.id }
    })
  })
}

/** The application in the subject's region, locked for the step; missing and forbidden look the same. */
async function applicationForStep(tx: Tx, ctx: ServiceContext, applicationId: number, version: number, permission: string) {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "BenefitApplication" WHERE id = ${applicationId} FOR UPDATE`
  const app = rows.length
    ? await tx.benefitApplication.findFirst({
        where: { id: applicationId, ...applicationScope(ctx.subject) },
        include: { program: true, notice: true, objections: { where: { resolvedOn: null }, select: { id: true } } },
      })
    : null
  if (!app) {
    if (rows.length) await auditDenied(ctx.actor, permission, { applicationId })
    throw new NotFoundError()
  }
  if (app.version !== version) throw new ConflictError()
  return app
}

async function refuseStep(ctx: ServiceContext, permission: string, applicationId: number): Promise<never> {
  await auditDenied(ctx.actor, permission, { applicationId })
  throw new AppError('benefits.errors.notYourStep')
}

/** A forward step (受理 调查 评议 复核 审批 录入): by the level the step belongs to, dated, with a note. */
export async function advance(ctx: ServiceContext, input: AdvanceInput, today = todayIso()): Promise<{ status: BenefitStatus }> {
  if (input.doneOn > today) throw fieldError('doneOn', 'benefits.errors.futureDate')
  const file = input.attachment ? await prepareAttachment(input.attachment, 'attachment') : null
  return db.$transaction(async (tx) => {
    const app = await applicationForStep(tx, ctx, input.applicationId, input.version, 'benefit.process')
    const expected = nextStep(app.status)
    if (expected !== input.step) throw new AppError('benefits.errors.wrongStep')
    if (!mayDoStep(ctx.subject, input.step, app.status, app.program.approvingLevel)) return refuseStep(ctx, 'benefit.process', app.id)
    if (app.status === 'PUBLISHED') {
      const block = noticeBlock({ endsOn: app.notice ? toIso(app.notice.endsOn) : null, openObjections: app.objections.length, today })
      if (block) throw new AppError(block, { endsOn: app.notice ? toIso(app.notice.endsOn) : '' })
    }
    const lastStep = await tx.benefitStepRecord.findFirst({ where: { applicationId: app.id }, orderBy: { id: 'desc' }, select: { doneOn: true } })
    if (lastStep && input.doneOn < toIso(lastStep.doneOn)) throw fieldError('doneOn', 'benefits.errors.beforeLastStep', { date: toIso(lastStep.doneOn) })
    const status = statusAfter(input.step)
    let enrollmentId: number | null = null
    if (input.step === 'ENROLL') enrollmentId = await enroll(tx, app, input.doneOn)
    await tx.benefitApplication.update({
      where: { id: app.id },
      data: { status, version: { increment: 1 }, dueOn: dueAfter(input.doneOn, status, app.program.stepDays as Record<string, number>) },
    })
    const step = await tx.benefitStepRecord.create({
      data: {
        applicationId: app.id,
        step: input.step,
        fromStatus: app.status,
        toStatus: status,
        doneOn: toDate(input.doneOn),
        note: input.note ?? null,
        actorId: ctx.subject.id,
        actorName: ctx.actor.username ?? '',
      },
    })
    const attachmentId = await attach(tx, ctx, file, step.id, app.countyId)
    await audit(tx, ctx.actor, {
      action: `benefit.step.${input.step.toLowerCase()}`,
      entity: 'BenefitApplication',
      entityId: app.id,
      regionId: app.villageId,
      before: { status: app.status },
      after: { status, doneOn: input.doneOn, note: input.note ?? null, attachmentId, enrollmentId },
    })
    return { status }
  })
}

/** 录入: the enrollment from the approval date, with the category's standard in force then. */
async function enroll(
  tx: Tx,
  app: { id: number; countyId: number; townshipId: number; villageId: number; programId: number; personId: number; categoryId: number | null },
  doneOn: string,
) {
  const approval = await tx.benefitStepRecord.findFirst({
    where: { applicationId: app.id, step: 'APPROVE' },
    orderBy: { id: 'desc' },
    select: { doneOn: true },
  })
  const startsOn = approval ? toIso(approval.doneOn) : doneOn
  if (!app.categoryId) throw new AppError('benefits.errors.noCategory')
  const standards = (await tx.benefitStandard.findMany({ where: { categoryId: app.categoryId } })).map((s) => ({
    id: s.id,
    validFrom: toIso(s.validFrom),
    validTo: s.validTo ? toIso(s.validTo) : null,
    amountCents: s.amountCents,
  }))
  const standard = standardOn(standards, startsOn)
  if (!standard) throw new AppError('benefits.errors.noStandard', { date: startsOn })
  const enrollment = await tx.benefitEnrollment.create({
    data: {
      countyId: app.countyId,
      townshipId: app.townshipId,
      villageId: app.villageId,
      programId: app.programId,
      personId: app.personId,
      applicationId: app.id,
      categoryId: app.categoryId,
      standardId: standard.id,
      amountCents: standard.amountCents,
      startsOn: toDate(startsOn),
    },
  })
  return enrollment.id
}

/** Returns the application one step, with a reason (to the level that did that step). */
export async function returnApplication(ctx: ServiceContext, input: ReturnInput, today = todayIso()): Promise<{ status: BenefitStatus }> {
  return db.$transaction(async (tx) => {
    const app = await applicationForStep(tx, ctx, input.applicationId, input.version, 'benefit.process')
    const back = statusBefore(app.status)
    if (!back) throw new AppError('benefits.errors.cannotReturn')
    if (!mayDoStep(ctx.subject, 'RETURN', app.status, app.program.approvingLevel)) return refuseStep(ctx, 'benefit.process', app.id)
    // a returned 公示 leaves its notice: a new notice is published for it later
    await tx.benefitApplication.update({
      where: { id: app.id },
      data: { status: back, version: { increment: 1 }, noticeId: app.status === 'PUBLISHED' ? null : undefined, dueOn: toDate(addWorkingDays(today, 5)) },
    })
    await tx.benefitStepRecord.create({
      data: {
        applicationId: app.id,
        step: 'RETURN',
        fromStatus: app.status,
        toStatus: back,
        doneOn: toDate(today),
        note: input.reason,
        actorId: ctx.subject.id,
        actorName: ctx.actor.username ?? '',
      },
    })
    await audit(tx, ctx.actor, {
      action: 'benefit.step.return',
      entity: 'BenefitApplication',
      entityId: app.id,
      regionId: app.villageId,
      before: { status: app.status },
      after: { status: back, reason: input.reason },
    })
    return { status: back }
  })
}

/** Refuses the application with a reason the applicant can be told. */
export async function refuseApplication(ctx: ServiceContext, input: RefuseInput, today = todayIso()): Promise<{ status: BenefitStatus }> {
  return db.$transaction(async (tx) => {
    const app = await applicationForStep(tx, ctx, input.applicationId, input.version, 'benefit.process')
    if (!nextStep(app.status) || app.status === 'APPROVED') throw new AppError('benefits.errors.cannotRefuse')
    if (!mayDoStep(ctx.subject, 'REFUSE', app.status, app.program.approvingLevel)) return refuseStep(ctx, 'benefit.process', app.id)
    await tx.benefitApplication.update({
      where: { id: app.id },
      data: { status: 'REFUSED', refusalReason: input.reason, dueOn: null, version: { increment: 1 } },
    })
    await tx.benefitStepRecord.create({
      data: {
        applicationId: app.id,
        step: 'REFUSE',
        fromStatus: app.status,
        toStatus: 'REFUSED',
        doneOn: toDate(today),
        note: input.reason,
        actorId: ctx.subject.id,
        actorName: ctx.actor.username ?? '',
      },
    })
    await audit(tx, ctx.actor, {
      action: 'benefit.step.refuse',
      entity: 'BenefitApplication',
      entityId: app.id,
      regionId: app.villageId,
      before: { status: app.status },
      after: { status: 'REFUSED', reason: input.reason },
    })
    return { status: 'REFUSED' as const }
  })
}

// ------------------------------------------------------------------ 公示

/**
 * Publishes every application of the township (or of one of its villages) that waits for 公示 on
 * one notice, for the program's period (the longest of the programs on it, unless given).
 */
export async function publishNotice(ctx: ServiceContext, input: NoticeInput): Promise<{ noticeId: number; count: number }> {
  if (ctx.subject.regionLevel !== 'TOWNSHIP' || !can(ctx.subject, 'benefit.process')) {
    await auditDenied(ctx.actor, 'benefit.process')
    throw new AppError('benefits.errors.notYourStep')
  }
  return db.$transaction(async (tx) => {
    const township = await existingRegion(tx, ctx.subject.regionId)
    if (input.villageId) {
      const village = await regionById(tx, input.villageId)
      if (!village || village.ancestorIds[1] !== township.id) {
        await auditDenied(ctx.actor, 'benefit.process', { villageId: input.villageId })
        throw fieldError('villageId', 'errors.invalid')
      }
    }
    return once(tx, input.formKey, ctx.subject.id, 'benefit.notice', async () => {
      const apps = await tx.benefitApplication.findMany({
        where: { townshipId: township.id, ...(input.villageId ? { villageId: input.villageId } : {}), status: 'DELIBERATED' },
        include: { program: { select: { noticeDays: true, stepDays: true } } },
      })
      if (apps.length === 0) throw new AppError('benefits.errors.nothingToPublish')
      const days = input.days ?? Math.max(...apps.map((a) => a.program.noticeDays))
      const endsOn = noticeEnd(input.startsOn, days)
      const villageName = input.villageId ? (await regionById(tx, input.villageId))?.name : null
      const notice = await tx.benefitNotice.create({
        data: {
          countyId: township.ancestorIds[0],
          townshipId: township.id,
          villageId: input.villageId ?? null,
          title: `${villageName ?? township.name}`,
          startsOn: toDate(input.startsOn),
          endsOn: toDate(endsOn),
          contact: input.contact,
          createdById: ctx.subject.id,
        },
      })
      for (const a of apps) {
        await tx.benefitApplication.update({
          where: { id: a.id },
          data: {
            status: 'PUBLISHED',
            noticeId: notice.id,
            version: { increment: 1 },
            dueOn: toDate(addWorkingDays(endsOn, (a.program.stepDays as Record<string, number>).REVIEW ?? 10)),
          },
        })
        await tx.benefitStepRecord.create({
          data: {
            applicationId: a.id,
            step: 'PUBLISH',
            fromStatus: 'DELIBERATED',
            toStatus: 'PUBLISHED',
            doneOn: toDate(input.startsOn),
            note: `${input.startsOn} – ${endsOn}`,
            actorId: ctx.subject.id,
            actorName: ctx.actor.username ?? '',
          },
        })
      }
      await audit(tx, ctx.actor, {
        action: 'benefit.notice.publish',
        entity: 'BenefitNotice',
        entityId: notice.id,
        regionId: input.villageId ?? township.id,
        after: { startsOn: input.startsOn, endsOn, contact: input.contact, applicationIds: apps.map((a) => a.id) },
      })
      return { noticeId: notice.id, count: apps.length }
    })
  })
}

/** An objection raised during 公示 against one application. */
export async function raiseObjection(ctx: ServiceContext, input: ObjectionInput, today = todayIso()): Promise<{ objectionId: number }> {
  if (input.raisedOn > today) throw fieldError('raisedOn', 'benefits.errors.futureDate')
  return db.$transaction(async (tx) => {
    const app = await tx.benefitApplication.findFirst({ where: { id: input.applicationId, ...applicationScope(ctx.subject) }, include: { notice: true } })
    if (!app) {
      if (await tx.benefitApplication.findUnique({ where: { id: input.applicationId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'benefit.process', { applicationId: input.applicationId })
      throw new NotFoundError()
    }
    if (app.status !== 'PUBLISHED' || !app.notice) throw new AppError('benefits.errors.notInNotice')
    const objection = await tx.benefitObjection.create({
      data: {
        noticeId: app.notice.id,
        applicationId: app.id,
        raisedBy: input.raisedBy,
        raisedOn: toDate(input.raisedOn),
        content: input.content,
        recordedById: ctx.subject.id,
      },
    })
    await tx.benefitApplication.update({ where: { id: app.id }, data: { version: { increment: 1 } } })
    await audit(tx, ctx.actor, {
      action: 'benefit.objection.raise',
      entity: 'BenefitObjection',
      entityId: objection.id,
      regionId: app.villageId,
      after: { ...input },
    })
    return { objectionId: objection.id }
  })
}

export async function resolveObjection(ctx: ServiceContext, input: ResolveObjectionInput, today = todayIso()): Promise<{ objectionId: number }> {
  if (input.resolvedOn > today) throw fieldError('resolvedOn', 'benefits.errors.futureDate')
  return db.$transaction(async (tx) => {
    const objection = await tx.benefitObjection.findFirst({
      where: { id: input.objectionId, application: applicationScope(ctx.subject) },
      include: { application: true },
    })
    if (!objection) {
      if (await tx.benefitObjection.findUnique({ where: { id: input.objectionId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'benefit.process', { objectionId: input.objectionId })
      throw new NotFoundError()
    }
    if (objection.resolvedOn) throw new AppError('benefits.errors.objectionResolved')
    if (input.resolvedOn < toIso(objection.raisedOn)) throw fieldError('resolvedOn', 'benefits.errors.beforeLastStep', { date: toIso(objection.raisedOn) })
    await tx.benefitObjection.update({
      where: { id: objection.id },
      data: { resolution: input.resolution, resolvedOn: toDate(input.resolvedOn), resolvedById: ctx.subject.id },
    })
    await tx.benefitApplication.update({ where: { id: objection.applicationId }, data: { version: { increment: 1 } } })
    await audit(tx, ctx.actor, {
      action: 'benefit.objection.resolve',
      entity: 'BenefitObjection',
      entityId: objection.id,
      regionId: objection.application.villageId,
      after: { ...input },
    })
    return { objectionId: objection.id }
  })
}

// ------------------------------------------------------------------ exits

/** Ends an enrollment with a reason and date (the township; a proposal from the register is confirmed the same way). */
export async function exitEnrollment(ctx: ServiceContext, input: ExitInput): Promise<{ enrollmentId: number }> {
  return db.$transaction(async (tx) => {
    const e = await tx.benefitEnrollment.findFirst({ where: { id: input.enrollmentId, ...applicationScope(ctx.subject) } })
    if (!e) {
      if (await tx.benefitEnrollment.findUnique({ where: { id: input.enrollmentId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'benefit.process', { enrollmentId: input.enrollmentId })
      throw new NotFoundError()
    }
    if (e.endsOn) throw new AppError('benefits.errors.alreadyExited')
    if (input.endsOn < toIso(e.startsOn)) throw fieldError('endsOn', 'benefits.errors.beforeLastStep', { date: toIso(e.startsOn) })
    const updated = await tx.benefitEnrollment.updateMany({
      where: { id: e.id, version: input.version },
      data: {
        endsOn: toDate(input.endsOn),
        exitReason: input.reason,
        exitNote: input.note ?? null,
        proposedExit: null,
        proposedExitOn: null,
        version: { increment: 1 },
      },
    })
    if (updated.count !== 1) throw new ConflictError()
    await tx.benefitApplication.update({ where: { id: e.applicationId }, data: { status: 'EXITED', version: { increment: 1 } } })
    await audit(tx, ctx.actor, {
      action: 'benefit.exit',
      entity: 'BenefitEnrollment',
      entityId: e.id,
      regionId: e.villageId,
      after: { reason: input.reason, endsOn: input.endsOn, note: input.note ?? null, proposed: e.proposedExit },
    })
    return { enrollmentId: e.id }
  })
}

/**
 * The register's write hook (lib/modules.ts): a death or move-out recorded for an enrolled person
 * proposes the exit for the township to confirm. Runs inside the register's transaction.
 */
export async function proposeExits(tx: Tx, write: RegisterWrite): Promise<void> {
  const ids = [...new Set((write.personIds ?? []).filter((i): i is number => typeof i === 'number'))]
  if (ids.length === 0) return
  const enrolled = await tx.benefitEnrollment.findMany({
    where: { personId: { in: ids }, endsOn: null, proposedExit: null },
    select: { id: true, personId: true, villageId: true },
  })
  if (enrolled.length === 0) return
  const departed = new Map((await departedAmong(tx, [...new Set(enrolled.map((e) => e.personId))])).map((d) => [d.id, d]))
  for (const e of enrolled) {
    const d = departed.get(e.personId)
    if (!d) continue
    const on = d.on ?? todayIso()
    await tx.benefitEnrollment.update({ where: { id: e.id }, data: { proposedExit: d.reason, proposedExitOn: toDate(on) } })
    await audit(
      tx,
      { id: null, username: 'system', role: null, regionId: e.villageId, ip: null },
      {
        action: 'benefit.exit.propose',
        entity: 'BenefitEnrollment',
        entityId: e.id,
        regionId: e.villageId,
        after: { reason: d.reason, on },
      },
    )
  }
}
