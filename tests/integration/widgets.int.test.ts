import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { staff } from './helpers'
import { makeCounty, personInput } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { installBenefitPrograms } from '@/tests/factories/benefits'
import { translator } from '@/lib/i18n/core'
import type { DashboardWidget, WidgetRequest } from '@/lib/inbox/widgets'
import { dashboardWidgets } from '@/lib/inbox/widgets'
import { inspectionWidget } from '@/lib/assessment/inspection-widget'
import { workWidget } from '@/lib/work/widget'
import { casesWidget } from '@/lib/cases/widget'
import { benefitsWidget } from '@/lib/benefits/widget'
import { checkTask, issueTask, reportTask } from '@/lib/work/service'

// The dashboard widgets of inspections, work, cases and benefits against the real database: a
// county official sees every township's figures, a township user only its own (the scope is in the
// module's query), a role without the module's permission does not get the widget, and one figure
// of each is checked against a count by hand of the fixtures below.

type User = Awaited<ReturnType<typeof staff>>
type Region = { id: number; level: string }

const TODAY = '2026-11-15'
const PERIOD = { key: '2026-11', start: '2026-11-01', end: '2026-11-30' }
const t = translator('zh-CN')
const ctx = (user: User) => ({ actor: user, subject: user })
const d = (iso: string) => new Date(`${iso}T00:00:00Z`)

async function setting() {
  const tree = await makeCounty(db, '看板')
  const [t1, t2] = tree.townships
  const [v11, , v21] = tree.villages
  const who = {
    county: await staff('COUNTY_OFFICIAL', tree.county),
    staff1: await staff('TOWNSHIP_STAFF', t1),
    leader1: await staff('TOWNSHIP_LEADER', t1),
    staff2: await staff('TOWNSHIP_STAFF', t2),
    service1: await staff('TOWNSHIP_SERVICE_STAFF', t1),
    admin: await staff('ADMIN', tree.county),
  }
  const request = (user: User, region: Region): WidgetRequest => ({
    ctx: ctx(user),
    t,
    region: { id: region.id, level: region.level as WidgetRequest['region']['level'], countyId: tree.county.id },
    period: PERIOD,
    today: TODAY,
  })
  return { ...tree, t1, t2, v11, v21, who, request }
}

type Setting = Awaited<ReturnType<typeof setting>>
const rowsOf = async (widget: DashboardWidget, request: WidgetRequest) => (await widget.load(request)).rows
const byName = (rows: Record<string, unknown>[], name: string) => rows.find((r) => r.name === name)

describe('dashboard widgets: registration', () => {
  it('lib/modules.ts registers the four widgets beside the services one', () => {
    const keys = dashboardWidgets().map((w) => w.key)
    for (const key of ['inspections.rectifications', 'work.tasks', 'cases.deadlines', 'benefits.enrollment']) expect(keys).toContain(key)
  })
})

