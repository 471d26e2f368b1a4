import 'server-only'
import { randomBytes } from 'node:crypto'
import type { Prisma } from '@/lib/generated/prisma/client'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import { once } from '@/lib/server/idempotency'
import { AppError, NotFoundError } from '@/lib/server/errors'
import type { ServiceContext } from '@/lib/server/context'
import { toDate } from '@/lib/dates'
import { townshipsOf } from '@/lib/regions/lookups'
import { prepareAttachment, saveAttachment, type PreparedFile } from '@/lib/attachments/service'
import { householdsOfTownship } from '@/lib/registry/sample'
import { drawSample, rectificationStep, scoreProblem, sheetProblems, type RectificationError, type SheetItem } from './inspection-rules'
import type { RectificationInput, RoundInput, SampleInput, ScoresInput } from './inspection-schemas'
import type { MessageKey } from '@/lib/i18n/core'

// Writes of inspections (督查), the rectification ledger (整改台账) and sample verification
// (抽样核查), each in one transaction with its audit event. Rounds, templates and samples belong to
// the county of the county-level user; a township's staff act only on their own township's items.

export const SCORE_PHOTO = 'InspectionScore'
export const RECTIFICATION_EVIDENCE = 'Rectification'

function countyOf(ctx: ServiceContext): number {
  if (ctx.subject.regionLevel !== 'COUNTY') throw new NotFoundError()
  return ctx.subject.regionId
}

type Hidden = 'inspectionTemplate' | 'inspectionRound' | 'sampleHousehold' | 'region'

/**
 * A row that is not the caller's looks missing; when it exists (another county's), the refusal is
 * audited as permission.denied, like every refusal of a row that exists.
 */
async function hidden(ctx: ServiceContext, permission: string, kind: Hidden, id: number): Promise<never> {
  const exists =
    kind === 'inspectionTemplate'
      ? await db.inspectionTemplate.findUnique({ where: { id }, select: { id: true } })
      : kind === 'inspectionRound'
        ? await db.inspectionRound.findUnique({ where: { id }, select: { id: true } })
        : kind === 'sampleHousehold'
          ? await db.sampleHousehold.findUnique({ where: { id }, select: { id: true } })
          : { id }
  if (exists) await auditDenied(ctx.actor, permission, { [`${kind}Id`]: id })
  throw new NotFoundError()
}

const RECTIFICATION_ERRORS: Record<RectificationError, MessageKey> = {
  closed: 'inspections.errors.closed',
  measuresRequired: 'inspections.errors.measuresRequired',
  evidenceRequired: 'inspections.errors.evidenceRequired',
  notSubmitted: 'inspections.errors.notSubmitted',
  reasonRequired: 'inspections.errors.reasonRequired',
}

export async function createTemplate(ctx: ServiceContext, input: { name: string; items: SheetItem[] }): Promise<number> {
  const countyId = countyOf(ctx)
  const problems = sheetProblems(input.items)
  if (problems.length)
    throw new AppError(
      'inspections.errors.templateInvalid',
      { code: 'code' in problems[0] ? problems[0].code : '' },
      { lines: 'inspections.errors.templateInvalid' },
    )
  return db.$transaction(async (tx) => {
    const row = await tx.inspectionTemplate.create({
      data: { countyId, name: input.name, items: input.items as unknown as Prisma.InputJsonValue, createdById: ctx.actor.id ?? 0 },
    })
    await audit(tx, ctx.actor, {
      action: 'inspection.template.create',
      entity: 'InspectionTemplate',
      entityId: row.id,
      regionId: countyId,
      after: { name: input.name, items: input.items.length },
    })
    return row.id
  })
}

