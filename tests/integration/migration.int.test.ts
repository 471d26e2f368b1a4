import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, staff } from './helpers'
import { makeCounty } from '@/tests/factories'
import { makeMigrant } from '@/tests/factories/migration'
import { getExchangeLetter, getMigrant, listMigrants, migrantCounts } from '@/lib/migration/queries'
import { recordAnswer, recordNotice } from '@/lib/migration/service'
import { recordAnswerSchema, recordNoticeSchema } from '@/lib/migration/schemas'
import { todayIso } from '@/lib/dates'

function daysAgo(n: number, from = todayIso()) {
  const d = new Date(`${from}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - n)
  return d.toISOString().slice(0, 10)
}

const all = { direction: undefined, regionId: undefined, overdue: false, page: 1 }

async function setting() {
  const tree = await makeCounty(db)
  const [village, , otherVillage] = tree.villages // villages[0..1] in township 1, [2..3] in township 2
  const inflow = await makeMigrant(db, village, { name: '赵流入', direction: 'INFLOW', place: '河北省沧州市吴桥县', since: '2025-03-01' })
  const outflow = await makeMigrant(db, village, { name: '刘流出', direction: 'OUTFLOW', place: '北京市朝阳区', phone: '13800138000' })
  const elsewhere = await makeMigrant(db, otherVillage, { name: '孙外镇', direction: 'INFLOW', place: '内蒙古包头市' })
  const township = await staff('TOWNSHIP_STAFF', tree.townships[0])
  const otherTownship = await staff('TOWNSHIP_STAFF', tree.townships[1])
  const countyUser = await staff('COUNTY_OFFICIAL', tree.county)
  return { ...tree, village, otherVillage, inflow, outflow, elsewhere, township, otherTownship, countyUser }
}

describe('migrant lists and counts', () => {
  it('lists inflow and outflow migrants of the user’s region only', async () => {
    const s = await setting()
    const mine = await listMigrants(s.township, all)
    expect(mine.rows.map((r) => r.name).sort()).toEqual(['刘流出', '赵流入'])
    expect(mine.rows.find((r) => r.name === '赵流入')).toMatchObject({
      direction: 'INFLOW',
      place: '河北省沧州市吴桥县',
      since: '2025-03-01',
      villageName: s.village.name,
      latest: null,
    })
    const theirs = await listMigrants(s.otherTownship, all)
    expect(theirs.rows.map((r) => r.name)).toEqual(['孙外镇'])
    // a filter naming a region outside the user's own still shows nothing of it
    expect((await listMigrants(s.otherTownship, { ...all, regionId: s.village.id })).total).toBe(0)
    expect(await getMigrant(s.otherTownship, s.inflow.id)).toBeNull()
    expect((await listMigrants(s.countyUser, { ...all, direction: 'OUTFLOW' })).rows.map((r) => r.name)).toEqual(['刘流出'])
  })

  it('leaves out the dead, the moved out and local residents', async () => {
    const s = await setting()
    await db.person.update({ where: { id: s.outflow.id }, data: { alive: false } })
    await db.person.update({ where: { id: s.inflow.id }, data: { residence: 'LOCAL' } })
    expect((await listMigrants(s.township, all)).total).toBe(0)
  })

  it('counts by township and by province, scoped', async () => {
    const s = await setting()
    const county = await migrantCounts(s.countyUser)
    expect(county.townships.map((t) => [t.townshipName, t.inflow, t.outflow])).toEqual([
      [s.townships[0].name, 1, 1],
      [s.townships[1].name, 1, 0],
    ])
    expect(county.provinces).toEqual(
      expect.arrayContaining([
        { province: '河北省', inflow: 1, outflow: 0 },
        { province: '北京市', inflow: 0, outflow: 1 },
        { province: '内蒙古自治区', inflow: 1, outflow: 0 },
      ]),
    )
    const other = await migrantCounts(s.otherTownship)
    expect(other.townships.map((t) => t.townshipName)).toEqual([s.townships[1].name])
    expect(other.provinces).toEqual([{ province: '内蒙古自治区', inflow: 1, outflow: 0 }])
    expect(other.total).toMatchObject({ inflow: 1, outflow: 0, overdue: 0 })
  })
})

describe('information exchange', () => {
  it('a notice form submitted twice (a double click, a resend) records one notice; the next key records the next', async () => {
    const s = await setting()
    const formKey = randomUUID()
    const input = { personId: s.outflow.id, otherCounty: '北京市朝阳区', sentOn: daysAgo(2), formKey }
    const [a, b] = await Promise.all([recordNotice(ctxOf(s.township), input), recordNotice(ctxOf(s.township), input)])
    expect(b).toEqual(a)
    expect(await recordNotice(ctxOf(s.township), input)).toEqual(a)
    expect(await db.exchangeRequest.count({ where: { personId: s.outflow.id } })).toBe(1)
    expect(await db.auditEvent.count({ where: { action: 'exchange.send', actorId: s.township.id } })).toBe(1)
    // the key is one user's form: someone else cannot replay it
    await expect(recordNotice(ctxOf(s.otherTownship), input)).rejects.toMatchObject({ key: 'errors.conflict' })
    const next = await recordNotice(ctxOf(s.township), { ...input, formKey: randomUUID() })
    expect(next.exchangeId).not.toBe(a.exchangeId)
    expect(await db.exchangeRequest.count({ where: { personId: s.outflow.id } })).toBe(2)
  })

  it('records a notice and its answer, each with an audit event; the letter has what it needs', async () => {
    const s = await setting()
    const sentOn = daysAgo(5)
    const { exchangeId } = await recordNotice(ctxOf(s.township), { personId: s.outflow.id, otherCounty: '北京市朝阳区', sentOn })
    let row = (await listMigrants(s.township, { ...all, direction: 'OUTFLOW' })).rows[0]
    expect(row.latest).toMatchObject({ id: exchangeId, status: 'sent', otherCounty: '北京市朝阳区', sentOn, direction: 'OUTFLOW' })
    expect(await db.auditEvent.count({ where: { action: 'exchange.send', entityId: String(exchangeId), actorId: s.township.id } })).toBe(1)

    const letter = await getExchangeLetter(s.township, s.outflow.id, exchangeId)
    expect(letter?.migrant).toMatchObject({ name: '刘流出', countyName: s.county.name, phone: '13800138000', place: '北京市朝阳区' })
    expect(await getExchangeLetter(s.otherTownship, s.outflow.id, exchangeId)).toBeNull()

    await recordAnswer(ctxOf(s.township), { exchangeId, answeredOn: daysAgo(1), answer: '已核实，在朝阳区务工，已告知当地服务站。' })
    row = (await listMigrants(s.township, { ...all, direction: 'OUTFLOW' })).rows[0]
    expect(row.latest).toMatchObject({ status: 'answered', answeredOn: daysAgo(1), answer: '已核实，在朝阳区务工，已告知当地服务站。' })
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'exchange.answer', entityId: String(exchangeId) } })
    expect(event.actorId).toBe(s.township.id)

    await expect(recordAnswer(ctxOf(s.township), { exchangeId, answeredOn: daysAgo(0), answer: '再答' })).rejects.toMatchObject({
      key: 'migration.errors.alreadyAnswered',
    })
    expect((await db.exchangeRequest.findUniqueOrThrow({ where: { id: exchangeId } })).answer).toBe('已核实，在朝阳区务工，已告知当地服务站。')
  })

  it('is overdue when unanswered more than 30 days after sending, in the list, the filter and the counts', async () => {
    const s = await setting()
    await recordNotice(ctxOf(s.township), { personId: s.inflow.id, otherCounty: '河北省沧州市吴桥县', sentOn: daysAgo(31) })
    await recordNotice(ctxOf(s.township), { personId: s.outflow.id, otherCounty: '北京市朝阳区', sentOn: daysAgo(30) })
    const rows = (await listMigrants(s.township, all)).rows
    expect(rows.find((r) => r.id === s.inflow.id)?.latest?.status).toBe('overdue')
    expect(rows.find((r) => r.id === s.outflow.id)?.latest?.status).toBe('sent')
    expect((await listMigrants(s.township, { ...all, overdue: true })).rows.map((r) => r.id)).toEqual([s.inflow.id])
    expect((await migrantCounts(s.township)).total.overdue).toBe(1)
    // one day later the second is overdue too
    const tomorrow = daysAgo(-1)
    expect((await listMigrants(s.township, { ...all, overdue: true }, tomorrow)).total).toBe(2)
    expect((await migrantCounts(s.otherTownship)).total.overdue).toBe(0)
  })

  it('refuses a person outside the user’s region, audits the attempt, writes nothing', async () => {
    const s = await setting()
    const before = await db.exchangeRequest.count()
    await expect(recordNotice(ctxOf(s.otherTownship), { personId: s.inflow.id, otherCounty: '河北省沧州市吴桥县', sentOn: daysAgo(1) })).rejects.toMatchObject({
      key: 'errors.notFound',
    })
    expect(await db.exchangeRequest.count()).toBe(before)
    expect(await db.auditEvent.count({ where: { action: 'permission.denied', actorId: s.otherTownship.id } })).toBe(1)

    const { exchangeId } = await recordNotice(ctxOf(s.township), { personId: s.inflow.id, otherCounty: '河北省沧州市吴桥县', sentOn: daysAgo(3) })
    await expect(recordAnswer(ctxOf(s.otherTownship), { exchangeId, answeredOn: daysAgo(1), answer: '越权' })).rejects.toMatchObject({
      key: 'errors.notFound',
    })
    expect((await db.exchangeRequest.findUniqueOrThrow({ where: { id: exchangeId } })).answeredOn).toBeNull()
  })

  it('refuses a resident who is not a migrant', async () => {
    const s = await setting()
    await db.person.update({ where: { id: s.inflow.id }, data: { residence: 'LOCAL' } })
    await expect(recordNotice(ctxOf(s.township), { personId: s.inflow.id, otherCounty: '河北省', sentOn: daysAgo(1) })).rejects.toMatchObject({
      key: 'errors.notFound',
    })
    expect(await db.exchangeRequest.count({ where: { personId: s.inflow.id } })).toBe(0)
  })

  it('refuses bad input with a message and writes nothing', async () => {
    const s = await setting()
    const notice = (input: Record<string, string>) =>
      recordNoticeSchema.safeParse({ personId: String(s.outflow.id), otherCounty: '北京市朝阳区', sentOn: daysAgo(1), formKey: randomUUID(), ...input })
    expect(notice({}).success).toBe(true)
    const refused: [Record<string, string>, string, string][] = [
      [{ sentOn: daysAgo(-1) }, 'sentOn', 'registry.errors.dateInFuture'],
      [{ sentOn: '2026-02-30' }, 'sentOn', 'errors.invalidDate'],
      [{ sentOn: '' }, 'sentOn', 'errors.required'],
      [{ otherCounty: '<script>alert(1)</script>' }, 'otherCounty', 'errors.nameCharacters'],
      [{ otherCounty: 'x\'); DROP TABLE "Person"; --' }, 'otherCounty', 'errors.nameCharacters'],
      [{ otherCounty: '县'.repeat(101) }, 'otherCounty', 'errors.tooLong'],
      [{ personId: 'abc' }, 'personId', 'errors.invalid'],
      [{ formKey: 'not-a-key' }, 'formKey', 'errors.invalid'],
    ]
    for (const [input, field, key] of refused) {
      const result = notice(input)
      expect(result.success, JSON.stringify(input)).toBe(false)
      expect(result.error?.issues.find((i) => i.path[0] === field)?.message, JSON.stringify(input)).toBe(key)
    }

    const { exchangeId } = await recordNotice(ctxOf(s.township), { personId: s.outflow.id, otherCounty: '北京市朝阳区', sentOn: daysAgo(10) })
    const answer = (input: Record<string, string>) =>
      recordAnswerSchema.safeParse({ exchangeId: String(exchangeId), answeredOn: daysAgo(1), answer: '已核实', ...input })
    expect(answer({}).success).toBe(true)
    expect(answer({ answeredOn: daysAgo(-3) }).error?.issues[0].message).toBe('registry.errors.dateInFuture')
    expect(answer({ answer: '答'.repeat(501) }).error?.issues[0].message).toBe('errors.tooLong')
    expect(answer({ answer: '已核实\u0000' }).error?.issues[0].message).toBe('errors.controlCharacters')
    expect(answer({ answer: '   ' }).error?.issues[0].message).toBe('errors.required')

    const events = await db.auditEvent.count({ where: { action: 'exchange.answer' } })
    await expect(recordAnswer(ctxOf(s.township), { exchangeId, answeredOn: daysAgo(11), answer: '早于发函' })).rejects.toMatchObject({
      key: 'migration.errors.answerBeforeSent',
      fieldErrors: { answeredOn: 'migration.errors.answerBeforeSent' },
    })
    const stored = await db.exchangeRequest.findUniqueOrThrow({ where: { id: exchangeId } })
    expect(stored.answeredOn).toBeNull()
    expect(stored.answer).toBeNull()
    expect(await db.auditEvent.count({ where: { action: 'exchange.answer' } })).toBe(events)
  })
})