describe('inspections widget', () => {
  async function fixtures(s: Setting) {
    const round = (status: 'OPEN' | 'PUBLISHED', title: string) =>
      db.inspectionRound.create({
        data: {
          countyId: s.county.id,
          title,
          statYear: 2027,
          startsOn: d('2026-10-10'),
          endsOn: d('2026-10-20'),
          items: [],
          status,
          createdById: s.who.county.id,
          teams: { create: [{ name: '一组', memberIds: [s.who.county.id], townshipIds: [s.t1.id, s.t2.id] }] },
        },
      })
    const published = await round('PUBLISHED', '已发布督查')
    const unpublished = await round('OPEN', '未发布督查')
    const item = (roundId: number, townshipId: number, dueOn: string, status: 'OPEN' | 'SUBMITTED' | 'CLOSED', closedAt?: string) =>
      db.rectification.create({
        data: {
          countyId: s.county.id,
          roundId,
          townshipId,
          finding: '台账不全',
          dueOn: d(dueOn),
          status,
          closedAt: closedAt ? new Date(`${closedAt}T10:00:00+08:00`) : null,
          createdById: s.who.county.id,
        },
      })
    // 镇1, published round: two open (one overdue), one submitted overdue, one closed this year, one closed a year ago
    await item(published.id, s.t1.id, '2026-11-01', 'OPEN')
    await item(published.id, s.t1.id, '2026-12-31', 'OPEN')
    await item(published.id, s.t1.id, '2026-11-10', 'SUBMITTED')
    await item(published.id, s.t1.id, '2026-11-01', 'CLOSED', '2026-11-05')
    await item(published.id, s.t1.id, '2025-11-01', 'CLOSED', '2025-11-05')
    // 镇1, a round not yet published: the county sees it, the township not yet
    await item(unpublished.id, s.t1.id, '2026-11-01', 'OPEN')
    // 镇2: one overdue
    await item(published.id, s.t2.id, '2026-11-01', 'OPEN')
  }

  it('a county official sees every township: open, overdue, closed this statistical year as counted by hand', async () => {
    const s = await setting()
    await fixtures(s)
    const rows = await rowsOf(inspectionWidget, s.request(s.who.county, s.county))
    expect(rows.map((r) => r.name)).toEqual([s.t1.name, s.t2.name])
    // by hand: 镇1 open = 2 OPEN + 1 SUBMITTED (published) + 1 OPEN (unpublished) = 4; overdue = 1 + 1 + 1 = 3; closed 2026-11-05 only
    expect(byName(rows, s.t1.name)).toEqual({ name: s.t1.name, open: 4, overdue: 3, closed: 1 })
    expect(byName(rows, s.t2.name)).toEqual({ name: s.t2.name, open: 1, overdue: 1, closed: 0 })
  })

  it('a township sees only its own items of published rounds, and nothing of another township', async () => {
    const s = await setting()
    await fixtures(s)
    expect(await rowsOf(inspectionWidget, s.request(s.who.staff1, s.t1))).toEqual([{ name: s.t1.name, open: 3, overdue: 2, closed: 1 }])
    expect(await rowsOf(inspectionWidget, s.request(s.who.staff1, s.t2))).toEqual([])
    const countyWide = await rowsOf(inspectionWidget, s.request(s.who.staff1, s.county))
    expect(byName(countyWide, s.t2.name)).toEqual({ name: s.t2.name, open: 0, overdue: 0, closed: 0 })
  })

  it('is not shown to a role without inspections, nor on a village dashboard; empty rows say what to do', async () => {
    const s = await setting()
    expect(inspectionWidget.visible(s.request(s.who.service1, s.t1))).toBe(false)
    expect(inspectionWidget.visible(s.request(s.who.admin, s.county))).toBe(false)
    expect(inspectionWidget.visible(s.request(s.who.county, s.v11))).toBe(false)
    expect(inspectionWidget.visible(s.request(s.who.county, s.county))).toBe(true)
    expect(inspectionWidget.visible(s.request(s.who.staff1, s.t1))).toBe(true)
    expect(await rowsOf(inspectionWidget, s.request(s.who.county, s.county))).toEqual([])
    expect(inspectionWidget.empty(t)).toMatch(/发布/)
    expect(inspectionWidget.empty(translator('en'))).toMatch(/published/)
  })
})

describe('work widget', () => {
  async function fixtures(s: Setting) {
    const issued = '2026-11-01'
    const issue = async (who: User, title: string, dueOn: string, regionId: number) =>
      (await issueTask(ctx(who), { title, details: '按时完成', dueOn, assignee: { regionId } }, issued)).taskId
    const onTime = await issue(s.who.county, '一镇按时', '2026-11-05', s.t1.id)
    await issue(s.who.county, '一镇逾期', '2026-11-10', s.t1.id)
    await issue(s.who.county, '一镇未到期', '2026-11-20', s.t1.id)
    await issue(s.who.leader1, '一村逾期', '2026-11-10', s.v11.id)
    await issue(s.who.county, '二镇逾期', '2026-11-05', s.t2.id)
    await reportTask(ctx(s.who.staff1), { taskId: onTime, evidence: '已完成' }, '2026-11-04')
    await checkTask(ctx(s.who.county), { taskId: onTime, decision: 'accept' }, '2026-11-05')
  }

  it('a county official sees every township: due by today, on time, overdue and the rate as counted by hand', async () => {
    const s = await setting()
    await fixtures(s)
    const rows = await rowsOf(workWidget, s.request(s.who.county, s.county))
    // by hand: 镇1 has 3 tasks due by 11-15 (一镇按时, 一镇逾期, 一村逾期), 1 on time, 2 overdue: 33.33 %
    expect(byName(rows, s.t1.name)).toEqual({ name: s.t1.name, due: 3, onTime: 1, overdue: 2, rate: 33.33 })
    expect(byName(rows, s.t2.name)).toEqual({ name: s.t2.name, due: 1, onTime: 0, overdue: 1, rate: 0 })
  })

  it('a township sees its own tasks, by its own line and its villages, and none of another township', async () => {
    const s = await setting()
    await fixtures(s)
    const rows = await rowsOf(workWidget, s.request(s.who.staff1, s.t1))
    expect(byName(rows, s.t1.name)).toEqual({ name: s.t1.name, due: 2, onTime: 1, overdue: 1, rate: 50 })
    expect(byName(rows, s.v11.name)).toEqual({ name: s.v11.name, due: 1, onTime: 0, overdue: 1, rate: 0 })
    expect(rows.every((r) => r.name !== s.t2.name)).toBe(true)
    expect(await rowsOf(workWidget, s.request(s.who.staff1, s.t2))).toEqual([])
    // a village officer: the village's own line, no groups
    const officer = await staff('VILLAGE_OFFICER', s.v11)
    expect(await rowsOf(workWidget, s.request(officer, s.v11))).toEqual([{ name: s.v11.name, due: 1, onTime: 0, overdue: 1, rate: 0 }])
    // 镇2's own line, then its villages with nothing due
    const other = await rowsOf(workWidget, s.request(s.who.staff2, s.t2))
    expect(other[0]).toEqual({ name: s.t2.name, due: 1, onTime: 0, overdue: 1, rate: 0 })
    expect(other.slice(1).every((r) => r.due === 0)).toBe(true)
  })

  it('is not shown to a role without work.view; empty rows say what to do', async () => {
    const s = await setting()
    expect(workWidget.visible(s.request(s.who.service1, s.t1))).toBe(false)
    expect(workWidget.visible(s.request(s.who.admin, s.county))).toBe(false)
    expect(workWidget.visible(s.request(s.who.staff1, s.t1))).toBe(true)
    expect(await rowsOf(workWidget, s.request(s.who.county, s.county))).toEqual([])
    expect(workWidget.empty(translator('en'))).toMatch(/issue tasks/)
  })
})

