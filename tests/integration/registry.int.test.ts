import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, staff } from './helpers'
import { makeCounty, personInput, uniqueIdNumber } from '@/tests/factories'
import { addMember, answerChange, correctEvent, createHousehold, recordEvent, revealIdNumber, reviewChange, updatePerson } from '@/lib/registry/service'
import { getPerson, openQuestions, reviewList, searchPersons } from '@/lib/registry/queries'
import { todayIso } from '@/lib/dates'

async function family() {
  const tree = await makeCounty(db)
  const village = tree.villages[0]
  const officer = await staff('VILLAGE_OFFICER', village)
  const fatherId = uniqueIdNumber('1985-03-02', 'MALE')
  const motherId = uniqueIdNumber('1988-07-15', 'FEMALE')
  const { householdId } = await createHousehold(ctxOf(officer), {
    regionId: village.id,
    address: '幸福路 8 号',
    type: 'FAMILY',
    members: [
      { ...personInput({ name: '王建军', sex: 'MALE', birthDate: '1985-03-02', idNumber: fatherId, phone: '13800138000' }), relation: 'SELF' },
      { ...personInput({ name: '李秀兰', sex: 'FEMALE', birthDate: '1988-07-15', idNumber: motherId }), relation: 'SPOUSE' },
      { ...personInput({ name: '王小明', sex: 'MALE', birthDate: '2015-09-09', maritalStatus: 'SINGLE' }), relation: 'CHILD' },
    ],
  })
  const members = await db.person.findMany({ where: { householdId }, orderBy: { id: 'asc' } })
  await db.person.update({ where: { id: members[2].id }, data: { motherId: members[1].id, birthOrder: 1 } })
  const [father, mother, son] = await db.person.findMany({ where: { householdId }, orderBy: { id: 'asc' } })
  return { ...tree, village, officer, householdId, father, mother, son, fatherId, motherId }
}

describe('households and people', () => {
  it('registers a household with its members, head set, pinyin stored, ID encrypted', async () => {
    const { householdId, father, fatherId } = await family()
    const household = await db.household.findUniqueOrThrow({ where: { id: householdId } })
    expect(household.headId).toBe(father.id)
    expect(father).toMatchObject({
      namePinyin: 'wangjianjun',
      nameInitials: 'wjj',
      idMasked: `${fatherId.slice(0, 4)}**************`,
      idLast4: fatherId.slice(-4),
    })
    expect(Buffer.from(father.idCipher!).toString('latin1')).not.toContain(fatherId.slice(6, 14))
    expect(father.idHash).toMatch(/^[0-9a-f]{64}$/)
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'household.create', entityId: String(householdId) } })
    expect(JSON.stringify(event.after)).not.toContain(fatherId)
  })

  it('refuses an ID number already registered in the county, and writes nothing', async () => {
    const { officer, village, fatherId } = await family()
    const before = await db.household.count()
    await expect(
      createHousehold(ctxOf(officer), {
        regionId: village.id,
        address: '别处',
        type: 'FAMILY',
        members: [{ ...personInput({ birthDate: '1985-03-02', idNumber: fatherId }), relation: 'SELF' }],
      }),
    ).rejects.toMatchObject({ key: 'registry.errors.duplicateId' })
    expect(await db.household.count()).toBe(before)
  })

  it('a person heads at most one household: the database refuses a second', async () => {
    const { father, officer, village } = await family()
    const other = await db.household.create({
      data: { countyId: father.countyId, townshipId: father.townshipId, villageId: father.villageId, regionId: village.id, address: '另一户' },
    })
    await expect(db.household.update({ where: { id: other.id }, data: { headId: father.id } })).rejects.toThrow()
    expect(officer).toBeTruthy()
  })

  it('reveals a full ID number only on request, and audits it', async () => {
    const { officer, father, fatherId } = await family()
    expect(await revealIdNumber(ctxOf(officer), father.id)).toBe(fatherId)
    expect(await db.auditEvent.count({ where: { action: 'person.revealId', entityId: String(father.id), actorId: officer.id } })).toBe(1)
  })

  it('second of two concurrent edits of the same person is refused and nothing is lost', async () => {
    const { officer, father } = await family()
    const edit = (phone: string) =>
      updatePerson(ctxOf(officer), { personId: father.id, version: father.version, person: personInput({ name: '王建军', birthDate: '1985-03-02', phone }) })
    const results = await Promise.allSettled([edit('13900000001'), edit('13900000002')])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { key: 'errors.conflict' } })
    const after = await db.person.findUniqueOrThrow({ where: { id: father.id } })
    expect(after.version).toBe(father.version + 1)
    expect(['13900000001', '13900000002']).toContain(after.phone)
  })
})

