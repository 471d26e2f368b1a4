import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, staff } from './helpers'
import { makeCounty, personInput, uniqueIdNumber } from '@/tests/factories'
import { addMember, createHousehold, recordEvent, updatePerson } from '@/lib/registry/service'
import { assignFinding, closeFinding, markFixed, sweep } from '@/lib/quality/service'
import { listFindings } from '@/lib/quality/queries'
import { personColumns } from '@/lib/registry/columns'
import { todayIso, toDate } from '@/lib/dates'

/** A county with a family of three in its first village, a township clerk and a village officer. */
async function family() {
  const tree = await makeCounty(db)
  const village = tree.villages[0]
  const township = tree.townships[0]
  const officer = await staff('VILLAGE_OFFICER', village)
  const clerk = await staff('TOWNSHIP_STAFF', township)
  const fatherId = uniqueIdNumber('1985-03-02', 'MALE')
  const motherId = uniqueIdNumber('1988-07-15', 'FEMALE')
  const { householdId } = await createHousehold(ctxOf(officer), {
    regionId: village.id,
    address: '幸福路 8 号',
    type: 'FAMILY',
    members: [
      { ...personInput({ name: '王建军', sex: 'MALE', birthDate: '1985-03-02', idNumber: fatherId }), relation: 'SELF' },
      { ...personInput({ name: '李秀兰', sex: 'FEMALE', birthDate: '1988-07-15', idNumber: motherId }), relation: 'SPOUSE' },
      { ...personInput({ name: '王小明', sex: 'MALE', birthDate: '2015-09-09', maritalStatus: 'SINGLE' }), relation: 'CHILD' },
    ],
  })
  const [father, mother, son] = await db.person.findMany({ where: { householdId }, orderBy: { id: 'asc' } })
  await db.person.update({ where: { id: son.id }, data: { motherId: mother.id, birthOrder: 1 } })
  return { ...tree, village, township, officer, clerk, householdId, father, mother, son, fatherId, motherId }
}

const findings = (townshipId: number) => db.qualityFinding.findMany({ where: { townshipId }, orderBy: { id: 'asc' } })
const one = async (rule: string, entityId: number) =>
  db.qualityFinding.findUniqueOrThrow({
    where: {
      rule_entity_entityId: {
        rule,
        entity: rule === 'futureEvent' ? 'LifeEvent' : ['noHead', 'twoSelf', 'headNotMember'].includes(rule) ? 'Household' : 'Person',
        entityId,
      },
    },
  })

