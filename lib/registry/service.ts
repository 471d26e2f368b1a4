import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { Prisma } from '@/lib/generated/prisma/client'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied, type Actor } from '@/lib/server/audit'
import { once } from '@/lib/server/idempotency'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { inRegisterScope, inScope, registerScope } from '@/lib/access/permissions'
import { regionById } from '@/lib/regions/lookups'
import type { MessageKey } from '@/lib/i18n/core'
import { idColumns, nameColumns, personColumns } from './columns'
import { decryptIdNumber, hashIdNumber } from './crypto'
import { auditIdCheck, OUT_OF_SCOPE_DAILY_CAP } from './id-checks'
import {
  countBirthOrders,
  eventDateProblem,
  eventRefusal,
  inferParents,
  isLate,
  newbornRelation,
  placementOf,
  relationToNewHead,
  type EventType,
  type Placement,
  type Relation,
} from './rules'
import { toDate, todayIso, toIso } from '@/lib/dates'
import type { EventInput, HouseholdInput, PersonInput } from './schemas'
// higher modules (quality) see every write through the after-write hook, in the same transaction
import { afterRegisterWrite } from './hooks'
// periods: life events dated in an approved (locked) period are refused (lib/periods/locks.ts)
import { assertPeriodOpen } from '@/lib/periods/locks'

// Register writes. Every function loads its rows inside the subject's region (registerScope), so
// a row elsewhere looks missing; writes run in one transaction with their audit event. Audit
// events never contain a full ID number.

function fieldError(field: string, key: MessageKey): AppError {
  return new AppError(key, undefined, { [field]: key })
}

/** A village or group in the subject's region, where households and people can be placed. */
async function placementIn(tx: Tx, ctx: ServiceContext, regionId: number, field = 'regionId'): Promise<Placement> {
  const { actor, subject } = ctx
  const region = await regionById(tx, regionId)
  if (!region || !inScope(subject, region)) {
    if (region) await auditDenied(actor, 'register.edit', { regionId })
    throw fieldError(field, 'registry.errors.regionNotAllowed')
  }
  const placement = placementOf(region)
  if (!placement || !region.active) throw fieldError(field, 'registry.errors.regionLevel')
  return placement
}

async function personForChange(tx: Tx, ctx: ServiceContext, personId: number) {
  const { actor, subject } = ctx
  const person = await tx.person.findFirst({ where: { id: personId, ...registerScope(subject) } })
  if (!person) {
    if (await db.person.findUnique({ where: { id: personId }, select: { id: true } })) await auditDenied(actor, 'register.edit', { personId })
    throw new NotFoundError()
  }
  return person
}

async function householdForChange(tx: Tx, ctx: ServiceContext, householdId: number, field = 'householdId') {
  const { actor, subject } = ctx
  const household = await tx.household.findFirst({ where: { id: householdId, ...registerScope(subject) } })
  if (!household) {
    if (await db.household.findUnique({ where: { id: householdId }, select: { id: true } })) await auditDenied(actor, 'register.edit', { householdId })
    throw fieldError(field, 'registry.errors.householdNotFound')
  }
  return household
}

/**
 * Optimistic concurrency: the change goes through only if nobody saved the person since the form
 * was loaded. The version check and the increment are one statement, so two saves cannot both pass.
 */
async function claimVersion(tx: Tx, personId: number, version: number) {
  const claimed = await tx.person.updateMany({ where: { id: personId, version }, data: { version: { increment: 1 } } })
  if (claimed.count !== 1) throw new ConflictError()
}

/**
 * Refuses ID numbers already registered to someone else in the county. One registered outside the
 * user's region is answered without saying where ("elsewhere in the county"), and the check goes
 * through auditIdCheck like an import's: the hit is audited with its hash and counts toward the
 * user's daily cap, past which the user's saves with an ID number are refused (./id-checks.ts).
 */
async function assertIdsFree(tx: Tx, ctx: ServiceContext, countyId: number, idNumbers: (string | undefined)[], exceptPersonId?: number) {
  const hashes = idNumbers.filter((v): v is string => !!v).map(hashIdNumber)
  if (hashes.length === 0) return
  const taken = await tx.person.findMany({
    where: { countyId, idHash: { in: hashes }, ...(exceptPersonId ? { id: { not: exceptPersonId } } : {}) },
    select: { idHash: true, countyId: true, townshipId: true, villageId: true, groupId: true },
  })
  const elsewhere = taken.filter((p) => !inRegisterScope(ctx.subject, p)).map((p) => p.idHash!)
  const { refused } = await auditIdCheck(ctx, 'entry', elsewhere)
  if (refused) throw new AppError('registry.errors.idCheckCap', { cap: OUT_OF_SCOPE_DAILY_CAP })
  if (elsewhere.length > 0) throw fieldError('idNumber', 'registry.errors.idElsewhere')
  if (taken.length > 0) throw fieldError('idNumber', 'registry.errors.duplicateId')
}