describe('life events', () => {
  it('a birth creates the child in the mother’s household with the next birth order', async () => {
    const { officer, mother, householdId, son } = await family()
    const { personId } = await recordEvent(ctxOf(officer), {
      type: 'BIRTH',
      motherId: mother.id,
      version: mother.version,
      occurredOn: todayIso(),
      name: '王小红',
      sex: 'FEMALE',
    })
    const child = await db.person.findUniqueOrThrow({ where: { id: personId } })
    expect(child).toMatchObject({
      householdId,
      relation: 'CHILD',
      motherId: mother.id,
      birthOrder: 2,
      ethnicity: mother.ethnicity,
      villageId: mother.villageId,
    })
    expect(son.birthOrder).toBe(1)
    const event = await db.lifeEvent.findFirstOrThrow({ where: { personId } })
    expect(event).toMatchObject({ type: 'BIRTH', otherPersonId: mother.id, late: false })
  })

  it('a birth recorded 31 days late is marked late, and an older child moves the younger up', async () => {
    const { officer, mother, son } = await family()
    await recordEvent(ctxOf(officer), {
      type: 'BIRTH',
      motherId: mother.id,
      version: mother.version,
      occurredOn: '2012-01-01',
      name: '王大姐',
      sex: 'FEMALE',
    })
    const event = await db.lifeEvent.findFirstOrThrow({ where: { otherPersonId: mother.id, type: 'BIRTH' } })
    expect(event.late).toBe(true)
    expect((await db.person.findUniqueOrThrow({ where: { id: son.id } })).birthOrder).toBe(2)
  })

  it('a death marks the person deceased; a second death is refused', async () => {
    const { officer, father } = await family()
    await recordEvent(ctxOf(officer), { type: 'DEATH', personId: father.id, version: father.version, occurredOn: todayIso() })
    const after = await db.person.findUniqueOrThrow({ where: { id: father.id } })
    expect(after).toMatchObject({ alive: false })
    await expect(recordEvent(ctxOf(officer), { type: 'DEATH', personId: father.id, version: after.version, occurredOn: todayIso() })).rejects.toMatchObject({
      key: 'registry.errors.alreadyDeceased',
    })
  })

  it('marriage and divorce change marital status in order', async () => {
    const { officer, son } = await family()
    await expect(recordEvent(ctxOf(officer), { type: 'DIVORCE', personId: son.id, version: son.version, occurredOn: todayIso() })).rejects.toMatchObject({
      key: 'registry.errors.notMarried',
    })
    await recordEvent(ctxOf(officer), { type: 'MARRIAGE', personId: son.id, version: son.version, occurredOn: todayIso(), spouseName: '赵丽' })
    const married = await db.person.findUniqueOrThrow({ where: { id: son.id } })
    expect(married.maritalStatus).toBe('MARRIED')
    await recordEvent(ctxOf(officer), { type: 'DIVORCE', personId: son.id, version: married.version, occurredOn: todayIso() })
    expect((await db.person.findUniqueOrThrow({ where: { id: son.id } })).maritalStatus).toBe('DIVORCED')
  })

  it('a move within the county changes region and household; the old household loses its head', async () => {
    const { officer, father, householdId, villages, county } = await family()
    const township = await staff('TOWNSHIP_STAFF', { id: father.townshipId, level: 'TOWNSHIP' })
    const target = villages[1]
    await recordEvent(ctxOf(township), { type: 'MOVE_WITHIN', personId: father.id, version: father.version, occurredOn: todayIso(), toRegionId: target.id })
    const moved = await db.person.findUniqueOrThrow({ where: { id: father.id } })
    expect(moved).toMatchObject({ regionId: target.id, villageId: target.id, householdId: null, countyId: county.id })
    expect((await db.household.findUniqueOrThrow({ where: { id: householdId } })).headId).toBeNull()
    expect(officer).toBeTruthy()
  })

  it('moving out and returning', async () => {
    const { officer, son, householdId } = await family()
    await recordEvent(ctxOf(officer), { type: 'MOVE_OUT', personId: son.id, version: son.version, occurredOn: todayIso(), destination: '北京市海淀区' })
    const out = await db.person.findUniqueOrThrow({ where: { id: son.id } })
    expect(out).toMatchObject({ movedOut: true, householdId: null })
    await recordEvent(ctxOf(officer), {
      type: 'RETURN',
      personId: son.id,
      version: out.version,
      occurredOn: todayIso(),
      toHouseholdId: householdId,
      relation: 'CHILD',
    })
    expect(await db.person.findUniqueOrThrow({ where: { id: son.id } })).toMatchObject({ movedOut: false, householdId, residence: 'LOCAL' })
  })

  it('a move into the county adds the person to the household', async () => {
    const { officer, householdId } = await family()
    const { personId } = await recordEvent(ctxOf(officer), {
      type: 'MOVE_IN',
      householdId,
      occurredOn: todayIso(),
      origin: '河北省吴桥县',
      relation: 'PARENT',
      person: personInput({ name: '王老汉', birthDate: '1950-01-01', maritalStatus: 'WIDOWED' }),
    })
    expect(await db.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ householdId, relation: 'PARENT', residence: 'LOCAL' })
  })

  it('refuses future dates and dates before birth', async () => {
    const { officer, son } = await family()
    await expect(recordEvent(ctxOf(officer), { type: 'DEATH', personId: son.id, version: son.version, occurredOn: '2010-01-01' })).rejects.toMatchObject({
      key: 'registry.errors.event_beforeBirth',
    })
    expect((await db.person.findUniqueOrThrow({ where: { id: son.id } })).alive).toBe(true)
  })

  it('a correction is a new version; the old one stays, marked corrected, and cannot be corrected twice', async () => {
    const { officer, father } = await family()
    const { eventId } = await recordEvent(ctxOf(officer), { type: 'DEATH', personId: father.id, version: father.version, occurredOn: todayIso() })
    const { eventId: fixed } = await correctEvent(ctxOf(officer), { eventId, occurredOn: '2026-01-05', reason: '死亡证明日期为1月5日' })
    const [old, corrected] = await Promise.all([
      db.lifeEvent.findUniqueOrThrow({ where: { id: eventId } }),
      db.lifeEvent.findUniqueOrThrow({ where: { id: fixed } }),
    ])
    expect(old.status).toBe('CORRECTED')
    expect(corrected).toMatchObject({ status: 'ACTIVE', correctsId: eventId })
    expect((await db.person.findUniqueOrThrow({ where: { id: father.id } })).deathDate?.toISOString().slice(0, 10)).toBe('2026-01-05')
    await expect(correctEvent(ctxOf(officer), { eventId, occurredOn: '2026-01-06', reason: '再改' })).rejects.toMatchObject({
      key: 'registry.errors.alreadyCorrected',
    })
    const page = await getPerson(officer, father.id)
    expect(page?.events.map((e) => e.status)).toEqual(expect.arrayContaining(['ACTIVE', 'CORRECTED']))
  })
})