describe('the full sweep', () => {
  it('opens a finding for each broken record, is idempotent, and closes findings once fixed', async () => {
    const f = await family()
    const eventPlace = { countyId: f.county.id, townshipId: f.township.id, villageId: f.village.id }
    const place = { ...eventPlace, regionId: f.village.id }
    expect(await findings(f.township.id)).toHaveLength(0) // a clean family has none

    // Broken records, written past the service's validation.
    await db.person.update({ where: { id: f.son.id }, data: { birthDate: toDate('2001-01-01') } }) // mother aged 12
    const tomorrow = toDate(todayIso(new Date(Date.now() + 2 * 86_400_000)))
    const future = await db.lifeEvent.create({
      data: {
        ...eventPlace,
        type: 'MARRIAGE',
        personId: f.father.id,
        occurredOn: tomorrow,
        recordedOn: toDate(todayIso()),
        late: false,
        details: {},
        recordedById: f.officer.id,
      },
    })
    const headless = await db.household.create({ data: { ...place, address: '无户主' } })
    const orphan = await db.person.create({
      data: { ...place, ...personColumns(personInput({ name: '赵一', birthDate: '1970-01-01' })), householdId: headless.id, relation: 'SPOUSE' },
    })
    const dead = await db.person.create({
      data: { ...place, ...personColumns(personInput({ name: '钱二', birthDate: '1950-01-01' })), alive: false, deathDate: toDate('1949-12-31') },
    })
    const ghost = await db.person.create({
      data: { ...place, ...personColumns(personInput({ name: '孙三', birthDate: '1950-01-01' })), alive: false, deathDate: toDate('2000-01-01') },
    })
    const ghostEvent = await db.lifeEvent.create({
      data: {
        ...eventPlace,
        type: 'MARRIAGE',
        personId: ghost.id,
        occurredOn: toDate('2001-05-05'),
        recordedOn: toDate('2001-05-05'),
        late: false,
        details: {},
        recordedById: f.officer.id,
      },
    })
    const twin = await db.person.create({
      data: { ...place, ...personColumns(personInput({ name: '王小明', birthDate: '2001-01-01' })), motherId: f.mother.id },
    })
    const wrongSex = await db.person.create({
      data: {
        ...place,
        ...personColumns(personInput({ name: '周四', sex: 'FEMALE', birthDate: '1990-01-01', idNumber: uniqueIdNumber('1990-01-01', 'MALE') })),
      },
    })
    const elsewhere = await makeCounty(db, '外')
    const copy = await db.person.create({
      data: {
        countyId: elsewhere.county.id,
        townshipId: elsewhere.townships[0].id,
        villageId: elsewhere.villages[0].id,
        regionId: elsewhere.villages[0].id,
        ...personColumns(personInput({ name: '王建军', birthDate: '1985-03-02', idNumber: f.fatherId })),
      },
    })
    // a second SELF in the family's household; and a household whose head lives elsewhere
    await db.person.update({ where: { id: f.mother.id }, data: { relation: 'SELF' } })
    const borrowed = await db.household.create({ data: { ...place, address: '借户主', headId: orphan.id } })

    const first = await sweep(ctxOf(f.clerk))
    const rows = await findings(f.township.id)
    const got = rows.map((r) => `${r.rule}:${r.entityId}`).sort()
    expect(got).toEqual(
      [
        `motherAge:${f.son.id}`,
        `motherAge:${twin.id}`,
        `futureEvent:${future.id}`,
        `noHead:${headless.id}`,
        `deathBeforeBirth:${dead.id}`,
        `eventAfterDeath:${ghost.id}`,
        `likelyDuplicate:${f.son.id}`,
        `likelyDuplicate:${twin.id}`,
        `idMismatch:${wrongSex.id}`,
        `duplicateId:${f.father.id}`,
        `twoSelf:${f.householdId}`,
        `selfNotHead:${f.mother.id}`,
        `headNotMember:${borrowed.id}`,
      ].sort(),
    )
    expect(rows.every((r) => r.status === 'OPEN' && r.villageId === f.village.id)).toBe(true)
    expect(first).toMatchObject({ opened: 13, reopened: 0, fixed: 0, detected: 13 })
    expect((await one('motherAge', f.son.id)).severity).toBe('WARNING')
    expect((await one('idMismatch', wrongSex.id)).details).toMatchObject({ problem: 'sexMismatch' })
    expect((await one('eventAfterDeath', ghost.id)).details).toMatchObject({ eventId: ghostEvent.id, type: 'MARRIAGE' })
    expect((await one('duplicateId', f.father.id)).details).toMatchObject({ others: [copy.id] })
    const sweepAudit = await db.auditEvent.findFirstOrThrow({ where: { action: 'quality.sweep', actorId: f.clerk.id }, orderBy: { id: 'desc' } })
    expect(sweepAudit.after).toMatchObject({ opened: 13, detected: 13 })

    // idempotent: nothing new, nothing closed
    expect(await sweep(ctxOf(f.clerk))).toMatchObject({ opened: 0, reopened: 0, fixed: 0, detected: 13 })
    expect(await findings(f.township.id)).toHaveLength(13)

    // fix three records; their four findings close (the second SELF was also not the head), the rest stay open
    await db.person.update({ where: { id: dead.id }, data: { deathDate: toDate('1999-01-01') } })
    await db.lifeEvent.update({ where: { id: future.id }, data: { occurredOn: toDate('2020-01-01') } })
    await db.person.update({ where: { id: f.mother.id }, data: { relation: 'SPOUSE' } })
    expect(await sweep(ctxOf(f.clerk))).toMatchObject({ opened: 0, fixed: 4, detected: 9 })
    for (const [rule, id] of [
      ['deathBeforeBirth', dead.id],
      ['futureEvent', future.id],
      ['twoSelf', f.householdId],
    ] as const) {
      const fixed = await one(rule, id)
      expect(fixed.status).toBe('FIXED')
      expect(fixed.closedAt).not.toBeNull()
    }
    expect((await one('selfNotHead', f.mother.id)).status).toBe('FIXED')
    expect((await one('noHead', headless.id)).status).toBe('OPEN')

    // a fixed problem that comes back is reopened
    await db.person.update({ where: { id: dead.id }, data: { deathDate: toDate('1940-01-01') } })
    expect(await sweep(ctxOf(f.clerk))).toMatchObject({ opened: 0, reopened: 1 })
    expect(await one('deathBeforeBirth', dead.id)).toMatchObject({ status: 'OPEN', closedAt: null })
  })

  it('a finding closed while its problem lasts stays closed; the sweep of another township does not touch it', async () => {
    const f = await family()
    await db.household.update({ where: { id: f.householdId }, data: { headId: null } })
    await sweep(ctxOf(f.clerk))
    const finding = await one('noHead', f.householdId)
    await closeFinding(ctxOf(f.clerk), { findingId: finding.id, note: '户主已去世，待补登' })
    expect(await sweep(ctxOf(f.clerk))).toMatchObject({ opened: 0, reopened: 0 })
    expect((await one('noHead', f.householdId)).status).toBe('CLOSED')
    const otherClerk = await staff('TOWNSHIP_STAFF', f.townships[1])
    expect(await sweep(ctxOf(otherClerk))).toMatchObject({ detected: 0, fixed: 0 })
    expect((await one('noHead', f.householdId)).status).toBe('CLOSED')
  })
})