/** What the audit log keeps of a person: no ID number, no phone. */
function auditPerson(p: { name: string; sex: string; birthDate: Date | string; residence: string; relation?: string | null }) {
  return {
    name: p.name,
    sex: p.sex,
    birthDate: typeof p.birthDate === 'string' ? p.birthDate : toIso(p.birthDate),
    residence: p.residence,
    relation: p.relation ?? null,
  }
}

/** Logs a change for the township's monthly review, in the transaction that makes it. */
async function logChange(
  tx: Tx,
  actor: Actor,
  place: { countyId: number; townshipId: number; villageId: number },
  change: { kind: string; personId?: number | null; householdId?: number | null; eventId?: number | null; summary: Prisma.InputJsonObject },
) {
  await tx.registerChange.create({
    data: {
      countyId: place.countyId,
      townshipId: place.townshipId,
      villageId: place.villageId,
      kind: change.kind,
      personId: change.personId ?? null,
      householdId: change.householdId ?? null,
      eventId: change.eventId ?? null,
      summary: change.summary,
      createdById: actor.id!,
    },
  })
}

function rethrowUnique(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const target = JSON.stringify(error.meta ?? {})
    if (target.includes('idHash')) throw fieldError('idNumber', 'registry.errors.duplicateId')
    throw new ConflictError()
  }
  throw error
}

// ------------------------------------------------------------------ households and people

export async function createHousehold(ctx: ServiceContext, input: HouseholdInput, formKey?: string): Promise<{ householdId: number }> {
  const { actor } = ctx
  try {
    return await db.$transaction((tx) =>
      once(tx, formKey, actor.id!, 'household.create', async () => {
        const place = await placementIn(tx, ctx, input.regionId)
        await assertIdsFree(
          tx,
          ctx,
          place.countyId,
          input.members.map((m) => m.idNumber),
        )
        const household = await tx.household.create({ data: { ...place, address: input.address, type: input.type } })
        let headId: number | null = null
        const personIds: number[] = [] // quality
        const childIds: number[] = []
        for (const member of input.members) {
          const person = await tx.person.create({ data: { ...place, ...personColumns(member), householdId: household.id, relation: member.relation } })
          personIds.push(person.id) // quality
          if (member.relation === 'SELF') headId = person.id
          if (member.relation === 'CHILD') childIds.push(person.id)
        }
        await tx.household.update({ where: { id: household.id }, data: { headId } })
        // a child of a head and spouse who are a man and a woman is theirs (rules.inferParents)
        await linkParents(tx, household.id, childIds)
        await afterRegisterWrite(tx, { personIds, householdIds: [household.id] })
        await logChange(tx, actor, place, {
          kind: 'household.create',
          personId: headId,
          householdId: household.id,
          summary: { address: input.address, members: input.members.map((m) => m.name) },
        })
        await audit(tx, actor, {
          action: 'household.create',
          entity: 'Household',
          entityId: household.id,
          regionId: place.regionId,
          after: { address: input.address, type: input.type, members: input.members.map((m) => auditPerson(m)) },
        })
        return { householdId: household.id }
      }),
    )
  } catch (error) {
    rethrowUnique(error)
  }
}

export async function addMember(
  ctx: ServiceContext,
  input: { householdId: number; member: PersonInput & { relation: Relation } },
  formKey?: string,
): Promise<{ personId: number }> {
  const { actor } = ctx
  try {
    return await db.$transaction((tx) =>
      once(tx, formKey, actor.id!, 'person.create', async () => {
        const household = await householdForChange(tx, ctx, input.householdId)
        if (input.member.relation === 'SELF' && household.headId !== null) throw fieldError('relation', 'registry.errors.twoHeads')
        await assertIdsFree(tx, ctx, household.countyId, [input.member.idNumber])
        const { countyId, townshipId, villageId, groupId, regionId } = household
        const person = await tx.person.create({
          data: {
            countyId,
            townshipId,
            villageId,
            groupId,
            regionId,
            ...personColumns(input.member),
            householdId: household.id,
            relation: input.member.relation,
          },
        })
        await joinHousehold(tx, person.id, household, input.member.relation)
        await linkParents(tx, household.id, input.member.relation === 'CHILD' ? [person.id] : [])
        await afterRegisterWrite(tx, { personIds: [person.id], householdIds: [household.id] })
        await logChange(tx, actor, household, { kind: 'person.create', personId: person.id, householdId: household.id, summary: auditPerson(input.member) })
        await audit(tx, actor, { action: 'person.create', entity: 'Person', entityId: person.id, regionId, after: auditPerson(input.member) })
        return { personId: person.id }
      }),
    )
  } catch (error) {
    rethrowUnique(error)
  }
}

