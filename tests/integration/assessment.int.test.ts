import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { db } from '../setup/db'
import { sessionStaff } from './helpers'
import { makeRegion, personInput, type MadeRegion } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { addAdjustment, addVeto, createRun, importValues, publish, removeEntry, saveScheme, saveValues, SchemeInvalidError } from '@/lib/assessment/service'
import { getRun, rankings, whyOf } from '@/lib/assessment/queries'
import { recomputeRun } from '@/lib/assessment/engine'
import { NINGJIN_2003, NINGJIN_POPULATION } from '@/prisma/seed/assessment-schemes'
import { AppError } from '@/lib/server/errors'
import { statYearOf } from '@/lib/periods/rules'
import { DEFAULT_REPORT_SETTINGS } from '@/lib/reports/rules'
import { todayIso, toDate } from '@/lib/dates'

let counter = 0
/** A county of its own with `n` townships (each with one village), its administrator and official. */
async function county(n: number) {
  counter += 1
  const code6 = String(880000 + ((process.pid * 37 + counter * 7) % 9999)).padStart(6, '8')
  const c = await makeRegion(db, { code: `${code6}000000`, name: `考核县${code6}`, level: 'COUNTY' })
  const townships: MadeRegion[] = []
  const villages: MadeRegion[] = []
  for (let i = 1; i <= n; i++) {
    const t = await makeRegion(db, { code: `${code6}${100 + i}000`, name: `乡镇${String(i).padStart(2, '0')}`, level: 'TOWNSHIP', parent: c })
    townships.push(t)
    villages.push(await makeRegion(db, { code: `${code6}${100 + i}201`, name: `村${i}`, level: 'VILLAGE', parent: t }))
  }
  const admin = await sessionStaff('ADMIN', c)
  const official = await sessionStaff('COUNTY_OFFICIAL', c)
  return { county: c, townships, villages, admin: { actor: admin, subject: admin }, official: { actor: official, subject: official }, officialUser: official }
}

const thisYear = statYearOf(todayIso(), DEFAULT_REPORT_SETTINGS)

async function expectAppError(promise: Promise<unknown>, key: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).key).toBe(key)
  return error as AppError
}

// The 2003 scheme by hand, township by township (T1 … T11):
//   investment (万元)    3040 1520 2280  760 3800 1900  950    0 2660 1140 3420   best 3800
//   700 × v ÷ 3800       560  280  420  140  700  350  175    0  490  210  630
//   six items' sum        250  200  225  150  175  250  125  100  200  225  175   best 250
//   300 × sum ÷ 250       300  240  270  180  210  300  150  120  240  270  210
//   unmet tasks × −5       −5              −5                −10       (T1 1, T4 1, T8 2)
//   failed inspections × −10                                   −10       (T8 1)
//   adjustments                +10                +20  −10                (T2, T5, T7)
//   total                855  530  690  315  930  650  315  100  730  480  840
// Rank by score: T5 1, T1 2, T11 3, T9 4, T3 5, T6 6, T2 7, T10 8, T4 and T7 9 (tied), T8 11.
// T1 has one veto (two places each): key 2 + 2 = 4, equal to T9's 4; fewer vetoes first, so T9
// comes third and T1 fourth. Final places: T5 1, T11 2, T9 3, T1 4, T3 5, T6 6, T2 7, T10 8,
// T4 9, T7 9, T8 11.
const INVESTMENT = [3040, 1520, 2280, 760, 3800, 1900, 950, 0, 2660, 1140, 3420]
const ITEMS = [
  [50, 45, 40, 40, 40, 35],
  [40, 35, 35, 30, 30, 30],
  [45, 40, 40, 35, 35, 30],
  [30, 25, 25, 25, 25, 20],
  [35, 30, 30, 30, 25, 25],
  [45, 45, 40, 40, 40, 40],
  [25, 20, 20, 20, 20, 20],
  [20, 20, 15, 15, 15, 15],
  [40, 35, 35, 30, 30, 30],
  [45, 40, 40, 35, 35, 30],
  [35, 30, 30, 30, 25, 25],
]
const ITEM_CODES = ['agriculture', 'fiscal', 'investmentPromotion', 'socialAffairs', 'stability', 'partyBuilding']
const TASKS: Record<number, number> = { 0: 1, 3: 1, 7: 2 }
const INSPECTIONS: Record<number, number> = { 7: 1 }
const EXPECTED_TOTALS = [855, 530, 690, 315, 930, 650, 315, 100, 730, 480, 840]
const EXPECTED_PLACES = [4, 7, 5, 9, 1, 6, 9, 11, 3, 8, 2]

