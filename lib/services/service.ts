import 'server-only'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import type { ServiceContext } from '@/lib/server/context'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { once } from '@/lib/server/idempotency'
import { can, type Subject } from '@/lib/access/permissions'
import type { MessageKey } from '@/lib/i18n/core'
import { toDate, todayIso, toIso } from '@/lib/dates'
import { prepareAttachment, saveAttachment, type PreparedFile } from '@/lib/attachments/service'
import { existingRegion, regionById } from '@/lib/regions/lookups'
import { attendeesInScope, householdInScope, personForService, type CohortScope } from '@/lib/registry/cohorts'
import { consentProblems, mayRecordType, serviceDateProblem } from './rules'
import { ATTACHMENT_OWNER, countyOf } from './queries'
import { visibleRecords } from './visibility'
import { stationScope } from './stations/scope'
import type {
  CorrectRecordInput,
  CreateTypeInput,
  RecordActivityInput,
  RecordServiceInput,
  SpecialFamilyInput,
  UpdateTypeInput,
  WithdrawConsentInput,
} from './schemas'

// Service writes: each in one transaction with its audit event. Rows are loaded inside the
// subject's region (elsewhere looks missing, and the attempt is audited). Checks that refuse bad
// input (dates, consent, the attachment's bytes) run before anything is written.

/** The subject's region as a register column, for the register's cohort functions. */
export function cohortScope(subject: Subject): CohortScope {
  switch (subject.regionLevel) {
    case 'COUNTY':
      return { column: 'countyId', id: subject.regionId }
    case 'TOWNSHIP':
      return { column: 'townshipId', id: subject.regionId }
    default:
      return { column: 'villageId', id: subject.regionId }
  }
}

const fieldError = (field: string, key: MessageKey, params?: Record<string, string | number>) => new AppError(key, params, { [field]: key })

// ------------------------------------------------------------------ the catalogue

export async function createType(ctx: ServiceContext, input: CreateTypeInput): Promise<{ typeId: number }> {
  const countyId = await countyOf(ctx.subject)
  return db.$transaction(async (tx) => {
    if (await tx.serviceType.findUnique({ where: { countyId_code: { countyId, code: input.code } }, select: { id: true } })) {
      throw fieldError('code', 'services.errors.codeTaken')
    }
    const type = await tx.serviceType.create({ data: { ...input, countyId } })
    await audit(tx, ctx.actor, { action: 'service.type.create', entity: 'ServiceType', entityId: type.id, regionId: countyId, after: { ...input } })
    return { typeId: type.id }
  })
}

export async function updateType(ctx: ServiceContext, input: UpdateTypeInput): Promise<{ typeId: number }> {
  const countyId = await countyOf(ctx.subject)
  return db.$transaction(async (tx) => {
    const { typeId, version, ...data } = input
    const before = await tx.serviceType.findFirst({ where: { id: typeId, countyId } })
    if (!before) {
      if (await tx.serviceType.findUnique({ where: { id: typeId }, select: { id: true } })) await auditDenied(ctx.actor, 'service.catalogue', { typeId })
      throw new NotFoundError()
    }
    if (before.version !== version) throw new ConflictError()
    const clash = await tx.serviceType.findUnique({ where: { countyId_code: { countyId, code: data.code } }, select: { id: true } })
    if (clash && clash.id !== typeId) throw fieldError('code', 'services.errors.codeTaken')
    // Records keep the sensitivity they were recorded with; a type cannot switch once it has records,
    // or records seen by everyone would become hidden (or the reverse) without their consent.
    if (data.sensitive !== before.sensitive && (await tx.serviceRecord.count({ where: { typeId } })) > 0) {
      throw fieldError('sensitive', 'services.errors.sensitiveFixed')
    }
    const updated = await tx.serviceType.updateMany({ where: { id: typeId, version }, data: { ...data, version: { increment: 1 } } })
    if (updated.count !== 1) throw new ConflictError()
    const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.keys(data).map((k) => [k, o[k]]))
    await audit(tx, ctx.actor, {
      action: 'service.type.update',
      entity: 'ServiceType',
      entityId: typeId,
      regionId: countyId,
      before: JSON.parse(JSON.stringify(pick(before))),
      after: { ...data },
    })
    return { typeId }
  })
}

// ------------------------------------------------------------------ records