/** Edits a person's facts. A stale version (someone saved in between) is refused; nothing is lost. */
export async function updatePerson(ctx: ServiceContext, input: { personId: number; version: number; person: PersonInput }): Promise<void> {
  const { actor } = ctx
  try {
    await db.$transaction(async (tx) => {
      const before = await personForChange(tx, ctx, input.personId)
      await claimVersion(tx, before.id, input.version)
      await assertIdsFree(tx, ctx, before.countyId, [input.person.idNumber], before.id)
      const columns = personColumns(input.person)
      // An ID number left empty keeps the stored one: the form never holds the full number.
      const { idCipher, idHash, idMasked, idLast4, ...rest } = columns
      await tx.person.update({ where: { id: before.id }, data: input.person.idNumber ? { ...rest, idCipher, idHash, idMasked, idLast4 } : rest })
      await afterRegisterWrite(tx, { personIds: [before.id] })
      await logChange(tx, actor, before, {
        kind: 'person.update',
        personId: before.id,
        householdId: before.householdId,
        summary: { before: auditPerson(before), after: auditPerson(input.person) },
      })
      await audit(tx, actor, {
        action: 'person.update',
        entity: 'Person',
        entityId: before.id,
        regionId: before.regionId,
        before: { ...auditPerson(before), idChanged: false },
        after: { ...auditPerson(input.person), idChanged: !!input.person.idNumber && before.idHash !== idHash },
      })
    })
  } catch (error) {
    rethrowUnique(error)
  }
}

/** The full ID number, for a role that needs it; every reveal is audited. */
export async function revealIdNumber(ctx: ServiceContext, personId: number): Promise<string | null> {
  const { actor, subject } = ctx
  const person = await db.person.findFirst({ where: { id: personId, ...registerScope(subject) }, select: { id: true, idCipher: true, regionId: true } })
  if (!person) {
    if (await db.person.findUnique({ where: { id: personId }, select: { id: true } })) await auditDenied(actor, 'register.revealId', { personId })
    throw new NotFoundError()
  }
  if (!person.idCipher) return null
  await audit(db, actor, { action: 'person.revealId', entity: 'Person', entityId: person.id, regionId: person.regionId })
  return decryptIdNumber(person.idCipher)
}

// ------------------------------------------------------------------ family links

/**
 * Gives every child of the mother the birth order counted from her children in the register
 * (rules.countBirthOrders): a late-registered elder child moves the younger ones up by one.
 * Returns the order of `childId` when given.
 */
async function renumberChildren(tx: Tx, motherId: number, childId?: number): Promise<number | null> {
  const children = await tx.person.findMany({ where: { motherId }, select: { id: true, birthDate: true, birthOrder: true, birthOrderEntered: true } })
  const orders = countBirthOrders(children.map((c) => ({ ...c, birthDate: toIso(c.birthDate) })))
  for (const c of children) {
    const { order } = orders.get(c.id)!
    if (c.birthOrder !== order && !(c.birthOrderEntered && c.birthOrder !== null)) await tx.person.update({ where: { id: c.id }, data: { birthOrder: order } })
  }
  return childId ? (orders.get(childId)?.order ?? null) : null
}

/** Links the new children of a household to its head and spouse when the household says so (rules.inferParents). */
async function linkParents(tx: Tx, householdId: number, newChildIds: number[]) {
  if (newChildIds.length === 0) return
  const members = await tx.person.findMany({ where: { householdId, alive: true }, select: { id: true, relation: true, sex: true } })
  const links = inferParents(members.map((m) => ({ key: m.id, relation: m.relation, sex: m.sex })))
  const mothers = new Set<number>()
  for (const id of newChildIds) {
    const link = links.get(id)
    if (!link) continue
    await tx.person.update({ where: { id }, data: { motherId: link.motherKey, fatherId: link.fatherKey } })
    mothers.add(link.motherKey)
  }
  for (const m of mothers) await renumberChildren(tx, m)
}

/** The clerk's word on a person's parents (person page): replaces what was inferred. */
export async function setParents(ctx: ServiceContext, input: { personId: number; version: number; motherId?: number; fatherId?: number }): Promise<void> {
  const { actor, subject } = ctx
  await db.$transaction(async (tx) => {
    const person = await personForChange(tx, ctx, input.personId)
    await claimVersion(tx, person.id, input.version)
    const parent = async (id: number | undefined, sex: 'MALE' | 'FEMALE', field: string) => {
      if (id === undefined) return null
      const p = await tx.person.findFirst({
        where: { id, countyId: person.countyId, ...registerScope(subject) },
        select: { id: true, sex: true, birthDate: true, name: true },
      })
      if (!p || p.id === person.id || p.sex !== sex || p.birthDate >= person.birthDate) throw fieldError(field, 'registry.errors.parentInvalid')
      return p
    }
    const mother = await parent(input.motherId, 'FEMALE', 'motherId')
    const father = await parent(input.fatherId, 'MALE', 'fatherId')
    await tx.person.update({
      where: { id: person.id },
      data: { motherId: mother?.id ?? null, fatherId: father?.id ?? null, ...(mother ? {} : { birthOrder: null, birthOrderEntered: false }) },
    })
    for (const m of new Set([person.motherId, mother?.id].filter((v): v is number => typeof v === 'number'))) await renumberChildren(tx, m)
    await afterRegisterWrite(tx, { personIds: [person.id, person.motherId, mother?.id] })
    const summary = { before: { motherId: person.motherId, fatherId: person.fatherId }, after: { motherId: mother?.id ?? null, fatherId: father?.id ?? null } }
    await logChange(tx, actor, person, { kind: 'person.parents', personId: person.id, householdId: person.householdId, summary })
    await audit(tx, actor, { action: 'person.parents', entity: 'Person', entityId: person.id, regionId: person.regionId, ...summary })
  })
}