async function scheme2003Run() {
  const c = await county(11)
  const { id: schemeId } = await saveScheme(c.admin, JSON.stringify(NINGJIN_2003))
  const cells = c.townships.flatMap((t, i) => [
    { code: 'investment', townshipId: t.id, value: INVESTMENT[i] },
    ...ITEM_CODES.map((code, k) => ({ code, townshipId: t.id, value: ITEMS[i][k] })),
    { code: 'statTasks', townshipId: t.id, value: TASKS[i] ?? null },
    { code: 'statInspections', townshipId: t.id, value: INSPECTIONS[i] ?? null },
  ])
  await saveValues(c.official, { schemeId, periodKey: String(thisYear), cells, evidence: { investment: '县发改局投资统计表' }, via: 'form' })
  const runId = await createRun(c.official, { schemeId, statYear: thisYear, title: '2003 年度乡镇工作考核' })
  const doc = (n: number) => ({ runId, reason: '通报', document: `宁政办字〔2003〕${n}号` })
  await addAdjustment(c.official, { ...doc(1), townshipId: c.townships[1].id, points: 10 })
  await addAdjustment(c.official, { ...doc(2), townshipId: c.townships[4].id, points: 20 })
  await addAdjustment(c.official, { ...doc(3), townshipId: c.townships[6].id, points: -10 })
  await addVeto(c.official, { ...doc(4), townshipId: c.townships[0].id })
  return { ...c, schemeId, runId }
}

const resultsOf = (runId: number) => db.assessmentResult.findMany({ where: { runId }, orderBy: { townshipId: 'asc' } })

describe('assessment: the 2003 宁津县 scheme', () => {
  it('scores eleven townships as computed by hand, with adjustments, deductions, a tie and a veto', async () => {
    const { runId, townships } = await scheme2003Run()
    const results = await resultsOf(runId)
    expect(results.map((r) => r.total)).toEqual(EXPECTED_TOTALS)
    expect(results.map((r) => r.place)).toEqual(EXPECTED_PLACES)
    expect(results.map((r) => r.scoreRank)).toEqual([2, 7, 5, 9, 1, 6, 9, 11, 4, 8, 3])
    const t1 = results.find((r) => r.townshipId === townships[0].id)!
    const breakdown = t1.breakdown as {
      indicators: { code: string; formula: string; points: number; evidence?: string }[]
      groups: { code: string; formula: string }[]
    }
    expect(breakdown.indicators.find((i) => i.code === 'investment')).toMatchObject({
      formula: '700 × 3040 ÷ 3800 = 560',
      points: 560,
      evidence: '县发改局投资统计表',
    })
    expect(breakdown.groups.find((g) => g.code === 'other')!.formula).toBe('300 × 250 ÷ 250 = 300')
    expect(breakdown.indicators.find((i) => i.code === 'statTasks')).toMatchObject({ points: -5 })
  })

  it('scores a draft again from its frozen inputs with identical results; a removed adjustment is undone', async () => {
    const { runId, official, townships } = await scheme2003Run()
    const before = await resultsOf(runId)
    await db.$transaction((tx) => recomputeRun(tx, runId))
    const after = await resultsOf(runId)
    expect(after.map(({ id: _id, ...r }) => r)).toEqual(before.map(({ id: _id, ...r }) => r))
    const adjustment = await db.assessmentAdjustment.findFirstOrThrow({ where: { runId, townshipId: townships[4].id } })
    await removeEntry(official, { runId, kind: 'adjustment', entryId: adjustment.id })
    expect((await resultsOf(runId)).find((r) => r.townshipId === townships[4].id)!.total).toBe(910)
  })

  it('publishes once: publishing twice, or changing a published run, is refused with a message and writes nothing', async () => {
    const { runId, official, townships } = await scheme2003Run()
    await publish(official, runId)
    const events = await db.auditEvent.count({ where: { entity: 'AssessmentRun', entityId: String(runId) } })
    await expectAppError(publish(official, runId), 'assessment.errors.alreadyPublished')
    await expectAppError(
      addAdjustment(official, { runId, townshipId: townships[0].id, points: 10, reason: '补录', document: '无' }),
      'assessment.errors.published',
    )
    await expectAppError(addVeto(official, { runId, townshipId: townships[0].id, reason: '补录', document: '无' }), 'assessment.errors.published')
    expect(await db.assessmentAdjustment.count({ where: { runId } })).toBe(3)
    expect(await db.auditEvent.count({ where: { entity: 'AssessmentRun', entityId: String(runId) } })).toBe(events)
    const run = await db.assessmentRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run.status).toBe('PUBLISHED')
  })

  it('corrects a published run only by a new run with a reason; the rankings show the correction, not the run it replaced', async () => {
    const { runId, official, schemeId, officialUser } = await scheme2003Run()
    await publish(official, runId)
    await expectAppError(createRun(official, { schemeId, statYear: thisYear, title: '更正', correctsId: runId }), 'assessment.errors.reasonRequired')
    const correction = await createRun(official, { schemeId, statYear: thisYear, title: '更正后的考核', correctsId: runId, reason: '投资数据更正' })
    await publish(official, correction)
    const ranking = await rankings(officialUser)
    expect(ranking?.latest?.run.id).toBe(correction)
    expect(ranking?.history.map((h) => h.runId)).toEqual([correction])
  })
})