/** A round with the template's items copied in: later edits of the template do not change it. */
export async function createRound(ctx: ServiceContext, input: RoundInput): Promise<number> {
  const countyId = countyOf(ctx)
  if (input.endsOn < input.startsOn) throw new AppError('inspections.errors.datesOrder', undefined, { endsOn: 'inspections.errors.datesOrder' })
  return db.$transaction((tx) =>
    once(tx, input.formKey, ctx.actor.id ?? 0, 'inspection.round', async () => {
      const template = await tx.inspectionTemplate.findFirst({ where: { id: input.templateId, countyId } })
      if (!template) return hidden(ctx, 'assessment.run', 'inspectionTemplate', input.templateId)
      const row = await tx.inspectionRound.create({
        data: {
          countyId,
          title: input.title,
          statYear: input.statYear,
          startsOn: toDate(input.startsOn),
          endsOn: toDate(input.endsOn),
          templateId: template.id,
          items: template.items as Prisma.InputJsonValue,
          createdById: ctx.actor.id ?? 0,
        },
      })
      await audit(tx, ctx.actor, {
        action: 'inspection.round.create',
        entity: 'InspectionRound',
        entityId: row.id,
        regionId: countyId,
        after: { ...input, formKey: undefined },
      })
      return row.id
    }),
  )
}

async function openRound(tx: Tx, ctx: ServiceContext, countyId: number, roundId: number, permission: string) {
  const round = await tx.inspectionRound.findFirst({ where: { id: roundId, countyId } })
  if (!round) return hidden(ctx, permission, 'inspectionRound', roundId)
  if (round.status !== 'OPEN') throw new AppError('inspections.errors.published')
  return round
}

/** A team of inspectors and the townships it visits; members must be the county's inspectors or officials. */
export async function addTeam(ctx: ServiceContext, input: { roundId: number; name: string; memberIds: number[]; townshipIds: number[] }) {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) => {
    const round = await openRound(tx, ctx, countyId, input.roundId, 'assessment.run')
    const townships = new Set((await townshipsOf(tx, countyId)).map((t) => t.id))
    if (input.townshipIds.some((id) => !townships.has(id)))
      throw new AppError('inspections.errors.unknownTownship', undefined, { townshipIds: 'inspections.errors.unknownTownship' })
    const members = await tx.user.findMany({
      where: { id: { in: input.memberIds }, regionId: countyId, role: { in: ['INSPECTOR', 'COUNTY_OFFICIAL'] }, active: true },
      select: { id: true },
    })
    if (members.length !== new Set(input.memberIds).size)
      throw new AppError('inspections.errors.unknownInspector', undefined, { memberIds: 'inspections.errors.unknownInspector' })
    const row = await tx.inspectionTeam.create({
      data: { roundId: round.id, name: input.name, memberIds: [...new Set(input.memberIds)], townshipIds: [...new Set(input.townshipIds)] },
    })
    await audit(tx, ctx.actor, {
      action: 'inspection.team.add',
      entity: 'InspectionRound',
      entityId: round.id,
      regionId: countyId,
      after: { teamId: row.id, ...input },
    })
    return row.id
  })
}

/** Whether the user is in a team of the round that visits the township. */
export async function inTeamFor(client: Tx | typeof db, roundId: number, userId: number, townshipId: number): Promise<boolean> {
  const team = await client.inspectionTeam.findFirst({ where: { roundId, memberIds: { has: userId }, townshipIds: { has: townshipId } }, select: { id: true } })
  return team !== null
}

/**
 * Saves the scores an inspector entered for one township: each item's points (empty: not scored,
 * an earlier score stays), note and photo. A score below 0 or above the item's maximum refuses the
 * whole sheet with a message on that item, and nothing is written. Only a member of a team that
 * visits the township may score it, and only while the round is open.
 */