/** The type of a new record, checked against who records it. */
async function recordableType(tx: Tx, ctx: ServiceContext, typeId: number, target: 'PERSON' | 'GROUP') {
  const type = await tx.serviceType.findFirst({ where: { id: typeId, countyId: await countyOf(ctx.subject), target } })
  if (!type) throw fieldError('typeId', 'errors.invalid')
  if (!mayRecordType(ctx.subject.role, type) || (type.sensitive && !can(ctx.subject, 'service.sensitive'))) {
    await auditDenied(ctx.actor, 'service.record', { typeId })
    throw fieldError('typeId', 'services.errors.typeNotYours')
  }
  return type
}

/**
 * The registered station or room of a new record: active, in the recorder's scope (a village
 * officer their own room) and in the township where the service is recorded.
 */
async function stationFor(tx: Tx, ctx: ServiceContext, stationId: number, townshipId: number) {
  const station = await tx.serviceStation.findFirst({
    where: { AND: [stationScope(ctx.subject), { id: stationId, townshipId, active: true }] },
    select: { id: true, name: true },
  })
  if (!station) {
    if (await tx.serviceStation.findUnique({ where: { id: stationId }, select: { id: true } })) await auditDenied(ctx.actor, 'service.record', { stationId })
    throw fieldError('stationId', 'stations.errors.stationNotYours')
  }
  return station
}

async function attach(tx: Tx, ctx: ServiceContext, file: PreparedFile | null, record: { id: number; countyId: number }) {
  if (!file) return null
  const row = await saveAttachment(tx, file, { type: ATTACHMENT_OWNER, id: record.id, countyId: record.countyId, createdById: ctx.subject.id })
  return row.id
}

