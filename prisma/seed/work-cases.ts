import type { PrismaClient } from '@/lib/generated/prisma/client'
import { seededRandom } from '@/tests/factories/random'
import { toDate, toIso } from '@/lib/dates'
import { caseDueDate } from '@/lib/cases/rules'
import { addWorkingDays } from '@/lib/workdays'
import { monthRange } from '@/lib/work/rules'

// The demo county's work and cases (issue 12): this year's agreements between 宁津县 and its
// townships and between two townships and their villages (with progress), two months of tasks
// (done on time, done late, returned, overdue, waiting), and about 60 complaints and inquiries over
// the year (a few overdue). Written straight to the tables, as the other demo builders do.

const day = (iso: string) => toDate(iso)
const addDays = (iso: string, n: number) => {
  const d = toDate(iso)
  d.setUTCDate(d.getUTCDate() + n)
  return toIso(d)
}
const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

const SIGNATORIES = ['张卫东', '刘海燕', '孙国庆', '赵丽娟', '王志强', '李红霞', '陈立军', '杨秀梅', '周建平', '吴春生', '郑玉芬', '冯德胜']
const TASKS = [
  ['人口变动月报核对', '核对本月出生、死亡、迁入迁出登记，与派出所数据比对后报送。'],
  ['计生特殊家庭走访', '对辖区计生特殊家庭逐户走访，填写走访记录并上传照片。'],
  ['流动人口信息核查', '核查本月新增流动人口信息，补齐缺项。'],
  ['健康教育活动', '组织一次健康教育进村（社区）活动，留存签到表和照片。'],
  ['数据质量问题整改', '处理系统提示的数据质量问题，逐条说明处理结果。'],
]
const CASE_SUBJECTS = [
  ['COMPLAINT', '出生登记办理慢'],
  ['INQUIRY', '独生子女父母奖励政策咨询'],
  ['INQUIRY', '计生特殊家庭扶助金发放时间'],
  ['COMPLAINT', '户籍信息登记错误未更正'],
  ['INQUIRY', '随迁子女入学所需证明'],
  ['INQUIRY', '新生儿预防接种安排'],
  ['COMPLAINT', '村卫生室服务态度'],
  ['INQUIRY', '老年人健康体检时间'],
  ['INQUIRY', '婚前检查地点和费用'],
  ['COMPLAINT', '流动人口证明开具被拒'],
] as const
const CHANNELS = ['PHONE', 'PHONE', 'PHONE', 'VISIT', 'VISIT', 'LETTER', 'ONLINE', 'ONLINE'] as const
const DEPARTMENTS = ['县卫生健康局', '县民政局', '县公安局户政科', '县医疗保障局']

