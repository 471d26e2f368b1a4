// The demo's report history: the statistical year before the current one and the current one, up
// to two calendar months before today. Every township's monthly, half-year and annual reports,
// prepared with the figures the register gives for the period (registerSnapshot, the service's
// own computation), signed by three people of the township, submitted — most on time, some late,
// a few never (missing) — and approved by the county official, which locks the period. Where all
// townships were approved, the county's own report sums them, signed by the three county officials.
//
// Deliberately left alone, because the end-to-end tests work there: no report at all for the
// latest ended month (宁津镇's is prepared by a test), and no lock in the current or previous
// calendar month (tests record events dated today or a few days ago). The most recent month in
// the history has some reports still awaiting the county's decision.
//
// Signers: 宁津镇 signs with its demo accounts (njz.staff 填表人, njz.stats 统计负责人, njz.leader
// 单位负责人). Every other township gets the accounts it lacks — two township staff and a leader —
// created here with the demo password (柴胡店镇 keeps chd.staff as its preparer). Nobody signs for
// a township they do not belong to. The history is demo data written in bulk: like the generated
// residents, it has no audit events.
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client'
import { makeUser } from '@/tests/factories'
import { seededRandom } from '@/tests/factories/random'
import { nameSearchKeys } from '@/lib/registry/pinyin'
import { toDate } from '@/lib/dates'
import { registerSnapshot, type Snapshot } from '@/lib/reports/snapshot'
import { sumCounts } from '@/lib/reports/sections'
import { DEFAULT_REPORT_SETTINGS, deadlineOf } from '@/lib/reports/rules'
import { latestEndedPeriod, periodsOfStatYear, statYearOf, type Period } from '@/lib/periods/rules'

const SURNAMES = '张王李赵刘陈杨黄周吴孙马郭何高林'
const GIVEN = ['志强', '丽娟', '海燕', '建华', '春梅', '国栋', '晓东', '玉兰', '红霞', '文博', '秀芝', '立新', '德明', '桂香', '振宇', '淑珍']

