import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { sessionStaff } from './helpers'
import { makeRegion, personInput, type MadeRegion } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import {
  addTeam,
  createRound,
  createSample,
  createTemplate,
  openRectification,
  publishRound,
  recordSampleHousehold,
  reviewRectification,
  saveScores,
  submitMeasures,
} from '@/lib/assessment/inspections'
import { rectificationLedger, roundDetail, sampleDetail, scoreSheet } from '@/lib/assessment/inspection-queries'
import { inspectionScoreByTownship, sampleRatesByTownship } from '@/lib/assessment/inspection-indicators'
import { inspectionInbox } from '@/lib/assessment/inspection-inbox'
import { drawSample } from '@/lib/assessment/inspection-rules'
import { householdsOfTownship } from '@/lib/registry/sample'
import { AppError } from '@/lib/server/errors'
import { annualPeriod } from '@/lib/periods/rules'
import { DEFAULT_REPORT_SETTINGS } from '@/lib/reports/rules'
import type { Translate } from '@/lib/i18n/core'

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const photo = (name = 'photo.png') => new File([new Uint8Array(PNG_1PX)], name, { type: 'image/png' })
const TODAY = '2026-06-15'

let counter = 0
/** A county of its own with three townships (one village each), an official, two inspectors and township staff. */
async function world() {
  counter += 1
  const code6 = String(770000 + ((process.pid * 31 + counter * 11) % 9999)).padStart(6, '7')
  const county = await makeRegion(db, { code: `${code6}000000`, name: `督查县${code6}`, level: 'COUNTY' })
  const townships: MadeRegion[] = []
  const villages: MadeRegion[] = []
  for (let i = 1; i <= 3; i++) {
    const t = await makeRegion(db, { code: `${code6}${100 + i}000`, name: `督查镇${i}`, level: 'TOWNSHIP', parent: county })
    townships.push(t)
    villages.push(await makeRegion(db, { code: `${code6}${100 + i}201`, name: `督查村${i}`, level: 'VILLAGE', parent: t }))
  }
  const ctx = (u: Awaited<ReturnType<typeof sessionStaff>>) => ({ actor: u, subject: u })
  const official = ctx(await sessionStaff('COUNTY_OFFICIAL', county))
  const inspectorA = ctx(await sessionStaff('INSPECTOR', county))
  const inspectorB = ctx(await sessionStaff('INSPECTOR', county))
  const staff1 = ctx(await sessionStaff('TOWNSHIP_STAFF', townships[0]))
  const staff2 = ctx(await sessionStaff('TOWNSHIP_STAFF', townships[1]))
  const templateId = await createTemplate(official, {
    name: '督查评分表',
    items: [
      { code: 'A1', group: '组织领导', name: '领导重视', maxPoints: 10, guidance: '' },
      { code: 'B1', group: '基础工作', name: '台账完整', maxPoints: 20, guidance: '每缺一项扣 1 分' },
    ],
  })
  const roundId = await createRound(official, { title: '2026年第二次督查考评', statYear: 2026, templateId, startsOn: '2026-05-01', endsOn: '2026-05-10' })
  // team A visits townships 1 and 2, team B township 3
  await addTeam(official, { roundId, name: '第一组', memberIds: [inspectorA.subject.id], townshipIds: [townships[0].id, townships[1].id] })
  await addTeam(official, { roundId, name: '第二组', memberIds: [inspectorB.subject.id], townshipIds: [townships[2].id] })
  return { county, townships, villages, official, inspectorA, inspectorB, staff1, staff2, templateId, roundId }
}

async function expectAppError(promise: Promise<unknown>, key: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).key).toBe(key)
  return error as AppError
}

const scores = (points: Record<string, number | null>, extra: { photo?: File; note?: string } = {}) =>
  Object.entries(points).map(([code, p]) => ({ code, points: p, note: extra.note ?? '', ...(extra.photo ? { photo: extra.photo } : {}) }))

