import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied, type Actor } from '@/lib/server/audit'
import { once } from '@/lib/server/idempotency'
import { AppError, NotFoundError } from '@/lib/server/errors'
import type { ServiceContext } from '@/lib/server/context'
import { todayIso } from '@/lib/dates'
import { parseSchemeFile, type FormatProblem, type ParsedScheme } from './format'
import { insertScheme, makeRun, publishRun, recomputeRun } from './engine'
import { isKnownSource, MANUAL_SOURCE } from './sources'
import { readValueSheet } from './sheet'
import type { EntryInput, RunInput, ValuesInput } from './schemas'
import { townshipsOf } from '@/lib/regions/lookups'

// Writes of the assessment module, each in one transaction with its audit event. Schemes belong to
// the county of the administrator; runs and values to the county of the official. Both roles sit
// at the county (the permission grants say so), so the subject's region is the county.

/** A scheme file that failed its checks: the action lists the problems in the user's language. */
export class SchemeInvalidError extends AppError {
  constructor(readonly problems: FormatProblem[]) {
    super('assessment.errors.schemeInvalid')
  }
}

function countyOf(ctx: ServiceContext): number {
  if (ctx.subject.regionLevel !== 'COUNTY') throw new NotFoundError()
  return ctx.subject.regionId
}

/** Saves a scheme file: a new scheme, or a new version of the scheme with the same key. Nothing is written on a problem. */
export async function saveScheme(ctx: ServiceContext, text: string): Promise<{ id: number; version: number }> {
  const countyId = countyOf(ctx)
  const parsed = parseSchemeFile(text, isKnownSource)
  if (!parsed.ok) throw new SchemeInvalidError(parsed.problems)
  return db.$transaction((tx) => storeScheme(tx, ctx, countyId, parsed.scheme))
}

export async function storeScheme(tx: Tx, ctx: ServiceContext, countyId: number, scheme: ParsedScheme): Promise<{ id: number; version: number }> {
  const created = await insertScheme(tx, countyId, scheme, ctx.actor.id ?? 0)
  await audit(tx, ctx.actor, {
    action: 'assessment.scheme.save',
    entity: 'AssessmentScheme',
    entityId: created.id,
    regionId: countyId,
    after: { key: scheme.file.key, version: created.version, name: scheme.file.name, nodes: scheme.nodes.length },
  })
  return created
}

/**
 * A scheme or run that is not the caller's looks missing; when it exists (another county's), the
 * refusal is audited as permission.denied, like every refusal of a row that exists.
 */
export async function auditIfHidden(actor: Actor, permission: string, kind: 'scheme' | 'run', id: number): Promise<void> {
  const exists =
    kind === 'scheme'
      ? await db.assessmentScheme.findUnique({ where: { id }, select: { id: true } })
      : await db.assessmentRun.findUnique({ where: { id }, select: { id: true } })
  if (exists) await auditDenied(actor, permission, { [`${kind}Id`]: id })
}

async function schemeOf(tx: Tx, ctx: ServiceContext, countyId: number, schemeId: number) {
  const scheme = await tx.assessmentScheme.findFirst({ where: { id: schemeId, countyId }, include: { nodes: { orderBy: { position: 'asc' } } } })
  if (!scheme) {
    await auditIfHidden(ctx.actor, 'assessment.run', 'scheme', schemeId)
    throw new NotFoundError()
  }
  return scheme
}

/**
 * Saves hand-entered values of a scheme's manual indicators for a period: a number replaces the
 * value, an empty field removes it. All or nothing.
 */
