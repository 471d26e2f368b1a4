import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { staff } from './helpers'
import { makeCounty, personInput } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { makeChecklist } from '@/tests/factories/stations'
import { createInstitution, createStation, recordCheck, updateInstitution, updateStation } from '@/lib/services/stations/service'
import { getStation, listStations, placesPerThousandView, standardByTownship, stationChecks, visibleCheckPhoto } from '@/lib/services/stations/queries'
import { createInstitutionSchema, createStationSchema, recordCheckSchema, stationFilterSchema, updateStationSchema } from '@/lib/services/stations/schemas'
import { LocalDiskStore, setAttachmentStore } from '@/lib/attachments/store'
import { AppError, NotFoundError } from '@/lib/server/errors'
import { todayIso } from '@/lib/dates'
import { addDays } from '@/lib/services/rules'

// The stations registry, the standardisation checks and childcare places against the real
// database: who reads and edits which station (a village officer only their own room; a township's
// staff only their township's), the checks' verdicts and photos, and the per-1,000 indicator.

const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-stations-'))
beforeAll(() => setAttachmentStore(new LocalDiskStore(storeDir)))

const today = todayIso()
const ctx = (user: Awaited<ReturnType<typeof staff>>) => ({ actor: user, subject: user })

async function setting() {
  const tree = await makeCounty(db, '站')
  const [t1, t2] = tree.townships
  const [v11, v12, v21] = tree.villages
  const items = await makeChecklist(db, tree.county.id)
  const who = {
    clerk: await staff('TOWNSHIP_STAFF', t1),
    otherClerk: await staff('TOWNSHIP_STAFF', t2),
    village: await staff('VILLAGE_OFFICER', v11),
    otherVillage: await staff('VILLAGE_OFFICER', v12),
    countyAdmin: await staff('ADMIN', tree.county),
    official: await staff('COUNTY_OFFICIAL', tree.county),
  }
  const room = async (village: typeof v11, name: string) => {
    const parsed = createStationSchema.parse({
      kind: 'VILLAGE_ROOM',
      villageId: String(village.id),
      name,
      address: '村委会',
      openingHours: '周一至周五',
      staff: '王红梅\n李春燕',
      equipment: '血压计、体重秤',
    })
    const clerk = village.ancestorIds.includes(t1.id) ? who.clerk : who.otherClerk
    return (await createStation(ctx(clerk), parsed)).stationId
  }
  return { ...tree, t1, t2, v11, v12, v21, items, who, room }
}

const checkInput = (stationId: number, items: Map<string, { id: number }>, scores: Partial<Record<string, string>> = {}, extra: Record<string, unknown> = {}) =>
  recordCheckSchema.parse({
    stationId: String(stationId),
    checkedOn: today,
    checkedBy: '赵国强',
    ...Object.fromEntries([...items.entries()].map(([code, i]) => [`score:${i.id}`, scores[code] ?? 'MET'])),
    ...extra,
  })

