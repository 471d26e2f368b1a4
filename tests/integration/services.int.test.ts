import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import pg from 'pg'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { createClient } from '@/lib/db/client'
import { buildDemoCounty } from '@/prisma/seed/demo'
import { db } from '../setup/db'
import { staff } from './helpers'
import { makeCounty, personInput } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { makeServiceCatalogue } from '@/tests/factories/services'
import { correctRecord, recordService, withdrawConsent, recordActivity } from '@/lib/services/service'
import { coverageView, getRecord, listPersonServices, listRecords, recordsBehind, visibleAttachment } from '@/lib/services/queries'
import { computeCoverage } from '@/lib/services/coverage'
import { recordServiceSchema } from '@/lib/services/schemas'
import { LocalDiskStore, setAttachmentStore } from '@/lib/attachments/store'
import { AppError } from '@/lib/server/errors'
import { todayIso } from '@/lib/dates'
import { addDays } from '@/lib/services/rules'

// Services against the real database: who sees sensitive records (by id, list, the records behind a
// figure and the file download), consent, withdrawal, corrections, and bad input that writes nothing.

const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-attachments-'))
beforeAll(() => setAttachmentStore(new LocalDiskStore(storeDir)))

const today = todayIso()
const ago = (days: number) => addDays(today, -days)

async function setting() {
  const tree = await makeCounty(db)
  const types = await makeServiceCatalogue(db, tree.county.id)
  const [village, , otherVillage] = tree.villages
  const { members } = await makeHousehold(db, village, {
    address: '服务路1号',
    members: [
      { ...personInput({ name: '王服务', sex: 'FEMALE', birthDate: '1996-04-01', maritalStatus: 'SINGLE' }), relation: 'SELF' },
      { ...personInput({ name: '王小宝', sex: 'MALE', birthDate: ago(200), maritalStatus: 'SINGLE' }), relation: 'CHILD' },
    ],
  })
  const [woman, child] = members
  const who = {
    service: await staff('TOWNSHIP_SERVICE_STAFF', tree.townships[0]),
    otherService: await staff('TOWNSHIP_SERVICE_STAFF', tree.townships[1]),
    village: await staff('VILLAGE_OFFICER', village),
    township: await staff('TOWNSHIP_STAFF', tree.townships[0]),
    leader: await staff('TOWNSHIP_LEADER', tree.townships[0]),
    county: await staff('COUNTY_OFFICIAL', tree.county),
    inspector: await staff('INSPECTOR', tree.county),
    admin: await staff('ADMIN', tree.county),
  }
  // the first township's station and the village's room (where the records of these tests are made)
  const station = await db.serviceStation.create({
    data: {
      countyId: tree.county.id,
      townshipId: tree.townships[0].id,
      kind: 'TOWNSHIP_STATION',
      name: '服务站',
      address: '镇政府',
      openingHours: '周一至周五',
    },
  })
  const room = await db.serviceStation.create({
    data: {
      countyId: tree.county.id,
      townshipId: tree.townships[0].id,
      villageId: village.id,
      kind: 'VILLAGE_ROOM',
      name: '服务室',
      address: '村委会',
      openingHours: '周一至周五',
    },
  })
  return { ...tree, types, village, otherVillage, woman, child, who, station, room }
}

const ctx = (user: Awaited<ReturnType<typeof staff>>) => ({ actor: user, subject: user })