export async function saveValues(ctx: ServiceContext, input: ValuesInput): Promise<{ saved: number; removed: number }> {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) => {
    const scheme = await schemeOf(tx, ctx, countyId, input.schemeId)
    const manual = new Map(scheme.nodes.filter((n) => n.method && (n.source ?? MANUAL_SOURCE) === MANUAL_SOURCE).map((n) => [n.code, n]))
    const townships = new Set((await townshipsOf(tx, countyId, { includeInactive: true })).map((t) => t.id))
    let saved = 0
    let removed = 0
    for (const cell of input.cells) {
      if (!manual.has(cell.code) || !townships.has(cell.townshipId)) throw new NotFoundError()
      const key = {
        countyId_schemeKey_periodKey_indicatorCode_townshipId: {
          countyId,
          schemeKey: scheme.key,
          periodKey: input.periodKey,
          indicatorCode: cell.code,
          townshipId: cell.townshipId,
        },
      }
      if (cell.value === null) {
        removed += (await tx.assessmentValue.deleteMany({ where: key.countyId_schemeKey_periodKey_indicatorCode_townshipId })).count
        continue
      }
      const evidence = input.evidence[cell.code] ?? ''
      await tx.assessmentValue.upsert({
        where: key,
        create: { ...key.countyId_schemeKey_periodKey_indicatorCode_townshipId, value: cell.value, evidence, enteredById: ctx.actor.id ?? 0 },
        update: { value: cell.value, evidence, enteredById: ctx.actor.id ?? 0, enteredAt: new Date() },
      })
      saved += 1
    }
    await audit(tx, ctx.actor, {
      action: 'assessment.values.save',
      entity: 'AssessmentScheme',
      entityId: scheme.id,
      regionId: countyId,
      after: { schemeKey: scheme.key, periodKey: input.periodKey, saved, removed, via: input.via },
    })
    return { saved, removed }
  })
}

/** Imports values from an .xlsx (a row per township, a column per indicator): every row checked first, nothing written on an error. */
export async function importValues(ctx: ServiceContext, input: { schemeId: number; periodKey: string; bytes: Uint8Array; evidence: string }) {
  const countyId = countyOf(ctx)
  const scheme = await schemeOf(db as unknown as Tx, ctx, countyId, input.schemeId)
  const townships = await townshipsOf(db, countyId, { includeInactive: true })
  const manual = scheme.nodes.filter((n) => n.method && (n.source ?? MANUAL_SOURCE) === MANUAL_SOURCE).map((n) => ({ code: n.code, name: n.name }))
  const sheet = await readValueSheet(input.bytes, manual, townships)
  if (!sheet.ok) throw new AppError(sheet.error, sheet.params)
  const evidence = Object.fromEntries(manual.map((m) => [m.code, input.evidence]))
  return saveValues(ctx, { schemeId: input.schemeId, periodKey: input.periodKey, cells: sheet.cells, evidence, via: 'xlsx' })
}

/** Runs a scheme version for a statistical year over the county's townships (a correction names the run it corrects and why). */
export async function createRun(ctx: ServiceContext, input: RunInput): Promise<number> {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) =>
    once(tx, input.formKey, ctx.actor.id ?? 0, 'assessment.run', async () => {
      await schemeOf(tx, ctx, countyId, input.schemeId)
      if (input.correctsId) {
        const corrected = await tx.assessmentRun.findFirst({ where: { id: input.correctsId, countyId }, select: { status: true } })
        if (!corrected) {
          await auditIfHidden(ctx.actor, 'assessment.run', 'run', input.correctsId)
          throw new NotFoundError()
        }
        if (corrected.status !== 'PUBLISHED') throw new AppError('assessment.errors.correctDraft')
        if (!input.reason) throw new AppError('assessment.errors.reasonRequired', undefined, { reason: 'assessment.errors.reasonRequired' })
      }
      const id = await makeRun(tx, {
        countyId,
        schemeId: input.schemeId,
        statYear: input.statYear,
        title: input.title,
        createdById: ctx.actor.id ?? 0,
        today: todayIso(),
        correctsId: input.correctsId ?? null,
        reason: input.reason ?? '',
      })
      await audit(tx, ctx.actor, {
        action: 'assessment.run.create',
        entity: 'AssessmentRun',
        entityId: id,
        regionId: countyId,
        after: { schemeId: input.schemeId, statYear: input.statYear, title: input.title, correctsId: input.correctsId ?? null, reason: input.reason ?? null },
      })
      return id
    }),
  )
}

async function draftRun(tx: Tx, ctx: ServiceContext, countyId: number, runId: number) {
  const run = await tx.assessmentRun.findFirst({ where: { id: runId, countyId }, select: { id: true, status: true, schemeSnapshot: true } })
  if (!run) {
    await auditIfHidden(ctx.actor, 'assessment.run', 'run', runId)
    throw new NotFoundError()
  }
  if (run.status !== 'DRAFT') throw new AppError('assessment.errors.published')
  return run
}

