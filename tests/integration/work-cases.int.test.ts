import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { db } from '../setup/db'
import { staff } from './helpers'
import { makeCounty } from '@/tests/factories'
import { AppError, NotFoundError } from '@/lib/server/errors'
import { checkTask, issueTask, reportTask } from '@/lib/work/service'
import { taskList } from '@/lib/work/queries'
import { taskCompletionSource } from '@/lib/work/indicators'
import { assignCase, closeCase, receiveCase, replyCase } from '@/lib/cases/service'
import { caseList } from '@/lib/cases/queries'
import { withinDeadlineSource } from '@/lib/cases/indicators'
import { indicatorSource } from '@/lib/assessment/sources'
import { translator } from '@/lib/i18n/core'
import { workInbox } from '@/lib/work/inbox'
import { casesInbox } from '@/lib/cases/inbox'

// Work and cases against the real database: what each unit sees, who checks a task, what closing a
// case needs, and the indicators the assessment engine reads.

const ctx = (user: Awaited<ReturnType<typeof staff>>) => ({ actor: user, subject: user })

async function setting() {
  const tree = await makeCounty(db, '任务')
  const [t1, t2] = tree.townships
  const who = {
    county: await staff('COUNTY_OFFICIAL', tree.county),
    staff1: await staff('TOWNSHIP_STAFF', t1),
    colleague1: await staff('TOWNSHIP_STAFF', t1),
    staff2: await staff('TOWNSHIP_STAFF', t2),
    leader1: await staff('TOWNSHIP_LEADER', t1),
  }
  return { ...tree, t1, t2, who }
}

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a refusal')
}