export async function saveScores(ctx: ServiceContext, input: ScoresInput): Promise<{ saved: number }> {
  const countyId = countyOf(ctx)
  const round = await db.inspectionRound.findFirst({ where: { id: input.roundId, countyId } })
  if (!round) return hidden(ctx, 'assessment.inspect', 'inspectionRound', input.roundId)
  if (!(await inTeamFor(db, round.id, ctx.subject.id, input.townshipId))) {
    await auditDenied(ctx.actor, 'assessment.inspect', { roundId: round.id, townshipId: input.townshipId })
    throw new AppError('inspections.errors.notYourTownship')
  }
  const items = new Map((round.items as unknown as SheetItem[]).map((i) => [i.code, i]))
  const fieldErrors: Record<string, MessageKey> = {}
  for (const s of input.scores) {
    const item = items.get(s.code)
    if (!item) throw new NotFoundError()
    if (s.points === null) continue
    const problem = scoreProblem(s.points, item)
    if (problem) fieldErrors[`p:${s.code}`] = `inspections.errors.score.${problem}`
  }
  const firstBad = Object.keys(fieldErrors)[0]
  if (firstBad) {
    const item = items.get(firstBad.slice(2))!
    throw new AppError(fieldErrors[firstBad], { item: item.name, max: String(item.maxPoints) }, fieldErrors)
  }
  const photos = new Map<string, PreparedFile>()
  for (const s of input.scores) if (s.photo) photos.set(s.code, await prepareAttachment(s.photo, `f:${s.code}`))
  return db.$transaction(async (tx) => {
    const current = await openRound(tx, ctx, countyId, round.id, 'assessment.inspect')
    let saved = 0
    for (const s of input.scores) {
      if (s.points === null && !photos.has(s.code) && !s.note) continue
      const key = { roundId_townshipId_itemCode: { roundId: current.id, townshipId: input.townshipId, itemCode: s.code } }
      const existing = await tx.inspectionScore.findUnique({ where: key, select: { id: true } })
      if (s.points === null && !existing) {
        if (photos.has(s.code) || s.note)
          throw new AppError('inspections.errors.scoreFirst', { item: items.get(s.code)!.name }, { [`p:${s.code}`]: 'errors.required' })
        continue
      }
      const row = await tx.inspectionScore.upsert({
        where: key,
        create: { roundId: current.id, townshipId: input.townshipId, itemCode: s.code, points: s.points!, note: s.note, enteredById: ctx.actor.id ?? 0 },
        update: { ...(s.points === null ? {} : { points: s.points }), note: s.note, enteredById: ctx.actor.id ?? 0, enteredAt: new Date() },
      })
      const photo = photos.get(s.code)
      if (photo) await saveAttachment(tx, photo, { type: SCORE_PHOTO, id: row.id, countyId, createdById: ctx.actor.id ?? 0 })
      saved += 1
    }
    await audit(tx, ctx.actor, {
      action: 'inspection.scores.save',
      entity: 'InspectionRound',
      entityId: current.id,
      regionId: input.townshipId,
      after: { townshipId: input.townshipId, scores: input.scores.map((s) => ({ code: s.code, points: s.points, note: s.note, photo: photos.has(s.code) })) },
    })
    return { saved }
  })
}

/** Opens a rectification item on a township from a finding: only a member of the team that visits it. */
export async function openRectification(ctx: ServiceContext, input: RectificationInput): Promise<number> {
  const countyId = countyOf(ctx)
  return db.$transaction((tx) =>
    once(tx, input.formKey, ctx.actor.id ?? 0, 'inspection.rectification', async () => {
      const round = await tx.inspectionRound.findFirst({ where: { id: input.roundId, countyId }, select: { id: true, items: true } })
      if (!round) return hidden(ctx, 'assessment.inspect', 'inspectionRound', input.roundId)
      if (!(await inTeamFor(tx, round.id, ctx.subject.id, input.townshipId))) throw new AppError('inspections.errors.notYourTownship')
      if (input.itemCode && !(round.items as unknown as SheetItem[]).some((i) => i.code === input.itemCode)) throw new NotFoundError()
      if (input.ownerId) {
        const owner = await tx.user.findFirst({ where: { id: input.ownerId, regionId: input.townshipId, active: true }, select: { id: true } })
        if (!owner) throw new AppError('inspections.errors.unknownOwner', undefined, { ownerId: 'inspections.errors.unknownOwner' })
      }
      const row = await tx.rectification.create({
        data: {
          countyId,
          roundId: round.id,
          townshipId: input.townshipId,
          itemCode: input.itemCode ?? null,
          finding: input.finding,
          ownerId: input.ownerId ?? null,
          dueOn: toDate(input.dueOn),
          createdById: ctx.actor.id ?? 0,
        },
      })
      await audit(tx, ctx.actor, {
        action: 'inspection.rectification.open',
        entity: 'Rectification',
        entityId: row.id,
        regionId: input.townshipId,
        after: { ...input, formKey: undefined },
      })
      return row.id
    }),
  )
}

