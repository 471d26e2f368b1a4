import { beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '@/lib/db/client'
import type { PrismaClient } from '@/lib/generated/prisma/client'
import { todayIso } from '@/lib/dates'
import type { ServiceContext } from '@/lib/server/context'
import { makeCounty } from '@/tests/factories'
import { ctxOf, sessionStaff } from './helpers'

// Reports are read through a scoped `where`, like the register: a report outside the user's region
// is never loaded, so it answers exactly like a missing id, and the attempt on an existing one is
// audited. The app's database client (lib/server/db.ts keeps it on globalThis) is replaced, before
// first use, by the same client with a query extension that records what each query asks for: the
// queries still run against the real database, the test only reads what they were.

interface Asked {
  model: string | undefined
  operation: string
  args: { where?: Record<string, unknown>; select?: Record<string, unknown> }
}
const asked: Asked[] = []
const recording = createClient(process.env.DATABASE_URL!).$extends({
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        asked.push({ model, operation, args: args as Asked['args'] })
        return query(args)
      },
    },
  },
})
;(globalThis as unknown as { xzPrisma?: PrismaClient }).xzPrisma = recording as unknown as PrismaClient

const { db } = await import('../setup/db')
const { getReport, liveFigures } = await import('@/lib/reports/queries')
const { reportWorkbook } = await import('@/lib/reports/export')
const { approveReport, prepareReport, recomputeReport, returnReport, saveAnalysis, signReport, submitReport } = await import('@/lib/reports/service')

