import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, staff } from './helpers'
import { makeCounty, personInput, uniqueIdNumber } from '@/tests/factories'
import { addMember, createHousehold, recordEvent, setHead, setParents } from '@/lib/registry/service'
import { todayIso } from '@/lib/dates'

// Family links, birth order and the life events that change a family (issue 8).

async function household(members: Parameters<typeof createHousehold>[1]['members']) {
  const tree = await makeCounty(db)
  const village = tree.villages[0]
  const officer = await staff('VILLAGE_OFFICER', village)
  const { householdId } = await createHousehold(ctxOf(officer), { regionId: village.id, address: '幸福路 9 号', type: 'FAMILY', members })
  const people = await db.person.findMany({ where: { householdId }, orderBy: { id: 'asc' } })
  return { ...tree, village, officer, householdId, people }
}

const couple = (headSex: 'MALE' | 'FEMALE' = 'MALE') => [
  { ...personInput({ name: '王建军', sex: headSex, birthDate: '1985-03-02', idNumber: uniqueIdNumber('1985-03-02', headSex) }), relation: 'SELF' as const },
  {
    ...personInput({ name: '李秀兰', sex: headSex === 'MALE' ? ('FEMALE' as const) : ('MALE' as const), birthDate: '1988-07-15' }),
    relation: 'SPOUSE' as const,
  },
]
const child = (name: string, birthDate: string) => ({ ...personInput({ name, sex: 'MALE', birthDate, maritalStatus: 'SINGLE' }), relation: 'CHILD' as const })

describe('family links', () => {
  it('a child entered with the household gets the head and spouse as parents, and the next birth is the second', async () => {
    const { officer, people } = await household([...couple(), child('王小明', '2012-09-09')])
    const [father, mother, son] = people
    expect(son).toMatchObject({ motherId: mother.id, fatherId: father.id, birthOrder: 1 })
    const { personId } = await recordEvent(ctxOf(officer), {
      type: 'BIRTH',
      motherId: mother.id,
      version: mother.version,
      occurredOn: todayIso(),
      name: '王小红',
      sex: 'FEMALE',
    })
    expect(await db.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({
      birthOrder: 2,
      motherId: mother.id,
      fatherId: father.id,
      birthOrderEntered: false,
    })
    const event = await db.lifeEvent.findFirstOrThrow({ where: { personId } })
    expect(event.details).toMatchObject({ birthOrder: 2 })
  })

  it('a woman who heads the household with her husband as spouse is the mother; children are numbered by birth date', async () => {
    const { people } = await household([...couple('FEMALE'), child('二娃', '2016-01-01'), child('大娃', '2012-01-01')])
    const [mother, father, second, first] = people
    expect(first).toMatchObject({ motherId: mother.id, fatherId: father.id, birthOrder: 1 })
    expect(second).toMatchObject({ motherId: mother.id, fatherId: father.id, birthOrder: 2 })
  })

  it('a single head’s child is not linked; added members are linked like the household’s', async () => {
    const { officer, householdId, people } = await household([couple()[0], child('王小明', '2012-09-09')])
    expect(people[1].motherId).toBeNull()
    const { personId: wife } = await addMember(ctxOf(officer), { householdId, member: couple()[1] })
    const { personId: kid } = await addMember(ctxOf(officer), { householdId, member: child('王小亮', '2018-02-02') })
    expect(await db.person.findUniqueOrThrow({ where: { id: kid } })).toMatchObject({ motherId: wife, fatherId: people[0].id, birthOrder: 1 })
  })

  it('the clerk can say otherwise on the person page: parents replaced, birth orders recounted, audited', async () => {
    const { officer, people } = await household([...couple(), child('王小明', '2012-09-09'), child('王小亮', '2015-09-09')])
    const [, mother, first, second] = people
    await setParents(ctxOf(officer), { personId: first.id, version: first.version })
    expect(await db.person.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ motherId: null, fatherId: null, birthOrder: null })
    expect(await db.person.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ birthOrder: 1 })
    await expect(setParents(ctxOf(officer), { personId: second.id, version: second.version, motherId: first.id })).rejects.toMatchObject({
      key: 'registry.errors.parentInvalid',
    })
    expect(await db.auditEvent.count({ where: { action: 'person.parents', entityId: String(first.id) } })).toBe(1)
    expect(mother.sex).toBe('FEMALE')
  })

  it('a clerk-entered birth order above the count is kept and recorded as entered; below it is refused', async () => {
    const { officer, people } = await household([...couple()])
    const mother = people[1]
    await expect(
      recordEvent(ctxOf(officer), {
        type: 'BIRTH',
        motherId: mother.id,
        version: mother.version,
        occurredOn: todayIso(),
        name: '王三',
        sex: 'MALE',
        birthOrder: 0 + 1,
      }),
    ).resolves.toBeTruthy()
    const m = await db.person.findUniqueOrThrow({ where: { id: mother.id } })
    await expect(
      recordEvent(ctxOf(officer), {
        type: 'BIRTH',
        motherId: mother.id,
        version: m.version,
        occurredOn: todayIso(),
        name: '王四',
        sex: 'MALE',
        birthOrder: 1,
      }),
    ).rejects.toMatchObject({ key: 'registry.errors.birthOrderTooLow' })
    const { personId } = await recordEvent(ctxOf(officer), {
      type: 'BIRTH',
      motherId: mother.id,
      version: m.version,
      occurredOn: todayIso(),
      name: '王五',
      sex: 'FEMALE',
      birthOrder: 4,
    })
    expect(await db.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ birthOrder: 4, birthOrderEntered: true })
    expect((await db.lifeEvent.findFirstOrThrow({ where: { personId } })).details).toMatchObject({
      birthOrder: 4,
      countedBirthOrder: 2,
      birthOrderEntered: true,
    })
  })

  it('the quality check flags a birth whose order disagrees with the mother’s children', async () => {
    const { officer, people } = await household([...couple(), child('王小明', '2012-09-09')])
    const [, mother, son] = people
    await db.person.update({ where: { id: son.id }, data: { birthOrder: 3 } })
    await recordEvent(ctxOf(officer), { type: 'BIRTH', motherId: mother.id, version: mother.version, occurredOn: todayIso(), name: '王小红', sex: 'FEMALE' })
    // the birth renumbers the counted orders, so the hand-edited one is back in line
    expect((await db.person.findUniqueOrThrow({ where: { id: son.id } })).birthOrder).toBe(1)
    await db.person.update({ where: { id: son.id }, data: { birthOrder: 2 } })
    const { sweepRegion } = await import('@/lib/quality/sweep')
    await sweepRegion(db, { column: 'villageId', id: son.villageId }, async () => {})
    const finding = await db.qualityFinding.findFirstOrThrow({ where: { rule: 'birthOrder', entity: 'Person', entityId: son.id } })
    expect(finding).toMatchObject({ status: 'OPEN', details: expect.objectContaining({ birthOrder: 2, counted: 1 }) })
  })
})