describe('assessment: scoping', () => {
  it('shows a township nothing before publication, and after it only its own breakdown', async () => {
    const c = await scheme2003Run()
    const own = await sessionStaff('TOWNSHIP_STAFF', c.townships[2])
    expect(await getRun(own, c.runId)).toBeNull()
    expect(await whyOf(own, c.runId, c.townships[2].id)).toBeNull()
    expect((await rankings(own))?.latest ?? null).toBeNull()
    await publish(c.official, c.runId)
    const run = await getRun(own, c.runId)
    expect(run?.results.map((r) => r.townshipId)).toEqual([c.townships[2].id])
    expect(run?.snapshot.townships.map((t) => t.id)).toEqual([c.townships[2].id])
    expect(await whyOf(own, c.runId, c.townships[2].id)).not.toBeNull()
    expect(await whyOf(own, c.runId, c.townships[3].id)).toBeNull()
    const ranking = await rankings(own)
    expect(ranking?.latest?.rows.map((r) => [r.name, r.place])).toEqual([[c.townships[2].name, 5]])
    // another county's official sees nothing of it
    const other = await county(1)
    expect(await getRun(other.officialUser, c.runId)).toBeNull()
    await expectAppError(publish(other.official, c.runId), 'errors.notFound')
  })
})

describe('assessment: freezing', () => {
  it('keeps a run as it was when the register changes after it; a new run reads the change', async () => {
    const c = await county(2)
    const { id: schemeId } = await saveScheme(c.admin, JSON.stringify(NINGJIN_POPULATION))
    const runId = await createRun(c.official, { schemeId, statYear: thisYear, title: '人口服务考核' })
    const frozen = await db.assessmentRun.findUniqueOrThrow({ where: { id: runId }, select: { inputs: true } })
    const before = await resultsOf(runId)
    const registration = (inputs: unknown, townshipId: number) =>
      (inputs as { code: string; townshipId: number; value: number | null }[]).find((i) => i.code === 'registration' && i.townshipId === townshipId)!.value
    expect(registration(frozen.inputs, c.townships[0].id)).toBeNull()

    // a birth registered today, 60 days after it happened: a late registration in 乡镇01
    const { members } = await makeHousehold(db, c.villages[0], { address: '冻结路 1 号', members: [{ ...personInput({ name: '赵冻结' }), relation: 'SELF' }] })
    const today = todayIso()
    await db.lifeEvent.create({
      data: {
        countyId: c.county.id,
        townshipId: c.townships[0].id,
        villageId: c.villages[0].id,
        type: 'MARRIAGE',
        personId: members[0].id,
        occurredOn: new Date(toDate(today).getTime() - 60 * 86_400_000),
        recordedOn: toDate(today),
        late: true,
        details: {},
        recordedById: c.officialUser.id,
      },
    })
    await saveValues(c.official, {
      schemeId,
      periodKey: String(thisYear),
      cells: [{ code: 'service', townshipId: c.townships[0].id, value: 18 }],
      evidence: {},
      via: 'form',
    })

    const again = await db.assessmentRun.findUniqueOrThrow({ where: { id: runId }, select: { inputs: true } })
    expect(again.inputs).toEqual(frozen.inputs)
    await db.$transaction((tx) => recomputeRun(tx, runId))
    expect((await resultsOf(runId)).map((r) => r.total)).toEqual(before.map((r) => r.total))

    const next = await createRun(c.official, { schemeId, statYear: thisYear, title: '人口服务考核（第二次）' })
    const fresh = await db.assessmentRun.findUniqueOrThrow({ where: { id: next }, select: { inputs: true } })
    expect(registration(fresh.inputs, c.townships[0].id)).toBe(0)
    const service = (fresh.inputs as { code: string; townshipId: number; value: number | null; source: string }[]).find(
      (i) => i.code === 'service' && i.townshipId === c.townships[0].id,
    )
    expect(service).toMatchObject({ value: 18, source: 'manual' })
  })
})