describe('inspection rounds', () => {
  it('an inspector scores the townships of the team with a photo; a score above the maximum or outside the team is refused and nothing is written', async () => {
    const w = await world()
    const saved = await saveScores(w.inspectorA, {
      roundId: w.roundId,
      townshipId: w.townships[0].id,
      scores: scores({ A1: 8, B1: 17.5 }, { photo: photo(), note: '会议记录齐全' }),
    })
    expect(saved.saved).toBe(2)
    const photos = await db.attachment.count({ where: { ownerType: 'InspectionScore', countyId: w.county.id } })
    expect(photos).toBe(2)

    const error = await expectAppError(
      saveScores(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[1].id, scores: scores({ A1: 9, B1: 21 }) }),
      'inspections.errors.score.aboveMaximum',
    )
    expect(error.fieldErrors).toEqual({ 'p:B1': 'inspections.errors.score.aboveMaximum' })
    await expectAppError(
      saveScores(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[1].id, scores: scores({ A1: -1 }) }),
      'inspections.errors.score.negative',
    )
    expect(await db.inspectionScore.count({ where: { roundId: w.roundId, townshipId: w.townships[1].id } })).toBe(0)

    // township 3 is team B's: inspector A is refused, audited, and nothing is written
    await expectAppError(
      saveScores(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[2].id, scores: scores({ A1: 5 }) }),
      'inspections.errors.notYourTownship',
    )
    expect(await db.inspectionScore.count({ where: { roundId: w.roundId, townshipId: w.townships[2].id } })).toBe(0)
    expect(await db.auditEvent.count({ where: { actorId: w.inspectorA.subject.id, action: 'permission.denied' } })).toBe(1)
    await expectAppError(
      openRectification(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[2].id, finding: '台账不全', dueOn: '2026-06-30' }),
      'inspections.errors.notYourTownship',
    )
  })

  it('a township sees its own scores and rectifications only once the result is published, and never another township’s', async () => {
    const w = await world()
    await saveScores(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[0].id, scores: scores({ A1: 8, B1: 18 }) })
    await saveScores(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[1].id, scores: scores({ A1: 10, B1: 19 }) })
    await saveScores(w.inspectorB, { roundId: w.roundId, townshipId: w.townships[2].id, scores: scores({ A1: 8, B1: 18 }) })
    await openRectification(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[0].id, itemCode: 'B1', finding: '台账缺两项', dueOn: '2026-06-30' })
    await openRectification(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[1].id, finding: '宣传栏未更新', dueOn: '2026-06-10' })

    expect(await roundDetail(w.staff1.subject, w.roundId, TODAY)).toBeNull()
    expect(await scoreSheet(w.staff1.subject, w.roundId, w.townships[0].id)).toBeNull()
    expect(await rectificationLedger(w.staff1.subject, TODAY)).toEqual([])

    // the county sees all three, ranked (29 first; 26 and 26 share second place)
    const county = (await roundDetail(w.official.subject, w.roundId, TODAY))!
    expect(county.results.map((r) => [r.name, r.total, r.place])).toEqual([
      ['督查镇2', 29, 1],
      ['督查镇1', 26, 2],
      ['督查镇3', 26, 2],
    ])
    expect(county.results.find((r) => r.name === '督查镇2')!.overdue).toBe(1)

    await publishRound(w.official, w.roundId)
    await expectAppError(publishRound(w.official, w.roundId), 'inspections.errors.published')
    await expectAppError(
      saveScores(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[0].id, scores: scores({ A1: 9 }) }),
      'inspections.errors.published',
    )

    const own = (await roundDetail(w.staff1.subject, w.roundId, TODAY))!
    expect(own.results.map((r) => [r.name, r.total, r.place, r.open])).toEqual([['督查镇1', 26, 2, 1]])
    expect(await scoreSheet(w.staff1.subject, w.roundId, w.townships[1].id)).toBeNull()
    const ledger = await rectificationLedger(w.staff1.subject, TODAY)
    expect(ledger.map((r) => r.finding)).toEqual(['台账缺两项'])
    // another township's item is missing to this township's staff, and the refusal is audited
    const other = (await rectificationLedger(w.official.subject, TODAY)).find((r) => r.township === '督查镇2')!
    await expect(submitMeasures(w.staff1, { rectificationId: other.id, measures: '已更新', evidence: photo() })).rejects.toThrow('errors.notFound')
  })
})