/**
 * Makes a living member the head: the household names them, they become 本人 and everyone else's
 * relation is re-expressed relative to them (rules.relationToNewHead).
 */
async function changeHead(tx: Tx, householdId: number, newHeadId: number): Promise<{ name: string }> {
  const members = await tx.person.findMany({ where: { householdId }, select: { id: true, relation: true, alive: true, name: true } })
  const head = members.find((m) => m.id === newHeadId)
  if (!head || !head.alive) throw fieldError('newHeadId', 'registry.errors.newHeadInvalid')
  const from = head.relation ?? 'OTHER'
  // the unique headId: the old head lets go before the new one takes it
  await tx.household.update({ where: { id: householdId }, data: { headId: null } })
  for (const m of members) {
    const relation = m.id === newHeadId ? 'SELF' : from === 'SELF' ? m.relation : relationToNewHead(m.relation, from)
    if (relation !== m.relation) await tx.person.update({ where: { id: m.id }, data: { relation, version: { increment: 1 } } })
  }
  await tx.household.update({ where: { id: householdId }, data: { headId: newHeadId } })
  return { name: head.name }
}

/** A household's new head, chosen by the clerk (household page; a "needs a head" finding). */
export async function setHead(ctx: ServiceContext, input: { householdId: number; headId: number }): Promise<void> {
  const { actor } = ctx
  await db.$transaction(async (tx) => {
    const household = await householdForChange(tx, ctx, input.householdId)
    const { name } = await changeHead(tx, household.id, input.headId)
    await afterRegisterWrite(tx, { householdIds: [household.id], personIds: [input.headId, household.headId] })
    await logChange(tx, actor, household, {
      kind: 'household.head',
      personId: input.headId,
      householdId: household.id,
      summary: { from: household.headId, to: input.headId, name },
    })
    await audit(tx, actor, {
      action: 'household.head',
      entity: 'Household',
      entityId: household.id,
      regionId: household.regionId,
      before: { headId: household.headId },
      after: { headId: input.headId },
    })
  })
}

/** A married couple of the household: the head's spouse, or the head of a spouse. */
async function spouseOf(tx: Tx, person: { id: number; householdId: number | null; relation: string | null }) {
  if (person.householdId === null || (person.relation !== 'SELF' && person.relation !== 'SPOUSE')) return null
  const other = person.relation === 'SELF' ? 'SPOUSE' : 'SELF'
  const spouses = await tx.person.findMany({
    where: { householdId: person.householdId, relation: other, alive: true, maritalStatus: 'MARRIED', id: { not: person.id } },
    select: { id: true, name: true },
  })
  return spouses.length === 1 ? spouses[0] : null
}

// ------------------------------------------------------------------ life events

function checkEventDate(occurredOn: string, birthDate?: Date) {
  const problem = eventDateProblem(occurredOn, todayIso(), birthDate ? toIso(birthDate) : undefined)
  if (problem) throw fieldError('occurredOn', `registry.errors.event_${problem}`)
}

/** What a recorded event did, for the message the clerk sees. */
export interface EventEffect {
  key: MessageKey
  params?: Record<string, string | number>
}

/** What a handler hands to the shared tail: where the event is counted and what it touched. */
interface Outcome {
  placement: Pick<Placement, 'countyId' | 'townshipId' | 'villageId'>
  personId: number
  otherPersonId?: number
  details: Prisma.InputJsonObject
  /** others the event changed (a spouse, a household's members), re-checked for quality */
  touchedPersonIds?: number[]
  touchedHouseholdIds?: number[]
  effects: EventEffect[]
}

/** The service context and the event's open transaction. */
interface Ctx extends ServiceContext {
  tx: Tx
}

type Handler<T extends EventInput['type']> = (ctx: Ctx, input: Extract<EventInput, { type: T }>) => Promise<Outcome>

/** The person an event is about, loaded in scope, with the event refused as the page would refuse it (rules.allowedEvents). */
async function eventPerson(ctx: Ctx, personId: number, type: EventType, occurredOn: string, version: number, field?: string) {
  const person = await personForChange(ctx.tx, ctx, personId)
  const refusal = eventRefusal(person, type)
  if (refusal) throw field ? fieldError(field, `registry.errors.${refusal}`) : new AppError(`registry.errors.${refusal}`)
  checkEventDate(occurredOn, person.birthDate)
  await claimVersion(ctx.tx, person.id, version)
  return person
}

/** Joins a household with a relation; a 户主 (SELF) only where there is none (one head per household). */
async function joinHousehold(tx: Tx, personId: number, household: { id: number; headId: number | null } | null, relation: Relation | undefined) {
  if (household && relation === 'SELF') {
    if (household.headId !== null && household.headId !== personId) throw fieldError('relation', 'registry.errors.twoHeads')
    await tx.household.update({ where: { id: household.id }, data: { headId: personId } })
  }
}

async function leaveHousehold(tx: Tx, person: { id: number; householdId: number | null }) {
  if (person.householdId === null) return
  await tx.household.updateMany({ where: { id: person.householdId, headId: person.id }, data: { headId: null } })
}