/** A rectification the subject may act on: the township's own (once the round is published), or any of the county's for a county user. */
async function rectificationFor(tx: Tx, ctx: ServiceContext, id: number) {
  const where: Prisma.RectificationWhereInput =
    ctx.subject.regionLevel === 'COUNTY' ? { id, countyId: ctx.subject.regionId } : { id, townshipId: ctx.subject.regionId, round: { status: 'PUBLISHED' } }
  const row = await tx.rectification.findFirst({ where })
  if (!row) {
    if (await tx.rectification.findUnique({ where: { id }, select: { id: true } })) await auditDenied(ctx.actor, 'assessment.rectify', { rectificationId: id })
    throw new NotFoundError()
  }
  // lock the row: a double click or two people at once see the state the first one left
  await tx.$executeRaw`SELECT 1 FROM "Rectification" WHERE id = ${row.id} FOR UPDATE`
  return await tx.rectification.findUniqueOrThrow({ where: { id: row.id } })
}

async function evidenceCount(tx: Tx, id: number): Promise<number> {
  return tx.attachment.count({ where: { ownerType: RECTIFICATION_EVIDENCE, ownerId: id } })
}

/** The township enters the measures taken and (optionally more) evidence, and sends the item for close-out. */
export async function submitMeasures(ctx: ServiceContext, input: { rectificationId: number; measures: string; evidence?: File }) {
  if (ctx.subject.regionLevel !== 'TOWNSHIP') throw new NotFoundError()
  const file = input.evidence ? await prepareAttachment(input.evidence, 'evidence') : null
  return db.$transaction(async (tx) => {
    const row = await rectificationFor(tx, ctx, input.rectificationId)
    const evidence = (await evidenceCount(tx, row.id)) + (file ? 1 : 0)
    const step = rectificationStep(row.status, 'submit', { measures: input.measures, evidence })
    if (!step.ok)
      throw new AppError(
        RECTIFICATION_ERRORS[step.error],
        undefined,
        step.error === 'evidenceRequired' ? { evidence: RECTIFICATION_ERRORS[step.error] } : undefined,
      )
    if (file) await saveAttachment(tx, file, { type: RECTIFICATION_EVIDENCE, id: row.id, countyId: row.countyId, createdById: ctx.actor.id ?? 0 })
    await tx.rectification.update({ where: { id: row.id }, data: { measures: input.measures, status: step.next, submittedAt: new Date() } })
    await audit(tx, ctx.actor, {
      action: 'inspection.rectification.submit',
      entity: 'Rectification',
      entityId: row.id,
      regionId: row.townshipId,
      before: { status: row.status, measures: row.measures },
      after: { status: step.next, measures: input.measures, evidenceAdded: file !== null },
    })
  })
}

/** An inspector closes (销号) a submitted item with evidence, or refuses it with a reason (re-inspection). */
export async function reviewRectification(ctx: ServiceContext, input: { rectificationId: number; decision: 'close' | 'refuse'; reason?: string }) {
  countyOf(ctx)
  return db.$transaction(async (tx) => {
    const row = await rectificationFor(tx, ctx, input.rectificationId)
    const step = rectificationStep(row.status, input.decision, { measures: row.measures, evidence: await evidenceCount(tx, row.id), reason: input.reason })
    if (!step.ok)
      throw new AppError(
        RECTIFICATION_ERRORS[step.error],
        undefined,
        step.error === 'reasonRequired' ? { reason: 'inspections.errors.reasonRequired' } : undefined,
      )
    const data =
      step.next === 'CLOSED'
        ? { status: step.next, closedAt: new Date(), closedById: ctx.actor.id ?? 0 }
        : { status: step.next, refusal: input.reason ?? '', refusals: { increment: 1 } }
    await tx.rectification.update({ where: { id: row.id }, data })
    await audit(tx, ctx.actor, {
      action: `inspection.rectification.${input.decision}`,
      entity: 'Rectification',
      entityId: row.id,
      regionId: row.townshipId,
      before: { status: row.status },
      after: { status: step.next, reason: input.reason ?? null },
    })
  })
}

