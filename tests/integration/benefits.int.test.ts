import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { staff } from './helpers'
import { makeCounty, personInput } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { installBenefitPrograms } from '@/tests/factories/benefits'
import {
  addStandard,
  advance,
  apply,
  exitEnrollment,
  publishNotice,
  raiseObjection,
  resolveObjection,
  returnApplication,
  refuseApplication,
} from '@/lib/benefits/service'
import { applicationDetail, listApplications, noticeDetail, outreach, personBenefits } from '@/lib/benefits/queries'
import { advanceSchema, applySchema, standardSchema } from '@/lib/benefits/schemas'
import { recordEvent } from '@/lib/registry/service'
import { AppError } from '@/lib/server/errors'
import { todayIso } from '@/lib/dates'
import { addDays } from '@/lib/services/rules'

// The benefits workflow against the real database: 申报 → 受理 → 调查 → 评议 → 公示 → 复核 → 审批 →
// 录入 with a return and an objection, scoping, the refusals that write nothing, and the register's
// death hook proposing an exit.

const today = todayIso()
const day = (n: number) => addDays(today, n - 40)
type Staff = Awaited<ReturnType<typeof staff>>
const ctx = (user: Staff) => ({ actor: user, subject: user })

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

async function setting() {
  const tree = await makeCounty(db, '扶助')
  const programs = await installBenefitPrograms(db, tree.county.id)
  const [village, otherVillage, farVillage] = tree.villages
  const { members } = await makeHousehold(db, village, {
    address: '扶助路1号',
    members: [
      { ...personInput({ name: '李秀英', sex: 'FEMALE', birthDate: '1960-03-01' }), relation: 'SELF' },
      { ...personInput({ name: '王建国', sex: 'MALE', birthDate: '1958-05-01' }), relation: 'SPOUSE' },
      { ...personInput({ name: '王小军', sex: 'MALE', birthDate: '1990-05-01', maritalStatus: 'SINGLE' }), relation: 'CHILD' },
      { ...personInput({ name: '李年轻', sex: 'FEMALE', birthDate: '1990-02-01' }), relation: 'OTHER' },
    ],
  })
  const [woman, man, son, young] = members
  await db.person.update({ where: { id: son.id }, data: { motherId: woman.id, fatherId: man.id } })
  const who = {
    village: await staff('VILLAGE_OFFICER', village),
    otherVillage: await staff('VILLAGE_OFFICER', otherVillage),
    township: await staff('TOWNSHIP_STAFF', tree.townships[0]),
    otherTownship: await staff('TOWNSHIP_STAFF', tree.townships[1]),
    county: await staff('COUNTY_OFFICIAL', tree.county),
    admin: await staff('ADMIN', tree.county),
  }
  return { ...tree, programs, village, otherVillage, farVillage, woman, man, son, young, who }
}

type Setting = Awaited<ReturnType<typeof setting>>

function applyInput(fields: Record<string, string>) {
  return applySchema.parse({ applicantId: '', note: '', evidence: '', ...fields })
}

async function step(s: Setting, user: Staff, applicationId: number, stepName: string, doneOn: string, todayNow = doneOn) {
  const { version } = await db.benefitApplication.findUniqueOrThrow({ where: { id: applicationId } })
  return advance(
    ctx(user),
    advanceSchema.parse({ applicationId: String(applicationId), version: String(version), step: stepName, doneOn, note: `${stepName} 意见` }),
    todayNow,
  )
}

async function applyReward(s: Setting, personId = s.woman.id, on = day(0)) {
  return apply(
    ctx(s.who.village),
    applyInput({
      programId: String(s.programs.get('REWARD')!.id),
      personId: String(personId),
      appliedOn: on,
      familyPlanningFamily: 'yes',
      evidence: '独生子女证 No.1234',
    }),
    on,
  )
}