const recordBirth: Handler<'BIRTH'> = async (ctx, input) => {
  const { tx } = ctx
  const mother = await eventPerson(ctx, input.motherId, 'BIRTH', input.occurredOn, input.version, 'motherId')
  await assertIdsFree(tx, ctx, mother.countyId, [input.idNumber])
  const relation = newbornRelation(mother.relation)
  // the father: the mother's husband when the household says so (head and spouse, a man and a woman)
  const members = await tx.person.findMany({ where: { householdId: mother.householdId, alive: true }, select: { id: true, relation: true, sex: true } })
  const link = inferParents([...members.map((m) => ({ key: m.id, relation: m.relation, sex: m.sex })), { key: 0, relation, sex: input.sex }]).get(0)
  const fatherId = link && link.motherKey === mother.id ? link.fatherKey : null
  const child = await tx.person.create({
    data: {
      countyId: mother.countyId,
      townshipId: mother.townshipId,
      villageId: mother.villageId,
      groupId: mother.groupId,
      regionId: mother.regionId,
      householdId: mother.householdId,
      relation,
      ...nameColumns(input.name),
      sex: input.sex,
      birthDate: toDate(input.occurredOn),
      ethnicity: input.ethnicity ?? mother.ethnicity,
      ...idColumns(input.idNumber),
      motherId: mother.id,
      fatherId,
    },
  })
  const counted = (await renumberChildren(tx, mother.id, child.id))!
  let order = counted
  // a clerk's correction (elder children not in the register) is kept, marked as entered
  if (input.birthOrder !== undefined && input.birthOrder !== counted) {
    if (input.birthOrder < counted) throw fieldError('birthOrder', 'registry.errors.birthOrderTooLow')
    order = input.birthOrder
    await tx.person.update({ where: { id: child.id }, data: { birthOrder: order, birthOrderEntered: true } })
    await renumberChildren(tx, mother.id)
  }
  const details = { name: input.name, sex: input.sex, birthOrder: order, ...(order !== counted ? { countedBirthOrder: counted, birthOrderEntered: true } : {}) }
  return {
    placement: mother,
    personId: child.id,
    otherPersonId: mother.id,
    details,
    effects: [{ key: 'registry.events.effects.birth', params: { name: input.name, order } }],
  }
}

const recordDeath: Handler<'DEATH'> = async (ctx, input) => {
  const { tx } = ctx
  const person = await eventPerson(ctx, input.personId, 'DEATH', input.occurredOn, input.version)
  await tx.person.update({ where: { id: person.id }, data: { alive: false, deathDate: toDate(input.occurredOn) } })
  const effects: EventEffect[] = []
  const touched: number[] = []
  const details: Prisma.InputJsonObject = {}
  // the surviving spouse is widowed
  const spouse = person.maritalStatus === 'MARRIED' ? await spouseOf(tx, person) : null
  if (spouse) {
    await tx.person.update({ where: { id: spouse.id }, data: { maritalStatus: 'WIDOWED', version: { increment: 1 } } })
    touched.push(spouse.id)
    effects.push({ key: 'registry.events.effects.widowed', params: { name: spouse.name } })
  }
  const household =
    person.householdId === null ? null : await tx.household.findUnique({ where: { id: person.householdId }, select: { id: true, headId: true } })
  if (household && household.headId === person.id) {
    const living = await tx.person.count({ where: { householdId: household.id, alive: true } })
    if (input.newHeadId !== undefined) {
      const { name } = await changeHead(tx, household.id, input.newHeadId)
      touched.push(input.newHeadId)
      Object.assign(details, { newHeadId: input.newHeadId })
      effects.push({ key: 'registry.events.effects.newHead', params: { name } })
    } else if (living > 0) {
      // nobody named: the household shows in the quality queue as needing a head (noHead)
      await tx.household.update({ where: { id: household.id }, data: { headId: null } })
      effects.push({ key: 'registry.events.effects.needsHead' })
    }
  } else if (input.newHeadId !== undefined) {
    throw fieldError('newHeadId', 'registry.errors.newHeadInvalid')
  }
  return {
    placement: person,
    personId: person.id,
    details,
    touchedPersonIds: touched,
    touchedHouseholdIds: household ? [household.id] : [],
    effects: [{ key: 'registry.events.effects.death', params: { name: person.name } }, ...effects],
  }
}

const recordMarriage: Handler<'MARRIAGE'> = async (ctx, input) => {
  const person = await eventPerson(ctx, input.personId, 'MARRIAGE', input.occurredOn, input.version)
  await ctx.tx.person.update({ where: { id: person.id }, data: { maritalStatus: 'MARRIED' } })
  return {
    placement: person,
    personId: person.id,
    details: input.spouseName ? { spouseName: input.spouseName } : {},
    effects: [{ key: 'registry.events.effects.married', params: { name: person.name } }],
  }
}