describe('search and scope', () => {
  it('finds people by name, pinyin, initials, ID number, last four digits, phone and address', async () => {
    const { officer, father, fatherId } = await family()
    const find = async (q: string) => (await searchPersons(officer, { q, alive: 'all', page: 1 })).rows.map((r) => r.id)
    for (const q of ['王建', '王建军', '建军', 'wangjianjun', 'wangj', 'wjj', fatherId, fatherId.slice(-4), '1380013', '幸福路'])
      expect(await find(q), q).toContain(father.id)
    expect(await find('lxl')).not.toContain(father.id)
  })

  it('a village officer sees only their village; another village’s officer finds nothing and cannot change anything', async () => {
    const { father, villages, mother } = await family()
    const neighbour = await staff('VILLAGE_OFFICER', villages[1])
    expect((await searchPersons(neighbour, { q: '王建军', alive: 'all', page: 1 })).total).toBe(0)
    expect(await getPerson(neighbour, father.id)).toBeNull()
    await expect(recordEvent(ctxOf(neighbour), { type: 'DEATH', personId: father.id, version: father.version, occurredOn: todayIso() })).rejects.toMatchObject({
      key: 'errors.notFound',
    })
    await expect(addMember(ctxOf(neighbour), { householdId: father.householdId!, member: { ...personInput(), relation: 'OTHER' } })).rejects.toMatchObject({
      key: 'registry.errors.householdNotFound',
    })
    await expect(revealIdNumber(ctxOf(neighbour), mother.id)).rejects.toMatchObject({ key: 'errors.notFound' })
    const township = await staff('TOWNSHIP_STAFF', { id: father.townshipId, level: 'TOWNSHIP' })
    expect((await searchPersons(township, { q: '王建军', alive: 'all', page: 1 })).rows.map((r) => r.id)).toContain(father.id)
  })
})