/** A service to one person. A sensitive type needs consent; dates must fit the person's life. */
export async function recordService(ctx: ServiceContext, input: RecordServiceInput, today = todayIso()): Promise<{ recordId: number }> {
  const file = input.attachment ? await prepareAttachment(input.attachment, 'attachment') : null
  return db.$transaction(async (tx) => {
    const person = await personForService(tx, cohortScope(ctx.subject), input.personId)
    if (!person) {
      if (await tx.person.findUnique({ where: { id: input.personId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'service.record', { personId: input.personId })
      throw new NotFoundError()
    }
    const type = await recordableType(tx, ctx, input.typeId, 'PERSON')
    const station = await stationFor(tx, ctx, input.stationId, person.townshipId)
    const dates = serviceDateProblem({
      servedOn: input.servedOn,
      followUpOn: input.followUpOn,
      birthDate: person.birthDate,
      deathDate: person.deathDate,
      today,
    })
    if (dates) throw fieldError(dates.field, dates.key, { birthDate: person.birthDate, deathDate: person.deathDate ?? '' })
    const consent = consentProblems(type.sensitive, input, input.servedOn, today)
    if (Object.keys(consent).length > 0) {
      throw new AppError(
        consent.consentBy || consent.consentOn || consent.consentMethod ? 'services.errors.consentRequired' : 'errors.checkFields',
        undefined,
        consent,
      )
    }
    return once(tx, input.formKey, ctx.subject.id, 'service.record', async () => {
      const record = await tx.serviceRecord.create({
        data: {
          countyId: person.countyId,
          townshipId: person.townshipId,
          villageId: person.villageId,
          typeId: type.id,
          sensitive: type.sensitive,
          personId: person.id,
          servedOn: toDate(input.servedOn),
          station: station.name,
          stationId: station.id,
          staffName: input.staffName,
          outcome: input.outcome,
          followUpOn: input.followUpOn ? toDate(input.followUpOn) : null,
          ...(type.sensitive
            ? {
                consentBy: input.consentBy,
                consentName: input.consentBy === 'GUARDIAN' ? input.consentName : null,
                consentOn: toDate(input.consentOn!),
                consentMethod: input.consentMethod,
              }
            : {}),
          recordedById: ctx.subject.id,
        },
        select: { id: true, countyId: true },
      })
      const attachmentId = await attach(tx, ctx, file, record)
      await audit(tx, ctx.actor, {
        action: 'service.record',
        entity: 'ServiceRecord',
        entityId: record.id,
        regionId: person.regionId,
        // a sensitive record's audit event names no outcome: the fact and the consent, not the content
        after: {
          personId: person.id,
          typeCode: type.code,
          servedOn: input.servedOn,
          sensitive: type.sensitive,
          ...(type.sensitive ? { consentBy: input.consentBy!, consentOn: input.consentOn!, consentMethod: input.consentMethod! } : { outcome: input.outcome }),
          attachmentId,
        },
      })
      return { recordId: record.id }
    })
  })
}

/** A group activity of the subject's township or village (or of a village below a township). */
export async function recordActivity(ctx: ServiceContext, input: RecordActivityInput, today = todayIso()): Promise<{ recordId: number }> {
  const file = input.attachment ? await prepareAttachment(input.attachment, 'attachment') : null
  return db.$transaction(async (tx) => {
    const type = await recordableType(tx, ctx, input.typeId, 'GROUP')
    const dates = serviceDateProblem({ servedOn: input.servedOn, followUpOn: input.followUpOn, today })
    if (dates) throw fieldError(dates.field, dates.key)
    const home = await existingRegion(tx, ctx.subject.regionId)
    let place: { countyId: number; townshipId: number; villageId: number | null; regionId: number }
    if (home.level === 'VILLAGE') {
      // a village's officer records the village's own activities only
      if (input.villageId && input.villageId !== home.id) {
        await auditDenied(ctx.actor, 'service.record', { villageId: input.villageId })
        throw fieldError('villageId', 'errors.invalid')
      }
      place = { countyId: home.ancestorIds[0], townshipId: home.ancestorIds[1], villageId: home.id, regionId: home.id }
    } else if (home.level === 'TOWNSHIP') {
      place = { countyId: home.ancestorIds[0], townshipId: home.id, villageId: null, regionId: home.id }
      if (input.villageId) {
        const found = await regionById(tx, input.villageId)
        const village = found?.level === 'VILLAGE' && found.parentId === home.id ? found : null
        if (!village) {
          await auditDenied(ctx.actor, 'service.record', { villageId: input.villageId })
          throw fieldError('villageId', 'errors.invalid')
        }
        place = { ...place, villageId: village.id, regionId: village.id }
      }
    } else throw new AppError('errors.forbidden')
    const station = await stationFor(tx, ctx, input.stationId, place.townshipId)
    // registered attendees must be residents of the recorder's area
    if (input.attendeeIds.length > 0) {
      const found = await attendeesInScope(tx, cohortScope(ctx.subject), input.attendeeIds)
      if (found.length !== input.attendeeIds.length) throw fieldError('attendeeIds', 'stations.errors.attendeeNotFound')
    }
    return once(tx, input.formKey, ctx.subject.id, 'service.activity', async () => {
      const record = await tx.serviceRecord.create({
        data: {
          countyId: place.countyId,
          townshipId: place.townshipId,
          villageId: place.villageId,
          typeId: type.id,
          sensitive: type.sensitive,
          title: input.title,
          place: input.place,
          attendance: input.attendance,
          attendeeIds: input.attendeeIds,
          servedOn: toDate(input.servedOn),
          station: station.name,
          stationId: station.id,
          staffName: input.staffName,
          outcome: input.outcome,
          followUpOn: input.followUpOn ? toDate(input.followUpOn) : null,
          recordedById: ctx.subject.id,
        },
        select: { id: true, countyId: true },
      })
      const attachmentId = await attach(tx, ctx, file, record)
      await audit(tx, ctx.actor, {
        action: 'service.activity',
        entity: 'ServiceRecord',
        entityId: record.id,
        regionId: place.regionId,
        after: {
          typeCode: type.code,
          title: input.title,
          place: input.place,
          attendance: input.attendance,
          attendeeIds: input.attendeeIds,
          stationId: station.id,
          servedOn: input.servedOn,
          attachmentId,
        },
      })
      return { recordId: record.id }
    })
  })
}

/** A record the subject may change: visible to them, and of a type they may record. */
async function changeableRecord(tx: Tx, ctx: ServiceContext, recordId: number) {
  const record = await tx.serviceRecord.findFirst({ where: { AND: [visibleRecords(ctx.subject), { id: recordId }] }, include: { type: true } })
  if (!record) {
    if (await tx.serviceRecord.findUnique({ where: { id: recordId }, select: { id: true } })) await auditDenied(ctx.actor, 'service.record', { recordId })
    throw new NotFoundError()
  }
  if (!mayRecordType(ctx.subject.role, { ...record.type, active: true })) throw new AppError('services.errors.typeNotYours')
  return record
}

/**
 * A correction: a new version with the reason, the old one kept (CORRECTED) with its consent and
 * attachments; `voided` deletes the record by correction (kept, not shown, not counted).
 */
export async function correctRecord(ctx: ServiceContext, input: CorrectRecordInput, today = todayIso()): Promise<{ recordId: number }> {
  return db.$transaction(async (tx) => {
    const old = await changeableRecord(tx, ctx, input.recordId)
    const person = old.personId ? await personForService(tx, cohortScope(ctx.subject), old.personId) : null
    const dates = serviceDateProblem({
      servedOn: input.servedOn,
      followUpOn: input.followUpOn,
      birthDate: person?.birthDate,
      deathDate: person?.deathDate,
      today,
    })
    if (dates) throw fieldError(dates.field, dates.key)
    if (old.consentOn && input.servedOn < toIso(old.consentOn)) throw fieldError('servedOn', 'services.errors.consentAfterService')
    const marked = await tx.serviceRecord.updateMany({ where: { id: old.id, status: 'ACTIVE' }, data: { status: 'CORRECTED' } })
    if (marked.count !== 1) throw new ConflictError()
    const { id: _id, createdAt: _c, type: _t, correctsId: _k, correctionReason: _r, status: _s, ...kept } = old
    const next = await tx.serviceRecord.create({
      data: {
        ...kept,
        servedOn: toDate(input.servedOn),
        station: input.station,
        staffName: input.staffName,
        outcome: input.outcome,
        followUpOn: input.followUpOn ? toDate(input.followUpOn) : null,
        voided: input.voided,
        correctsId: old.id,
        correctionReason: input.reason,
        recordedById: ctx.subject.id,
      },
      select: { id: true },
    })
    // the attachments belong to the record, whichever version is current
    await tx.attachment.updateMany({ where: { ownerType: ATTACHMENT_OWNER, ownerId: old.id }, data: { ownerId: next.id } })
    await audit(tx, ctx.actor, {
      action: input.voided ? 'service.void' : 'service.correct',
      entity: 'ServiceRecord',
      entityId: next.id,
      regionId: old.villageId ?? old.townshipId,
      before: { recordId: old.id, servedOn: toIso(old.servedOn), ...(old.sensitive ? {} : { outcome: old.outcome }) },
      after: { servedOn: input.servedOn, reason: input.reason, voided: input.voided, ...(old.sensitive ? {} : { outcome: input.outcome }) },
    })
    return { recordId: next.id }
  })
}

/** Consent withdrawn: the record is hidden from everyone and not counted; the audit keeps the fact. */
export async function withdrawConsent(ctx: ServiceContext, input: WithdrawConsentInput, today = todayIso()): Promise<{ recordId: number }> {
  return db.$transaction(async (tx) => {
    const record = await changeableRecord(tx, ctx, input.recordId)
    if (!record.sensitive || !record.consentOn) throw new AppError('services.errors.noConsentToWithdraw')
    if (input.withdrawnOn > today) throw fieldError('withdrawnOn', 'services.errors.future')
    if (input.withdrawnOn < toIso(record.consentOn)) throw fieldError('withdrawnOn', 'services.errors.withdrawBeforeConsent')
    const done = await tx.serviceRecord.updateMany({
      where: { id: record.id, withdrawnOn: null, status: 'ACTIVE' },
      data: { withdrawnOn: toDate(input.withdrawnOn), withdrawnById: ctx.subject.id },
    })
    if (done.count !== 1) throw new ConflictError()
    await audit(tx, ctx.actor, {
      action: 'service.consent.withdraw',
      entity: 'ServiceRecord',
      entityId: record.id,
      regionId: record.villageId ?? record.townshipId,
      after: { withdrawnOn: input.withdrawnOn },
    })
    return { recordId: record.id }
  })
}

// ------------------------------------------------------------------ special families

export async function setSpecialFamily(ctx: ServiceContext, input: SpecialFamilyInput): Promise<{ householdId: number }> {
  return db.$transaction(async (tx) => {
    const household = await householdInScope(tx, cohortScope(ctx.subject), input.householdId)
    if (!household) {
      if (await tx.household.findUnique({ where: { id: input.householdId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'service.families', { householdId: input.householdId })
      throw new NotFoundError()
    }
    const before = await tx.specialFamily.findUnique({ where: { householdId: household.id } })
    const data = {
      townshipContact: input.townshipContact,
      villageContact: input.villageContact,
      since: toDate(input.since),
      active: input.active,
      setById: ctx.subject.id,
    }
    await tx.specialFamily.upsert({
      where: { householdId: household.id },
      create: { ...data, householdId: household.id, countyId: household.countyId, townshipId: household.townshipId, villageId: household.villageId },
      update: data,
    })
    await audit(tx, ctx.actor, {
      action: 'service.family.set',
      entity: 'SpecialFamily',
      entityId: household.id,
      regionId: household.regionId,
      before: before
        ? { townshipContact: before.townshipContact, villageContact: before.villageContact, since: toIso(before.since), active: before.active }
        : null,
      after: { townshipContact: input.townshipContact, villageContact: input.villageContact, since: input.since, active: input.active },
    })
    return { householdId: household.id }
  })
}