describe('rectification', () => {
  it('the township enters measures with evidence; the inspector refuses once with a reason, then closes it out; closing without evidence is refused', async () => {
    const w = await world()
    const id = await openRectification(w.inspectorA, {
      roundId: w.roundId,
      townshipId: w.townships[0].id,
      itemCode: 'B1',
      finding: '台账缺两项',
      dueOn: '2026-06-30',
    })
    const bare = await openRectification(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[0].id, finding: '无佐证', dueOn: '2026-06-30' })
    await publishRound(w.official, w.roundId)

    // nothing submitted: close-out is refused; no evidence: submission is refused and nothing is written
    await expectAppError(reviewRectification(w.inspectorA, { rectificationId: bare, decision: 'close' }), 'inspections.errors.evidenceRequired')
    await expectAppError(submitMeasures(w.staff1, { rectificationId: bare, measures: '已整改' }), 'inspections.errors.evidenceRequired')
    expect(await db.rectification.findUniqueOrThrow({ where: { id: bare } })).toMatchObject({ status: 'OPEN', measures: '' })

    await submitMeasures(w.staff1, { rectificationId: id, measures: '已补齐台账两项', evidence: photo('台账.png') })
    expect(await db.attachment.count({ where: { ownerType: 'Rectification', ownerId: id } })).toBe(1)
    await expectAppError(reviewRectification(w.inspectorA, { rectificationId: id, decision: 'refuse' }), 'inspections.errors.reasonRequired')
    await reviewRectification(w.inspectorA, { rectificationId: id, decision: 'refuse', reason: '照片看不清' })
    expect(await db.rectification.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'OPEN', refusal: '照片看不清', refusals: 1 })
    // re-inspection: the township submits again (the earlier evidence counts), the inspector closes it
    await submitMeasures(w.staff1, { rectificationId: id, measures: '已补齐台账两项，重新拍照', evidence: photo('台账2.png') })
    await reviewRectification(w.inspectorA, { rectificationId: id, decision: 'close' })
    expect(await db.rectification.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'CLOSED', closedById: w.inspectorA.subject.id })
    await expectAppError(submitMeasures(w.staff1, { rectificationId: id, measures: '再改' }), 'inspections.errors.closed')
    const actions = (
      await db.auditEvent.findMany({ where: { entity: 'Rectification', entityId: String(id) }, orderBy: { id: 'asc' }, select: { action: true } })
    ).map((a) => a.action)
    expect(actions).toEqual([
      'inspection.rectification.open',
      'inspection.rectification.submit',
      'inspection.rectification.refuse',
      'inspection.rectification.submit',
      'inspection.rectification.close',
    ])
  })

  it('the inbox offers the township its items near due or overdue, the inspector the close-outs and the sheets to score', async () => {
    const w = await world()
    const near = await openRectification(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[0].id, finding: '近期到期', dueOn: '2026-06-18' })
    await openRectification(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[0].id, finding: '远期', dueOn: '2026-09-30' })
    await saveScores(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[0].id, scores: scores({ A1: 8, B1: 18 }) })
    const t = ((key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`) as unknown as Translate
    const forA = await inspectionInbox({ ctx: w.inspectorA, t, today: TODAY })
    // township 1 is fully scored: only township 2 waits for team A
    expect(forA.map((i) => i.key)).toEqual([`inspections.score:${w.roundId}:${w.townships[1].id}`])
    await publishRound(w.official, w.roundId)
    const forStaff = await inspectionInbox({ ctx: w.staff1, t, today: TODAY })
    expect(forStaff.map((i) => i.key)).toEqual([`inspections.rectification:${near}`])
    await submitMeasures(w.staff1, { rectificationId: near, measures: '已整改', evidence: photo() })
    expect((await inspectionInbox({ ctx: w.inspectorA, t, today: TODAY })).map((i) => i.key)).toEqual([`inspections.review:${near}`])
    expect(await inspectionInbox({ ctx: w.inspectorB, t, today: TODAY })).toEqual([])
  })
})

describe('sample verification', () => {
  it('draws a stratified sample with a stored seed (the same seed draws the same households), records findings and yields the rates', async () => {
    const w = await world()
    for (let i = 0; i < 6; i++)
      await makeHousehold(db, w.villages[0], { address: `东街${i}号`, members: [{ ...personInput({ name: `户主${i}` }), relation: 'SELF' }] })
    const sub = await makeRegion(db, { code: `${w.villages[0].code.slice(0, 9)}202`, name: '督查二村', level: 'VILLAGE', parent: w.townships[0] })
    for (let i = 0; i < 4; i++) await makeHousehold(db, sub, { address: `西街${i}号`, members: [{ ...personInput({ name: `西户${i}` }), relation: 'SELF' }] })

    const id = await createSample(w.inspectorA, { townshipId: w.townships[0].id, statYear: 2026, size: 5, seed: 'ningjin-2026' })
    const again = await createSample(w.inspectorB, { townshipId: w.townships[0].id, statYear: 2026, size: 5, seed: 'ningjin-2026' })
    const [a, b] = [(await sampleDetail(w.official.subject, id))!, (await sampleDetail(w.official.subject, again))!]
    expect(b.households.map((h) => h.householdId)).toEqual(a.households.map((h) => h.householdId))
    expect(a.households.filter((h) => h.village === '督查二村')).toHaveLength(2)
    expect(a.households.map((h) => h.householdId)).toEqual(drawSample(await householdsOfTownship(db, w.townships[0].id), 5, 'ningjin-2026').map((h) => h.id))

    const outcomes = ['CORRECT', 'CORRECT', 'FIELD_WRONG', 'UNREGISTERED', 'CORRECT'] as const
    for (const [i, h] of a.households.entries()) {
      await recordSampleHousehold(w.inspectorA, {
        sampleHouseholdId: h.id,
        outcome: outcomes[i],
        wrongField: outcomes[i] === 'FIELD_WRONG' ? 'birthDate' : undefined,
      })
    }
    const done = (await sampleDetail(w.official.subject, id))!
    expect(done.rates.checked).toBe(5)
    expect(done.rates.errorRate!.rate).toBeCloseTo(0.2)
    expect(done.rates.missingRate!.rate).toBeCloseTo(0.2)
    // a township's staff cannot see the county's sample
    expect(await sampleDetail(w.staff1.subject, id)).toBeNull()
    // the sample of another county looks missing
    const otherWorld = await world()
    await expect(recordSampleHousehold(otherWorld.inspectorA, { sampleHouseholdId: a.households[0].id, outcome: 'CORRECT' })).rejects.toThrow('errors.notFound')

    // indicator sources: the latest sample of the year (the second, still unverified, is the latest), and the published round's score
    const period = annualPeriod(2026, DEFAULT_REPORT_SETTINGS)
    const rates = await sampleRatesByTownship(db, w.county.id, period)
    expect(rates.get(w.townships[0].id)).toMatchObject({ checkId: again, checked: 0, errorRate: null })
    await saveScores(w.inspectorA, { roundId: w.roundId, townshipId: w.townships[0].id, scores: scores({ A1: 7, B1: 15.5 }) })
    expect((await inspectionScoreByTownship(db, w.county.id, period)).size).toBe(0)
    await publishRound(w.official, w.roundId)
    expect((await inspectionScoreByTownship(db, w.county.id, period)).get(w.townships[0].id)).toEqual({ total: 22.5, roundId: w.roundId, maximum: 30 })
  })
})