describe('cases widget', () => {
  async function fixtures(s: Setting) {
    const make = (townshipId: number | null, receivedOn: string, dueOn: string, repliedOn: string | null) =>
      db.case.create({
        data: {
          countyId: s.county.id,
          channel: 'PHONE',
          kind: 'COMPLAINT',
          subject: '咨询',
          content: '内容',
          receivedOn: d(receivedOn),
          dueOn: d(dueOn),
          receivedById: s.who.county.id,
          receiverRegionId: s.county.id,
          assignedRegionId: townshipId,
          townshipId,
          repliedOn: repliedOn ? d(repliedOn) : null,
          status: repliedOn ? 'REPLIED' : townshipId ? 'ASSIGNED' : 'RECEIVED',
        },
      })
    await make(s.t1.id, '2026-11-02', '2026-11-09', '2026-11-05') // in time
    await make(s.t1.id, '2026-11-03', '2026-11-10', null) // overdue, open
    await make(s.t1.id, '2026-10-20', '2026-10-27', null) // received before the period, overdue, open
    await make(s.t1.id, '2026-11-12', '2026-11-19', null) // open, not yet due
    await make(s.t2.id, '2026-11-02', '2026-11-09', '2026-11-12') // answered late
    await make(null, '2026-11-02', '2026-11-09', null) // the county's own: no township
  }

  it('a county official sees every township: received, answered in time, overdue open as counted by hand', async () => {
    const s = await setting()
    await fixtures(s)
    const rows = await rowsOf(casesWidget, s.request(s.who.county, s.county))
    expect(rows.map((r) => r.name)).toEqual([s.t1.name, s.t2.name])
    // by hand: 镇1 received 3 in November, 1 in time, 2 unanswered past their due date (one from October)
    expect(byName(rows, s.t1.name)).toEqual({ name: s.t1.name, received: 3, within: 1, overdueOpen: 2 })
    expect(byName(rows, s.t2.name)).toEqual({ name: s.t2.name, received: 1, within: 0, overdueOpen: 0 })
  })

  it('a township sees only its own cases', async () => {
    const s = await setting()
    await fixtures(s)
    expect(await rowsOf(casesWidget, s.request(s.who.staff2, s.t2))).toEqual([{ name: s.t2.name, received: 1, within: 0, overdueOpen: 0 }])
    expect(await rowsOf(casesWidget, s.request(s.who.staff2, s.t1))).toEqual([])
    const countyWide = await rowsOf(casesWidget, s.request(s.who.staff2, s.county))
    expect(byName(countyWide, s.t1.name)).toEqual({ name: s.t1.name, received: 0, within: 0, overdueOpen: 0 })
  })

  it('is not shown to a role without case.view; empty rows say what to do', async () => {
    const s = await setting()
    expect(casesWidget.visible(s.request(s.who.service1, s.t1))).toBe(false)
    expect(casesWidget.visible(s.request(s.who.admin, s.county))).toBe(false)
    expect(casesWidget.visible(s.request(s.who.county, s.county))).toBe(true)
    expect(await rowsOf(casesWidget, s.request(s.who.county, s.county))).toEqual([])
    expect(casesWidget.empty(t)).toMatch(/受理/)
  })
})

