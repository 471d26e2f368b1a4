import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, sessionStaff } from './helpers'
import { makeCounty, personInput, type MadeRegion } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { correctEvent, recordEvent, updatePerson } from '@/lib/registry/service'
import { todayIso } from '@/lib/dates'
import { computeCounts } from '@/lib/reports/figures'
import { getReport, registerChangedSince } from '@/lib/reports/queries'
import { approveReport, prepareReport, recomputeReport, returnReport, saveReportSettings, signReport, submitReport, unlockPeriod } from '@/lib/reports/service'
import type { Snapshot } from '@/lib/reports/snapshot'
import { DEFAULT_REPORT_SETTINGS, type SignRole } from '@/lib/reports/rules'
import { periodOf } from '@/lib/periods/rules'
import type { Counts } from '@/lib/reports/sections'

// The report workflow against a real database: who may sign and in which order, submission,
// the county's return and approval, the period lock it sets on the register, and the refusals.
// Each test makes its own county. The periods are real past months (the register refuses events
// dated in the future), relative to the real today.

const TODAY = todayIso()
/** A month well before today, and the one after it (never locked by these tests). */
function monthsAgo(n: number): { key: string; day: (d: number) => string } {
  const [y, m] = TODAY.split('-').map(Number)
  const index = y * 12 + (m - 1) - n
  const key = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  return { key, day: (d: number) => `${key}-${String(d).padStart(2, '0')}` }
}
const LOCKED = monthsAgo(3)
const AFTER = monthsAgo(2)
const month = (key: string) => ({ kind: 'MONTHLY' as const, periodKey: key })

async function county(name = '流程') {
  const tree = await makeCounty(db, name)
  const [t1, t2] = tree.townships
  const users = {
    preparer: await sessionStaff('TOWNSHIP_STAFF', t1, '吴填表'),
    statistician: await sessionStaff('TOWNSHIP_STAFF', t1, '刘统计'),
    head: await sessionStaff('TOWNSHIP_LEADER', t1, '周负责'),
    preparer2: await sessionStaff('TOWNSHIP_STAFF', t2),
    statistician2: await sessionStaff('TOWNSHIP_STAFF', t2),
    head2: await sessionStaff('TOWNSHIP_LEADER', t2),
    official: await sessionStaff('COUNTY_OFFICIAL', tree.county, '李审核'),
    admin: await sessionStaff('ADMIN', tree.county, '王管理'),
    townshipAdmin: await sessionStaff('ADMIN', t1),
    officer: await sessionStaff('VILLAGE_OFFICER', tree.villages[0]),
  }
  // a family in the first village of each township, there since before the periods tested
  const family = async (village: MadeRegion, address: string) =>
    makeHousehold(db, village, {
      address,
      members: [
        { ...personInput({ name: '赵大山', sex: 'MALE', birthDate: '1980-01-01' }), relation: 'SELF' },
        { ...personInput({ name: '钱小梅', sex: 'FEMALE', birthDate: '1990-02-02' }), relation: 'SPOUSE' },
        { ...personInput({ name: '赵小河', sex: 'MALE', birthDate: '2012-03-03', maritalStatus: 'SINGLE' }), relation: 'CHILD' },
      ],
    })
  const home1 = await family(tree.villages[0], '流程路1号')
  const home2 = await family(tree.villages[2], '流程路2号')
  return { ...tree, t1, t2, users, home1, home2 }
}

type Users = Awaited<ReturnType<typeof county>>['users']
type User = Users[keyof Users]

async function signAll(reportId: number, [p, s, h]: [User, User, User]) {
  const roles: SignRole[] = ['PREPARER', 'STATISTICIAN', 'UNIT_HEAD']
  for (const [i, u] of [p, s, h].entries()) await signReport(ctxOf(u), { reportId, role: roles[i] })
}

/** Prepared, signed by all three, submitted and approved: the township's period is locked. */
async function approved(c: Awaited<ReturnType<typeof county>>, township: 1 | 2, key: string) {
  const [p, s, h] = township === 1 ? [c.users.preparer, c.users.statistician, c.users.head] : [c.users.preparer2, c.users.statistician2, c.users.head2]
  const { reportId } = await prepareReport(ctxOf(p), month(key))
  await signAll(reportId, [p, s, h])
  await submitReport(ctxOf(p), { reportId })
  await approveReport(ctxOf(c.users.official), { reportId })
  return reportId
}

