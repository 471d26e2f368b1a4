import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, sessionStaff } from './helpers'
import { makeCounty, personInput } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { makeMigrant } from '@/tests/factories/migration'
import { makeServiceCatalogue } from '@/tests/factories/services'
import { todayIso, toDate } from '@/lib/dates'
import { translator } from '@/lib/i18n/core'
import { readInbox } from '@/lib/dashboard/inbox'
import { inboxSources } from '@/lib/inbox/registry'
import { recordService } from '@/lib/services/service'
import { recordServiceSchema } from '@/lib/services/schemas'
import { addDays } from '@/lib/services/rules'
import { prepareReport, signReport } from '@/lib/reports/service'

// One inbox per person against a real database: every registered source, each scoped in its own
// query — a township never sees another township's items, a village officer only their village's,
// sensitive services only the township service staff's.

const TODAY = todayIso()
const t = translator('zh-CN')
const daysAgo = (n: number) => addDays(TODAY, -n)
type User = Awaited<ReturnType<typeof sessionStaff>>
const inbox = (user: User) => readInbox({ ctx: ctxOf(user), t, today: TODAY })
const keys = async (user: User, module?: string) => (await inbox(user)).filter((i) => !module || i.module === module).map((i) => i.key)

async function setting() {
  const tree = await makeCounty(db, '收件')
  const [t1, t2] = tree.townships
  const [v1, v2, v3] = tree.villages
  const users = {
    staff: await sessionStaff('TOWNSHIP_STAFF', t1, '吴填表'),
    stats: await sessionStaff('TOWNSHIP_STAFF', t1, '刘统计'),
    staff2: await sessionStaff('TOWNSHIP_STAFF', t2),
    service: await sessionStaff('TOWNSHIP_SERVICE_STAFF', t1),
    service2: await sessionStaff('TOWNSHIP_SERVICE_STAFF', t2),
    official: await sessionStaff('COUNTY_OFFICIAL', tree.county),
    admin: await sessionStaff('ADMIN', tree.county),
    officer: await sessionStaff('VILLAGE_OFFICER', v1),
    officer2: await sessionStaff('VILLAGE_OFFICER', v2),
    officer3: await sessionStaff('VILLAGE_OFFICER', v3),
  }
  const { members } = await makeHousehold(db, v1, {
    address: '收件路1号',
    members: [
      { ...personInput({ name: '赵大山', sex: 'FEMALE', birthDate: '1994-01-01', maritalStatus: 'MARRIED' }), relation: 'SELF' },
      { ...personInput({ name: '赵小宝', sex: 'MALE', birthDate: daysAgo(100), maritalStatus: 'SINGLE' }), relation: 'CHILD' },
    ],
  })
  const place = (v: typeof v1) => ({ countyId: tree.county.id, townshipId: v.ancestorIds[1], villageId: v.id })
  return { tree, t1, t2, v1, v2, v3, users, person: members[0], child: members[1], place }
}

