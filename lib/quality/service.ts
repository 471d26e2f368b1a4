import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import { AppError, NotFoundError } from '@/lib/server/errors'
import { can, inScope, registerScope } from '@/lib/access/permissions'
import { findingScope } from './scope'
import { detect, reconcile, recordsAffectedBy, sweepRegion, type SweepCounts } from './sweep'
import type { AssignInput, ResolveInput } from './schemas'

// Writes of the quality module: the on-save check the register calls inside its own transaction,
// the sweep of the user's region, and the queue's assign / fix / close. Each is scoped to the
// subject's region and audited in the same transaction.

/**
 * Re-evaluates the rules for just the records a save touched (and those whose findings it can
 * change: a mother's children, the other half of a duplicate, the households involved), opening
 * and closing their findings inside the caller's transaction. A finding is a warning to staff,
 * never a refusal: the save goes through either way.
 */
export async function checkOnSave(
  tx: Tx,
  input: { personIds?: (number | null | undefined)[]; householdIds?: (number | null | undefined)[] },
): Promise<SweepCounts> {
  const target = await recordsAffectedBy(tx, input)
  return reconcile(tx, target, await detect(tx, target))
}

/** The full sweep of the subject's region (township staff: their township). */
export async function sweep(ctx: ServiceContext) {
  const { actor, subject } = ctx
  const scope = registerScope(subject)
  if ('groupId' in scope) throw new NotFoundError()
  const [column, id] = Object.entries(scope)[0] as ['countyId' | 'townshipId' | 'villageId', number]
  return sweepRegion(db, { column, id }, (tx, result) =>
    audit(tx, actor, { action: 'quality.sweep', entity: 'Region', entityId: id, regionId: id, after: { ...result } }),
  )
}

async function findingForChange(tx: Tx, ctx: ServiceContext, findingId: number, permission: 'register.review' | 'register.edit') {
  const { actor, subject } = ctx
  const finding = await tx.qualityFinding.findFirst({ where: { id: findingId, ...findingScope(subject) } })
  if (!finding) {
    if (await db.qualityFinding.findUnique({ where: { id: findingId }, select: { id: true } })) await auditDenied(actor, permission, { findingId })
    throw new NotFoundError()
  }
  return finding
}

const OPEN_STATUSES = ['OPEN', 'ASSIGNED']

export async function assignFinding(ctx: ServiceContext, input: AssignInput): Promise<void> {
  const { actor, subject } = ctx
  await db.$transaction(async (tx) => {
    const finding = await findingForChange(tx, ctx, input.findingId, 'register.review')
    if (!OPEN_STATUSES.includes(finding.status)) throw new AppError('quality.errors.notOpen')
    const assignee = await tx.user.findFirst({
      where: { id: input.assigneeId, active: true },
      select: { id: true, username: true, role: true, regionId: true, region: { select: { id: true, ancestorIds: true, level: true } } },
    })
    const asSubject = assignee && { ...assignee, regionLevel: assignee.region.level }
    const allowed =
      asSubject &&
      [finding.villageId, finding.townshipId, finding.countyId].includes(asSubject.regionId) &&
      inScope(subject, asSubject.region) &&
      (can(asSubject, 'register.edit') || can(asSubject, 'register.review'))
    if (!allowed) throw new AppError('quality.errors.assigneeNotAllowed', undefined, { assigneeId: 'quality.errors.assigneeNotAllowed' })
    await tx.qualityFinding.update({ where: { id: finding.id }, data: { status: 'ASSIGNED', assigneeId: assignee.id } })
    await audit(tx, actor, {
      action: 'quality.assign',
      entity: 'QualityFinding',
      entityId: finding.id,
      regionId: finding.villageId,
      before: { status: finding.status, assigneeId: finding.assigneeId },
      after: { status: 'ASSIGNED', assigneeId: assignee.id, assignee: assignee.username },
    })
  })
}

/**
 * Marks a finding fixed with a note. The rule is checked again first: a record that still breaks it
 * is not fixed, and the finding stays open (the next check would only reopen it).
 */
export async function markFixed(ctx: ServiceContext, input: ResolveInput): Promise<void> {
  const { actor } = ctx
  await db.$transaction(async (tx) => {
    const finding = await findingForChange(tx, ctx, input.findingId, 'register.edit')
    if (!OPEN_STATUSES.includes(finding.status)) throw new AppError('quality.errors.notOpen')
    const target = await recordsAffectedBy(
      tx,
      finding.entity === 'Household' ? { householdIds: [finding.entityId] } : { personIds: finding.entity === 'Person' ? [finding.entityId] : [] },
    )
    if (finding.entity === 'LifeEvent') target.eventIds = [finding.entityId]
    const still = (await detect(tx, target)).some((d) => d.rule === finding.rule && d.entity === finding.entity && d.entityId === finding.entityId)
    if (still) throw new AppError('quality.errors.stillFailing')
    await tx.qualityFinding.update({ where: { id: finding.id }, data: { status: 'FIXED', note: input.note, closedAt: new Date() } })
    await audit(tx, actor, {
      action: 'quality.fix',
      entity: 'QualityFinding',
      entityId: finding.id,
      regionId: finding.villageId,
      before: { status: finding.status },
      after: { status: 'FIXED', note: input.note },
    })
  })
}

/** Closes a finding with a note: accepted as it is (a warning that is right) or not worth fixing. */
export async function closeFinding(ctx: ServiceContext, input: ResolveInput): Promise<void> {
  const { actor } = ctx
  await db.$transaction(async (tx) => {
    const finding = await findingForChange(tx, ctx, input.findingId, 'register.review')
    if (!OPEN_STATUSES.includes(finding.status)) throw new AppError('quality.errors.notOpen')
    await tx.qualityFinding.update({ where: { id: finding.id }, data: { status: 'CLOSED', note: input.note, closedAt: new Date() } })
    await audit(tx, actor, {
      action: 'quality.close',
      entity: 'QualityFinding',
      entityId: finding.id,
      regionId: finding.villageId,
      before: { status: finding.status },
      after: { status: 'CLOSED', note: input.note },
    })
  })
}