const [year, month] = todayIso().split('-').map(Number)
const index = year * 12 + (month - 1) - 3
const PERIOD = { kind: 'MONTHLY' as const, periodKey: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}` }
/** An id no report has. */
const MISSING = 2_147_483_000

async function setup() {
  const tree = await makeCounty(db, '范围')
  const [t1, t2] = tree.townships
  const users = {
    preparer: await sessionStaff('TOWNSHIP_STAFF', t1, '甲填表'),
    statistician: await sessionStaff('TOWNSHIP_STAFF', t1, '甲统计'),
    head: await sessionStaff('TOWNSHIP_LEADER', t1, '甲负责'),
    neighbour: await sessionStaff('TOWNSHIP_STAFF', t2, '乙填表'),
    neighbourHead: await sessionStaff('TOWNSHIP_LEADER', t2, '乙负责'),
    officer: await sessionStaff('VILLAGE_OFFICER', tree.villages[0], '甲村官'),
    official: await sessionStaff('COUNTY_OFFICIAL', tree.county, '县审核'),
  }
  const other = await makeCounty(db, '外县')
  const stranger = await sessionStaff('COUNTY_OFFICIAL', other.county, '外县审核')
  // a draft of township 1, and a submitted one of township 1 of the same county (another kind)
  const { reportId: draft } = await prepareReport(ctxOf(users.preparer), PERIOD)
  const { reportId: submitted } = await prepareReport(ctxOf(users.preparer), { kind: 'ANNUAL', periodKey: String(year - 1) })
  for (const [u, role] of [
    [users.preparer, 'PREPARER'],
    [users.statistician, 'STATISTICIAN'],
    [users.head, 'UNIT_HEAD'],
  ] as const) {
    await signReport(ctxOf(u), { reportId: submitted, role })
  }
  await submitReport(ctxOf(users.preparer), { reportId: submitted })
  return { tree, t1, t2, users, stranger, draft, submitted }
}

/** Every way to reach one report: the page's read, the workbook, and each step. */
function attempts(reportId: number): [string, (ctx: ServiceContext) => Promise<unknown>][] {
  return [
    ['recompute', (ctx) => recomputeReport(ctx, { reportId })],
    ['analysis', (ctx) => saveAnalysis(ctx, { reportId, analysis: '分析' })],
    ['sign', (ctx) => signReport(ctx, { reportId, role: 'PREPARER' })],
    ['submit', (ctx) => submitReport(ctx, { reportId })],
    ['approve', (ctx) => approveReport(ctx, { reportId })],
    ['return', (ctx) => returnReport(ctx, { reportId, comment: '退回' })],
  ]
}

const denials = (actorId: number) => db.auditEvent.count({ where: { actorId, action: 'permission.denied' } })

/** How a call ended: its value, or the message key it was refused with. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await call() }
  } catch (error) {
    return { refused: (error as { key?: string }).key ?? String(error) }
  }
}

/**
 * Reads of a report row by its id that do not carry the user's scope (an existence check selecting
 * only the id excepted: it decides whether to audit, never what to show). Writes follow a scoped
 * read and are conditioned on the version it read.
 */
function unscopedReads(): Asked[] {
  return asked.filter((q) => {
    if (q.model !== 'ReportSubmission' || !q.operation.startsWith('find') || !q.args.where || !('id' in q.args.where)) return false
    if ('countyId' in q.args.where || 'regionId' in q.args.where) return false
    const select = q.args.select
    return !(select && Object.keys(select).length === 1 && select.id === true)
  })
}

beforeEach(() => {
  asked.length = 0
})

describe('reports are read through the user’s scope', () => {
  it('the page’s read, the workbook and every step load a report only with the scope in the query', async () => {
    const s = await setup()
    asked.length = 0
    for (const [outsider, reportId] of [
      [s.users.neighbour, s.draft],
      [s.users.neighbourHead, s.submitted],
      [s.users.officer, s.draft],
      [s.stranger, s.submitted],
    ] as const) {
      expect(await getReport(outsider, reportId)).toBeNull()
      expect(await reportWorkbook(ctxOf(outsider), reportId, (key) => key)).toBeNull()
      for (const [, call] of attempts(reportId)) await expect(call(ctxOf(outsider))).rejects.toMatchObject({ key: 'errors.notFound' })
    }
    expect(asked.some((q) => q.model === 'ReportSubmission')).toBe(true)
    expect(unscopedReads()).toEqual([])

    // and the scoped reads still find what is theirs
    asked.length = 0
    expect(await getReport(s.users.preparer, s.draft)).toMatchObject({ id: s.draft, regionId: s.t1.id, countyId: s.tree.county.id })
    expect(await getReport(s.users.official, s.submitted)).toMatchObject({ id: s.submitted, status: 'SUBMITTED' })
    await saveAnalysis(ctxOf(s.users.preparer), { reportId: s.draft, analysis: '本月无异常。' })
    await returnReport(ctxOf(s.users.official), { reportId: s.submitted, comment: '请核对' })
    expect(unscopedReads()).toEqual([])
  })

  it('another township’s or county’s report answers exactly like a missing id; only the real one is audited', async () => {
    const s = await setup()
    for (const [outsider, reportId] of [
      [s.users.neighbour, s.draft],
      [s.users.neighbourHead, s.submitted],
      [s.stranger, s.submitted],
    ] as const) {
      expect(await getReport(outsider, reportId)).toBeNull()
      expect(await getReport(outsider, MISSING)).toBeNull()
      for (const [step, call] of attempts(reportId)) {
        const missing = attempts(MISSING).find(([name]) => name === step)![1]
        const before = await denials(outsider.id)
        const answerToMissing = await outcome(() => missing(ctxOf(outsider)))
        expect(await denials(outsider.id), `${step}: a missing id is not audited`).toBe(before)
        const answerToForeign = await outcome(() => call(ctxOf(outsider)))
        expect(answerToForeign, step).toEqual(answerToMissing)
        expect(await denials(outsider.id), `${step}: an existing report outside the region is audited`).toBe(before + 1)
      }
    }
    const denied = await db.auditEvent.findFirstOrThrow({ where: { actorId: s.users.neighbour.id, action: 'permission.denied' } })
    expect(denied).toMatchObject({ entity: 'Permission', entityId: 'report.view', after: { reportId: s.draft } })
    // nothing changed on the reports
    expect(await db.reportSubmission.findUniqueOrThrow({ where: { id: s.draft } })).toMatchObject({ status: 'DRAFT', analysis: '', round: 1 })
    expect(await db.reportSubmission.findUniqueOrThrow({ where: { id: s.submitted } })).toMatchObject({ status: 'SUBMITTED', round: 1 })
  })

  it('a county sees its townships’ reports and its own, a township only its own, a village none; live figures only of regions in scope', async () => {
    const s = await setup()
    expect(await getReport(s.users.official, s.draft)).not.toBeNull()
    expect(await getReport(s.users.preparer, s.draft)).not.toBeNull()
    expect(await getReport(s.users.neighbour, s.draft)).toBeNull()
    expect(await getReport(s.users.officer, s.draft)).toBeNull()
    expect(await getReport(s.stranger, s.draft)).toBeNull()

    expect(await liveFigures(s.users.preparer, s.t1.id, PERIOD.kind, PERIOD.periodKey)).toMatchObject({ region: { id: s.t1.id } })
    expect(await liveFigures(s.users.neighbour, s.t1.id, PERIOD.kind, PERIOD.periodKey)).toBeNull()
    expect(await liveFigures(s.users.officer, s.tree.villages[0].id, PERIOD.kind, PERIOD.periodKey)).toMatchObject({ region: { id: s.tree.villages[0].id } })
    expect(await liveFigures(s.users.officer, s.tree.villages[1].id, PERIOD.kind, PERIOD.periodKey)).toBeNull()
    expect(await liveFigures(s.stranger, s.t1.id, PERIOD.kind, PERIOD.periodKey)).toBeNull()
  })
})