describe('benefits workflow', () => {
  it('runs 申报 to 录入 with a return and an objection, and refuses to move past 公示 early or with an open objection', async () => {
    const s = await setting()
    const { applicationId } = await applyReward(s)
    const version = async () => (await db.benefitApplication.findUniqueOrThrow({ where: { id: applicationId } })).version

    // the village cannot accept its own application: that is the township's step
    expect((await refusal(step(s, s.who.village, applicationId, 'ACCEPT', day(1)))).key).toBe('benefits.errors.notYourStep')
    await step(s, s.who.township, applicationId, 'ACCEPT', day(1))
    await step(s, s.who.township, applicationId, 'INVESTIGATE', day(2))
    // returned one step with a reason, then investigated again
    await returnApplication(ctx(s.who.township), { applicationId, version: await version(), reason: '入户调查材料不全' }, day(3))
    expect((await db.benefitApplication.findUniqueOrThrow({ where: { id: applicationId } })).status).toBe('ACCEPTED')
    await step(s, s.who.township, applicationId, 'INVESTIGATE', day(4))
    await step(s, s.who.township, applicationId, 'DELIBERATE', day(5))

    const { noticeId, count } = await publishNotice(ctx(s.who.township), { villageId: s.village.id, startsOn: day(6), contact: '乡镇人口服务办 0534-5123456' })
    expect(count).toBe(1)
    const notice = await noticeDetail(s.who.township, noticeId)
    expect(notice).toMatchObject({ startsOn: day(6), endsOn: day(12), contact: '乡镇人口服务办 0534-5123456' })
    expect(notice!.rows).toEqual([
      expect.objectContaining({ name: '李秀英', village: s.village.name, programZh: '农村部分计划生育家庭奖励扶助', categoryZh: '奖励扶助' }),
    ])
    expect(JSON.stringify(notice)).not.toMatch(/\d{17}[\dX]/)

    // the county cannot review while the notice runs
    expect((await refusal(step(s, s.who.county, applicationId, 'REVIEW', day(10)))).key).toBe('benefits.errors.noticeRunning')
    const { objectionId } = await raiseObjection(
      ctx(s.who.township),
      { applicationId, raisedBy: '张群众', raisedOn: day(8), content: '其子女情况与申报不符' },
      day(8),
    )
    // after the period, but the objection is open: refused, nothing written
    const stepsBefore = await db.benefitStepRecord.count({ where: { applicationId } })
    expect((await refusal(step(s, s.who.county, applicationId, 'REVIEW', day(14)))).key).toBe('benefits.errors.objectionOpen')
    expect(await db.benefitStepRecord.count({ where: { applicationId } })).toBe(stepsBefore)
    await resolveObjection(ctx(s.who.township), { objectionId, resolution: '经核实，情况属实，异议不成立', resolvedOn: day(14) }, day(14))
    // the township cannot review (the county's step)
    expect((await refusal(step(s, s.who.township, applicationId, 'REVIEW', day(15)))).key).toBe('benefits.errors.notYourStep')
    await step(s, s.who.county, applicationId, 'REVIEW', day(15))
    await step(s, s.who.county, applicationId, 'APPROVE', day(16))
    await step(s, s.who.county, applicationId, 'ENROLL', day(17))

    const detail = await applicationDetail(s.who.village, applicationId)
    expect(detail!.status).toBe('ENROLLED')
    expect(detail!.steps.map((x) => x.step)).toEqual([
      'APPLY',
      'ACCEPT',
      'INVESTIGATE',
      'RETURN',
      'INVESTIGATE',
      'DELIBERATE',
      'PUBLISH',
      'REVIEW',
      'APPROVE',
      'ENROLL',
    ])
    expect(detail!.objections[0]).toMatchObject({ raisedBy: '张群众', resolution: '经核实，情况属实，异议不成立' })
    // enrolled from the approval date with the standard in force then
    expect(detail!.enrollment).toMatchObject({ amountCents: 96000 })
    expect(detail!.enrollment!.startsOn.toISOString().slice(0, 10)).toBe(day(16))
    expect(detail!.eligibility.met).toBe(true)
    // every write audited
    const actions = (await db.auditEvent.findMany({ where: { entity: 'BenefitApplication', entityId: String(applicationId) }, select: { action: true } })).map(
      (a) => a.action,
    )
    expect(actions).toEqual(
      expect.arrayContaining([
        'benefit.apply',
        'benefit.step.accept',
        'benefit.step.return',
        'benefit.step.review',
        'benefit.step.approve',
        'benefit.step.enroll',
      ]),
    )
    expect(
      await db.auditEvent.count({
        where: { action: { in: ['benefit.notice.publish', 'benefit.objection.raise', 'benefit.objection.resolve'] }, regionId: s.village.id },
      }),
    ).toBe(3)
    expect((await personBenefits(s.who.township, s.woman.id))[0]).toMatchObject({ status: 'ENROLLED', enrollment: { amountCents: 96000, endsOn: null } })
  })

  it('refuses applying twice for the same person and program, an ineligible person and a declaration without evidence', async () => {
    const s = await setting()
    await applyReward(s)
    const twice = await refusal(applyReward(s))
    expect(twice.key).toBe('benefits.errors.alreadyApplied')
    expect(await db.benefitApplication.count({ where: { personId: s.woman.id } })).toBe(1)
    // 李年轻 is 30-odd: not eligible, nothing written, the explanation says so
    expect((await refusal(applyReward(s, s.young.id))).key).toBe('benefits.errors.notEligible')
    expect(await db.benefitApplication.count({ where: { personId: s.young.id } })).toBe(0)
    const noEvidence = applySchema.safeParse({ programId: '1', personId: '1', appliedOn: day(0), familyPlanningFamily: 'yes', evidence: '' })
    expect(noEvidence.success).toBe(false)
    // a refusal tells the applicant why; re-applying after a refusal is a new application
    const [live] = await db.benefitApplication.findMany({ where: { personId: s.woman.id } })
    await refuseApplication(ctx(s.who.township), { applicationId: live.id, version: live.version, reason: '未能提供独生子女证原件' }, day(1))
    expect((await db.benefitApplication.findUniqueOrThrow({ where: { id: live.id } })).refusalReason).toBe('未能提供独生子女证原件')
    await applyReward(s, s.woman.id, day(2))
    expect(await db.benefitApplication.count({ where: { personId: s.woman.id } })).toBe(2)
  })

  it('scopes: a village sees only its applications, another township and county cannot act on them', async () => {
    const s = await setting()
    const { applicationId } = await applyReward(s)
    expect((await listApplications(s.who.village)).map((a) => a.id)).toContain(applicationId)
    expect(await listApplications(s.who.otherVillage)).toEqual([])
    expect(await applicationDetail(s.who.otherVillage, applicationId)).toBeNull()
    expect((await refusal(step(s, s.who.otherTownship, applicationId, 'ACCEPT', day(1)))).key).toBe('errors.notFound')
    // another county's official cannot approve this county's applications
    const other = await makeCounty(db, '外县')
    const foreign = await staff('COUNTY_OFFICIAL', other.county)
    expect(await applicationDetail(foreign, applicationId)).toBeNull()
    expect((await refusal(step(s, foreign, applicationId, 'ACCEPT', day(1)))).key).toBe('errors.notFound')
    // the village officer applies only for its own residents
    const { members } = await makeHousehold(db, s.farVillage, {
      address: '远村1号',
      members: [{ ...personInput({ name: '赵远', sex: 'MALE', birthDate: '1950-01-01' }), relation: 'SELF' }],
    })
    expect((await refusal(applyReward(s, members[0].id))).key).toBe('errors.notFound')
  })

  it('the special assistance program reads the children in the register and the declared disability grade', async () => {
    const s = await setting()
    const special = s.programs.get('SPECIAL')!
    const base = { programId: String(special.id), personId: String(s.woman.id), appliedOn: day(0) }
    // her son is alive and no disability is declared: not eligible
    expect((await refusal(apply(ctx(s.who.village), applyInput(base), day(0)))).key).toBe('benefits.errors.notEligible')
    // a declared grade-2 disability with its certificate: eligible, in the rural disability category
    const { applicationId } = await apply(ctx(s.who.village), applyInput({ ...base, childDisabilityGrade: '2', evidence: '残疾证 37142219900501' }), day(0))
    const detail = await applicationDetail(s.who.village, applicationId)
    expect(detail!.category?.code).toBe('DISABLED_RURAL')
    expect(JSON.stringify(detail!.eligibility)).toContain('残疾证')
  })

  it('a death recorded in the register proposes the exit; the township confirms it', async () => {
    const s = await setting()
    const { applicationId } = await applyReward(s)
    for (const [user, name, n] of [
      [s.who.township, 'ACCEPT', 1],
      [s.who.township, 'INVESTIGATE', 2],
      [s.who.township, 'DELIBERATE', 3],
    ] as const)
      await step(s, user, applicationId, name, day(n))
    await publishNotice(ctx(s.who.township), { startsOn: day(4), contact: '乡镇 5123456' })
    await step(s, s.who.county, applicationId, 'REVIEW', day(12))
    await step(s, s.who.county, applicationId, 'APPROVE', day(13))
    await step(s, s.who.county, applicationId, 'ENROLL', day(13))
    const person = await db.person.findUniqueOrThrow({ where: { id: s.woman.id } })
    await recordEvent(ctx(s.who.village), { type: 'DEATH', personId: person.id, version: person.version, occurredOn: day(30), newHeadId: s.man.id })
    const enrollment = await db.benefitEnrollment.findUniqueOrThrow({ where: { applicationId } })
    expect(enrollment).toMatchObject({ proposedExit: 'DEATH', endsOn: null })
    expect(enrollment.proposedExitOn?.toISOString().slice(0, 10)).toBe(day(30))
    await exitEnrollment(ctx(s.who.township), { enrollmentId: enrollment.id, version: enrollment.version, reason: 'DEATH', endsOn: day(30) })
    expect(await db.benefitEnrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).toMatchObject({ exitReason: 'DEATH', proposedExit: null })
    expect((await db.benefitApplication.findUniqueOrThrow({ where: { id: applicationId } })).status).toBe('EXITED')
  })

  it('refuses a standard whose dates overlap another of the category, writing nothing', async () => {
    const s = await setting()
    const categoryId = s.programs.get('REWARD')!.categories.get('STANDARD')!
    const input = standardSchema.parse({ categoryId: String(categoryId), validFrom: '2020-01-01', validTo: '', amount: '1,200' })
    expect((await refusal(addStandard(ctx(s.who.admin), input))).key).toBe('benefits.errors.standardOverlap')
    expect(await db.benefitStandard.count({ where: { categoryId } })).toBe(1)
  })

  it('outreach lists the people the register says may qualify and who have not applied', async () => {
    const s = await setting()
    const reward = s.programs.get('REWARD')!.id
    const year = Number(today.slice(0, 4))
    const before = await outreach(s.who.township, reward, year)
    const names = before!.rows.map((r) => r.name)
    expect(names).toEqual(expect.arrayContaining(['李秀英', '王建国']))
    expect(names).not.toContain('李年轻')
    await applyReward(s)
    const after = await outreach(s.who.township, reward, year)
    expect(after!.rows.map((r) => r.name)).not.toContain('李秀英')
    // another township sees none of them
    expect((await outreach(s.who.otherTownship, reward, year))!.rows.map((r) => r.name)).not.toContain('王建国')
  })
})