const recordDivorce: Handler<'DIVORCE'> = async (ctx, input) => {
  const { tx } = ctx
  const person = await eventPerson(ctx, input.personId, 'DIVORCE', input.occurredOn, input.version)
  const spouse = await spouseOf(tx, person)
  await tx.person.update({ where: { id: person.id }, data: { maritalStatus: 'DIVORCED' } })
  const effects: EventEffect[] = [{ key: 'registry.events.effects.divorced', params: { name: person.name } }]
  if (spouse) {
    await tx.person.update({ where: { id: spouse.id }, data: { maritalStatus: 'DIVORCED', version: { increment: 1 } } })
    effects.push({ key: 'registry.events.effects.divorced', params: { name: spouse.name } })
  }
  return {
    placement: person,
    personId: person.id,
    otherPersonId: spouse?.id,
    details: spouse ? { spouseId: spouse.id } : {},
    touchedPersonIds: spouse ? [spouse.id] : [],
    effects,
  }
}

const recordMoveWithin: Handler<'MOVE_WITHIN'> = async (ctx, input) => {
  const { tx } = ctx
  const person = await eventPerson(ctx, input.personId, 'MOVE_WITHIN', input.occurredOn, input.version)
  // The destination may lie in another township of the county: the move is entered where the person left.
  const target = await regionById(tx, input.toRegionId)
  const place = target && target.active ? placementOf(target) : null
  if (!place || place.countyId !== person.countyId) throw fieldError('toRegionId', 'registry.errors.regionLevel')
  let household: { id: number; headId: number | null } | null = null
  if (input.toHouseholdId) {
    const found = await tx.household.findFirst({
      where: { id: input.toHouseholdId, countyId: person.countyId },
      select: { id: true, regionId: true, headId: true },
    })
    if (!found || found.regionId !== place.regionId) throw fieldError('toHouseholdId', 'registry.errors.householdNotFound')
    household = found
  }
  await leaveHousehold(tx, person)
  const relation = household ? (input.relation ?? 'OTHER') : null
  await tx.person.update({ where: { id: person.id }, data: { ...place, householdId: household?.id ?? null, relation } })
  await joinHousehold(tx, person.id, household, relation ?? undefined)
  // a move changes the figures of both townships: both must be open for the date
  if (place.townshipId !== person.townshipId) await assertPeriodOpen(tx, place.townshipId, [input.occurredOn])
  const details = { fromRegionId: person.regionId, toRegionId: place.regionId, fromHouseholdId: person.householdId, toHouseholdId: household?.id ?? null }
  return { placement: person, personId: person.id, details, effects: [{ key: 'registry.events.effects.moved', params: { name: person.name } }] }
}

const recordMoveOut: Handler<'MOVE_OUT'> = async (ctx, input) => {
  const person = await eventPerson(ctx, input.personId, 'MOVE_OUT', input.occurredOn, input.version)
  await leaveHousehold(ctx.tx, person)
  await ctx.tx.person.update({ where: { id: person.id }, data: { movedOut: true, householdId: null, relation: null } })
  const effects: EventEffect[] = [{ key: 'registry.events.effects.movedOut', params: { name: person.name } }]
  if (person.relation === 'SELF' && person.householdId !== null && (await ctx.tx.person.count({ where: { householdId: person.householdId, alive: true } })) > 0)
    effects.push({ key: 'registry.events.effects.needsHead' })
  return { placement: person, personId: person.id, details: { destination: input.destination, fromHouseholdId: person.householdId }, effects }
}

const recordReturn: Handler<'RETURN'> = async (ctx, input) => {
  const { tx } = ctx
  const person = await eventPerson(ctx, input.personId, 'RETURN', input.occurredOn, input.version)
  let household: { id: number; headId: number | null } | null = person.householdId === null ? null : { id: person.householdId, headId: null }
  if (input.toHouseholdId) household = await householdForChange(tx, ctx, input.toHouseholdId, 'toHouseholdId')
  const householdId = household?.id ?? null
  const relation = householdId === person.householdId ? person.relation : (input.relation ?? 'OTHER')
  await tx.person.update({
    where: { id: person.id },
    data: { movedOut: false, residence: 'LOCAL', migrationPlace: null, migrationSince: null, householdId, relation },
  })
  if (householdId !== person.householdId) await joinHousehold(tx, person.id, household, relation ?? undefined)
  // what they came back from decides whether the return is a move into the county (reports)
  const returnedFrom = person.movedOut ? 'MOVED_OUT' : person.residence
  return {
    placement: person,
    personId: person.id,
    details: { toHouseholdId: householdId, returnedFrom },
    effects: [{ key: 'registry.events.effects.returned', params: { name: person.name } }],
  }
}

const recordMoveIn: Handler<'MOVE_IN'> = async (ctx, input) => {
  const { tx } = ctx
  const household = await householdForChange(tx, ctx, input.householdId)
  checkEventDate(input.occurredOn, toDate(input.person.birthDate))
  await assertIdsFree(tx, ctx, household.countyId, [input.person.idNumber])
  if (input.relation === 'SELF' && household.headId !== null) throw fieldError('relation', 'registry.errors.twoHeads')
  const { countyId, townshipId, villageId, groupId, regionId } = household
  const person = await tx.person.create({
    data: {
      countyId,
      townshipId,
      villageId,
      groupId,
      regionId,
      ...personColumns(input.person),
      residence: 'LOCAL',
      householdId: household.id,
      relation: input.relation,
    },
  })
  await joinHousehold(tx, person.id, household, input.relation)
  await linkParents(tx, household.id, input.relation === 'CHILD' ? [person.id] : [])
  return {
    placement: household,
    personId: person.id,
    details: { origin: input.origin, name: input.person.name },
    effects: [{ key: 'registry.events.effects.movedIn', params: { name: input.person.name } }],
  }
}