const audits = (action: string, reportId: number) => db.auditEvent.count({ where: { action, entity: 'ReportSubmission', entityId: String(reportId) } })
const report = (id: number) => db.reportSubmission.findUniqueOrThrow({ where: { id } })
const writes = async () => ({ events: await db.lifeEvent.count(), changes: await db.registerChange.count(), audits: await db.auditEvent.count() })

describe('signing, submitting and approving', () => {
  it('three different people sign in order, each in their role and unit; then it is submitted and approved, and the period locked', async () => {
    const c = await county()
    const { preparer, statistician, head, preparer2, official } = c.users
    const { reportId } = await prepareReport(ctxOf(preparer), month(LOCKED.key))
    expect(await report(reportId)).toMatchObject({ status: 'DRAFT', round: 1, level: 'TOWNSHIP', regionId: c.t1.id, periodKey: LOCKED.key })

    await expect(signReport(ctxOf(statistician), { reportId, role: 'STATISTICIAN' })).rejects.toMatchObject({
      key: 'reports.errors.outOfOrder',
      params: { role: 'reports.signRole.PREPARER' },
    })
    await expect(signReport(ctxOf(head), { reportId, role: 'PREPARER' })).rejects.toMatchObject({ key: 'reports.errors.wrongRole' })
    // the other township's staff cannot even see it; the county's official sees it but is not of the unit
    await expect(signReport(ctxOf(preparer2), { reportId, role: 'PREPARER' })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(signReport(ctxOf(official), { reportId, role: 'PREPARER' })).rejects.toMatchObject({ key: 'reports.errors.wrongUnit' })
    expect(await db.reportSignOff.count({ where: { submissionId: reportId } })).toBe(0)

    await signReport(ctxOf(preparer), { reportId, role: 'PREPARER' })
    await expect(signReport(ctxOf(preparer), { reportId, role: 'STATISTICIAN' })).rejects.toMatchObject({ key: 'reports.errors.alreadySigned' })
    await expect(submitReport(ctxOf(preparer), { reportId })).rejects.toMatchObject({ key: 'reports.errors.notSigned' })
    await signReport(ctxOf(statistician), { reportId, role: 'STATISTICIAN' })
    await expect(submitReport(ctxOf(preparer), { reportId })).rejects.toMatchObject({ key: 'reports.errors.notSigned' })
    await signReport(ctxOf(head), { reportId, role: 'UNIT_HEAD' })
    await expect(signReport(ctxOf(statistician), { reportId, role: 'UNIT_HEAD' })).rejects.toMatchObject({ key: 'reports.errors.allSigned' })
    expect((await db.reportSignOff.findMany({ where: { submissionId: reportId }, orderBy: { id: 'asc' } })).map((s) => [s.role, s.userName])).toEqual([
      ['PREPARER', '吴填表'],
      ['STATISTICIAN', '刘统计'],
      ['UNIT_HEAD', '周负责'],
    ])

    await submitReport(ctxOf(preparer), { reportId })
    const submitted = await report(reportId)
    expect(submitted.status).toBe('SUBMITTED')
    expect(submitted.firstSubmittedAt).toEqual(submitted.submittedAt)
    // signing after submission is refused
    await expect(signReport(ctxOf(head), { reportId, role: 'UNIT_HEAD' })).rejects.toMatchObject({ key: 'reports.errors.notDraft' })

    // approving is the county official's: the county's administrator may not, nor the township
    for (const u of [c.users.admin, head]) {
      await expect(approveReport(ctxOf(u), { reportId }), u.role).rejects.toMatchObject({ key: 'errors.notFound' })
      await expect(returnReport(ctxOf(u), { reportId, comment: '退回' }), u.role).rejects.toMatchObject({ key: 'errors.notFound' })
    }
    expect((await report(reportId)).status).toBe('SUBMITTED')
    await approveReport(ctxOf(official), { reportId })
    expect(await report(reportId)).toMatchObject({ status: 'APPROVED', approvedById: official.id })
    const locks = await db.periodLock.findMany({ where: { submissionId: reportId } })
    expect(locks).toHaveLength(1)
    expect(locks[0]).toMatchObject({ townshipId: c.t1.id, countyId: c.county.id, unlockedAt: null })
    expect(locks[0].fromDate.toISOString().slice(0, 10)).toBe(LOCKED.day(1))
    expect(locks[0].toDate.toISOString().slice(0, 7)).toBe(LOCKED.key)

    expect(await audits('report.prepare', reportId)).toBe(1)
    expect(await audits('report.sign', reportId)).toBe(3)
    expect(await audits('report.submit', reportId)).toBe(1)
    expect(await audits('report.approve', reportId)).toBe(1)
    expect((await db.reportHistory.findMany({ where: { submissionId: reportId }, orderBy: { id: 'asc' } })).map((h) => h.action)).toEqual([
      'prepare',
      'sign',
      'sign',
      'sign',
      'submit',
      'approve',
    ])
  })

  it('two people signing the same role at once: exactly one signature is kept', async () => {
    const c = await county()
    const { preparer, statistician } = c.users
    const { reportId } = await prepareReport(ctxOf(preparer), month(LOCKED.key))
    const results = await Promise.allSettled([
      signReport(ctxOf(preparer), { reportId, role: 'PREPARER' }),
      signReport(ctxOf(statistician), { reportId, role: 'PREPARER' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { key: expect.stringMatching(/^(errors\.conflict|reports\.errors\.outOfOrder)$/) },
    })
    expect(await db.reportSignOff.count({ where: { submissionId: reportId } })).toBe(1)
    expect(await audits('report.sign', reportId)).toBe(1)
  })

  it('a returned report goes back to draft in a new round: the old signatures do not count, the comment is kept, the first submission time too', async () => {
    const c = await county()
    const { preparer, statistician, head, official } = c.users
    const { reportId } = await prepareReport(ctxOf(preparer), month(LOCKED.key))
    await signAll(reportId, [preparer, statistician, head])
    const first = new Date('2026-01-05T02:00:00Z')
    await submitReport(ctxOf(preparer), { reportId }, first)
    await returnReport(ctxOf(official), { reportId, comment: '出生数与台账不符，请核实' })
    expect(await report(reportId)).toMatchObject({ status: 'DRAFT', round: 2 })
    expect(await audits('report.return', reportId)).toBe(1)
    const detail = await getReport(preparer, reportId)
    expect(detail).toMatchObject({ round: 2, signOffs: [], nextSignRole: 'PREPARER', returnComment: '出生数与台账不符，请核实' })
    expect(detail!.history.find((h) => h.action === 'return')).toMatchObject({ comment: '出生数与台账不符，请核实', round: 1 })
    // the round-1 signatures are still stored, but this round has none
    expect(await db.reportSignOff.count({ where: { submissionId: reportId, round: 1 } })).toBe(3)
    await expect(submitReport(ctxOf(preparer), { reportId })).rejects.toMatchObject({ key: 'reports.errors.notSigned' })
    await signAll(reportId, [preparer, statistician, head])
    const again = new Date('2026-01-09T02:00:00Z')
    await submitReport(ctxOf(preparer), { reportId }, again)
    expect(await report(reportId)).toMatchObject({ status: 'SUBMITTED', firstSubmittedAt: first, submittedAt: again })
  })

  it('approving another county’s report is “not found” and changes nothing; a draft cannot be approved', async () => {
    const c = await county()
    const other = await county('别县')
    const { reportId } = await prepareReport(ctxOf(other.users.preparer), month(LOCKED.key))
    await signAll(reportId, [other.users.preparer, other.users.statistician, other.users.head])
    await submitReport(ctxOf(other.users.preparer), { reportId })
    const before = await report(reportId)
    await expect(approveReport(ctxOf(c.users.official), { reportId })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(returnReport(ctxOf(c.users.official), { reportId, comment: '不行' })).rejects.toMatchObject({ key: 'errors.notFound' })
    expect(await report(reportId)).toEqual(before)
    expect(await db.periodLock.count({ where: { submissionId: reportId } })).toBe(0)

    const { reportId: draft } = await prepareReport(ctxOf(c.users.preparer), month(LOCKED.key))
    await expect(approveReport(ctxOf(c.users.official), { reportId: draft })).rejects.toMatchObject({ key: 'reports.errors.notSubmitted' })
    expect((await report(draft)).status).toBe('DRAFT')
    expect(await db.periodLock.count({ where: { submissionId: draft } })).toBe(0)
  })
})

describe('a draft and the register', () => {
  it('notices when the register no longer gives the draft’s figures, and recomputing settles it', async () => {
    const c = await county('变动')
    const { preparer, officer } = c.users
    const { reportId } = await prepareReport(ctxOf(preparer), month(LOCKED.key))
    expect(await registerChangedSince((await getReport(preparer, reportId))!)).toBe(false)

    // a death dated in the period, entered late
    const [father] = c.home1.members
    const person = await db.person.findUniqueOrThrow({ where: { id: father.id } })
    await recordEvent(ctxOf(officer), { type: 'DEATH', personId: person.id, version: person.version, occurredOn: LOCKED.day(20) })
    expect(await registerChangedSince((await getReport(preparer, reportId))!)).toBe(true)

    await recomputeReport(ctxOf(preparer), { reportId })
    const draft = (await getReport(preparer, reportId))!
    expect(draft.figures.total).toMatchObject({ deaths: 1 })
    expect(await registerChangedSince(draft)).toBe(false)
  })
})

describe('preparing', () => {
  it('refuses a future period, the current month, a malformed key and a second report for the same period', async () => {
    const c = await county()
    const { preparer } = c.users
    const year = Number(TODAY.slice(0, 4))
    await expect(prepareReport(ctxOf(preparer), month(`${year + 1}-01`))).rejects.toMatchObject({ key: 'reports.errors.future' })
    await expect(prepareReport(ctxOf(preparer), month(TODAY.slice(0, 7)))).rejects.toMatchObject({ key: 'reports.errors.future' })
    await expect(prepareReport(ctxOf(preparer), { kind: 'ANNUAL', periodKey: String(year + 1) })).rejects.toMatchObject({ key: 'reports.errors.future' })
    for (const key of ['2026-13', '2026H2', '26-01', '1999-01'])
      await expect(prepareReport(ctxOf(preparer), month(key)), key).rejects.toMatchObject({ key: 'reports.errors.badPeriod' })
    // the township leader signs but does not prepare; a village has no report of its own
    await expect(prepareReport(ctxOf(c.users.head), month(LOCKED.key))).rejects.toMatchObject({ key: 'reports.errors.notYourUnit' })
    await expect(prepareReport(ctxOf(c.users.officer), month(LOCKED.key))).rejects.toMatchObject({ key: 'reports.errors.notYourUnit' })
    expect(await db.reportSubmission.count({ where: { regionId: c.t1.id } })).toBe(0)
    await prepareReport(ctxOf(preparer), month(LOCKED.key))
    await expect(prepareReport(ctxOf(c.users.statistician), month(LOCKED.key))).rejects.toMatchObject({ key: 'reports.errors.exists' })
    expect(await db.reportSubmission.count({ where: { regionId: c.t1.id } })).toBe(1)
    // the other township's report for the same period is its own
    await prepareReport(ctxOf(c.users.preparer2), month(LOCKED.key))
  })

  it('the county report waits for every township’s approval, then sums the townships’ approved figures', async () => {
    const c = await county()
    const { official } = c.users
    await approved(c, 1, LOCKED.key)
    await expect(prepareReport(ctxOf(official), month(LOCKED.key))).rejects.toMatchObject({
      key: 'reports.errors.townshipsNotApproved',
      params: { names: c.t2.name },
    })
    expect(await db.reportSubmission.count({ where: { regionId: c.county.id } })).toBe(0)
    await approved(c, 2, LOCKED.key)
    const { reportId } = await prepareReport(ctxOf(official), month(LOCKED.key))
    const figures = (await report(reportId)).figures as unknown as Snapshot
    const townships = await db.reportSubmission.findMany({
      where: { countyId: c.county.id, level: 'TOWNSHIP', periodKey: LOCKED.key },
      orderBy: { regionId: 'asc' },
    })
    const [f1, f2] = townships.map((t) => (t.figures as unknown as Snapshot).total)
    // each family of three counts in its township: the sum is not trivially zero
    expect([f1.registered, f2.registered]).toEqual([3, 3])
    const sum: Counts = Object.fromEntries(Object.keys(f1).map((k) => [k, f1[k] + f2[k]]))
    expect(figures.total).toEqual(sum)
    expect(figures.byChild).toEqual({ [String(c.t1.id)]: f1, [String(c.t2.id)]: f2 })
    expect(figures.source).toBe('townships')
  })

  it('new deadline settings apply to reports prepared afterwards, not to those already prepared', async () => {
    const c = await county()
    const { preparer, admin, townshipAdmin } = c.users
    const { reportId: before } = await prepareReport(ctxOf(preparer), month(LOCKED.key))
    const settings = { statYearStartMonth: 10, monthlyDeadlineDay: 20, halfYearDeadlineDay: 15, annualDeadlineDay: 25, version: 0 }
    await expect(saveReportSettings(ctxOf(townshipAdmin), settings)).rejects.toMatchObject({ key: 'errors.notFound' })
    await saveReportSettings(ctxOf(admin), settings)
    expect(await db.auditEvent.count({ where: { action: 'report.settings', entityId: String(c.county.id) } })).toBe(1)
    const { reportId: after } = await prepareReport(ctxOf(preparer), month(AFTER.key))
    // due on that day of the month after the period: LOCKED's following month is AFTER
    expect((await report(before)).deadline.toISOString().slice(0, 10)).toBe(AFTER.day(6))
    expect((await report(after)).deadline.toISOString().slice(0, 10)).toBe(monthsAgo(1).day(20))
  })
})

describe('an approved period', () => {
  it('keeps its figures when the register changes later', async () => {
    const c = await county()
    const { officer } = c.users
    const [father, mother] = c.home1.members
    // a birth in the period, so the report has a flow to keep
    const birth = await recordEvent(ctxOf(officer), {
      type: 'BIRTH',
      motherId: mother.id,
      version: mother.version,
      occurredOn: LOCKED.day(10),
      name: '赵小溪',
      sex: 'FEMALE',
    })
    const reportId = await approved(c, 1, LOCKED.key)
    const frozen = (await report(reportId)).figures as unknown as Snapshot
    expect(frozen.total).toMatchObject({ births: 1, registered: 4, registeredMale: 2, registeredFemale: 2 })

    // events dated after the period, a correction of one, and an edit without an event (sex)
    const mover = await db.person.findUniqueOrThrow({ where: { id: father.id } })
    await recordEvent(ctxOf(officer), { type: 'DIVORCE', personId: mover.id, version: mover.version, occurredOn: AFTER.day(5) })
    const divorce = await db.lifeEvent.findFirstOrThrow({ where: { personId: mover.id, type: 'DIVORCE' } })
    await correctEvent(ctxOf(officer), { eventId: divorce.id, occurredOn: AFTER.day(6), reason: '日期录错' })
    const child = await db.person.findUniqueOrThrow({ where: { id: birth.personId } })
    await updatePerson(ctxOf(officer), {
      personId: child.id,
      version: child.version,
      person: personInput({ name: '赵小溪', sex: 'MALE', birthDate: LOCKED.day(10), maritalStatus: 'SINGLE' }),
    })

    // the live figures of the period moved (the sex edit applies to every period) …
    const period = periodOf('MONTHLY', LOCKED.key, DEFAULT_REPORT_SETTINGS)!
    const live = await computeCounts(db, { level: 'TOWNSHIP', regionId: c.t1.id, countyId: c.county.id }, period)
    expect(live.total).toMatchObject({ registeredMale: 3, registeredFemale: 1, birthsMale: 1 })
    // … the approved report did not: read again, nothing recomputed
    expect((await report(reportId)).figures).toEqual(frozen)
    expect((await getReport(c.users.official, reportId))!.figures).toEqual(frozen)
  })

  it('refuses life events dated in it, writing nothing, until a county administrator unlocks it with a reason', async () => {
    const c = await county()
    const { officer, townshipAdmin, admin, official, preparer2 } = c.users
    const [father, mother, son] = c.home1.members
    const [dad2] = c.home2.members
    // an event before approval, to correct later
    await recordEvent(ctxOf(officer), { type: 'MARRIAGE', personId: son.id, version: son.version, occurredOn: LOCKED.day(12), spouseName: '孙丽' })
    const marriage = await db.lifeEvent.findFirstOrThrow({ where: { personId: son.id, type: 'MARRIAGE' } })
    const reportId = await approved(c, 1, LOCKED.key)
    const lock = await db.periodLock.findFirstOrThrow({ where: { submissionId: reportId } })

    const before = await writes()
    const fresh = (id: number) => db.person.findUniqueOrThrow({ where: { id } })
    const m = await fresh(mother.id)
    await expect(
      recordEvent(ctxOf(officer), { type: 'BIRTH', motherId: m.id, version: m.version, occurredOn: LOCKED.day(20), name: '赵迟报', sex: 'MALE' }),
    ).rejects.toMatchObject({ key: 'reports.errors.periodLocked' })
    const f = await fresh(father.id)
    await expect(recordEvent(ctxOf(officer), { type: 'DEATH', personId: f.id, version: f.version, occurredOn: LOCKED.day(28) })).rejects.toMatchObject({
      key: 'reports.errors.periodLocked',
    })
    await expect(correctEvent(ctxOf(officer), { eventId: marriage.id, occurredOn: AFTER.day(3), reason: '改期' })).rejects.toMatchObject({
      key: 'reports.errors.periodLocked',
    })
    // a move from the other (open) township into this one, dated in the locked period: the destination is locked
    const d2 = await fresh(dad2.id)
    await expect(
      recordEvent(ctxOf(preparer2), {
        type: 'MOVE_WITHIN',
        personId: d2.id,
        version: d2.version,
        occurredOn: LOCKED.day(15),
        toRegionId: c.villages[0].id,
      }),
    ).rejects.toMatchObject({ key: 'reports.errors.periodLocked' })
    expect(await writes()).toEqual(before)
    expect((await fresh(d2.id)).villageId).toBe(c.villages[2].id)
    expect(await db.person.count({ where: { name: '赵迟报' } })).toBe(0)

    // dated after the period: fine
    const f2 = await fresh(father.id)
    await recordEvent(ctxOf(officer), { type: 'DIVORCE', personId: f2.id, version: f2.version, occurredOn: AFTER.day(2) })
    // moving the correction into the locked period is refused as well
    const divorce = await db.lifeEvent.findFirstOrThrow({ where: { personId: f2.id, type: 'DIVORCE' } })
    await expect(correctEvent(ctxOf(officer), { eventId: divorce.id, occurredOn: LOCKED.day(2), reason: '改期' })).rejects.toMatchObject({
      key: 'reports.errors.periodLocked',
    })

    // only the county's administrator unlocks
    await expect(unlockPeriod(ctxOf(townshipAdmin), { lockId: lock.id, reason: '补录出生' })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(unlockPeriod(ctxOf(official), { lockId: lock.id, reason: '补录出生' })).rejects.toMatchObject({ key: 'errors.notFound' })
    expect((await db.periodLock.findUniqueOrThrow({ where: { id: lock.id } })).unlockedAt).toBeNull()
    await unlockPeriod(ctxOf(admin), { lockId: lock.id, reason: '补录出生' })
    expect(await db.periodLock.findUniqueOrThrow({ where: { id: lock.id } })).toMatchObject({ unlockedById: admin.id, unlockReason: '补录出生' })
    expect(await db.auditEvent.count({ where: { action: 'report.unlock', entityId: String(reportId), actorId: admin.id } })).toBe(1)
    expect(await db.reportHistory.count({ where: { submissionId: reportId, action: 'unlock', comment: '补录出生' } })).toBe(1)
    await expect(unlockPeriod(ctxOf(admin), { lockId: lock.id, reason: '再次' })).rejects.toMatchObject({ key: 'reports.errors.alreadyUnlocked' })

    const m2 = await fresh(mother.id)
    await recordEvent(ctxOf(officer), { type: 'BIRTH', motherId: m2.id, version: m2.version, occurredOn: LOCKED.day(20), name: '赵迟报', sex: 'MALE' })
    expect(await db.person.count({ where: { name: '赵迟报', countyId: c.county.id } })).toBe(1)
  })
})