export async function buildWorkCasesDemo(db: PrismaClient, options: { countyId: number; today: string; seed: number; townshipCodes: readonly string[] }) {
  const random = seededRandom(options.seed + 12)
  const { countyId, today } = options
  const year = Number(today.slice(0, 4))
  const county = await db.region.findUniqueOrThrow({ where: { id: countyId }, select: { id: true, ancestorIds: true } })
  const townships = await db.region.findMany({
    where: { parentId: countyId, level: 'TOWNSHIP', active: true },
    select: { id: true, code: true, ancestorIds: true },
    orderBy: { code: 'asc' },
  })
  const user = async (username: string) => (await db.user.findUnique({ where: { username }, select: { id: true } }))?.id ?? null
  const official = (await user('county.official'))!
  const head = (await db.user.findUnique({ where: { username: 'county.head' }, select: { name: true } }))?.name ?? '高建华'

  // ---------------------------------------------------------------- agreements
  const signedOn = `${year}-01-15` <= today ? `${year}-01-15` : today
  for (const [i, township] of townships.entries()) {
    const agreement = await db.workAgreement.create({
      data: {
        countyId,
        year,
        issuerRegionId: countyId,
        partyRegionId: township.id,
        title: `${year}年度人口和计划生育目标管理责任书`,
        issuerSignatory: head,
        partySignatory: SIGNATORIES[i % SIGNATORIES.length],
        signedOn: day(signedOn),
        createdById: official,
      },
    })
    await db.workAgreementItem.createMany({
      data: [
        { agreementId: agreement.id, position: 0, sourceKey: 'reports.onTimeRate', label: '报表按时上报率', target: 100, unit: '%', weight: 25 },
        { agreementId: agreement.id, position: 1, sourceKey: 'work.taskCompletion', label: '工作任务按时完成率', target: 95, unit: '%', weight: 25 },
        { agreementId: agreement.id, position: 2, sourceKey: 'cases.withinDeadline', label: '来电来信来访按期答复率', target: 100, unit: '%', weight: 20 },
        {
          agreementId: agreement.id,
          position: 3,
          label: '计生特殊家庭走访（次/户·年）',
          target: 12,
          unit: '次',
          weight: 30,
          progress: random.int(6, 11),
          progressOn: day(today),
        },
      ],
    })
  }
  for (const code of options.townshipCodes) {
    const township = townships.find((t) => t.code === code)
    if (!township) continue
    const villages = await db.region.findMany({
      where: { parentId: township.id, level: 'VILLAGE', active: true },
      select: { id: true },
      orderBy: { code: 'asc' },
    })
    for (const [i, village] of villages.entries()) {
      const agreement = await db.workAgreement.create({
        data: {
          countyId,
          year,
          issuerRegionId: township.id,
          partyRegionId: village.id,
          title: `${year}年度村（居）人口服务目标责任书`,
          issuerSignatory: SIGNATORIES[(i + 3) % SIGNATORIES.length],
          partySignatory: SIGNATORIES[(i + 7) % SIGNATORIES.length],
          signedOn: day(signedOn),
          createdById: official,
        },
      })
      await db.workAgreementItem.createMany({
        data: [
          {
            agreementId: agreement.id,
            position: 0,
            label: '人口信息准确率',
            target: 98,
            unit: '%',
            weight: 50,
            progress: random.int(930, 995) / 10,
            progressOn: day(today),
          },
          {
            agreementId: agreement.id,
            position: 1,
            label: '人口变动按时报告',
            target: 100,
            unit: '%',
            weight: 50,
            progress: random.int(85, 100),
            progressOn: day(today),
          },
        ],
      })
    }
  }

  // ---------------------------------------------------------------- tasks: last month and this one
  const thisMonth = today.slice(0, 7)
  let tasks = 0
  for (const month of [previousMonth(thisMonth), thisMonth]) {
    const { start, end } = monthRange(month)
    const current = month === thisMonth
    for (const township of townships) {
      for (const [k, [title, details]] of TASKS.slice(0, 3).entries()) {
        const due = current ? addDays(end, -(k * 7) - 2) : addDays(start, 9 + k * 7)
        const roll = random.next()
        let state: { status: 'OPEN' | 'REPORTED' | 'ACCEPTED' | 'RETURNED'; reportedOn?: string; checkedOn?: string; returnReason?: string } = {
          status: 'OPEN',
        }
        if (due < today) {
          if (roll < 0.6) state = { status: 'ACCEPTED', reportedOn: addDays(due, -random.int(0, 3)), checkedOn: addDays(due, 1) }
          else if (roll < 0.75) state = { status: 'ACCEPTED', reportedOn: addDays(due, random.int(1, 4)), checkedOn: addDays(due, 5) }
          else if (roll < 0.85)
            state = { status: 'RETURNED', reportedOn: addDays(due, -1), checkedOn: addDays(due, 1), returnReason: '佐证材料不全，请补充走访记录和照片。' }
          else if (roll < 0.92) state = { status: 'REPORTED', reportedOn: addDays(due, -1) }
        } else if (roll < 0.3) state = { status: 'REPORTED', reportedOn: today }
        const clamp = (iso?: string) => (iso && iso > today ? today : iso)
        await db.workTask.create({
          data: {
            countyId,
            issuerRegionId: countyId,
            issuedById: official,
            assigneeRegionId: township.id,
            regionPath: [...township.ancestorIds, township.id],
            title: `${month.replace('-', '年')}月 ${title}`,
            details,
            month,
            dueOn: day(due),
            status: state.status,
            evidence: state.reportedOn ? '已按要求完成，材料见附件清单。' : null,
            reportedOn: state.reportedOn ? day(clamp(state.reportedOn)!) : null,
            checkedOn: state.checkedOn ? day(clamp(state.checkedOn)!) : null,
            checkedById: state.checkedOn ? official : null,
            returnReason: state.returnReason ?? null,
          },
        })
        tasks++
      }
    }
    // 宁城街道 to its first villages and to its staff member by name
    const ncjd = townships.find((t) => t.code === options.townshipCodes[0])
    if (ncjd) {
      const villages = await db.region.findMany({
        where: { parentId: ncjd.id, level: 'VILLAGE', active: true },
        select: { id: true, ancestorIds: true },
        orderBy: { code: 'asc' },
        take: 4,
      })
      const leader = (await user('ncjd.leader')) ?? official
      for (const [i, village] of villages.entries()) {
        const due = current ? addWorkingDays(today, 2 + i) : addDays(start, 14 + i)
        const late = !current && i === 3
        await db.workTask.create({
          data: {
            countyId,
            issuerRegionId: ncjd.id,
            issuedById: leader,
            assigneeRegionId: village.id,
            regionPath: [...village.ancestorIds, village.id],
            title: `${month.replace('-', '年')}月 ${TASKS[3 + (i % 2)][0]}`,
            details: TASKS[3 + (i % 2)][1],
            month: due.slice(0, 7),
            dueOn: day(due),
            status: current || late ? 'OPEN' : 'ACCEPTED',
            evidence: current || late ? null : '活动已开展，签到表已归档。',
            reportedOn: current || late ? null : day(addDays(due, -1)),
            checkedOn: current || late ? null : day(due),
            checkedById: current || late ? null : leader,
          },
        })
        tasks++
      }
      const staffId = await user('ncjd.staff')
      if (staffId) {
        const due = current ? addWorkingDays(today, 1) : addDays(start, 20)
        await db.workTask.create({
          data: {
            countyId,
            issuerRegionId: ncjd.id,
            issuedById: leader,
            assigneeRegionId: ncjd.id,
            assigneeUserId: staffId,
            regionPath: [...ncjd.ancestorIds, ncjd.id],
            title: `${month.replace('-', '年')}月 汇总村居走访记录`,
            details: '汇总各社区本月特殊家庭走访记录，报分管领导。',
            month: due.slice(0, 7),
            dueOn: day(due),
            status: current ? 'OPEN' : 'ACCEPTED',
            evidence: current ? null : '已汇总。',
            reportedOn: current ? null : day(addDays(due, -2)),
            checkedOn: current ? null : day(due),
            checkedById: current ? null : leader,
          },
        })
        tasks++
      }
    }
  }

  // ---------------------------------------------------------------- cases over the year
  await db.caseDepartment.createMany({ data: DEPARTMENTS.map((name) => ({ countyId, name })) })
  const departments = await db.caseDepartment.findMany({ where: { countyId }, select: { id: true } })
  const ncjdStaff = await user('ncjd.staff')
  const ncjd = townships.find((t) => t.code === options.townshipCodes[0])
  const first = `${year}-01-02`
  const span = Math.max(1, Math.round((toDate(today).getTime() - toDate(first).getTime()) / 86_400_000))
  const cases = 60
  for (let i = 0; i < cases; i++) {
    const receivedOn = addDays(first, Math.floor((span * i) / cases))
    const dueOn = caseDueDate(receivedOn)
    const [kind, subject] = random.pick(CASE_SUBJECTS)
    const byTownship = ncjd && ncjdStaff && i % 6 === 5
    const township = byTownship ? ncjd : random.pick(townships)
    const toDepartment = !byTownship && i % 9 === 4
    const roll = random.next()
    const open = dueOn >= today
    // a few overdue: unanswered past their due date; a few answered late; most in time
    let repliedOn: string | null = null
    if (!open) {
      if (roll < 0.08) repliedOn = null
      else if (roll < 0.18) repliedOn = addWorkingDays(dueOn, random.int(1, 3))
      else repliedOn = addWorkingDays(receivedOn, random.int(1, 5))
    } else if (roll < 0.4) repliedOn = addWorkingDays(receivedOn, 1)
    if (repliedOn && repliedOn > today) repliedOn = null
    const closed = repliedOn !== null && roll > 0.2
    await db.case.create({
      data: {
        countyId,
        channel: random.pick(CHANNELS),
        kind,
        subject,
        content: `群众反映：${subject}，请核实处理并答复。`,
        callerName: random.next() < 0.3 ? null : `${random.pick(['王', '李', '张', '刘', '陈'])}先生`,
        receivedOn: day(receivedOn),
        dueOn: day(dueOn),
        receivedById: byTownship ? ncjdStaff! : official,
        receiverRegionId: byTownship ? ncjd!.id : county.id,
        assignedRegionId: toDepartment ? null : township.id,
        departmentId: toDepartment ? random.pick(departments).id : null,
        townshipId: toDepartment ? null : township.id,
        status: closed ? 'CLOSED' : repliedOn ? 'REPLIED' : 'ASSIGNED',
        reply: repliedOn ? '已联系来电人，说明有关政策和办理流程，问题已解决。' : null,
        repliedOn: repliedOn ? day(repliedOn) : null,
        repliedById: repliedOn ? (byTownship ? ncjdStaff : official) : null,
        answeredLate: repliedOn !== null && repliedOn > dueOn,
        satisfaction: closed ? random.pick(['SATISFIED', 'SATISFIED', 'SATISFIED', 'BASIC', 'UNSATISFIED'] as const) : null,
        closedOn: closed ? day(addDays(repliedOn!, 1) > today ? today : addDays(repliedOn!, 1)) : null,
        closedById: closed ? official : null,
      },
    })
  }
  return { agreements: townships.length, tasks, cases }
}