/** Publishes a round's result: the townships see their scores, place and rectification items from now on. */
export async function publishRound(ctx: ServiceContext, roundId: number) {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) => {
    const done = await tx.inspectionRound.updateMany({
      where: { id: roundId, countyId, status: 'OPEN' },
      data: { status: 'PUBLISHED', publishedAt: new Date(), publishedById: ctx.actor.id ?? 0 },
    })
    if (done.count === 0) {
      if (await tx.inspectionRound.findFirst({ where: { id: roundId, countyId }, select: { id: true } })) throw new AppError('inspections.errors.published')
      return hidden(ctx, 'assessment.run', 'inspectionRound', roundId)
    }
    await audit(tx, ctx.actor, { action: 'inspection.round.publish', entity: 'InspectionRound', entityId: roundId, regionId: countyId })
  })
}

// ---------------------------------------------------------------- sample verification

/** Draws the sample of a township and stores the seed, size and drawn households (the same seed draws the same households). */
export async function createSample(ctx: ServiceContext, input: SampleInput): Promise<number> {
  const countyId = countyOf(ctx)
  return db.$transaction((tx) =>
    once(tx, input.formKey, ctx.actor.id ?? 0, 'inspection.sample', async () => {
      const townships = await townshipsOf(tx, countyId)
      if (!townships.some((t) => t.id === input.townshipId)) return hidden(ctx, 'assessment.sample', 'region', input.townshipId)
      const seed = input.seed ?? randomBytes(8).toString('hex')
      const households = await householdsOfTownship(tx, input.townshipId)
      if (households.length === 0) throw new AppError('inspections.errors.noHouseholds')
      const drawn = drawSample(households, input.size, seed)
      const check = await tx.sampleCheck.create({
        data: { countyId, townshipId: input.townshipId, statYear: input.statYear, seed, size: input.size, createdById: ctx.actor.id ?? 0 },
      })
      await tx.sampleHousehold.createMany({ data: drawn.map((h, position) => ({ checkId: check.id, householdId: h.id, villageId: h.villageId, position })) })
      await audit(tx, ctx.actor, {
        action: 'inspection.sample.create',
        entity: 'SampleCheck',
        entityId: check.id,
        regionId: input.townshipId,
        after: { townshipId: input.townshipId, statYear: input.statYear, seed, size: input.size, drawn: drawn.length },
      })
      return check.id
    }),
  )
}

/** What the inspector found at one drawn household. */
export async function recordSampleHousehold(
  ctx: ServiceContext,
  input: { sampleHouseholdId: number; outcome: 'CORRECT' | 'FIELD_WRONG' | 'NOT_FOUND' | 'UNREGISTERED'; wrongField?: string; note?: string },
) {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) => {
    const row = await tx.sampleHousehold.findFirst({
      where: { id: input.sampleHouseholdId, check: { countyId } },
      include: { check: { select: { townshipId: true } } },
    })
    if (!row) return hidden(ctx, 'assessment.sample', 'sampleHousehold', input.sampleHouseholdId)
    const data = {
      outcome: input.outcome,
      wrongField: input.outcome === 'FIELD_WRONG' ? (input.wrongField ?? null) : null,
      note: input.note ?? '',
      checkedById: ctx.actor.id ?? 0,
      checkedAt: new Date(),
    }
    await tx.sampleHousehold.update({ where: { id: row.id }, data })
    await audit(tx, ctx.actor, {
      action: 'inspection.sample.record',
      entity: 'SampleCheck',
      entityId: row.checkId,
      regionId: row.check.townshipId,
      before: { householdId: row.householdId, outcome: row.outcome, wrongField: row.wrongField },
      after: { householdId: row.householdId, outcome: data.outcome, wrongField: data.wrongField, note: data.note },
    })
  })
}