const HANDLERS: { [T in EventInput['type']]: Handler<T> } = {
  BIRTH: recordBirth,
  DEATH: recordDeath,
  MARRIAGE: recordMarriage,
  DIVORCE: recordDivorce,
  MOVE_WITHIN: recordMoveWithin,
  MOVE_OUT: recordMoveOut,
  RETURN: recordReturn,
  MOVE_IN: recordMoveIn,
}

export interface RecordedEvent {
  eventId: number
  personId: number
  effects: EventEffect[]
}

/**
 * Records a life event and applies what it changes, in one transaction: the event type's handler
 * checks and changes the people (a birth creates the child with its parents and birth order, a
 * death widows the spouse and passes the headship on, a divorce changes both spouses, a move changes
 * region and household); the shared tail checks the period lock, writes the event, re-checks
 * quality, logs the change for the monthly review and audits. A form's key makes a repeat submit
 * return the first result.
 */
export async function recordEvent(ctx: ServiceContext, input: EventInput, formKey?: string): Promise<RecordedEvent> {
  const { actor, subject } = ctx
  const today = todayIso()
  try {
    return await db.$transaction((tx) =>
      once(tx, formKey, actor.id!, `event.${input.type}`, async (): Promise<RecordedEvent> => {
        const handler = HANDLERS[input.type] as Handler<EventInput['type']>
        const row = await handler({ tx, actor, subject }, input as never)
        const { countyId, townshipId, villageId } = row.placement
        await assertPeriodOpen(tx, townshipId, [input.occurredOn])
        const event = await tx.lifeEvent.create({
          data: {
            countyId,
            townshipId,
            villageId,
            type: input.type,
            personId: row.personId,
            otherPersonId: row.otherPersonId ?? null,
            occurredOn: toDate(input.occurredOn),
            recordedOn: toDate(today),
            late: isLate(input.occurredOn, today),
            details: row.details,
            recordedById: actor.id!,
          },
        })
        // quality: the person, the other party (a birth's mother), whoever else it changed, and any household moved between
        const moved = [row.details.fromHouseholdId, row.details.toHouseholdId].filter((v): v is number => typeof v === 'number')
        await afterRegisterWrite(tx, {
          personIds: [row.personId, row.otherPersonId, ...(row.touchedPersonIds ?? [])],
          householdIds: [...moved, ...(row.touchedHouseholdIds ?? [])],
        })
        await logChange(tx, actor, row.placement, {
          kind: `event.${input.type}`,
          personId: row.personId,
          eventId: event.id,
          summary: { occurredOn: input.occurredOn, ...row.details },
        })
        await audit(tx, actor, {
          action: `event.${input.type}`,
          entity: 'LifeEvent',
          entityId: event.id,
          after: { personId: row.personId, occurredOn: input.occurredOn, ...row.details },
        })
        return { eventId: event.id, personId: row.personId, effects: row.effects }
      }),
    )
  } catch (error) {
    rethrowUnique(error)
  }
}

/**
 * Corrects a recorded event's date (and destination or origin): a new version replaces it and the
 * old one stays visible, marked corrected. The person's dates follow the correction.
 */
export async function correctEvent(
  ctx: ServiceContext,
  input: { eventId: number; occurredOn: string; reason: string; destination?: string; origin?: string },
): Promise<{ eventId: number }> {
  const { actor, subject } = ctx
  try {
    return await db.$transaction(async (tx) => {
      const old = await tx.lifeEvent.findFirst({ where: { id: input.eventId, ...registerScope(subject) }, include: { person: true } })
      if (!old) {
        if (await db.lifeEvent.findUnique({ where: { id: input.eventId }, select: { id: true } }))
          await auditDenied(actor, 'register.edit', { eventId: input.eventId })
        throw new NotFoundError()
      }
      if (old.status !== 'ACTIVE') throw new AppError('registry.errors.alreadyCorrected')
      const birthDate = old.type === 'BIRTH' ? undefined : old.person.birthDate
      checkEventDate(input.occurredOn, birthDate)
      // neither the period the event was in nor the one it moves to may be locked
      await assertPeriodOpen(tx, old.townshipId, [toIso(old.occurredOn), input.occurredOn])
      const details = {
        ...(old.details as Prisma.JsonObject),
        ...(input.destination ? { destination: input.destination } : {}),
        ...(input.origin ? { origin: input.origin } : {}),
        correctionReason: input.reason,
      }
      await tx.lifeEvent.update({ where: { id: old.id }, data: { status: 'CORRECTED' } })
      const corrected = await tx.lifeEvent.create({
        data: {
          countyId: old.countyId,
          townshipId: old.townshipId,
          villageId: old.villageId,
          type: old.type,
          personId: old.personId,
          otherPersonId: old.otherPersonId,
          occurredOn: toDate(input.occurredOn),
          recordedOn: old.recordedOn,
          late: isLate(input.occurredOn, toIso(old.recordedOn)),
          details,
          correctsId: old.id,
          recordedById: actor.id!,
        },
      })
      if (old.type === 'BIRTH')
        await tx.person.update({ where: { id: old.personId }, data: { birthDate: toDate(input.occurredOn), version: { increment: 1 } } })
      if (old.type === 'DEATH')
        await tx.person.update({ where: { id: old.personId }, data: { deathDate: toDate(input.occurredOn), version: { increment: 1 } } })
      await afterRegisterWrite(tx, { personIds: [old.personId, old.otherPersonId] })
      await logChange(tx, actor, old, {
        kind: 'event.correct',
        personId: old.personId,
        eventId: corrected.id,
        summary: { type: old.type, from: toIso(old.occurredOn), to: input.occurredOn, reason: input.reason },
      })
      await audit(tx, actor, {
        action: 'event.correct',
        entity: 'LifeEvent',
        entityId: corrected.id,
        before: { eventId: old.id, occurredOn: toIso(old.occurredOn), details: old.details as Prisma.JsonObject },
        after: { occurredOn: input.occurredOn, details },
      })
      return { eventId: corrected.id }
    })
  } catch (error) {
    rethrowUnique(error)
  }
}