function assertTownshipOfRun(run: { schemeSnapshot: unknown }, townshipId: number) {
  const townships = (run.schemeSnapshot as { townships: { id: number }[] }).townships
  if (!townships.some((t) => t.id === townshipId))
    throw new AppError('assessment.errors.unknownTownship', undefined, { townshipId: 'assessment.errors.unknownTownship' })
}

/** A commendation (+) or criticism (−) with its document, on a draft run; the run is scored again. */
export async function addAdjustment(ctx: ServiceContext, input: EntryInput & { points: number }) {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) =>
    once(tx, input.formKey, ctx.actor.id ?? 0, 'assessment.adjustment', async () => {
      const run = await draftRun(tx, ctx, countyId, input.runId)
      assertTownshipOfRun(run, input.townshipId)
      const row = await tx.assessmentAdjustment.create({
        data: {
          runId: run.id,
          townshipId: input.townshipId,
          points: input.points,
          reason: input.reason,
          document: input.document,
          createdById: ctx.actor.id ?? 0,
        },
      })
      await recomputeRun(tx, run.id)
      await audit(tx, ctx.actor, {
        action: 'assessment.adjustment.add',
        entity: 'AssessmentRun',
        entityId: run.id,
        regionId: countyId,
        after: { ...input, id: row.id },
      })
      return row.id
    }),
  )
}

/** A veto (一票否决) with its document, on a draft run; its effect is the scheme's veto rule. */
export async function addVeto(ctx: ServiceContext, input: EntryInput) {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) =>
    once(tx, input.formKey, ctx.actor.id ?? 0, 'assessment.veto', async () => {
      const run = await draftRun(tx, ctx, countyId, input.runId)
      assertTownshipOfRun(run, input.townshipId)
      const row = await tx.assessmentVeto.create({
        data: { runId: run.id, townshipId: input.townshipId, reason: input.reason, document: input.document, createdById: ctx.actor.id ?? 0 },
      })
      await recomputeRun(tx, run.id)
      await audit(tx, ctx.actor, {
        action: 'assessment.veto.add',
        entity: 'AssessmentRun',
        entityId: run.id,
        regionId: countyId,
        after: { ...input, id: row.id },
      })
      return row.id
    }),
  )
}

/** Removes an adjustment or veto entered by mistake, while the run is a draft. */
export async function removeEntry(ctx: ServiceContext, input: { runId: number; kind: 'adjustment' | 'veto'; entryId: number }) {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) => {
    const run = await draftRun(tx, ctx, countyId, input.runId)
    const where = { id: input.entryId, runId: run.id }
    const before = input.kind === 'adjustment' ? await tx.assessmentAdjustment.findFirst({ where }) : await tx.assessmentVeto.findFirst({ where })
    if (!before) throw new NotFoundError()
    if (input.kind === 'adjustment') await tx.assessmentAdjustment.delete({ where: { id: before.id } })
    else await tx.assessmentVeto.delete({ where: { id: before.id } })
    await recomputeRun(tx, run.id)
    await audit(tx, ctx.actor, {
      action: `assessment.${input.kind}.remove`,
      entity: 'AssessmentRun',
      entityId: run.id,
      regionId: countyId,
      before: JSON.parse(JSON.stringify(before)) as Prisma.InputJsonValue,
    })
  })
}

/** Publishes a draft run: from now on immutable, and its townships see their own results. */
export async function publish(ctx: ServiceContext, runId: number) {
  const countyId = countyOf(ctx)
  return db.$transaction(async (tx) => {
    const run = await tx.assessmentRun.findFirst({ where: { id: runId, countyId }, select: { id: true } })
    if (!run) {
      await auditIfHidden(ctx.actor, 'assessment.run', 'run', runId)
      throw new NotFoundError()
    }
    await publishRun(tx, run.id, ctx.actor.id ?? 0)
    await audit(tx, ctx.actor, { action: 'assessment.run.publish', entity: 'AssessmentRun', entityId: run.id, regionId: countyId })
  })
}