/** The form's fields as the action parses them. */
function input(s: { room: { id: number } }, fields: Record<string, string | File>) {
  return recordServiceSchema.parse({ stationId: String(s.room.id), staffName: '何丽萍', outcome: '已完成', followUpOn: '', ...fields })
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

async function sensitiveRecord(s: Awaited<ReturnType<typeof setting>>) {
  return recordService(
    ctx(s.who.service),
    input(s, {
      personId: String(s.woman.id),
      typeId: String(s.types.get('PREPREGNANCY')),
      servedOn: ago(10),
      consentBy: 'PERSON',
      consentOn: ago(10),
      consentMethod: 'SIGNED_FORM',
    }),
  )
}

const counts = async () => ({ records: await db.serviceRecord.count(), attachments: await db.attachment.count(), audit: await db.auditEvent.count() })

describe('sensitive service records', () => {
  it('are seen only by the service staff of their township: not by id, list, figure list or download for anyone else', async () => {
    const s = await setting()
    const png = new Uint8Array(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
        .png()
        .toBuffer(),
    )
    const { recordId } = await recordService(
      ctx(s.who.service),
      input(s, {
        personId: String(s.woman.id),
        typeId: String(s.types.get('PREPREGNANCY')),
        servedOn: ago(10),
        consentBy: 'PERSON',
        consentOn: ago(12),
        consentMethod: 'SIGNED_FORM',
        attachment: new File([png], '知情同意书.png', { type: 'image/png' }),
      }),
    )
    const seen = await getRecord(s.who.service, recordId)
    expect(seen).toMatchObject({ id: recordId, consentBy: 'PERSON', consentMethod: 'SIGNED_FORM', type: { sensitive: true } })
    expect(seen!.attachments).toHaveLength(1)
    expect(seen!.attachments[0]).toMatchObject({ mime: 'image/png', thumbnail: true })
    const attachmentId = seen!.attachments[0].id
    expect(await visibleAttachment(s.who.service, attachmentId)).not.toBeNull()
    expect((await listPersonServices(s.who.service, s.woman.id)).map((r) => r.id)).toEqual([recordId])

    for (const [role, user] of Object.entries(s.who)) {
      if (role === 'service') continue
      expect(await getRecord(user, recordId), role).toBeNull()
      expect(await listPersonServices(user, s.woman.id), role).toEqual([])
      expect((await listRecords(user, { personIds: [s.woman.id] })).total, role).toBe(0)
      expect(await visibleAttachment(user, attachmentId), role).toBeNull()
    }
    // the audit event of a sensitive record names no outcome
    const event = await db.auditEvent.findFirstOrThrow({ where: { entity: 'ServiceRecord', entityId: String(recordId) } })
    expect(JSON.stringify(event.after)).not.toContain('已完成')
  })

  it('cannot be saved without consent, nor recorded by a village officer: a clear message, nothing written', async () => {
    const s = await setting()
    const before = await counts()
    const noConsent = await refusal(
      recordService(ctx(s.who.service), input(s, { personId: String(s.woman.id), typeId: String(s.types.get('CONTRACEPTION')), servedOn: ago(3) })),
    )
    expect(noConsent.key).toBe('services.errors.consentRequired')
    expect(noConsent.fieldErrors).toMatchObject({ consentBy: 'services.errors.consentRequired', consentMethod: 'services.errors.consentRequired' })
    const guardian = await refusal(
      recordService(
        ctx(s.who.service),
        input(s, {
          personId: String(s.woman.id),
          typeId: String(s.types.get('CONTRACEPTION')),
          servedOn: ago(3),
          consentBy: 'GUARDIAN',
          consentOn: ago(3),
          consentMethod: 'VERBAL_WITNESSED',
        }),
      ),
    )
    expect(guardian.fieldErrors).toEqual({ consentName: 'services.errors.guardianName' })
    const officer = await refusal(
      recordService(
        ctx(s.who.village),
        input(s, {
          personId: String(s.woman.id),
          typeId: String(s.types.get('CONTRACEPTION')),
          servedOn: ago(3),
          consentBy: 'PERSON',
          consentOn: ago(3),
          consentMethod: 'SIGNED_FORM',
        }),
      ),
    )
    expect(officer.key).toBe('services.errors.typeNotYours')
    const after = await counts()
    expect(after.records).toBe(before.records)
    expect(after.attachments).toBe(before.attachments)
    // the officer's attempt is audited as a refusal, outside the rolled-back transaction; nothing else
    expect(after.audit - before.audit).toBe(1)
  })

  it('after consent is withdrawn, is hidden from everyone and no longer counted', async () => {
    const s = await setting()
    await db.lifeEvent.create({
      data: {
        countyId: s.county.id,
        townshipId: s.townships[0].id,
        villageId: s.village.id,
        type: 'MARRIAGE',
        personId: s.woman.id,
        occurredOn: new Date(`${today}T00:00:00Z`),
        recordedOn: new Date(`${today}T00:00:00Z`),
        late: false,
        details: {},
        recordedById: s.who.village.id,
      },
    })
    const { recordId } = await recordService(
      ctx(s.who.service),
      input(s, {
        personId: String(s.woman.id),
        typeId: String(s.types.get('PREMARITAL')),
        servedOn: today,
        consentBy: 'PERSON',
        consentOn: today,
        consentMethod: 'SIGNED_FORM',
      }),
    )
    const scope = { level: 'TOWNSHIP' as const, regionId: s.townships[0].id, countyId: s.county.id }
    const period = { start: ago(30), end: today }
    expect((await computeCoverage(db, scope, period)).total.marriages).toEqual({ eligible: 1, done: 1 })
    // a county official sees the aggregate with the small cell suppressed, and no records behind it
    const view = await coverageView(s.who.county, { period: today.slice(0, 7), regionId: s.townships[0].id, indicator: undefined }, today)
    expect(view!.total.marriages).toEqual({ eligible: 1, done: null, rate: null })
    expect(view!.drillable.marriages).toBe(false)
    expect(await recordsBehind(s.who.county, { period: today.slice(0, 7), regionId: s.townships[0].id, indicator: 'marriages' }, today)).toBeNull()

    const early = await refusal(withdrawConsent(ctx(s.who.service), { recordId, withdrawnOn: ago(1) }))
    expect(early.key).toBe('services.errors.withdrawBeforeConsent')
    await withdrawConsent(ctx(s.who.service), { recordId, withdrawnOn: today })
    expect(await getRecord(s.who.service, recordId)).toBeNull()
    expect(await listPersonServices(s.who.service, s.woman.id)).toEqual([])
    expect((await computeCoverage(db, scope, period)).total.marriages).toEqual({ eligible: 1, done: 0 })
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'service.consent.withdraw', entityId: String(recordId) } })
    expect(audit.actorId).toBe(s.who.service.id)
    // a second withdrawal finds nothing to withdraw
    await refusal(withdrawConsent(ctx(s.who.service), { recordId, withdrawnOn: today }))
  })

  it('service staff of another township cannot withdraw or correct it', async () => {
    const s = await setting()
    const { recordId } = await sensitiveRecord(s)
    expect((await refusal(withdrawConsent(ctx(s.who.otherService), { recordId, withdrawnOn: today }))).key).toBe('errors.notFound')
    expect(
      (
        await refusal(
          correctRecord(ctx(s.who.otherService), { recordId, servedOn: ago(10), station: '站', staffName: '某人', outcome: '改', reason: '错', voided: false }),
        )
      ).key,
    ).toBe('errors.notFound')
    expect(await getRecord(s.who.service, recordId)).not.toBeNull()
  })
})

