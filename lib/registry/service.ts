import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied, type Actor } from '@/lib/server/audit'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { inScope, registerScope, type LeveledSubject } from '@/lib/access/permissions'
import type { MessageKey } from '@/lib/i18n/core'
import { idColumns, nameColumns, personColumns } from './columns'
import { decryptIdNumber, hashIdNumber } from './crypto'
import { birthOrderOf, eventDateProblem, isLate, newbornRelation, placementOf, type Placement, type Relation } from './rules'
import { toDate, todayIso, toIso } from '@/lib/dates'
import type { EventInput, HouseholdInput, PersonInput } from './schemas'
// higher modules (quality) see every write through the after-write hook, in the same transaction
import { afterRegisterWrite } from './hooks'
// periods: life events dated in an approved (locked) period are refused (lib/periods/locks.ts)
import { assertPeriodOpen } from '@/lib/periods/locks'

// Register writes. Every function loads its rows inside the subject's region (registerScope), so
// a row elsewhere looks missing; writes run in one transaction with their audit event. Audit
// events never contain a full ID number.

type Subject = LeveledSubject

function fieldError(field: string, key: MessageKey): AppError {
  return new AppError(key, undefined, { [field]: key })
}

/** A village or group in the subject's region, where households and people can be placed. */
async function placementIn(tx: Tx, actor: Actor, subject: Subject, regionId: number, field = 'regionId'): Promise<Placement> {
  const region = await tx.region.findUnique({ where: { id: regionId }, select: { id: true, level: true, ancestorIds: true, active: true } })
  if (!region || !inScope(subject, region)) {
    if (region) await auditDenied(actor, 'register.edit', { regionId })
    throw fieldError(field, 'registry.errors.regionNotAllowed')
  }
  const placement = placementOf(region)
  if (!placement || !region.active) throw fieldError(field, 'registry.errors.regionLevel')
  return placement
}

async function personForChange(tx: Tx, actor: Actor, subject: Subject, personId: number) {
  const person = await tx.person.findFirst({ where: { id: personId, ...registerScope(subject) } })
  if (!person) {
    if (await db.person.findUnique({ where: { id: personId }, select: { id: true } })) await auditDenied(actor, 'register.edit', { personId })
    throw new NotFoundError()
  }
  return person
}