// ------------------------------------------------------------------ monthly review (变更信息核查)

/** A change in the subject's region; outside it looks missing, and the attempt is audited. */
async function changeForReview(tx: Tx, ctx: ServiceContext, changeId: number, permission: 'register.review' | 'register.edit') {
  const { actor, subject } = ctx
  const change = await tx.registerChange.findFirst({ where: { id: changeId, ...registerScope(subject) } })
  if (!change) {
    if (await db.registerChange.findUnique({ where: { id: changeId }, select: { id: true } })) await auditDenied(actor, permission, { changeId })
    throw new NotFoundError()
  }
  return change
}

/** Township staff mark a village's change checked, or return it with a question. */
export async function reviewChange(ctx: ServiceContext, input: { changeId: number; decision: 'check' | 'question'; question?: string }): Promise<void> {
  const { actor } = ctx
  await db.$transaction(async (tx) => {
    const change = await changeForReview(tx, ctx, input.changeId, 'register.review')
    if (input.decision === 'question' && !input.question) throw fieldError('question', 'errors.required')
    await tx.registerChange.update({
      where: { id: change.id },
      data:
        input.decision === 'check'
          ? { reviewStatus: 'CHECKED', reviewedById: actor.id }
          : { reviewStatus: 'QUESTIONED', reviewQuestion: input.question, reviewAnswer: null, reviewedById: actor.id },
    })
    await audit(tx, actor, {
      action: input.decision === 'check' ? 'review.check' : 'review.question',
      entity: 'RegisterChange',
      entityId: change.id,
      regionId: change.villageId,
      after: { question: input.question ?? null },
    })
  })
}

/**
 * Township staff check every change they were shown at once (变更核查 "全部核查无误"): those of
 * `changeIds` in their region still to be looked at (pending or answered) become checked; changes
 * checked meanwhile or outside the region are left alone. Answers how many were checked.
 */
export async function checkChanges(ctx: ServiceContext, input: { changeIds: number[] }): Promise<{ count: number }> {
  const { actor, subject } = ctx
  return db.$transaction(async (tx) => {
    const changes = await tx.registerChange.findMany({
      where: { id: { in: input.changeIds }, ...registerScope(subject), reviewStatus: { in: ['PENDING', 'ANSWERED'] } },
      select: { id: true, villageId: true },
    })
    if (changes.length === 0) return { count: 0 }
    await tx.registerChange.updateMany({
      where: { id: { in: changes.map((c) => c.id) }, reviewStatus: { in: ['PENDING', 'ANSWERED'] } },
      data: { reviewStatus: 'CHECKED', reviewedById: actor.id },
    })
    for (const change of changes) {
      await audit(tx, actor, {
        action: 'review.check',
        entity: 'RegisterChange',
        entityId: change.id,
        regionId: change.villageId,
        after: { question: null, all: true },
      })
    }
    return { count: changes.length }
  })
}

/** The village officer answers a question about one of their changes. */
export async function answerChange(ctx: ServiceContext, input: { changeId: number; answer: string }): Promise<void> {
  const { actor } = ctx
  await db.$transaction(async (tx) => {
    const change = await changeForReview(tx, ctx, input.changeId, 'register.edit')
    if (change.reviewStatus !== 'QUESTIONED') throw new AppError('registry.errors.noQuestion')
    await tx.registerChange.update({ where: { id: change.id }, data: { reviewStatus: 'ANSWERED', reviewAnswer: input.answer } })
    await audit(tx, actor, {
      action: 'review.answer',
      entity: 'RegisterChange',
      entityId: change.id,
      regionId: change.villageId,
      after: { answer: input.answer },
    })
  })
}