describe('monthly review', () => {
  it('every village change is logged; the township checks or questions it; the village answers', async () => {
    const { officer, father, householdId } = await family()
    const township = await staff('TOWNSHIP_STAFF', { id: father.townshipId, level: 'TOWNSHIP' })
    const { eventId } = await recordEvent(ctxOf(officer), { type: 'DIVORCE', personId: father.id, version: father.version, occurredOn: todayIso() })
    const month = todayIso().slice(0, 7)
    const changes = (await reviewList(township, month)).rows
    const mine = changes.filter((c) => c.householdId === householdId || c.personId === father.id)
    expect(mine.map((c) => c.kind)).toEqual(['household.create', 'event.DIVORCE'])
    expect(JSON.stringify(mine.map((c) => c.summary))).not.toMatch(/\d{17}[\dX]/)
    const change = mine.find((c) => c.eventId === eventId)!
    expect(change.reviewStatus).toBe('PENDING')

    await expect(answerChange(ctxOf(officer), { changeId: change.id, answer: '没有问题' })).rejects.toMatchObject({ key: 'registry.errors.noQuestion' })
    await reviewChange(ctxOf(township), { changeId: change.id, decision: 'question', question: '离婚证号是多少？' })
    expect(await openQuestions(officer)).toBe(1)
    await answerChange(ctxOf(officer), { changeId: change.id, answer: '鲁德宁离字第2026-118号' })
    const answered = await db.registerChange.findUniqueOrThrow({ where: { id: change.id } })
    expect(answered).toMatchObject({ reviewStatus: 'ANSWERED', reviewAnswer: '鲁德宁离字第2026-118号' })
    await reviewChange(ctxOf(township), { changeId: change.id, decision: 'check' })
    expect((await db.registerChange.findUniqueOrThrow({ where: { id: change.id } })).reviewStatus).toBe('CHECKED')

    // another township sees none of it and cannot act on it
    const other = await staff('TOWNSHIP_STAFF', {
      id: (await db.region.findFirstOrThrow({ where: { level: 'TOWNSHIP', id: { not: father.townshipId }, ancestorIds: { has: father.countyId } } })).id,
      level: 'TOWNSHIP',
    })
    expect((await reviewList(other, month)).rows.some((c) => c.id === change.id)).toBe(false)
    await expect(reviewChange(ctxOf(other), { changeId: change.id, decision: 'check' })).rejects.toMatchObject({ key: 'errors.notFound' })
  })

  it('edits and new members are changes too', async () => {
    const { officer, father, householdId } = await family()
    await updatePerson(ctxOf(officer), {
      personId: father.id,
      version: father.version,
      person: personInput({ name: '王建军', birthDate: '1985-03-02', phone: '13900000009' }),
    })
    await addMember(ctxOf(officer), {
      householdId,
      member: { ...personInput({ name: '王奶奶', sex: 'FEMALE', birthDate: '1950-02-02', maritalStatus: 'WIDOWED' }), relation: 'PARENT' },
    })
    const kinds = (await db.registerChange.findMany({ where: { householdId }, orderBy: { id: 'asc' } })).map((c) => c.kind)
    expect(kinds).toEqual(['household.create', 'person.update', 'person.create'])
  })
})
