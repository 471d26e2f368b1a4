import 'server-only'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import type { ServiceContext } from '@/lib/server/context'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { once } from '@/lib/server/idempotency'
import type { MessageKey } from '@/lib/i18n/core'
import { toDate, todayIso, toIso } from '@/lib/dates'
import { prepareAttachment, saveAttachment, type PreparedFile } from '@/lib/attachments/service'
import { regionById } from '@/lib/regions/lookups'
import { countyOf } from '../queries'
import { CHECK_ATTACHMENT_OWNER, institutionScope, stationScope } from './scope'
import { meetsStandard } from './rules'
import type {
  CreateInstitutionInput,
  CreateItemInput,
  CreateStationInput,
  RecordCheckInput,
  UpdateInstitutionInput,
  UpdateItemInput,
  UpdateStationInput,
} from './schemas'

// Writes of the stations registry, the checklist and childcare institutions: each in one
// transaction with its audit event; rows are loaded inside the subject's scope (elsewhere looks
// missing, and the attempt is audited).

const fieldError = (field: string, key: MessageKey) => new AppError(key, undefined, { [field]: key })

/**
 * The township a new row belongs to: a township's user their own (another is refused), a county's
 * user the township they chose, which must be one of the county's.
 */
async function townshipFor(tx: Tx, ctx: ServiceContext, chosen: number | undefined, permission: string) {
  const { subject } = ctx
  if (subject.regionLevel === 'TOWNSHIP') {
    if (chosen && chosen !== subject.regionId) {
      await auditDenied(ctx.actor, permission, { townshipId: chosen })
      throw fieldError('townshipId', 'errors.invalid')
    }
    const own = await regionById(tx, subject.regionId)
    return { countyId: own!.ancestorIds[0], townshipId: own!.id }
  }
  if (subject.regionLevel !== 'COUNTY') throw new AppError('errors.forbidden')
  if (!chosen) throw fieldError('townshipId', 'errors.required')
  const found = await regionById(tx, chosen)
  if (!found || found.level !== 'TOWNSHIP' || found.parentId !== subject.regionId) {
    if (found) await auditDenied(ctx.actor, permission, { townshipId: chosen })
    throw fieldError('townshipId', 'errors.invalid')
  }
  return { countyId: subject.regionId, townshipId: found.id }
}

// ------------------------------------------------------------------ stations

export async function createStation(ctx: ServiceContext, input: CreateStationInput): Promise<{ stationId: number }> {
  return db.$transaction(async (tx) => {
    const place = await townshipFor(tx, ctx, input.townshipId, 'service.station.manage')
    let villageId: number | null = null
    if (input.kind === 'VILLAGE_ROOM') {
      const village = await regionById(tx, input.villageId!)
      if (!village || village.level !== 'VILLAGE' || village.parentId !== place.townshipId) {
        if (village) await auditDenied(ctx.actor, 'service.station.manage', { villageId: input.villageId })
        throw fieldError('villageId', 'errors.invalid')
      }
      villageId = village.id
    }
    return once(tx, input.formKey, ctx.subject.id, 'service.station.create', async () => {
      if (await tx.serviceStation.findFirst({ where: { townshipId: place.townshipId, name: input.name }, select: { id: true } })) {
        throw fieldError('name', 'stations.errors.nameTaken')
      }
      const data = {
        name: input.name,
        address: input.address,
        openingHours: input.openingHours,
        phone: input.phone ?? null,
        staff: input.staff,
        equipment: input.equipment,
      }
      const station = await tx.serviceStation.create({ data: { ...data, kind: input.kind, ...place, villageId }, select: { id: true } })
      await audit(tx, ctx.actor, {
        action: 'service.station.create',
        entity: 'ServiceStation',
        entityId: station.id,
        regionId: villageId ?? place.townshipId,
        after: { ...data, kind: input.kind },
      })
      return { stationId: station.id }
    })
  })
}

/** The station of an id inside the subject's scope, or NotFound (another's is audited as refused). */
async function stationInScope(tx: Tx, ctx: ServiceContext, stationId: number) {
  const station = await tx.serviceStation.findFirst({ where: { AND: [stationScope(ctx.subject), { id: stationId }] } })
  if (!station) {
    if (await tx.serviceStation.findUnique({ where: { id: stationId }, select: { id: true } }))
      await auditDenied(ctx.actor, 'service.station.manage', { stationId })
    throw new NotFoundError()
  }
  return station
}