describe('assessment: bad input', () => {
  it('refuses a scheme with a cycle, points that do not add up or an unknown method, naming each problem, and writes nothing', async () => {
    const c = await county(1)
    const cases: { change: (s: typeof NINGJIN_2003) => unknown; kinds: string[] }[] = [
      { change: (s) => ({ ...s, nodes: s.nodes.map((n) => (n.code === 'econ' ? { ...n, parent: 'investment' } : n)) }), kinds: ['cycle'] },
      { change: (s) => ({ ...s, nodes: s.nodes.map((n) => (n.code === 'agriculture' ? { ...n, maxPoints: 60 } : n)) }), kinds: ['pointsDoNotAddUp'] },
      { change: (s) => ({ ...s, maxPoints: 900 }), kinds: ['pointsDoNotAddUp'] },
      {
        change: (s) => ({ ...s, nodes: s.nodes.map((n) => (n.code === 'investment' ? { ...n, method: { kind: 'best-of-three' } } : n)) }),
        kinds: ['unknownMethod'],
      },
      { change: (s) => ({ ...s, nodes: s.nodes.map((n) => (n.code === 'investment' ? { ...n, source: 'benefits.coverage' } : n)) }), kinds: ['unknownSource'] },
    ]
    for (const { change, kinds } of cases) {
      const error = await saveScheme(c.admin, JSON.stringify(change(NINGJIN_2003))).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(SchemeInvalidError)
      expect((error as SchemeInvalidError).problems.map((p) => p.kind)).toEqual(kinds)
    }
    expect(await db.assessmentScheme.count({ where: { countyId: c.county.id } })).toBe(0)
  })

  it('a new version leaves the old one for its runs', async () => {
    const c = await county(2)
    const first = await saveScheme(c.admin, JSON.stringify(NINGJIN_POPULATION))
    const runId = await createRun(c.official, { schemeId: first.id, statYear: thisYear, title: '第一版' })
    const second = await saveScheme(c.admin, JSON.stringify({ ...NINGJIN_POPULATION, name: '宁津县人口服务工作考核（修订）' }))
    expect(second.version).toBe(2)
    const versions = await db.assessmentScheme.findMany({ where: { countyId: c.county.id }, orderBy: { version: 'asc' }, select: { id: true, current: true } })
    expect(versions).toEqual([
      { id: first.id, current: false },
      { id: second.id, current: true },
    ])
    expect((await db.assessmentRun.findUniqueOrThrow({ where: { id: runId } })).schemeId).toBe(first.id)
  })

  it('refuses a value sheet with an unknown township or text in a number column, naming the row, and writes nothing', async () => {
    const c = await county(3)
    const { id: schemeId } = await saveScheme(c.admin, JSON.stringify(NINGJIN_2003))
    const sheet = async (rows: (string | number | null)[][]) => {
      const workbook = new ExcelJS.Workbook()
      const ws = workbook.addWorksheet('values')
      ws.addRow(['乡镇', '全社会固定资产投资（万元） [investment]', '财政税收'])
      for (const row of rows) ws.addRow(row)
      return new Uint8Array(await workbook.xlsx.writeBuffer())
    }
    const unknown = await expectAppError(
      importValues(c.official, {
        schemeId,
        periodKey: String(thisYear),
        evidence: 'x',
        bytes: await sheet([
          [c.townships[0].name, 100, 40],
          ['外县镇', 200, 30],
        ]),
      }),
      'assessment.errors.unknownTownshipRow',
    )
    expect(unknown.params).toMatchObject({ line: 3, name: '外县镇' })
    const text = await expectAppError(
      importValues(c.official, {
        schemeId,
        periodKey: String(thisYear),
        evidence: 'x',
        bytes: await sheet([
          [c.townships[0].name, 100, 40],
          [c.townships[1].name, '约200', 30],
        ]),
      }),
      'assessment.errors.notANumberRow',
    )
    expect(text.params).toMatchObject({ line: 3, value: '约200' })
    expect(await db.assessmentValue.count({ where: { countyId: c.county.id } })).toBe(0)

    const ok = await importValues(c.official, {
      schemeId,
      periodKey: String(thisYear),
      evidence: '县发改局',
      bytes: await sheet([
        [c.townships[0].name, 100, 40],
        [c.townships[1].name, '1,200', null],
      ]),
    })
    expect(ok).toEqual({ saved: 3, removed: 0 })
    const values = await db.assessmentValue.findMany({
      where: { countyId: c.county.id },
      orderBy: [{ townshipId: 'asc' }, { indicatorCode: 'asc' }],
      select: { indicatorCode: true, value: true, evidence: true },
    })
    expect(values).toEqual([
      { indicatorCode: 'fiscal', value: 40, evidence: '县发改局' },
      { indicatorCode: 'investment', value: 100, evidence: '县发改局' },
      { indicatorCode: 'investment', value: 1200, evidence: '县发改局' },
    ])
  })
})