describe('benefits widget', () => {
  async function fixtures(s: Setting) {
    const programs = await installBenefitPrograms(db, s.county.id)
    const [a, b] = [...programs.values()]
    const programRows = await db.benefitProgram.findMany({ where: { id: { in: [a.id, b.id] } } })
    const nameOf = (id: number) => programRows.find((p) => p.id === id)!
    const people = async (village: typeof s.v11, n: number) =>
      (
        await makeHousehold(db, village, {
          address: `看板路${village.id}号`,
          members: Array.from({ length: n }, (_, i) => ({
            ...personInput({ name: `看板${i}`, sex: 'FEMALE', birthDate: `19${50 + i}-03-01` }),
            relation: i === 0 ? ('SELF' as const) : ('OTHER' as const),
          })),
        })
      ).members
    const [p1, p2, p3, p4] = await people(s.v11, 4)
    const [p5, p6] = await people(s.v21, 2)
    const apply = (program: { id: number; categories: Map<string, number> }, village: typeof s.v11, township: typeof s.t1, personId: number, status: string) =>
      db.benefitApplication.create({
        data: {
          countyId: s.county.id,
          townshipId: township.id,
          villageId: village.id,
          programId: program.id,
          personId,
          appliedOn: d('2026-10-01'),
          eligibility: {},
          status: status as 'SUBMITTED',
          createdById: s.who.county.id,
        },
      })
    const enroll = async (
      program: { id: number; categories: Map<string, number> },
      village: typeof s.v11,
      township: typeof s.t1,
      personId: number,
      ended: boolean,
    ) => {
      const application = await apply(program, village, township, personId, ended ? 'EXITED' : 'ENROLLED')
      const categoryId = [...program.categories.values()][0]
      const standard = await db.benefitStandard.findFirstOrThrow({ where: { categoryId } })
      await db.benefitEnrollment.create({
        data: {
          countyId: s.county.id,
          townshipId: township.id,
          villageId: village.id,
          programId: program.id,
          personId,
          applicationId: application.id,
          categoryId,
          standardId: standard.id,
          amountCents: standard.amountCents,
          startsOn: d('2026-10-15'),
          endsOn: ended ? d('2026-11-01') : null,
        },
      })
    }
    await enroll(a, s.v11, s.t1, p1.id, false)
    await enroll(a, s.v11, s.t1, p2.id, true)
    await apply(a, s.v11, s.t1, p3.id, 'SUBMITTED')
    await apply(a, s.v11, s.t1, p4.id, 'REFUSED')
    await apply(b, s.v21, s.t2, p5.id, 'ACCEPTED')
    await enroll(b, s.v21, s.t2, p6.id, false)
    return { a: nameOf(a.id).nameZh, b: nameOf(b.id).nameZh, aEn: nameOf(a.id).nameEn }
  }

  it('a county official sees every township per program: enrolled now and applications in progress as counted by hand', async () => {
    const s = await setting()
    const names = await fixtures(s)
    const rows = await rowsOf(benefitsWidget, s.request(s.who.county, s.county))
    // by hand: 镇1 program a: p1 enrolled (p2 exited), p3 in progress (p4 refused); 镇2 program b: p6 enrolled, p5 in progress
    expect(rows).toEqual([
      { name: s.t1.name, program: names.a, enrolled: 1, inProgress: 1 },
      { name: s.t2.name, program: names.b, enrolled: 1, inProgress: 1 },
    ])
    // in English the program's English name
    const english = await benefitsWidget.load({ ...s.request(s.who.county, s.county), t: translator('en') })
    expect(english.rows[0].program).toBe(names.aEn)
  })

  it('a township sees its own villages only', async () => {
    const s = await setting()
    const names = await fixtures(s)
    expect(await rowsOf(benefitsWidget, s.request(s.who.staff1, s.t1))).toEqual([{ name: s.v11.name, program: names.a, enrolled: 1, inProgress: 1 }])
    expect(await rowsOf(benefitsWidget, s.request(s.who.staff1, s.t2))).toEqual([])
    expect(await rowsOf(benefitsWidget, s.request(s.who.staff1, s.county))).toEqual([{ name: s.t1.name, program: names.a, enrolled: 1, inProgress: 1 }])
  })

  it('is not shown to a role without benefit.view; the empty text says payments are not recorded yet', async () => {
    const s = await setting()
    expect(benefitsWidget.visible(s.request(s.who.service1, s.t1))).toBe(false)
    expect(benefitsWidget.visible(s.request(s.who.admin, s.county))).toBe(false)
    expect(benefitsWidget.visible(s.request(s.who.staff1, s.t1))).toBe(true)
    expect(await rowsOf(benefitsWidget, s.request(s.who.county, s.county))).toEqual([])
    expect(benefitsWidget.empty(t)).toMatch(/发放/)
    expect(benefitsWidget.empty(translator('en'))).toMatch(/Payments are not recorded yet/)
  })
})