export async function updateStation(ctx: ServiceContext, input: UpdateStationInput): Promise<{ stationId: number }> {
  return db.$transaction(async (tx) => {
    const before = await stationInScope(tx, ctx, input.stationId)
    if (before.version !== input.version) throw new ConflictError()
    const clash = await tx.serviceStation.findFirst({
      where: { townshipId: before.townshipId, name: input.name, id: { not: before.id } },
      select: { id: true },
    })
    if (clash) throw fieldError('name', 'stations.errors.nameTaken')
    const data = {
      name: input.name,
      address: input.address,
      openingHours: input.openingHours,
      phone: input.phone ?? null,
      staff: input.staff,
      equipment: input.equipment,
      active: input.active,
    }
    const updated = await tx.serviceStation.updateMany({ where: { id: before.id, version: input.version }, data: { ...data, version: { increment: 1 } } })
    if (updated.count !== 1) throw new ConflictError()
    await audit(tx, ctx.actor, {
      action: 'service.station.update',
      entity: 'ServiceStation',
      entityId: before.id,
      regionId: before.villageId ?? before.townshipId,
      before: {
        name: before.name,
        address: before.address,
        openingHours: before.openingHours,
        phone: before.phone,
        staff: before.staff,
        equipment: before.equipment,
        active: before.active,
      },
      after: data,
    })
    return { stationId: before.id }
  })
}

// ------------------------------------------------------------------ the checklist

export async function createChecklistItem(ctx: ServiceContext, input: CreateItemInput): Promise<{ itemId: number }> {
  const countyId = await countyOf(ctx.subject)
  return db.$transaction(async (tx) => {
    if (await tx.stationChecklistItem.findUnique({ where: { countyId_code: { countyId, code: input.code } }, select: { id: true } })) {
      throw fieldError('code', 'services.errors.codeTaken')
    }
    const item = await tx.stationChecklistItem.create({ data: { ...input, countyId }, select: { id: true } })
    await audit(tx, ctx.actor, {
      action: 'service.checklist.create',
      entity: 'StationChecklistItem',
      entityId: item.id,
      regionId: countyId,
      after: { ...input },
    })
    return { itemId: item.id }
  })
}