async function householdForChange(tx: Tx, actor: Actor, subject: Subject, householdId: number, field = 'householdId') {
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

async function assertIdsFree(tx: Tx, countyId: number, idNumbers: (string | undefined)[], exceptPersonId?: number) {
  const hashes = idNumbers.filter((v): v is string => !!v).map(hashIdNumber)
  if (hashes.length === 0) return
  const taken = await tx.person.findFirst({ where: { countyId, idHash: { in: hashes }, ...(exceptPersonId ? { id: { not: exceptPersonId } } : {}) }, select: { id: true } })
  if (taken) throw fieldError('idNumber', 'registry.errors.duplicateId')
}

/** What the audit log keeps of a person: no ID number, no phone. */
function auditPerson(p: { name: string; sex: string; birthDate: Date | string; residence: string; relation?: string | null }) {
  return { name: p.name, sex: p.sex, birthDate: typeof p.birthDate === 'string' ? p.birthDate : toIso(p.birthDate), residence: p.residence, relation: p.relation ?? null }
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

export async function createHousehold(actor: Actor, subject: Subject, input: HouseholdInput): Promise<{ householdId: number }> {
  try {
    return await db.$transaction(async (tx) => {
      const place = await placementIn(tx, actor, subject, input.regionId)
      await assertIdsFree(tx, place.countyId, input.members.map((m) => m.idNumber))
      const household = await tx.household.create({ data: { ...place, address: input.address, type: input.type } })
      let headId: number | null = null
      const personIds: number[] = [] // quality
      for (const member of input.members) {
        const person = await tx.person.create({ data: { ...place, ...personColumns(member), householdId: household.id, relation: member.relation } })
        personIds.push(person.id)
        if (member.relation === 'SELF') headId = person.id
      }
      await tx.household.update({ where: { id: household.id }, data: { headId } })
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
    })
  } catch (error) {
    rethrowUnique(error)
  }
}

export async function addMember(actor: Actor, subject: Subject, input: { householdId: number; member: PersonInput & { relation: Relation } }): Promise<{ personId: number }> {
  try {
    return await db.$transaction(async (tx) => {
      const household = await householdForChange(tx, actor, subject, input.householdId)
      if (input.member.relation === 'SELF' && household.headId !== null) throw fieldError('relation', 'registry.errors.twoHeads')
      await assertIdsFree(tx, household.countyId, [input.member.idNumber])
      const { countyId, townshipId, villageId, groupId, regionId } = household
      const person = await tx.person.create({
        data: { countyId, townshipId, villageId, groupId, regionId, ...personColumns(input.member), householdId: household.id, relation: input.member.relation },
      })
      if (input.member.relation === 'SELF') await tx.household.update({ where: { id: household.id }, data: { headId: person.id } })
      await afterRegisterWrite(tx, { personIds: [person.id], householdIds: [household.id] })
      await logChange(tx, actor, household, { kind: 'person.create', personId: person.id, householdId: household.id, summary: auditPerson(input.member) })
      await audit(tx, actor, { action: 'person.create', entity: 'Person', entityId: person.id, regionId, after: auditPerson(input.member) })
      return { personId: person.id }
    })
  } catch (error) {
    rethrowUnique(error)
  }
}

/** Edits a person's facts. A stale version (someone saved in between) is refused; nothing is lost. */
export async function updatePerson(actor: Actor, subject: Subject, input: { personId: number; version: number; person: PersonInput }): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const before = await personForChange(tx, actor, subject, input.personId)
      await claimVersion(tx, before.id, input.version)
      await assertIdsFree(tx, before.countyId, [input.person.idNumber], before.id)
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
export async function revealIdNumber(actor: Actor, subject: Subject, personId: number): Promise<string | null> {
  const person = await db.person.findFirst({ where: { id: personId, ...registerScope(subject) }, select: { id: true, idCipher: true, regionId: true } })
  if (!person) throw new NotFoundError()
  if (!person.idCipher) return null
  await audit(db, actor, { action: 'person.revealId', entity: 'Person', entityId: person.id, regionId: person.regionId })
  return decryptIdNumber(person.idCipher)
}

// ------------------------------------------------------------------ life events

function checkEventDate(occurredOn: string, birthDate?: Date) {
  const problem = eventDateProblem(occurredOn, todayIso(), birthDate ? toIso(birthDate) : undefined)
  if (problem) throw fieldError('occurredOn', `registry.errors.event_${problem}`)
}

interface EventRow {
  placement: Pick<Placement, 'countyId' | 'townshipId' | 'villageId'>
  personId: number
  otherPersonId?: number
  details: Prisma.InputJsonObject
}

async function leaveHousehold(tx: Tx, person: { id: number; householdId: number | null }) {
  if (person.householdId === null) return
  await tx.household.updateMany({ where: { id: person.householdId, headId: person.id }, data: { headId: null } })
}

/**
 * Records a life event and applies what it changes, in one transaction: a birth creates the child
 * in the mother's household with its birth order; a death marks the person deceased; a marriage or
 * divorce changes marital status; a move changes region and household.
 */
export async function recordEvent(actor: Actor, subject: Subject, input: EventInput): Promise<{ eventId: number; personId: number }> {
  const today = todayIso()
  try {
    return await db.$transaction(async (tx) => {
      let row: EventRow
      switch (input.type) {
        case 'BIRTH': {
          const mother = await personForChange(tx, actor, subject, input.motherId)
          if (mother.sex !== 'FEMALE' || !mother.alive || mother.movedOut) throw fieldError('motherId', 'registry.errors.motherInvalid')
          if (mother.householdId === null) throw fieldError('motherId', 'registry.errors.motherNoHousehold')
          checkEventDate(input.occurredOn, mother.birthDate)
          await claimVersion(tx, mother.id, input.version)
          await assertIdsFree(tx, mother.countyId, [input.idNumber])
          const siblings = await tx.person.findMany({ where: { motherId: mother.id }, select: { id: true, birthDate: true } })
          const order = birthOrderOf(siblings.map((s) => toIso(s.birthDate)), input.occurredOn)
          // A late-registered older child moves the younger ones up by one.
          const younger = siblings.filter((s) => toIso(s.birthDate) > input.occurredOn).map((s) => s.id)
          if (younger.length > 0) await tx.person.updateMany({ where: { id: { in: younger } }, data: { birthOrder: { increment: 1 } } })
          const child = await tx.person.create({
            data: {
              countyId: mother.countyId,
              townshipId: mother.townshipId,
              villageId: mother.villageId,
              groupId: mother.groupId,
              regionId: mother.regionId,
              householdId: mother.householdId,
              relation: newbornRelation(mother.relation),
              ...nameColumns(input.name),
              sex: input.sex,
              birthDate: toDate(input.occurredOn),
              ethnicity: input.ethnicity ?? mother.ethnicity,
              ...idColumns(input.idNumber),
              motherId: mother.id,
              birthOrder: order,
            },
          })
          row = { placement: mother, personId: child.id, otherPersonId: mother.id, details: { name: input.name, sex: input.sex, birthOrder: order } }
          break
        }
        case 'DEATH': {
          const person = await personForChange(tx, actor, subject, input.personId)
          if (!person.alive) throw new AppError('registry.errors.alreadyDeceased')
          checkEventDate(input.occurredOn, person.birthDate)
          await claimVersion(tx, person.id, input.version)
          await tx.person.update({ where: { id: person.id }, data: { alive: false, deathDate: toDate(input.occurredOn) } })
          row = { placement: person, personId: person.id, details: {} }
          break
        }
        case 'MARRIAGE':
        case 'DIVORCE': {
          const person = await personForChange(tx, actor, subject, input.personId)
          if (!person.alive) throw new AppError('registry.errors.deceased')
          if (input.type === 'DIVORCE' && person.maritalStatus !== 'MARRIED') throw new AppError('registry.errors.notMarried')
          if (input.type === 'MARRIAGE' && person.maritalStatus === 'MARRIED') throw new AppError('registry.errors.alreadyMarried')
          checkEventDate(input.occurredOn, person.birthDate)
          await claimVersion(tx, person.id, input.version)
          await tx.person.update({ where: { id: person.id }, data: { maritalStatus: input.type === 'MARRIAGE' ? 'MARRIED' : 'DIVORCED' } })
          row = { placement: person, personId: person.id, details: input.type === 'MARRIAGE' && input.spouseName ? { spouseName: input.spouseName } : {} }
          break
        }
        case 'MOVE_WITHIN': {
          const person = await personForChange(tx, actor, subject, input.personId)
          if (!person.alive || person.movedOut) throw new AppError('registry.errors.notInRegister')
          checkEventDate(input.occurredOn, person.birthDate)
          // The destination may lie in another township of the county: the move is entered where the person left.
          const target = await tx.region.findUnique({ where: { id: input.toRegionId }, select: { id: true, level: true, ancestorIds: true, active: true } })
          const place = target && target.active ? placementOf(target) : null
          if (!place || place.countyId !== person.countyId) throw fieldError('toRegionId', 'registry.errors.regionLevel')
          let householdId: number | null = null
          if (input.toHouseholdId) {
            const household = await tx.household.findFirst({ where: { id: input.toHouseholdId, countyId: person.countyId }, select: { id: true, regionId: true } })
            if (!household || household.regionId !== place.regionId) throw fieldError('toHouseholdId', 'registry.errors.householdNotFound')
            householdId = household.id
          }
          await claimVersion(tx, person.id, input.version)
          await leaveHousehold(tx, person)
          await tx.person.update({ where: { id: person.id }, data: { ...place, householdId, relation: householdId ? (input.relation ?? 'OTHER') : null } })
          // a move changes the figures of both townships: both must be open for the date
          if (place.townshipId !== person.townshipId) await assertPeriodOpen(tx, place.townshipId, [input.occurredOn])
          row = { placement: person, personId: person.id, details: { fromRegionId: person.regionId, toRegionId: place.regionId, fromHouseholdId: person.householdId, toHouseholdId: householdId } }
          break
        }
        case 'MOVE_OUT': {
          const person = await personForChange(tx, actor, subject, input.personId)
          if (!person.alive || person.movedOut) throw new AppError('registry.errors.notInRegister')
          checkEventDate(input.occurredOn, person.birthDate)
          await claimVersion(tx, person.id, input.version)
          await leaveHousehold(tx, person)
          await tx.person.update({ where: { id: person.id }, data: { movedOut: true, householdId: null, relation: null } })
          row = { placement: person, personId: person.id, details: { destination: input.destination, fromHouseholdId: person.householdId } }
          break
        }
        case 'RETURN': {
          const person = await personForChange(tx, actor, subject, input.personId)
          if (!person.alive || (!person.movedOut && person.residence !== 'OUTFLOW' && person.residence !== 'AWAY')) throw new AppError('registry.errors.notAway')
          checkEventDate(input.occurredOn, person.birthDate)
          let householdId = person.householdId
          if (input.toHouseholdId) householdId = (await householdForChange(tx, actor, subject, input.toHouseholdId, 'toHouseholdId')).id
          await claimVersion(tx, person.id, input.version)
          await tx.person.update({
            where: { id: person.id },
            data: {
              movedOut: false,
              residence: 'LOCAL',
              migrationPlace: null,
              migrationSince: null,
              householdId,
              relation: householdId === person.householdId ? person.relation : (input.relation ?? 'OTHER'),
            },
          })
          // what they came back from decides whether the return is a move into the county (reports)
          const returnedFrom = person.movedOut ? 'MOVED_OUT' : person.residence
          row = { placement: person, personId: person.id, details: { toHouseholdId: householdId, returnedFrom } }
          break
        }
        case 'MOVE_IN': {
          const household = await householdForChange(tx, actor, subject, input.householdId)
          checkEventDate(input.occurredOn, toDate(input.person.birthDate))
          await assertIdsFree(tx, household.countyId, [input.person.idNumber])
          if (input.relation === 'SELF' && household.headId !== null) throw fieldError('relation', 'registry.errors.twoHeads')
          const { countyId, townshipId, villageId, groupId, regionId } = household
          const person = await tx.person.create({
            data: { countyId, townshipId, villageId, groupId, regionId, ...personColumns(input.person), residence: 'LOCAL', householdId: household.id, relation: input.relation },
          })
          if (input.relation === 'SELF') await tx.household.update({ where: { id: household.id }, data: { headId: person.id } })
          row = { placement: household, personId: person.id, details: { origin: input.origin, name: input.person.name } }
          break
        }
      }
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
      // quality: the person, the other party (a birth's mother) and any household moved between
      const moved = [row.details.fromHouseholdId, row.details.toHouseholdId].filter((v): v is number => typeof v === 'number')
      await afterRegisterWrite(tx, { personIds: [row.personId, row.otherPersonId], householdIds: moved })
      await logChange(tx, actor, row.placement, { kind: `event.${input.type}`, personId: row.personId, eventId: event.id, summary: { occurredOn: input.occurredOn, ...row.details } })
      await audit(tx, actor, { action: `event.${input.type}`, entity: 'LifeEvent', entityId: event.id, after: { personId: row.personId, occurredOn: input.occurredOn, ...row.details } })
      return { eventId: event.id, personId: row.personId }
    })
  } catch (error) {
    rethrowUnique(error)
  }
}

/**
 * Corrects a recorded event's date (and destination or origin): a new version replaces it and the
 * old one stays visible, marked corrected. The person's dates follow the correction.
 */
export async function correctEvent(actor: Actor, subject: Subject, input: { eventId: number; occurredOn: string; reason: string; destination?: string; origin?: string }): Promise<{ eventId: number }> {
  try {
    return await db.$transaction(async (tx) => {
      const old = await tx.lifeEvent.findFirst({ where: { id: input.eventId, ...registerScope(subject) }, include: { person: true } })
      if (!old) throw new NotFoundError()
      if (old.status !== 'ACTIVE') throw new AppError('registry.errors.alreadyCorrected')
      const birthDate = old.type === 'BIRTH' ? undefined : old.person.birthDate
      checkEventDate(input.occurredOn, birthDate)
      // neither the period the event was in nor the one it moves to may be locked
      await assertPeriodOpen(tx, old.townshipId, [toIso(old.occurredOn), input.occurredOn])
      const details = { ...(old.details as Prisma.JsonObject), ...(input.destination ? { destination: input.destination } : {}), ...(input.origin ? { origin: input.origin } : {}), correctionReason: input.reason }
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
      if (old.type === 'BIRTH') await tx.person.update({ where: { id: old.personId }, data: { birthDate: toDate(input.occurredOn), version: { increment: 1 } } })
      if (old.type === 'DEATH') await tx.person.update({ where: { id: old.personId }, data: { deathDate: toDate(input.occurredOn), version: { increment: 1 } } })
      await afterRegisterWrite(tx, { personIds: [old.personId, old.otherPersonId] })
      await logChange(tx, actor, old, { kind: 'event.correct', personId: old.personId, eventId: corrected.id, summary: { type: old.type, from: toIso(old.occurredOn), to: input.occurredOn, reason: input.reason } })
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

/** Township staff mark a village's change checked, or return it with a question. */
export async function reviewChange(actor: Actor, subject: Subject, input: { changeId: number; decision: 'check' | 'question'; question?: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const change = await tx.registerChange.findFirst({ where: { id: input.changeId, ...registerScope(subject) } })
    if (!change) throw new NotFoundError()
    if (input.decision === 'question' && !input.question) throw fieldError('question', 'errors.required')
    await tx.registerChange.update({
      where: { id: change.id },
      data: input.decision === 'check' ? { reviewStatus: 'CHECKED', reviewedById: actor.id } : { reviewStatus: 'QUESTIONED', reviewQuestion: input.question, reviewAnswer: null, reviewedById: actor.id },
    })
    await audit(tx, actor, { action: input.decision === 'check' ? 'review.check' : 'review.question', entity: 'RegisterChange', entityId: change.id, regionId: change.villageId, after: { question: input.question ?? null } })
  })
}

/**
 * Township staff check every change they were shown at once (变更核查 "全部核查无误"): those of
 * `changeIds` in their region still to be looked at (pending or answered) become checked; changes
 * checked meanwhile or outside the region are left alone. Answers how many were checked.
 */
export async function checkChanges(actor: Actor, subject: Subject, input: { changeIds: number[] }): Promise<{ count: number }> {
  return db.$transaction(async (tx) => {
    const changes = await tx.registerChange.findMany({ where: { id: { in: input.changeIds }, ...registerScope(subject), reviewStatus: { in: ['PENDING', 'ANSWERED'] } }, select: { id: true, villageId: true } })
    if (changes.length === 0) return { count: 0 }
    await tx.registerChange.updateMany({ where: { id: { in: changes.map((c) => c.id) }, reviewStatus: { in: ['PENDING', 'ANSWERED'] } }, data: { reviewStatus: 'CHECKED', reviewedById: actor.id } })
    for (const change of changes) {
      await audit(tx, actor, { action: 'review.check', entity: 'RegisterChange', entityId: change.id, regionId: change.villageId, after: { question: null, all: true } })
    }
    return { count: changes.length }
  })
}

/** The village officer answers a question about one of their changes. */
export async function answerChange(actor: Actor, subject: Subject, input: { changeId: number; answer: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const change = await tx.registerChange.findFirst({ where: { id: input.changeId, ...registerScope(subject) } })
    if (!change) throw new NotFoundError()
    if (change.reviewStatus !== 'QUESTIONED') throw new AppError('registry.errors.noQuestion')
    await tx.registerChange.update({ where: { id: change.id }, data: { reviewStatus: 'ANSWERED', reviewAnswer: input.answer } })
    await audit(tx, actor, { action: 'review.answer', entity: 'RegisterChange', entityId: change.id, regionId: change.villageId, after: { answer: input.answer } })
  })
}