describe('checks on save', () => {
  it('a birth recorded to a 13-year-old mother is allowed and opens a warning', async () => {
    const f = await family()
    const young = todayIso(new Date(Date.now() - 13.5 * 365.25 * 86_400_000))
    const { personId: girlId } = await addMember(ctxOf(f.officer), {
      householdId: f.householdId,
      member: { ...personInput({ name: '王小芳', sex: 'FEMALE', birthDate: young, maritalStatus: 'SINGLE' }), relation: 'CHILD' },
    })
    expect(await db.qualityFinding.count({ where: { entity: 'Person', entityId: girlId } })).toBe(0)
    const girl = await db.person.findUniqueOrThrow({ where: { id: girlId } })
    const { personId: babyId } = await recordEvent(ctxOf(f.officer), {
      type: 'BIRTH',
      motherId: girl.id,
      version: girl.version,
      occurredOn: todayIso(),
      name: '王宝宝',
      sex: 'MALE',
    })
    const warning = await one('motherAge', babyId)
    expect(warning).toMatchObject({ severity: 'WARNING', status: 'OPEN', villageId: f.village.id, details: { motherAge: 13 } })
  })

  it('a save that repairs a record closes its finding; one that breaks it opens one, in the same transaction', async () => {
    const f = await family()
    await db.household.update({ where: { id: f.householdId }, data: { headId: null } })
    await db.person.update({ where: { id: f.father.id }, data: { relation: 'SPOUSE' } })
    await sweep(ctxOf(f.clerk))
    expect((await one('noHead', f.householdId)).status).toBe('OPEN')
    await addMember(ctxOf(f.officer), {
      householdId: f.householdId,
      member: { ...personInput({ name: '王老大', birthDate: '1960-01-01' }), relation: 'SELF' },
    })
    expect((await one('noHead', f.householdId)).status).toBe('FIXED')

    // the mother's birth date edited so that she was 11 at her son's birth: the son's finding opens
    const mother = await db.person.findUniqueOrThrow({ where: { id: f.mother.id } })
    await updatePerson(ctxOf(f.officer), {
      personId: mother.id,
      version: mother.version,
      person: personInput({ name: '李秀兰', sex: 'FEMALE', birthDate: '2004-01-01' }),
    })
    expect((await one('motherAge', f.son.id)).status).toBe('OPEN')
    // and the ID number she keeps now disagrees with her birth date
    expect((await one('idMismatch', f.mother.id)).details).toMatchObject({ problem: 'birthDateMismatch' })
  })

  it('checks only the records a save touches, not the rest of the register', async () => {
    const f = await family()
    const elsewhere = await family()
    // a broken record in another county, written behind the service's back
    await db.person.update({ where: { id: elsewhere.father.id }, data: { sex: 'FEMALE' } })
    const son = await db.person.findUniqueOrThrow({ where: { id: f.son.id } })
    await recordEvent(ctxOf(f.officer), { type: 'MARRIAGE', personId: son.id, version: son.version, occurredOn: todayIso() })
    expect(await db.qualityFinding.count({ where: { entity: 'Person', entityId: elsewhere.father.id } })).toBe(0)
  })
})