describe('work: tasks', () => {
  it('a township sees its own tasks only; the county sees both', async () => {
    const s = await setting()
    const today = '2026-11-02'
    for (const [township, title] of [
      [s.t1, '一镇任务'],
      [s.t2, '二镇任务'],
    ] as const) {
      await issueTask(ctx(s.who.county), { title, details: '按时完成', dueOn: '2026-11-20', assignee: { regionId: township.id } }, today)
    }
    const titles = async (who: Awaited<ReturnType<typeof staff>>) => (await taskList(who, '2026-11', undefined, today)).rows.map((r) => r.title).sort()
    expect(await titles(s.who.staff1)).toEqual(['一镇任务'])
    expect(await titles(s.who.staff2)).toEqual(['二镇任务'])
    expect(await titles(s.who.county)).toEqual(['一镇任务', '二镇任务'])
    // and a township cannot report the other's task: it does not exist for it
    const other = await db.workTask.findFirstOrThrow({ where: { title: '二镇任务', countyId: s.county.id } })
    expect(await rejection(reportTask(ctx(s.who.staff1), { taskId: other.id, evidence: '冒报' }, today))).toBeInstanceOf(NotFoundError)
    expect(await db.auditEvent.count({ where: { action: 'permission.denied', actorId: s.who.staff1.id } })).toBe(1)
  })

  it('refuses a due date in the past and an assignee outside the units below, writing nothing', async () => {
    const s = await setting()
    const before = await db.workTask.count()
    const past = await rejection(
      issueTask(ctx(s.who.county), { title: '旧', details: '旧', dueOn: '2026-10-01', assignee: { regionId: s.t1.id } }, '2026-11-02'),
    )
    expect((past as AppError).key).toBe('work.errors.dueInPast')
    // a village is not directly below the county
    const far = await rejection(
      issueTask(ctx(s.who.county), { title: '越级', details: '越级', dueOn: '2026-11-20', assignee: { regionId: s.villages[0].id } }, '2026-11-02'),
    )
    expect((far as AppError).key).toBe('work.errors.assignee')
    expect(await db.workTask.count()).toBe(before)
  })

  it('the assignee cannot accept their own completion; the issuer returns, then accepts it', async () => {
    const s = await setting()
    const today = '2026-11-02'
    // a township staff member gives a task to a colleague by name
    const { taskId } = await issueTask(
      ctx(s.who.staff1),
      { title: '入户核查', details: '核查10户', dueOn: '2026-11-06', assignee: { userId: s.who.colleague1.id } },
      today,
    )
    await reportTask(ctx(s.who.colleague1), { taskId, evidence: '已核查10户' }, '2026-11-05')
    const own = await rejection(checkTask(ctx(s.who.colleague1), { taskId, decision: 'accept' }, '2026-11-05'))
    expect((own as AppError).key).toBe('work.errors.notChecker')
    expect((await db.workTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('REPORTED')
    // the issuing unit's leader returns it with a reason, the colleague reports again, it is accepted
    await checkTask(ctx(s.who.leader1), { taskId, decision: 'return', reason: '缺少入户照片' }, '2026-11-05')
    expect(await db.workTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ status: 'RETURNED', returnReason: '缺少入户照片' })
    await reportTask(ctx(s.who.colleague1), { taskId, evidence: '补充照片' }, '2026-11-06')
    await checkTask(ctx(s.who.staff1), { taskId, decision: 'accept' }, '2026-11-09')
    expect((await db.workTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('ACCEPTED')
    const actions = (await db.auditEvent.findMany({ where: { entity: 'WorkTask', entityId: String(taskId) }, orderBy: { id: 'asc' } })).map((a) => a.action)
    expect(actions).toEqual(['work.task.issue', 'work.task.report', 'work.task.return', 'work.task.report', 'work.task.accept'])
  })

  it('work.taskCompletion: per township, tasks due in the period accepted and reported by their due date', async () => {
    const s = await setting()
    const today = '2026-10-01'
    const give = async (townshipId: number, dueOn: string) =>
      (await issueTask(ctx(s.who.county), { title: '月度任务', details: '完成', dueOn, assignee: { regionId: townshipId } }, today)).taskId
    const onTime = await give(s.t1.id, '2026-10-15')
    const late = await give(s.t1.id, '2026-10-15')
    await give(s.t1.id, '2026-10-20') // never done
    const t2done = await give(s.t2.id, '2026-10-15')
    await reportTask(ctx(s.who.staff1), { taskId: onTime, evidence: '完成' }, '2026-10-14')
    await reportTask(ctx(s.who.staff1), { taskId: late, evidence: '完成' }, '2026-10-16')
    await reportTask(ctx(s.who.staff2), { taskId: t2done, evidence: '完成' }, '2026-10-15')
    for (const id of [onTime, late, t2done]) await checkTask(ctx(s.who.county), { taskId: id, decision: 'accept' }, '2026-10-17')
    expect(indicatorSource('work.taskCompletion')).toBe(taskCompletionSource)
    const values = await taskCompletionSource.compute(db, {
      countyId: s.county.id,
      period: { kind: 'MONTHLY', key: '2026-10', statYear: 2026, start: '2026-10-01', end: '2026-10-31' },
      today: '2026-11-01',
    })
    expect(values.get(s.t1.id)).toEqual({ value: 33.33, detail: { due: 3, onTime: 1, completed: 2 } })
    expect(values.get(s.t2.id)).toEqual({ value: 100, detail: { due: 1, onTime: 1, completed: 1 } })
  })
})

describe('cases', () => {
  const received = (subject: string, receivedOn = '2026-09-30') => ({
    channel: 'PHONE' as const,
    kind: 'COMPLAINT' as const,
    subject,
    content: '反映情况',
    receivedOn,
  })

  it('is due 5 working days after receipt across the National Day week', async () => {
    const s = await setting()
    const { caseId } = await receiveCase(ctx(s.who.county), received('国庆前来电'), '2026-09-30')
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).dueOn.toISOString().slice(0, 10)).toBe('2026-10-13')
  })

  it('a township sees the cases it received or was assigned, not its neighbour’s', async () => {
    const s = await setting()
    const today = '2026-11-02'
    const a = await receiveCase(ctx(s.who.county), received('交一镇', '2026-11-02'), today)
    const b = await receiveCase(ctx(s.who.county), received('交二镇', '2026-11-02'), today)
    await receiveCase(ctx(s.who.staff2), received('二镇自收', '2026-11-02'), today)
    await assignCase(ctx(s.who.county), { caseId: a.caseId, assignee: { regionId: s.t1.id } })
    await assignCase(ctx(s.who.county), { caseId: b.caseId, assignee: { regionId: s.t2.id } })
    const subjects = async (who: Awaited<ReturnType<typeof staff>>) =>
      (await caseList(who, { page: 1, overdue: false }, today)).rows.map((r) => r.subject).sort()
    expect(await subjects(s.who.staff1)).toEqual(['交一镇'])
    expect(await subjects(s.who.staff2)).toEqual(['二镇自收', '交二镇'])
    expect((await subjects(s.who.county)).filter((x) => x.startsWith('交'))).toEqual(['交一镇', '交二镇'])
    expect(await rejection(replyCase(ctx(s.who.staff1), { caseId: b.caseId, reply: '越权答复', repliedOn: today }, today))).toBeInstanceOf(NotFoundError)
  })

  it('refuses closing a case without a reply, writing nothing; closes it after the answer', async () => {
    const s = await setting()
    const today = '2026-11-09'
    const { caseId } = await receiveCase(ctx(s.who.county), received('咨询办证', '2026-11-02'), today)
    await assignCase(ctx(s.who.county), { caseId, assignee: { regionId: s.t1.id } })
    const before = await db.auditEvent.count({ where: { entity: 'Case', entityId: String(caseId) } })
    const refused = await rejection(closeCase(ctx(s.who.staff1), { caseId, satisfaction: 'SATISFIED', closedOn: today }, today))
    expect((refused as AppError).key).toBe('cases.errors.noReply')
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ status: 'ASSIGNED', satisfaction: null, closedOn: null })
    expect(await db.auditEvent.count({ where: { entity: 'Case', entityId: String(caseId) } })).toBe(before)
    await replyCase(ctx(s.who.staff1), { caseId, reply: '已电话告知办理流程', repliedOn: '2026-11-06' }, today)
    await closeCase(ctx(s.who.county), { caseId, satisfaction: 'BASIC', closedOn: today }, today)
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ status: 'CLOSED', satisfaction: 'BASIC', answeredLate: false })
  })

  it('the same form sent twice makes one case', async () => {
    const s = await setting()
    const formKey = randomUUID()
    const input = { ...received('重复提交', '2026-11-02'), formKey }
    const [first, second] = await Promise.all([receiveCase(ctx(s.who.staff1), input, '2026-11-02'), receiveCase(ctx(s.who.staff1), input, '2026-11-02')])
    expect(second.caseId).toBe(first.caseId)
    expect(await db.case.count({ where: { subject: '重复提交', receiverRegionId: s.t1.id } })).toBe(1)
  })

  it('cases.withinDeadline: answered by the due date, per township; open ones before it wait', async () => {
    const s = await setting()
    const make = async (subject: string, receivedOn: string, repliedOn: string | null) => {
      const { caseId } = await receiveCase(ctx(s.who.county), received(subject, receivedOn), receivedOn)
      await assignCase(ctx(s.who.county), { caseId, assignee: { regionId: s.t1.id } })
      if (repliedOn) await replyCase(ctx(s.who.staff1), { caseId, reply: '已答复', repliedOn }, repliedOn)
    }
    // received Monday 2 November: due Monday 9 November
    await make('按期', '2026-11-02', '2026-11-06')
    await make('当日', '2026-11-02', '2026-11-09')
    await make('超期', '2026-11-02', '2026-11-10')
    await make('未复', '2026-11-02', null)
    // received Friday 6 November: due Friday 13 November, still open on the 10th
    await make('未到期', '2026-11-06', null)
    const period = { kind: 'MONTHLY' as const, key: '2026-11', statYear: 2026, start: '2026-11-01', end: '2026-11-30' }
    expect(indicatorSource('cases.withinDeadline')).toBe(withinDeadlineSource)
    const on10 = await withinDeadlineSource.compute(db, { countyId: s.county.id, period, today: '2026-11-10' })
    expect(on10.get(s.t1.id)).toEqual({ value: 50, detail: { counted: 4, within: 2 } })
    const on20 = await withinDeadlineSource.compute(db, { countyId: s.county.id, period, today: '2026-11-20' })
    expect(on20.get(s.t1.id)).toEqual({ value: 40, detail: { counted: 5, within: 2 } })
    expect(on20.has(s.t2.id)).toBe(false)
  })
})