describe('service records', () => {
  it('a service before the person’s birth or after their death is refused, and nothing is written', async () => {
    const s = await setting()
    const before = await counts()
    const early = await refusal(
      recordService(ctx(s.who.village), input(s, { personId: String(s.child.id), typeId: String(s.types.get('CHILD_CHECK')), servedOn: ago(201) })),
    )
    expect(early.key).toBe('services.errors.beforeBirth')
    expect(early.fieldErrors).toEqual({ servedOn: 'services.errors.beforeBirth' })
    await db.person.update({ where: { id: s.woman.id }, data: { alive: false, deathDate: new Date(`${ago(30)}T00:00:00Z`) } })
    const late = await refusal(
      recordService(ctx(s.who.village), input(s, { personId: String(s.woman.id), typeId: String(s.types.get('FAMILY_DOCTOR')), servedOn: ago(10) })),
    )
    expect(late.key).toBe('services.errors.afterDeath')
    const after = await counts()
    expect(after).toEqual(before)
  })

  it('an attachment that claims to be a JPEG but is not is refused, and nothing is written', async () => {
    const s = await setting()
    const before = await counts()
    const filesBefore = fs.readdirSync(storeDir, { recursive: true }).length
    const fake = new File([new TextEncoder().encode('MZ this is not a picture')], 'photo.jpg', { type: 'image/jpeg' })
    const refused = await refusal(
      recordService(
        ctx(s.who.village),
        input(s, { personId: String(s.child.id), typeId: String(s.types.get('CHILD_CHECK')), servedOn: ago(10), attachment: fake }),
      ),
    )
    expect(refused.key).toBe('attachments.errors.notWhatItClaims')
    expect(refused.fieldErrors).toEqual({ attachment: 'attachments.errors.notWhatItClaims' })
    expect(await counts()).toEqual(before)
    expect(fs.readdirSync(storeDir, { recursive: true }).length).toBe(filesBefore)
  })

  it('a child check is seen by the village, the township and the county, not by another township; it counts for the child', async () => {
    const s = await setting()
    const { recordId } = await recordService(
      ctx(s.who.village),
      input(s, { personId: String(s.child.id), typeId: String(s.types.get('CHILD_CHECK')), servedOn: ago(20) }),
    )
    for (const user of [s.who.village, s.who.township, s.who.county, s.who.service, s.who.inspector]) expect(await getRecord(user, recordId)).not.toBeNull()
    expect(await getRecord(s.who.otherService, recordId)).toBeNull()
    expect(await getRecord(await staff('VILLAGE_OFFICER', s.otherVillage), recordId)).toBeNull()
    const scope = { level: 'VILLAGE' as const, regionId: s.village.id, countyId: s.county.id }
    // 200 days old: the 6-month check is due about 17 days ago and the one 20 days ago satisfies it
    expect((await computeCoverage(db, scope, { start: ago(30), end: today })).total.children).toEqual({ eligible: 1, done: 1 })
    const behind = await recordsBehind(s.who.county, { period: ago(20).slice(0, 7), regionId: s.village.id, indicator: 'children' }, today)
    expect(behind!.rows.map((r) => r.id)).toEqual([recordId])
    // another township's service staff get no list for a village outside their region
    expect(await recordsBehind(s.who.otherService, { period: ago(20).slice(0, 7), regionId: s.village.id, indicator: 'children' }, today)).toBeNull()
  })

  it('a correction is a new version with its reason; voiding hides it; both audited', async () => {
    const s = await setting()
    const { recordId } = await recordService(
      ctx(s.who.village),
      input(s, { personId: String(s.child.id), typeId: String(s.types.get('CHILD_CHECK')), servedOn: ago(20) }),
    )
    const { recordId: next } = await correctRecord(ctx(s.who.village), {
      recordId,
      servedOn: ago(19),
      station: '卫生室',
      staffName: '冯桂兰',
      outcome: '复查正常',
      followUpOn: undefined,
      reason: '日期填错',
      voided: false,
    })
    expect(next).not.toBe(recordId)
    expect(await getRecord(s.who.village, recordId)).toBeNull()
    expect(await getRecord(s.who.village, next)).toMatchObject({ servedOn: ago(19), correctionReason: '日期填错', outcome: '复查正常' })
    expect(await db.serviceRecord.findUniqueOrThrow({ where: { id: recordId } })).toMatchObject({ status: 'CORRECTED' })
    // the old version cannot be corrected again
    expect(
      (
        await refusal(
          correctRecord(ctx(s.who.village), { recordId, servedOn: ago(19), station: '站', staffName: '某', outcome: 'x', reason: 'y', voided: false }),
        )
      ).key,
    ).toBe('errors.notFound')
    const { recordId: voided } = await correctRecord(ctx(s.who.village), {
      recordId: next,
      servedOn: ago(19),
      station: '卫生室',
      staffName: '冯桂兰',
      outcome: '复查正常',
      followUpOn: undefined,
      reason: '重复录入',
      voided: true,
    })
    expect(await getRecord(s.who.village, voided)).toBeNull()
    expect(await listPersonServices(s.who.village, s.child.id)).toEqual([])
    expect(
      await db.auditEvent.count({
        where: { entity: 'ServiceRecord', action: { in: ['service.correct', 'service.void'] }, entityId: { in: [String(next), String(voided)] } },
      }),
    ).toBe(2)
  })

  it('a group activity of a village is seen in the village and above, not in another township', async () => {
    const s = await setting()
    const { recordId } = await recordActivity(ctx(s.who.village), {
      typeId: s.types.get('HEALTH_EDUCATION')!,
      title: '儿童营养讲座',
      place: '村委会',
      attendance: 25,
      villageId: undefined,
      servedOn: ago(2),
      stationId: s.room.id,
      attendeeIds: [],
      staffName: '冯桂兰',
      outcome: '发放资料',
      followUpOn: undefined,
      attachment: undefined,
    })
    expect((await listRecords(s.who.township, { target: 'GROUP' })).rows.map((r) => r.id)).toContain(recordId)
    expect((await listRecords(s.who.otherService, { target: 'GROUP' })).rows.map((r) => r.id)).not.toContain(recordId)
  })
})