describe('stations: scope', () => {
  it('a village officer reads only their own room, by id and in the list', async () => {
    const s = await setting()
    const mine = await s.room(s.v11, '一村服务室')
    const theirs = await s.room(s.v12, '二村服务室')
    expect((await getStation(s.who.village, mine))?.name).toBe('一村服务室')
    expect(await getStation(s.who.village, theirs)).toBeNull()
    const list = await listStations(s.who.village, stationFilterSchema.parse({}))
    expect(list.rows.map((r) => r.id)).toEqual([mine])
    // and cannot edit even their own (no permission), let alone another's
    await expect(
      updateStation(
        ctx(s.who.village),
        updateStationSchema.parse({ stationId: String(theirs), version: '1', name: '改', address: 'x', openingHours: 'y', active: 'on' }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError)
  })

  it("township staff cannot edit another township's station, nor register one there; the attempt is audited", async () => {
    const s = await setting()
    const other = await s.room(s.v21, '三村服务室')
    const edit = updateStationSchema.parse({ stationId: String(other), version: '1', name: '被改', address: 'x', openingHours: 'y', active: 'on' })
    await expect(updateStation(ctx(s.who.clerk), edit)).rejects.toBeInstanceOf(NotFoundError)
    expect((await db.serviceStation.findUniqueOrThrow({ where: { id: other } })).name).toBe('三村服务室')
    const denied = await db.auditEvent.count({ where: { actorId: s.who.clerk.id, action: 'permission.denied' } })
    expect(denied).toBe(1)
    const elsewhere = createStationSchema.parse({ kind: 'VILLAGE_ROOM', villageId: String(s.v21.id), name: '越界服务室', address: 'x', openingHours: 'y' })
    await expect(createStation(ctx(s.who.clerk), elsewhere)).rejects.toMatchObject({ key: 'errors.invalid' })
    const otherTownship = createStationSchema.parse({
      kind: 'TOWNSHIP_STATION',
      townshipId: String(s.t2.id),
      name: '越界服务站',
      address: 'x',
      openingHours: 'y',
    })
    await expect(createStation(ctx(s.who.clerk), otherTownship)).rejects.toMatchObject({ key: 'errors.invalid' })
    expect(await db.serviceStation.count({ where: { name: { in: ['越界服务室', '越界服务站'] } } })).toBe(0)
  })

  it("the county's administrator registers a station in any of its townships; a same name in one township is refused", async () => {
    const s = await setting()
    const input = createStationSchema.parse({
      kind: 'TOWNSHIP_STATION',
      townshipId: String(s.t2.id),
      name: '镇服务站',
      address: '镇政府院内',
      openingHours: '周一至周五',
    })
    const { stationId } = await createStation(ctx(s.who.countyAdmin), input)
    const row = await db.serviceStation.findUniqueOrThrow({ where: { id: stationId } })
    expect(row).toMatchObject({ townshipId: s.t2.id, villageId: null, countyId: s.county.id, kind: 'TOWNSHIP_STATION' })
    await expect(createStation(ctx(s.who.countyAdmin), input)).rejects.toMatchObject({ key: 'stations.errors.nameTaken' })
    // without a township chosen, a county's user is asked for one
    const none = createStationSchema.parse({ kind: 'TOWNSHIP_STATION', name: '无镇服务站', address: 'x', openingHours: 'y' })
    await expect(createStation(ctx(s.who.countyAdmin), none)).rejects.toMatchObject({ key: 'errors.required' })
    expect(await db.auditEvent.count({ where: { action: 'service.station.create', entityId: String(stationId) } })).toBe(1)
  })
})

describe('stations: the standardisation checklist', () => {
  it('a check with every item met meets the standard; a later one with a core item partly met does not; an earlier one changes nothing', async () => {
    const s = await setting()
    const id = await s.room(s.v11, '检查服务室')
    const first = await recordCheck(ctx(s.who.clerk), checkInput(id, s.items))
    expect(first.meetsStandard).toBe(true)
    expect((await getStation(s.who.official, id))?.meetsStandard).toBe(true)
    const second = await recordCheck(ctx(s.who.clerk), checkInput(id, s.items, { SIGNAGE: 'PARTLY' }))
    expect(second.meetsStandard).toBe(false)
    expect((await getStation(s.who.official, id))?.meetsStandard).toBe(false)
    // a check entered late for an earlier date goes into the history but not the verdict
    await recordCheck(ctx(s.who.clerk), checkInput(id, s.items, {}, { checkedOn: addDays(today, -100) }))
    expect((await getStation(s.who.official, id))?.meetsStandard).toBe(false)
    const history = await stationChecks(id)
    expect(history.map((c) => c.meetsStandard)).toEqual([false, true, true])
    expect(history[0].scores).toHaveLength(6)
    expect(history[0].points).toBe(11)
  })

  it('refuses a check that leaves an item unscored, a wrong score and a photo that is not an image, writing nothing', async () => {
    const s = await setting()
    const id = await s.room(s.v11, '拒绝服务室')
    const partial = checkInput(id, s.items)
    partial.scores = partial.scores.slice(1)
    await expect(recordCheck(ctx(s.who.clerk), partial)).rejects.toMatchObject({ key: 'stations.errors.scoreEveryItem' })
    const wrong = recordCheckSchema.safeParse({
      stationId: String(id),
      checkedOn: today,
      checkedBy: '赵国强',
      [`score:${s.items.get('RULES')!.id}`]: 'EXCELLENT',
    })
    expect(wrong.success).toBe(false)
    const fake = new File([new TextEncoder().encode('not a picture at all')], '门牌.jpg', { type: 'image/jpeg' })
    const err = await recordCheck(ctx(s.who.clerk), checkInput(id, s.items, {}, { photo1: fake })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).fieldErrors).toHaveProperty('photo1')
    expect(await db.stationCheck.count({ where: { stationId: id } })).toBe(0)
    expect((await db.serviceStation.findUniqueOrThrow({ where: { id } })).meetsStandard).toBeNull()
  })

  it("stores a photo with its thumbnail; the village's own officer may download it, another village's may not", async () => {
    const s = await setting()
    const id = await s.room(s.v11, '照片服务室')
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366aa' } })
      .jpeg()
      .toBuffer()
    const photo = new File([new Uint8Array(jpeg)], '标识.jpg', { type: 'image/jpeg' })
    await recordCheck(ctx(s.who.clerk), checkInput(id, s.items, {}, { photo1: photo }))
    const [check] = await stationChecks(id)
    expect(check.photos).toHaveLength(1)
    expect(check.photos[0]).toMatchObject({ mime: 'image/jpeg', thumbnail: true })
    expect(await visibleCheckPhoto(s.who.village, check.photos[0].id)).not.toBeNull()
    expect(await visibleCheckPhoto(s.who.official, check.photos[0].id)).not.toBeNull()
    expect(await visibleCheckPhoto(s.who.otherVillage, check.photos[0].id)).toBeNull()
    expect(await visibleCheckPhoto(s.who.otherClerk, check.photos[0].id)).toBeNull()
  })

  it("another township's staff cannot check a station of this one", async () => {
    const s = await setting()
    const id = await s.room(s.v11, '越界检查服务室')
    await expect(recordCheck(ctx(s.who.otherClerk), checkInput(id, s.items))).rejects.toBeInstanceOf(NotFoundError)
    expect(await db.stationCheck.count({ where: { stationId: id } })).toBe(0)
  })

  it('the county sees, by township, how many stations and rooms meet the standard', async () => {
    const s = await setting()
    const a = await s.room(s.v11, '甲服务室')
    const b = await s.room(s.v12, '乙服务室')
    await s.room(s.v21, '丙服务室')
    await recordCheck(ctx(s.who.clerk), checkInput(a, s.items))
    await recordCheck(ctx(s.who.clerk), checkInput(b, s.items, { FILES: 'NOT_MET', NOTICE: 'NOT_MET' }))
    const view = await standardByTownship(s.who.official)
    const t1 = view.rows.find((r) => r.townshipId === s.t1.id)!
    const t2 = view.rows.find((r) => r.townshipId === s.t2.id)!
    expect(t1.rooms).toEqual({ total: 2, meeting: 1, unchecked: 0, share: 0.5 })
    expect(t2.rooms).toEqual({ total: 1, meeting: 0, unchecked: 1, share: 0 })
    expect(view.total.rooms.meeting).toBe(1)
    // the list behind the figure: the rooms that meet it
    const behind = await listStations(s.who.official, stationFilterSchema.parse({ standard: 'yes', townshipId: String(s.t1.id) }))
    expect(behind.rows.map((r) => r.id)).toEqual([a])
  })
})

describe('childcare places', () => {
  it('counts places per 1,000 residents of the register, per township and for the county', async () => {
    const s = await setting()
    const members = Array.from({ length: 4 }, (_, i) => ({
      ...personInput({ name: `托育${i}`, birthDate: '1990-01-01' }),
      relation: i === 0 ? 'SELF' : 'OTHER',
    }))
    await makeHousehold(db, s.v11, { address: '托育路1号', members: members as never })
    await makeHousehold(db, s.v21, { address: '托育路2号', members: [{ ...personInput({ name: '托育外' }), relation: 'SELF' }] as never })
    const input = createInstitutionSchema.parse({
      name: '阳光托育园',
      licence: '鲁托备001',
      operator: 'PUBLIC',
      places: '40',
      placesInUse: '10',
      address: '幸福路1号',
    })
    const { institutionId } = await createInstitution(ctx(s.who.clerk), input)
    const view = (await placesPerThousandView(s.who.official, today))!
    const t1 = view.rows.find((r) => r.townshipId === s.t1.id)!
    expect(t1).toMatchObject({ institutions: 1, places: 40, residents: 4, perThousand: 10000 })
    expect(view.total).toMatchObject({ places: 40, residents: 5, perThousand: 8000 })
    // another township's clerk neither sees nor edits it
    expect((await placesPerThousandView(s.who.otherClerk, today))!.total.places).toBe(0)
    await expect(
      updateInstitution(ctx(s.who.otherClerk), {
        institutionId,
        version: 1,
        name: '被改',
        licence: '鲁托备001',
        operator: 'PUBLIC',
        places: 1,
        placesInUse: 0,
        address: 'x',
        active: true,
      }),
    ).rejects.toBeInstanceOf(NotFoundError)
    // places in use above the places are refused by the form's schema
    expect(
      createInstitutionSchema.safeParse({ name: '超员托育园', licence: '鲁托备002', operator: 'PUBLIC', places: '10', placesInUse: '11', address: 'x' })
        .success,
    ).toBe(false)
  })
})