describe('inbox sources', () => {
  const t = translator('zh-CN')
  it('offer tasks to report (warned, overdue), tasks to check, and cases near or past their deadline', async () => {
    const s = await setting()
    const today = '2026-11-09'
    const soon = await issueTask(
      ctx(s.who.county),
      { title: '即将到期任务', details: '完成', dueOn: '2026-11-11', assignee: { regionId: s.t1.id } },
      '2026-11-02',
    )
    const late = await issueTask(ctx(s.who.county), { title: '逾期任务', details: '完成', dueOn: '2026-11-04', assignee: { regionId: s.t1.id } }, '2026-11-02')
    await issueTask(ctx(s.who.county), { title: '二镇任务', details: '完成', dueOn: '2026-11-11', assignee: { regionId: s.t2.id } }, '2026-11-02')
    const mine = await workInbox({ ctx: ctx(s.who.staff1), t, today })
    expect(mine.map((i) => [i.title, i.kind]).sort()).toEqual([
      ['即将到期任务', '任务预警'],
      ['逾期任务', '任务逾期'],
    ])
    expect(mine.find((i) => i.title === '逾期任务')?.href).toBe(`/work/tasks/${late.taskId}`)
    // reported: off the township's list, onto the county's as one to check
    await reportTask(ctx(s.who.staff1), { taskId: soon.taskId, evidence: '完成' }, today)
    expect((await workInbox({ ctx: ctx(s.who.staff1), t, today })).map((i) => i.title)).toEqual(['逾期任务'])
    const county = await workInbox({ ctx: ctx(s.who.county), t, today })
    expect(county.filter((i) => i.key === `work.check:${soon.taskId}`).map((i) => i.kind)).toEqual(['待验收任务'])

    const old = await receiveCase(
      ctx(s.who.county),
      { channel: 'VISIT', kind: 'COMPLAINT', subject: '逾期来访', content: '内容', receivedOn: '2026-10-26' },
      today,
    )
    const near = await receiveCase(
      ctx(s.who.county),
      { channel: 'PHONE', kind: 'INQUIRY', subject: '将到期来电', content: '内容', receivedOn: '2026-11-03' },
      today,
    )
    await receiveCase(ctx(s.who.county), { channel: 'PHONE', kind: 'INQUIRY', subject: '刚收到', content: '内容', receivedOn: today }, today)
    for (const c of [old, near]) await assignCase(ctx(s.who.county), { caseId: c.caseId, assignee: { regionId: s.t1.id } })
    const cases = await casesInbox({ ctx: ctx(s.who.staff1), t, today })
    expect(cases.map((i) => [i.title, i.kind]).sort()).toEqual([
      ['将到期来电', '来电来访即将到期'],
      ['逾期来访', '来电来访已逾期'],
    ])
    expect(await casesInbox({ ctx: ctx(s.who.staff2), t, today })).toEqual([])
  })
})