describe('the demo county’s services', { timeout: 300_000 }, () => {
  it('has the eight types, the service staff account, special families and two years of records, sensitive ones with consent', async () => {
    const server = inject('pgServerUrl')
    const admin = new pg.Client({ connectionString: `${server}postgres` })
    await admin.connect()
    await admin.query('DROP DATABASE IF EXISTS xz_demo_services')
    await admin.query('CREATE DATABASE xz_demo_services TEMPLATE xz_template')
    await admin.end()
    const demo = createClient(`${server}xz_demo_services`)
    try {
      const today = '2026-11-22'
      const made = await buildDemoCounty(demo, { residents: 3000, today, now: new Date('2026-11-22T10:00:00+08:00') })
      expect(made.accounts.find((a) => a.username === 'chd.service')).toMatchObject({ role: 'TOWNSHIP_SERVICE_STAFF', region: '柴胡店镇' })
      expect(await demo.user.findUniqueOrThrow({ where: { username: 'chd.service' }, select: { role: true } })).toEqual({ role: 'TOWNSHIP_SERVICE_STAFF' })
      const types = await demo.serviceType.findMany({ select: { code: true, sensitive: true, target: true } })
      expect(types).toHaveLength(8)
      expect(
        types
          .filter((t) => t.sensitive)
          .map((t) => t.code)
          .sort(),
      ).toEqual(['CONTRACEPTION', 'PREMARITAL', 'PREPREGNANCY'])
      const records = await demo.serviceRecord.findMany({ select: { servedOn: true, sensitive: true, consentBy: true, personId: true, attendance: true } })
      expect(records.length).toBeGreaterThan(1000)
      expect(records.every((r) => r.servedOn.toISOString().slice(0, 10) <= today && r.servedOn.toISOString().slice(0, 10) >= '2024-11-22')).toBe(true)
      expect(records.filter((r) => r.sensitive).length).toBeGreaterThan(0)
      expect(records.filter((r) => r.sensitive).every((r) => r.consentBy !== null)).toBe(true)
      expect(records.filter((r) => r.personId === null && (r.attendance ?? 0) > 0).length).toBeGreaterThan(100)
      expect(await demo.specialFamily.count()).toBe(36) // three in each of the 12 townships
      // coverage at realistic rates: most children up to date and most elderly managed, not all
      const county = await demo.region.findFirstOrThrow({ where: { level: 'COUNTY' }, select: { id: true } })
      const coverage = await computeCoverage(demo, { level: 'COUNTY', regionId: county.id, countyId: county.id }, { start: '2026-11-01', end: today })
      for (const i of ['children', 'elderly'] as const) {
        expect(coverage.total[i].eligible).toBeGreaterThan(50)
        expect(coverage.total[i].done / coverage.total[i].eligible).toBeGreaterThan(0.5)
        expect(coverage.total[i].done).toBeLessThan(coverage.total[i].eligible)
      }
      expect(coverage.total.families.eligible).toBe(36)
    } finally {
      await demo.$disconnect()
    }
  })
})