describe('life events that change the family', () => {
  it('a death widows the spouse; the head’s death names the new head and re-expresses relations', async () => {
    const { officer, people, householdId } = await household([...couple(), child('王小明', '2012-09-09')])
    const [head, wife, son] = people
    const result = await recordEvent(ctxOf(officer), { type: 'DEATH', personId: head.id, version: head.version, occurredOn: todayIso(), newHeadId: wife.id })
    expect(result.effects.map((e) => e.key)).toEqual(['registry.events.effects.death', 'registry.events.effects.widowed', 'registry.events.effects.newHead'])
    expect(await db.person.findUniqueOrThrow({ where: { id: wife.id } })).toMatchObject({ maritalStatus: 'WIDOWED', relation: 'SELF' })
    expect(await db.person.findUniqueOrThrow({ where: { id: head.id } })).toMatchObject({ alive: false, relation: 'SPOUSE' })
    expect(await db.person.findUniqueOrThrow({ where: { id: son.id } })).toMatchObject({ relation: 'CHILD' })
    expect((await db.household.findUniqueOrThrow({ where: { id: householdId } })).headId).toBe(wife.id)
    expect(await db.qualityFinding.count({ where: { entity: 'Household', entityId: householdId, status: 'OPEN' } })).toBe(0)
  })

  it('the head’s death without a new head leaves a “needs a head” finding; naming one later clears it', async () => {
    const { officer, people, householdId } = await household([...couple(), child('王小明', '2000-09-09')])
    const [head, wife, son] = people
    const result = await recordEvent(ctxOf(officer), { type: 'DEATH', personId: head.id, version: head.version, occurredOn: todayIso() })
    expect(result.effects.map((e) => e.key)).toContain('registry.events.effects.needsHead')
    expect((await db.household.findUniqueOrThrow({ where: { id: householdId } })).headId).toBeNull()
    expect(await db.qualityFinding.findFirst({ where: { rule: 'noHead', entity: 'Household', entityId: householdId, status: 'OPEN' } })).not.toBeNull()
    await setHead(ctxOf(officer), { householdId, headId: son.id })
    expect(await db.person.findUniqueOrThrow({ where: { id: wife.id } })).toMatchObject({ relation: 'PARENT', maritalStatus: 'WIDOWED' })
    expect(await db.person.findUniqueOrThrow({ where: { id: son.id } })).toMatchObject({ relation: 'SELF' })
    expect(await db.qualityFinding.findFirst({ where: { rule: 'noHead', entity: 'Household', entityId: householdId } })).toMatchObject({ status: 'FIXED' })
  })

  it('a new head must be a living member of the household', async () => {
    const { officer, people } = await household([...couple()])
    const other = await household([...couple()])
    const [head] = people
    await expect(
      recordEvent(ctxOf(officer), { type: 'DEATH', personId: head.id, version: head.version, occurredOn: todayIso(), newHeadId: other.people[1].id }),
    ).rejects.toMatchObject({ key: 'registry.errors.newHeadInvalid' })
    expect((await db.person.findUniqueOrThrow({ where: { id: head.id } })).alive).toBe(true)
  })

  it('a divorce updates both spouses', async () => {
    const { officer, people } = await household([...couple()])
    const [head, wife] = people
    await recordEvent(ctxOf(officer), { type: 'DIVORCE', personId: wife.id, version: wife.version, occurredOn: todayIso() })
    expect((await db.person.findUniqueOrThrow({ where: { id: head.id } })).maritalStatus).toBe('DIVORCED')
    expect((await db.person.findUniqueOrThrow({ where: { id: wife.id } })).maritalStatus).toBe('DIVORCED')
  })

  it('moving someone in, back or within the county as 户主 keeps one head per household', async () => {
    const { officer, people, householdId } = await household([...couple(), child('王小明', '2000-09-09')])
    await expect(
      recordEvent(ctxOf(officer), {
        type: 'MOVE_IN',
        householdId,
        occurredOn: todayIso(),
        origin: '河北省',
        relation: 'SELF',
        person: personInput({ name: '外来人', birthDate: '1970-01-01' }),
      }),
    ).rejects.toMatchObject({ key: 'registry.errors.twoHeads' })
    const son = people[2]
    await recordEvent(ctxOf(officer), { type: 'MOVE_OUT', personId: son.id, version: son.version, occurredOn: todayIso(), destination: '北京市' })
    const out = await db.person.findUniqueOrThrow({ where: { id: son.id } })
    await expect(
      recordEvent(ctxOf(officer), {
        type: 'RETURN',
        personId: son.id,
        version: out.version,
        occurredOn: todayIso(),
        toHouseholdId: householdId,
        relation: 'SELF',
      }),
    ).rejects.toMatchObject({ key: 'registry.errors.twoHeads' })
    const other = await household([couple()[0]])
    const moverHome = other.people[0]
    await recordEvent(ctxOf(other.officer), {
      type: 'MOVE_OUT',
      personId: moverHome.id,
      version: moverHome.version,
      occurredOn: todayIso(),
      destination: '天津',
    })
    expect((await db.household.findUniqueOrThrow({ where: { id: other.householdId } })).headId).toBeNull()
  })

  it('marriage after moving out is refused by the service as the page hides it', async () => {
    const { officer, people } = await household([...couple(), child('王小明', '2000-09-09')])
    const son = people[2]
    await recordEvent(ctxOf(officer), { type: 'MOVE_OUT', personId: son.id, version: son.version, occurredOn: todayIso(), destination: '北京市' })
    const out = await db.person.findUniqueOrThrow({ where: { id: son.id } })
    await expect(recordEvent(ctxOf(officer), { type: 'MARRIAGE', personId: son.id, version: out.version, occurredOn: todayIso() })).rejects.toMatchObject({
      key: 'registry.errors.notInRegister',
    })
  })
})