const DAY = 86_400_000
/** A moment on a China-time calendar day. */
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`)
const addDays = (date: string, days: number) => new Date(toDate(date).getTime() + days * DAY).toISOString().slice(0, 10)

interface Signer {
  id: number
  name: string
}

/** The preparer, statistician and unit head of a township, creating the accounts it lacks. */
async function townshipSigners(
  db: PrismaClient,
  township: { id: number; name: string },
  password: string,
  pick: () => string,
): Promise<[Signer, Signer, Signer]> {
  const prefix = nameSearchKeys(township.name).initials
  const of = (role: 'TOWNSHIP_STAFF' | 'TOWNSHIP_LEADER') =>
    db.user.findMany({ where: { regionId: township.id, role, active: true }, orderBy: { id: 'asc' }, select: { id: true, name: true } })
  const staff = await of('TOWNSHIP_STAFF')
  for (const suffix of ['staff', 'stats'].slice(staff.length))
    staff.push(await makeUser(db, { username: `${prefix}.${suffix}`, name: pick(), role: 'TOWNSHIP_STAFF', regionId: township.id, password }))
  const leaders = await of('TOWNSHIP_LEADER')
  if (leaders.length === 0)
    leaders.push(await makeUser(db, { username: `${prefix}.leader`, name: pick(), role: 'TOWNSHIP_LEADER', regionId: township.id, password }))
  return [staff[0], staff[1], leaders[0]]
}

export async function buildReportHistory(
  db: PrismaClient,
  options: { countyId: number; today: string; password: string; seed: number },
): Promise<{ reports: number }> {
  const { countyId, today } = options
  const random = seededRandom(options.seed + 7)
  const settings = DEFAULT_REPORT_SETTINGS
  const county = await db.region.findUniqueOrThrow({ where: { id: countyId }, select: { id: true, code: true, name: true } })
  const townships = await db.region.findMany({
    where: { parentId: countyId, level: 'TOWNSHIP', active: true },
    select: { id: true, code: true, name: true },
    orderBy: { code: 'asc' },
  })

  // periods that ended before the previous calendar month began; never the latest ended month
  const previousMonthStart = `${latestEndedPeriod('MONTHLY', today, settings).key}-01`
  const current = statYearOf(today, settings)
  const periods = [current - 1, current].flatMap((y) => periodsOfStatYear(y, settings)).filter((p) => p.end < previousMonthStart)
  if (periods.length === 0) return { reports: 0 }
  const latestMonth = periods.filter((p) => p.kind === 'MONTHLY').at(-1)

  const pick = () => `${SURNAMES[random.int(0, SURNAMES.length - 1)]}${GIVEN[random.int(0, GIVEN.length - 1)]}`
  const signers = new Map<number, [Signer, Signer, Signer]>()
  for (const t of townships) signers.set(t.id, await townshipSigners(db, t, options.password, pick))
  const officials = await db.user.findMany({
    where: { username: { in: ['county.official', 'county.stats', 'county.head'] } },
    select: { id: true, name: true, username: true },
  })
  const official = (username: string) => officials.find((u) => u.username === username)!
  const countySigners: [Signer, Signer, Signer] = [official('county.official'), official('county.stats'), official('county.head')]

  // the figures: each township's snapshot of each period, a few at a time
  const figures = new Map<string, Snapshot>()
  const jobs = periods.flatMap((period) => townships.map((t) => ({ period, t })))
  for (let i = 0; i < jobs.length; i += 4) {
    await Promise.all(
      jobs
        .slice(i, i + 4)
        .map(async ({ period, t }) =>
          figures.set(`${t.id}:${period.key}`, await registerSnapshot(db, { level: 'TOWNSHIP', regionId: t.id, countyId }, period)),
        ),
    )
  }

  interface Planned {
    data: Prisma.ReportSubmissionCreateManyInput
    signers: [Signer, Signer, Signer]
    preparedAt: Date
    approved: boolean
  }
  const planned: Planned[] = []
  const base = (period: Period, regionId: number, level: 'TOWNSHIP' | 'COUNTY') => ({
    countyId,
    regionId,
    level,
    kind: period.kind,
    periodKey: period.key,
    periodStart: toDate(period.start),
    periodEnd: toDate(period.end),
    deadline: toDate(deadlineOf(period, settings)),
  })
  for (const period of periods) {
    const deadline = deadlineOf(period, settings)
    const approvedHere: { t: (typeof townships)[number]; approvedAt: Date }[] = []
    for (const t of townships) {
      const missing = random.next() < 0.04
      const late = random.next() < 0.12
      const pending = period === latestMonth && random.next() < 0.3
      const submittedOn = late ? addDays(deadline, random.int(1, 6)) : addDays(deadline, -random.int(0, 5))
      const approvedOn = addDays(submittedOn, random.int(1, 3))
      if (missing) continue
      const approved = !pending && approvedOn < today
      const submittedAt = at(submittedOn, late ? 16 : 10)
      const approvedAt = at(approvedOn, 15)
      const [preparer] = signers.get(t.id)!
      planned.push({
        data: {
          ...base(period, t.id, 'TOWNSHIP'),
          status: approved ? 'APPROVED' : 'SUBMITTED',
          figures: figures.get(`${t.id}:${period.key}`)! as unknown as Prisma.InputJsonObject,
          computedAt: at(addDays(submittedOn, -1), 9),
          createdAt: at(addDays(submittedOn, -1), 9),
          preparedById: preparer.id,
          firstSubmittedAt: submittedAt,
          submittedAt,
          approvedAt: approved ? approvedAt : null,
          approvedById: approved ? countySigners[0].id : null,
          version: approved ? 6 : 5,
        },
        signers: signers.get(t.id)!,
        preparedAt: at(addDays(submittedOn, -1), 9),
        approved,
      })
      if (approved) approvedHere.push({ t, approvedAt })
    }
    // the county's own report, once every township's is approved: their sum, final when submitted
    if (approvedHere.length === townships.length) {
      const byChild = Object.fromEntries(townships.map((t) => [String(t.id), figures.get(`${t.id}:${period.key}`)!.total]))
      const total = sumCounts(Object.values(byChild))
      const lastApproval = Math.max(...approvedHere.map((a) => a.approvedAt.getTime()))
      const preparedOn = new Date(lastApproval + 8 * 3_600_000).toISOString().slice(0, 10)
      const submittedOn = addDays(preparedOn, 1)
      if (submittedOn < today) {
        const snapshot: Snapshot = { v: 1, source: 'townships', children: townships, total, byChild }
        planned.push({
          data: {
            ...base(period, county.id, 'COUNTY'),
            status: 'SUBMITTED',
            figures: snapshot as unknown as Prisma.InputJsonObject,
            computedAt: at(preparedOn, 9),
            createdAt: at(preparedOn, 9),
            preparedById: countySigners[0].id,
            firstSubmittedAt: at(submittedOn, 10),
            submittedAt: at(submittedOn, 10),
            version: 5,
          },
          signers: countySigners,
          preparedAt: at(preparedOn, 9),
          approved: false,
        })
      }
    }
  }

  const created = await db.reportSubmission.createManyAndReturn({ data: planned.map((p) => p.data), select: { id: true } })
  const roles = ['PREPARER', 'STATISTICIAN', 'UNIT_HEAD'] as const
  const signOffs: Prisma.ReportSignOffCreateManyInput[] = []
  const history: Prisma.ReportHistoryCreateManyInput[] = []
  const locks: Prisma.PeriodLockCreateManyInput[] = []
  for (const [i, { id }] of created.entries()) {
    const p = planned[i]
    const step = (hours: number) => new Date(p.preparedAt.getTime() + hours * 3_600_000)
    history.push({ submissionId: id, round: 1, action: 'prepare', userId: p.signers[0].id, userName: p.signers[0].name, at: p.preparedAt })
    for (const [n, role] of roles.entries()) {
      const signer = p.signers[n]
      signOffs.push({ submissionId: id, round: 1, role, userId: signer.id, userName: signer.name, signedAt: step(1 + n * 2) })
      history.push({ submissionId: id, round: 1, action: 'sign', userId: signer.id, userName: signer.name, comment: role, at: step(1 + n * 2) })
    }
    history.push({ submissionId: id, round: 1, action: 'submit', userId: p.signers[0].id, userName: p.signers[0].name, at: p.data.submittedAt as Date })
    if (p.approved) {
      const approver = countySigners[0]
      history.push({ submissionId: id, round: 1, action: 'approve', userId: approver.id, userName: approver.name, at: p.data.approvedAt as Date })
      locks.push({
        countyId,
        townshipId: p.data.regionId,
        submissionId: id,
        fromDate: p.data.periodStart,
        toDate: p.data.periodEnd,
        lockedAt: p.data.approvedAt as Date,
      })
    }
  }
  await db.reportSignOff.createMany({ data: signOffs })
  await db.reportHistory.createMany({ data: history })
  await db.periodLock.createMany({ data: locks })
  return { reports: created.length }
}