describe('the queue', () => {
  it('is scoped: another township’s staff see none of the findings and cannot assign or close them', async () => {
    const f = await family()
    await db.household.update({ where: { id: f.householdId }, data: { headId: null } })
    await sweep(ctxOf(f.clerk))
    const finding = await one('noHead', f.householdId)
    const mine = await listFindings(f.clerk, { page: 1 })
    expect(mine.rows.map((r) => r.id)).toContain(finding.id)
    expect((await listFindings(f.officer, { page: 1 })).rows.map((r) => r.id)).toContain(finding.id)

    const stranger = await staff('TOWNSHIP_STAFF', f.townships[1])
    expect((await listFindings(stranger, { page: 1, status: 'ALL' })).total).toBe(0)
    expect((await listFindings(stranger, { page: 1, regionId: f.village.id })).total).toBe(0)
    await expect(assignFinding(ctxOf(stranger), { findingId: finding.id, assigneeId: stranger.id })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(closeFinding(ctxOf(stranger), { findingId: finding.id, note: '越权' })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(markFixed(ctxOf(stranger), { findingId: finding.id, note: '越权' })).rejects.toMatchObject({ key: 'errors.notFound' })
    expect(await db.auditEvent.count({ where: { action: 'permission.denied', actorId: stranger.id } })).toBe(3)
    expect(await one('noHead', f.householdId)).toMatchObject({ status: 'OPEN', assigneeId: null })
  })

  it('assign, mark fixed and close are audited; assignees and fixes are checked', async () => {
    const f = await family()
    await db.household.update({ where: { id: f.householdId }, data: { headId: null } })
    await db.person.update({ where: { id: f.son.id }, data: { birthDate: toDate('2001-01-01') } })
    await sweep(ctxOf(f.clerk))
    const noHead = await one('noHead', f.householdId)
    const motherAge = await one('motherAge', f.son.id)

    // only to someone of the finding's village, township or county who can edit the register
    const otherVillageOfficer = await staff('VILLAGE_OFFICER', f.villages[1])
    const leader = await staff('TOWNSHIP_LEADER', f.township)
    for (const assigneeId of [otherVillageOfficer.id, leader.id]) {
      await expect(assignFinding(ctxOf(f.clerk), { findingId: noHead.id, assigneeId })).rejects.toMatchObject({ key: 'quality.errors.assigneeNotAllowed' })
    }
    await assignFinding(ctxOf(f.clerk), { findingId: noHead.id, assigneeId: f.officer.id })
    expect(await one('noHead', f.householdId)).toMatchObject({ status: 'ASSIGNED', assigneeId: f.officer.id })
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: 'quality.assign', entityId: String(noHead.id) } })).toMatchObject({
      actorId: f.clerk.id,
      after: { assigneeId: f.officer.id },
    })

    // the village officer cannot mark it fixed while the record is still broken
    await expect(markFixed(ctxOf(f.officer), { findingId: noHead.id, note: '已改' })).rejects.toMatchObject({ key: 'quality.errors.stillFailing' })
    await db.household.update({ where: { id: f.householdId }, data: { headId: f.father.id } })
    await markFixed(ctxOf(f.officer), { findingId: noHead.id, note: '已补设户主' })
    expect(await one('noHead', f.householdId)).toMatchObject({ status: 'FIXED', note: '已补设户主' })
    expect(await db.auditEvent.count({ where: { action: 'quality.fix', entityId: String(noHead.id), actorId: f.officer.id } })).toBe(1)
    await expect(closeFinding(ctxOf(f.clerk), { findingId: noHead.id, note: '再关' })).rejects.toMatchObject({ key: 'quality.errors.notOpen' })

    // a warning that is right is closed with a note
    await closeFinding(ctxOf(f.clerk), { findingId: motherAge.id, note: '经核实出生日期无误' })
    const closed = await one('motherAge', f.son.id)
    expect(closed).toMatchObject({ status: 'CLOSED', note: '经核实出生日期无误' })
    expect(closed.closedAt).not.toBeNull()
    expect(await db.auditEvent.count({ where: { action: 'quality.close', entityId: String(motherAge.id), actorId: f.clerk.id } })).toBe(1)
  })
})