describe('a double submit', () => {
  it('of one new-household form creates one household, both answers name it', async () => {
    const tree = await makeCounty(db)
    const village = tree.villages[0]
    const officer = await staff('VILLAGE_OFFICER', village)
    const key = randomUUID()
    const input = {
      regionId: village.id,
      address: '双击路 1 号',
      type: 'FAMILY' as const,
      members: [{ ...personInput({ name: '双击' }), relation: 'SELF' as const }],
    }
    const [a, b] = await Promise.all([createHousehold(ctxOf(officer), input, key), createHousehold(ctxOf(officer), input, key)])
    expect(a.householdId).toBe(b.householdId)
    expect(await db.household.count({ where: { address: '双击路 1 号', villageId: village.id } })).toBe(1)
    expect(await db.auditEvent.count({ where: { action: 'household.create', entityId: String(a.householdId) } })).toBe(1)
    // another user cannot replay someone else's form
    const other = await staff('VILLAGE_OFFICER', village)
    await expect(createHousehold(ctxOf(other), input, key)).rejects.toMatchObject({ key: 'errors.conflict' })
  })

  it('of one event form records one event', async () => {
    const { officer, people } = await household([...couple()])
    const mother = people[1]
    const key = randomUUID()
    const birth = { type: 'BIRTH' as const, motherId: mother.id, version: mother.version, occurredOn: todayIso(), name: '王双', sex: 'FEMALE' as const }
    const [a, b] = await Promise.allSettled([recordEvent(ctxOf(officer), birth, key), recordEvent(ctxOf(officer), birth, key)])
    expect(a).toMatchObject({ status: 'fulfilled' })
    expect(b).toMatchObject({ status: 'fulfilled' })
    expect(await db.person.count({ where: { motherId: mother.id } })).toBe(1)
  })
})