describe('the inbox', () => {
  it('has a source for every existing module', () => {
    expect([...inboxSources().keys()].sort()).toEqual(expect.arrayContaining(['migration', 'quality', 'registry', 'reports', 'services']))
  })

  it('register review: the township sees its villages’ changes, the village its questions; nobody sees another region’s', async () => {
    const s = await setting()
    const change = (v: typeof s.v1, reviewStatus: 'PENDING' | 'QUESTIONED' | 'ANSWERED' | 'CHECKED') =>
      db.registerChange.create({
        data: {
          ...s.place(v),
          kind: 'person.update',
          personId: null,
          summary: {},
          createdById: s.users.officer.id,
          reviewStatus,
          reviewQuestion: reviewStatus === 'QUESTIONED' ? '对吗？' : null,
        },
      })
    await change(s.v1, 'PENDING')
    await change(s.v1, 'ANSWERED')
    await change(s.v1, 'CHECKED')
    await change(s.v1, 'QUESTIONED')
    await change(s.v3, 'QUESTIONED') // another township's village
    const staffItems = (await inbox(s.users.staff)).filter((i) => i.module === 'registry')
    expect(staffItems).toMatchObject([{ key: 'registry.review', title: '2 条村级变更待核查', href: expect.stringContaining('status=TODO') }])
    expect(await keys(s.users.staff2, 'registry')).toEqual([])
    expect((await inbox(s.users.officer)).filter((i) => i.module === 'registry')).toMatchObject([
      { key: 'registry.question', title: expect.stringContaining('1 条') },
    ])
    // v2 is in the same township: its officer sees nothing of v1's question
    expect(await keys(s.users.officer2, 'registry')).toEqual([])
    expect((await inbox(s.users.officer3)).filter((i) => i.module === 'registry')).toHaveLength(1)
    expect(await keys(s.users.admin)).toEqual([])
  })

  it('quality and migrants: findings assigned to me only; overdue exchanges in my region, due 30 days after they were sent', async () => {
    const s = await setting()
    const finding = (status: 'ASSIGNED' | 'FIXED', assigneeId: number, entityId: number) =>
      db.qualityFinding.create({
        data: { ...s.place(s.v1), rule: 'missingBirthEvent', severity: 'WARNING', entity: 'Person', entityId, details: {}, status, assigneeId },
      })
    const mine = await finding('ASSIGNED', s.users.officer.id, 930_000_000 + s.person.id)
    await finding('FIXED', s.users.officer.id, 940_000_000 + s.person.id)
    await finding('ASSIGNED', s.users.staff.id, 950_000_000 + s.person.id)
    expect(await keys(s.users.officer, 'quality')).toEqual([`quality.finding:${mine.id}`])
    expect(await keys(s.users.staff, 'quality')).toHaveLength(1)
    expect(await keys(s.users.staff2, 'quality')).toEqual([])
    expect(await keys(s.users.officer2, 'quality')).toEqual([])

    const migrant = await makeMigrant(db, s.v1, { name: '孙流出', direction: 'OUTFLOW', place: '江苏省苏州市' })
    const exchange = (sentOn: string, answeredOn: string | null) =>
      db.exchangeRequest.create({
        data: {
          ...s.place(s.v1),
          personId: migrant.id,
          direction: 'OUTFLOW',
          otherCounty: '苏州市吴中区',
          sentOn: toDate(sentOn),
          answeredOn: answeredOn ? toDate(answeredOn) : null,
          createdById: s.users.officer.id,
        },
      })
    await exchange(daysAgo(45), null)
    await exchange(daysAgo(50), null) // the same person: one item, for the oldest request
    await exchange(daysAgo(10), null)
    await exchange(daysAgo(60), daysAgo(40))
    const items = (await inbox(s.users.officer)).filter((i) => i.module === 'migration')
    expect(items).toMatchObject([{ key: `migration.exchange:${migrant.id}`, dueDate: daysAgo(20), href: `/register/migrants/${migrant.id}` }])
    expect(await keys(s.users.staff, 'migration')).toHaveLength(1)
    expect(await keys(s.users.staff2, 'migration')).toEqual([])
    expect(await keys(s.users.officer2, 'migration')).toEqual([])
    // overdue first: the exchange (due 20 days ago) comes before the undated finding
    const all = await inbox(s.users.officer)
    expect(all.findIndex((i) => i.module === 'migration')).toBeLessThan(all.findIndex((i) => i.module === 'quality'))
  })

  it('services: follow-ups due in my village; sensitive ones only for the service staff of the township; children due a check', async () => {
    const s = await setting()
    const types = await makeServiceCatalogue(db, s.tree.county.id)
    // where the services are given: the village's room (its officer's) and the township's station (the service staff's)
    const at = { countyId: s.tree.county.id, townshipId: s.t1.id, address: '村委会', openingHours: '周一至周五' }
    const room = await db.serviceStation.create({ data: { ...at, villageId: s.v1.id, kind: 'VILLAGE_ROOM', name: '收件服务室' } })
    const station = await db.serviceStation.create({ data: { ...at, kind: 'TOWNSHIP_STATION', name: '收件服务站' } })
    const record = (user: User, fields: Record<string, string>) =>
      recordService(
        ctxOf(user),
        recordServiceSchema.parse({
          stationId: String(user.role === 'VILLAGE_OFFICER' ? room.id : station.id),
          staffName: '何丽萍',
          outcome: '已完成',
          personId: String(s.person.id),
          ...fields,
        }),
      )
    const open = await record(s.users.officer, { typeId: String(types.get('FAMILY_DOCTOR')), servedOn: daysAgo(20), followUpOn: addDays(TODAY, 1) })
    const sensitive = await record(s.users.service, {
      typeId: String(types.get('PREPREGNANCY')),
      servedOn: daysAgo(20),
      followUpOn: daysAgo(2),
      consentBy: 'PERSON',
      consentOn: daysAgo(21),
      consentMethod: 'SIGNED_FORM',
    })
    // answered by a later record of the same type: not offered
    await record(s.users.officer, { typeId: String(types.get('ELDERLY_CARE')), servedOn: daysAgo(30), followUpOn: daysAgo(1) })
    await record(s.users.officer, { typeId: String(types.get('ELDERLY_CARE')), servedOn: daysAgo(3) })

    const officerFollowUps = (await inbox(s.users.officer)).filter((i) => i.key.startsWith('services.followUp'))
    expect(officerFollowUps.map((i) => i.key)).toEqual([`services.followUp:${open.recordId}`])
    expect(officerFollowUps[0]).toMatchObject({ title: expect.stringContaining('赵大山'), href: `/register/persons/${s.person.id}` })
    expect((await keys(s.users.service, 'services')).filter((k) => k.startsWith('services.followUp')).sort()).toEqual(
      [`services.followUp:${open.recordId}`, `services.followUp:${sensitive.recordId}`].sort(),
    )
    expect(await keys(s.users.service2, 'services')).toEqual([])
    expect((await keys(s.users.officer2, 'services')).filter((k) => k.startsWith('services.followUp'))).toEqual([])
    // township staff and leaders do not record services: nothing of this in their inbox
    expect(await keys(s.users.staff, 'services')).toEqual([])
    expect((await keys(s.users.official, 'services')).length).toBe(0)

    // the baby (100 days old) is due a check and has none: the village (and the township's service staff) see it
    const childItem = (await inbox(s.users.officer)).find((i) => i.key.startsWith('services.children'))
    expect(childItem).toMatchObject({ key: `services.children:${s.v1.id}:${TODAY.slice(0, 7)}`, title: expect.stringContaining('1 名儿童') })
    expect(await keys(s.users.service, 'services')).toContain(`services.children:${s.v1.id}:${TODAY.slice(0, 7)}`)
    expect((await keys(s.users.officer2, 'services')).some((k) => k.startsWith('services.children'))).toBe(false)
  })

  it('reports: a draft waits for the statistician’s signature in their inbox, with its deadline; signing takes it out', async () => {
    const s = await setting()
    const [y, m] = TODAY.split('-').map(Number)
    const idx = y * 12 + (m - 1) - 3
    const key = `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`
    const { reportId } = await prepareReport(ctxOf(s.users.staff), { kind: 'MONTHLY', periodKey: key })
    await signReport(ctxOf(s.users.staff), { reportId, role: 'PREPARER' })
    const item = (await inbox(s.users.stats)).find((i) => i.key === `reports.task:${reportId}`)
    expect(item).toMatchObject({ module: 'reports', kind: '待签字报表', href: `/reports/${reportId}`, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
    expect(await keys(s.users.staff2, 'reports')).not.toContain(`reports.task:${reportId}`)
    await signReport(ctxOf(s.users.stats), { reportId, role: 'STATISTICIAN' })
    expect(await keys(s.users.stats, 'reports')).not.toContain(`reports.task:${reportId}`)
  })
})