export async function updateChecklistItem(ctx: ServiceContext, input: UpdateItemInput): Promise<{ itemId: number }> {
  const countyId = await countyOf(ctx.subject)
  return db.$transaction(async (tx) => {
    const { itemId, ...data } = input
    const before = await tx.stationChecklistItem.findFirst({ where: { id: itemId, countyId } })
    if (!before) {
      if (await tx.stationChecklistItem.findUnique({ where: { id: itemId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'service.catalogue', { itemId })
      throw new NotFoundError()
    }
    const clash = await tx.stationChecklistItem.findUnique({ where: { countyId_code: { countyId, code: data.code } }, select: { id: true } })
    if (clash && clash.id !== itemId) throw fieldError('code', 'services.errors.codeTaken')
    await tx.stationChecklistItem.update({ where: { id: itemId }, data })
    await audit(tx, ctx.actor, {
      action: 'service.checklist.update',
      entity: 'StationChecklistItem',
      entityId: itemId,
      regionId: countyId,
      before: { code: before.code, nameZh: before.nameZh, nameEn: before.nameEn, core: before.core, sortOrder: before.sortOrder, active: before.active },
      after: { ...data },
    })
    return { itemId }
  })
}

/**
 * A check of a station: every active item of the county's checklist scored, the verdict by
 * rules.meetsStandard, photos stored through the attachments kernel (their bytes checked before
 * anything is written). The station keeps the verdict of its latest check.
 */
export async function recordCheck(ctx: ServiceContext, input: RecordCheckInput, today = todayIso()): Promise<{ checkId: number; meetsStandard: boolean }> {
  if (input.checkedOn > today) throw fieldError('checkedOn', 'stations.errors.checkInFuture')
  const files: PreparedFile[] = []
  for (const p of input.photos) files.push(await prepareAttachment(p.file, p.field))
  return db.$transaction(async (tx) => {
    const station = await stationInScope(tx, ctx, input.stationId)
    const items = await tx.stationChecklistItem.findMany({ where: { countyId: station.countyId, active: true }, select: { id: true, core: true } })
    if (items.length === 0) throw new AppError('stations.errors.noChecklist')
    const given = new Map(input.scores.map((s) => [s.itemId, s]))
    const missing = items.filter((i) => !given.has(i.id))
    if (missing.length > 0) {
      throw new AppError(
        'stations.errors.scoreEveryItem',
        undefined,
        Object.fromEntries(missing.map((i) => [`score:${i.id}`, 'stations.errors.scoreRequired'])),
      )
    }
    if (input.scores.some((s) => !items.some((i) => i.id === s.itemId))) throw new AppError('errors.invalid')
    const verdict = meetsStandard(items.map((i) => ({ core: i.core, score: given.get(i.id)!.score })))
    return once(tx, input.formKey, ctx.subject.id, 'service.station.check', async () => {
      const check = await tx.stationCheck.create({
        data: {
          stationId: station.id,
          countyId: station.countyId,
          townshipId: station.townshipId,
          villageId: station.villageId,
          checkedOn: toDate(input.checkedOn),
          checkedBy: input.checkedBy,
          notes: input.notes ?? null,
          meetsStandard: verdict,
          recordedById: ctx.subject.id,
          scores: { create: input.scores.map((s) => ({ itemId: s.itemId, score: s.score, note: s.note ?? null })) },
        },
        select: { id: true },
      })
      const photoIds: number[] = []
      for (const f of files) {
        const row = await saveAttachment(tx, f, { type: CHECK_ATTACHMENT_OWNER, id: check.id, countyId: station.countyId, createdById: ctx.subject.id })
        photoIds.push(row.id)
      }
      // the station shows its latest check's verdict: a check entered late for an earlier date does not replace it
      if (!station.checkedOn || toIso(station.checkedOn) <= input.checkedOn) {
        await tx.serviceStation.update({ where: { id: station.id }, data: { meetsStandard: verdict, checkedOn: toDate(input.checkedOn) } })
      }
      await audit(tx, ctx.actor, {
        action: 'service.station.check',
        entity: 'StationCheck',
        entityId: check.id,
        regionId: station.villageId ?? station.townshipId,
        after: { stationId: station.id, checkedOn: input.checkedOn, checkedBy: input.checkedBy, meetsStandard: verdict, scores: input.scores, photoIds },
      })
      return { checkId: check.id, meetsStandard: verdict }
    })
  })
}

// ------------------------------------------------------------------ childcare institutions

export async function createInstitution(ctx: ServiceContext, input: CreateInstitutionInput): Promise<{ institutionId: number }> {
  return db.$transaction(async (tx) => {
    const place = await townshipFor(tx, ctx, input.townshipId, 'service.childcare')
    return once(tx, input.formKey, ctx.subject.id, 'service.childcare.create', async () => {
      if (
        await tx.childcareInstitution.findUnique({ where: { countyId_licence: { countyId: place.countyId, licence: input.licence } }, select: { id: true } })
      ) {
        throw fieldError('licence', 'stations.errors.licenceTaken')
      }
      const { townshipId: _t, formKey: _k, ...data } = input
      const row = await tx.childcareInstitution.create({ data: { ...data, ...place }, select: { id: true } })
      await audit(tx, ctx.actor, {
        action: 'service.childcare.create',
        entity: 'ChildcareInstitution',
        entityId: row.id,
        regionId: place.townshipId,
        after: data,
      })
      return { institutionId: row.id }
    })
  })
}

export async function updateInstitution(ctx: ServiceContext, input: UpdateInstitutionInput): Promise<{ institutionId: number }> {
  return db.$transaction(async (tx) => {
    const before = await tx.childcareInstitution.findFirst({ where: { AND: [institutionScope(ctx.subject), { id: input.institutionId }] } })
    if (!before) {
      if (await tx.childcareInstitution.findUnique({ where: { id: input.institutionId }, select: { id: true } }))
        await auditDenied(ctx.actor, 'service.childcare', { institutionId: input.institutionId })
      throw new NotFoundError()
    }
    if (before.version !== input.version) throw new ConflictError()
    const clash = await tx.childcareInstitution.findUnique({
      where: { countyId_licence: { countyId: before.countyId, licence: input.licence } },
      select: { id: true },
    })
    if (clash && clash.id !== before.id) throw fieldError('licence', 'stations.errors.licenceTaken')
    const { institutionId, version, ...data } = input
    const updated = await tx.childcareInstitution.updateMany({ where: { id: institutionId, version }, data: { ...data, version: { increment: 1 } } })
    if (updated.count !== 1) throw new ConflictError()
    await audit(tx, ctx.actor, {
      action: 'service.childcare.update',
      entity: 'ChildcareInstitution',
      entityId: institutionId,
      regionId: before.townshipId,
      before: {
        name: before.name,
        licence: before.licence,
        operator: before.operator,
        places: before.places,
        placesInUse: before.placesInUse,
        address: before.address,
        active: before.active,
      },
      after: data,
    })
    return { institutionId }
  })
}
