import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, sessionStaff } from './helpers'
import { makeCounty, personInput } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { makeMigrant } from '@/tests/factories/migration'
import { todayIso, toDate } from '@/lib/dates'
import { workList } from '@/lib/dashboard/queries'
import { checkChanges } from '@/lib/registry/service'
import { listReports } from '@/lib/reports/queries'
import { prepareReport, returnReport, signReport, submitReport } from '@/lib/reports/service'

// The home page's work list against a real database: each role's counts, limited to their region,
// and the report list's filters that the counts open.

const TODAY = todayIso()
function monthsAgo(n: number): string {
  const [y, m] = TODAY.split('-').map(Number)
  const index = y * 12 + (m - 1) - n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

async function setting() {
  const tree = await makeCounty(db, '待办')
  const [t1, t2] = tree.townships
  const [v1, , v3] = tree.villages
  const users = {
    staff: await sessionStaff('TOWNSHIP_STAFF', t1, '吴填表'),
    stats: await sessionStaff('TOWNSHIP_STAFF', t1, '刘统计'),
    leader: await sessionStaff('TOWNSHIP_LEADER', t1, '周负责'),
    staff2: await sessionStaff('TOWNSHIP_STAFF', t2),
    stats2: await sessionStaff('TOWNSHIP_STAFF', t2),
    leader2: await sessionStaff('TOWNSHIP_LEADER', t2),
    official: await sessionStaff('COUNTY_OFFICIAL', tree.county, '李审核'),
    admin: await sessionStaff('ADMIN', tree.county),
    officer: await sessionStaff('VILLAGE_OFFICER', v1),
    officer3: await sessionStaff('VILLAGE_OFFICER', v3),
  }
  const { members } = await makeHousehold(db, v1, {
    address: '待办路1号',
    members: [{ ...personInput({ name: '赵大山', sex: 'MALE', birthDate: '1980-01-01' }), relation: 'SELF' }],
  })
  const person = members[0]
  const place = (v: typeof v1) => ({ countyId: tree.county.id, townshipId: v.ancestorIds[1], villageId: v.id })
  const change = (v: typeof v1, reviewStatus: 'PENDING' | 'CHECKED' | 'QUESTIONED' | 'ANSWERED') =>
    db.registerChange.create({
      data: {
        ...place(v),
        kind: 'person.update',
        personId: v === v1 ? person.id : null,
        summary: { name: '赵大山' },
        createdById: users.officer.id,
        reviewStatus,
        reviewQuestion: reviewStatus === 'QUESTIONED' ? '出生日期对吗？' : null,
      },
    })
  return { tree, t1, t2, v1, v3, users, person, place, change }
}

describe('work lists', () => {
  it('township staff: changes to review in their township only; the village: questions to answer in their village', async () => {
    const s = await setting()
    await s.change(s.v1, 'PENDING')
    await s.change(s.v1, 'PENDING')
    await s.change(s.v1, 'ANSWERED')
    await s.change(s.v1, 'CHECKED')
    await s.change(s.v1, 'QUESTIONED')
    await s.change(s.v3, 'PENDING') // another township

    const staff = await workList(s.users.staff)
    expect(staff.toReview).toBe(3)
    expect(staff.questions).toBeNull()
    expect((await workList(s.users.staff2)).toReview).toBe(1)

    const officer = await workList(s.users.officer)
    expect(officer.questions).toBe(1)
    expect(officer.toReview).toBeNull()
    expect((await workList(s.users.officer3)).questions).toBe(0)

    // administrators keep accounts, not the register: none of it is their work
    const admin = await workList(s.users.admin)
    expect(admin).toMatchObject({ toReview: null, questions: null, findings: null, overdueExchanges: null, reports: null })
  })

  it('checking all shown changes empties the township count; a change outside the township is left alone', async () => {
    const s = await setting()
    const ids = [(await s.change(s.v1, 'PENDING')).id, (await s.change(s.v1, 'ANSWERED')).id, (await s.change(s.v1, 'CHECKED')).id]
    const outside = (await s.change(s.v3, 'PENDING')).id
    expect(await checkChanges(ctxOf(s.users.staff), { changeIds: [...ids, outside] })).toEqual({ count: 2 })
    expect((await workList(s.users.staff)).toReview).toBe(0)
    expect((await db.registerChange.findUniqueOrThrow({ where: { id: outside } })).reviewStatus).toBe('PENDING')
    expect(await db.auditEvent.count({ where: { action: 'review.check', entityId: { in: ids.map(String) } } })).toBe(2)
  })

  it('findings assigned to the user, open ones only; overdue exchanges in their region', async () => {
    const s = await setting()
    const finding = (status: 'ASSIGNED' | 'FIXED', assigneeId: number, entityId: number) =>
      db.qualityFinding.create({
        data: { ...s.place(s.v1), rule: 'missingBirthEvent', severity: 'WARNING', entity: 'Person', entityId, details: {}, status, assigneeId },
      })
    await finding('ASSIGNED', s.users.officer.id, 900_000_000 + s.person.id)
    await finding('FIXED', s.users.officer.id, 910_000_000 + s.person.id)
    await finding('ASSIGNED', s.users.staff.id, 920_000_000 + s.person.id)
    expect((await workList(s.users.officer)).findings).toBe(1)
    expect((await workList(s.users.staff)).findings).toBe(1)
    expect((await workList(s.users.staff2)).findings).toBe(0)

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
    await exchange(daysAgo(50), null) // the same person: counted once, as the list shows people
    await exchange(daysAgo(10), null)
    await exchange(daysAgo(60), daysAgo(40))
    expect((await workList(s.users.officer)).overdueExchanges).toBe(1)
    expect((await workList(s.users.staff)).overdueExchanges).toBe(1)
    expect((await workList(s.users.staff2)).overdueExchanges).toBe(0)
  })

  it('reports: the preparer is not asked to sign as statistician; the statistician is; the county sees what was submitted, the township what was returned', async () => {
    const s = await setting()
    const { staff, stats, leader, official } = s.users
    const key = monthsAgo(3)
    const { reportId } = await prepareReport(ctxOf(staff), { kind: 'MONTHLY', periodKey: key })
    await signReport(ctxOf(staff), { reportId, role: 'PREPARER' })

    expect((await workList(staff)).reports!.tasks).toEqual([])
    expect((await workList(stats)).reports!.tasks).toMatchObject([{ id: reportId, signAs: 'STATISTICIAN', submit: false, returnComment: null }])
    expect((await workList(leader)).reports!.tasks).toEqual([])

    await signReport(ctxOf(stats), { reportId, role: 'STATISTICIAN' })
    expect((await workList(leader)).reports!.tasks).toMatchObject([{ id: reportId, signAs: 'UNIT_HEAD' }])
    await signReport(ctxOf(leader), { reportId, role: 'UNIT_HEAD' })
    expect((await workList(staff)).reports!.tasks).toMatchObject([{ id: reportId, signAs: null, submit: true }])
    await submitReport(ctxOf(staff), { reportId })

    // the second township submits too; the county sees two, and the list filtered by status shows those two
    const { reportId: other } = await prepareReport(ctxOf(s.users.staff2), { kind: 'MONTHLY', periodKey: key })
    await signReport(ctxOf(s.users.staff2), { reportId: other, role: 'PREPARER' })
    await signReport(ctxOf(s.users.stats2), { reportId: other, role: 'STATISTICIAN' })
    await signReport(ctxOf(s.users.leader2), { reportId: other, role: 'UNIT_HEAD' })
    await submitReport(ctxOf(s.users.staff2), { reportId: other })
    expect((await workList(official)).reports!.awaiting).toBe(2)
    const submitted = await listReports(official, { page: 1, status: 'SUBMITTED' })
    expect(submitted.rows.map((r) => r.id).sort()).toEqual([reportId, other].sort())
    expect((await listReports(official, { page: 1, status: 'SUBMITTED', regionId: s.t2.id })).rows.map((r) => r.id)).toEqual([other])
    expect((await listReports(official, { page: 1, periodKey: key, kind: 'ANNUAL' })).total).toBe(0)
    // a township never sees the other township's report, whatever the filter
    expect((await listReports(staff, { page: 1, regionId: s.t2.id })).total).toBe(0)

    await returnReport(ctxOf(official), { reportId, comment: '出生人数与登记不符，请核对。' })
    expect((await workList(official)).reports!.awaiting).toBe(1)
    expect((await workList(staff)).reports!.tasks).toMatchObject([{ id: reportId, signAs: 'PREPARER', returnComment: '出生人数与登记不符，请核对。' }])
    expect((await listReports(staff, { page: 1, status: 'RETURNED' })).rows.map((r) => r.id)).toEqual([reportId])
    expect((await listReports(staff, { page: 1, status: 'DRAFT' })).total).toBe(0)
  })

  it('reports to prepare: the latest ended period of each kind the unit has not prepared, for those who prepare', async () => {
    const s = await setting()
    const due = (await workList(s.users.staff)).reports!.toPrepare
    expect(due.map((d) => d.kind)).toEqual(['MONTHLY', 'HALF_YEAR', 'ANNUAL'])
    const monthly = due[0]
    await prepareReport(ctxOf(s.users.staff), { kind: 'MONTHLY', periodKey: monthly.period.key })
    expect((await workList(s.users.staff)).reports!.toPrepare.map((d) => d.kind)).toEqual(['HALF_YEAR', 'ANNUAL'])
    expect((await workList(s.users.leader)).reports!.toPrepare).toEqual([])
  })
})
