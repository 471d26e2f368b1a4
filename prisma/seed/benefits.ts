// The benefits demo: the county's four programs and three years of applications drawn from the
// register's own people (eligibility true for everyone enrolled, as the rules read them on the
// application's date), at every step — some returned, some refused, one objection during 公示 —
// with enrollments and exits by death and move-out. Deterministic from the seed.
import type { PrismaClient } from '@/lib/generated/prisma/client'
import { benefitFacts, type BenefitFactsRow } from '@/lib/registry/benefit-facts'
import { categoryFor, evaluate, FORWARD_STEPS, noticeEnd, statusAfter, type Declarations, type Rule, type BenefitStatus } from '@/lib/benefits/rules'
import { addDays } from '@/lib/services/rules'
import { seededRandom } from '@/tests/factories/random'
import { DEMO_PROGRAMS, installBenefitPrograms } from './benefit-programs'

const d = (iso: string) => new Date(`${iso}T00:00:00Z`)
const OPEN: BenefitStatus[] = ['SUBMITTED', 'ACCEPTED', 'INVESTIGATED', 'DELIBERATED', 'PUBLISHED', 'REVIEWED', 'APPROVED']

export async function buildBenefitsDemo(db: PrismaClient, options: { countyId: number; today: string; seed: number }) {
  const random = seededRandom(options.seed + 23)
  const { countyId, today } = options
  const year = Number(today.slice(0, 4))
  await installBenefitPrograms(db, countyId)
  const users = await db.user.findMany({
    where: { role: { in: ['TOWNSHIP_STAFF', 'COUNTY_OFFICIAL', 'VILLAGE_OFFICER', 'TOWNSHIP_LEADER', 'ADMIN'] } },
    select: { id: true, username: true, role: true, regionId: true },
  })
  const admin = users.find((u) => u.role === 'ADMIN' && u.regionId === countyId)!
  const countyOfficial = users.find((u) => u.role === 'COUNTY_OFFICIAL' && u.regionId === countyId) ?? admin
  const staffOf = (townshipId: number) => users.find((u) => u.role === 'TOWNSHIP_STAFF' && u.regionId === townshipId) ?? admin
  const leaderOf = (townshipId: number) => users.find((u) => u.role === 'TOWNSHIP_LEADER' && u.regionId === townshipId) ?? staffOf(townshipId)
  const villageOf = (villageId: number, townshipId: number) =>
    users.find((u) => u.role === 'VILLAGE_OFFICER' && u.regionId === villageId) ?? staffOf(townshipId)
  const scope = { column: 'countyId' as const, id: countyId }

  interface Plan {
    code: string
    facts: BenefitFactsRow
    applicantId: number | null
    declarations: Declarations
    appliedOn: string
  }
  const plans: Plan[] = []
  const perTownship = new Map<string, number>()
  const take = (code: string, f: BenefitFactsRow, limit: number) => {
    const key = `${code}:${f.townshipId}`
    const n = perTownship.get(key) ?? 0
    if (n >= limit) return false
    perTownship.set(key, n + 1)
    return true
  }
  const within = (from: string, to: string) => addDays(from, Math.floor(random.next() * Math.max(1, (Date.parse(to) - Date.parse(from)) / 86_400_000)))

  // 奖励扶助 and the one-off grant: rural people 60+ who declare a family-planning family
  const elders = await benefitFacts(db, scope, { bornBy: `${year - 60}-12-31` })
  const fp: Declarations = { familyPlanningFamily: { value: 'yes', evidence: '独生子女父母光荣证' } }
  for (const f of elders) {
    if (!f.ruralHukou || random.next() > 0.25) continue
    const code = random.next() < 0.8 ? 'REWARD' : 'ELDER_ONEOFF'
    if (!take(code, f, code === 'REWARD' ? 30 : 4)) continue
    plans.push({ code, facts: f, applicantId: null, declarations: fp, appliedOn: within(addDays(today, -1095), addDays(today, -5)) })
  }
  // 特别扶助: mothers 49+ whose children died (from the register), or a declared disability
  const mothers = await benefitFacts(db, scope, { bornBy: `${year - 49}-12-31`, sex: 'FEMALE' })
  for (const f of mothers) {
    if (f.deadChildren > 0 && f.livingChildren === 0 && take('SPECIAL', f, 4)) {
      plans.push({ code: 'SPECIAL', facts: f, applicantId: null, declarations: {}, appliedOn: within(addDays(today, -1095), addDays(today, -5)) })
    } else if (f.livingChildren === 1 && random.next() < 0.01 && take('SPECIAL', f, 4)) {
      plans.push({
        code: 'SPECIAL',
        facts: f,
        applicantId: null,
        declarations: { childDisabilityGrade: { value: String(random.int(1, 3)), evidence: '残疾人证（二代）' } },
        appliedOn: within(addDays(today, -1095), addDays(today, -5)),
      })
    }
  }
  // 育儿补贴: children under 3 born since the subsidy began, applied for by their mother
  const children = await benefitFacts(db, scope, { bornFrom: '2025-01-01' })
  const motherOf = new Map(
    (await db.person.findMany({ where: { id: { in: children.map((c) => c.personId) } }, select: { id: true, motherId: true } })).map((p) => [p.id, p.motherId]),
  )
  for (const f of children) {
    const mother = motherOf.get(f.personId)
    if (!mother || random.next() > 0.5 || !take('CHILDCARE', f, 10)) continue
    const from = f.birthDate > '2025-01-01' ? f.birthDate : '2025-01-01'
    if (from >= addDays(today, -5)) continue
    plans.push({ code: 'CHILDCARE', facts: f, applicantId: mother, declarations: {}, appliedOn: within(addDays(from, 10), addDays(today, -3)) })
  }

  const programRows = await db.benefitProgram.findMany({ where: { countyId }, include: { categories: { include: { standards: true } } } })
  const notices = new Map<string, number>()
  let objectionDone = false
  for (const [i, plan] of plans.entries()) {
    const program = programRows.find((p) => p.code === plan.code)!
    const f = plan.facts
    // as the register stood when they applied: alive and in the county
    const then = { ...f, alive: true, inCounty: true }
    const applyYear = Number(plan.appliedOn.slice(0, 4))
    const check = evaluate(program.rules as unknown as Rule, then, applyYear, plan.declarations)
    if (!check.met) continue
    const category = categoryFor(
      program.categories.map((c) => ({ ...c, condition: c.condition as unknown as Rule | null })),
      then,
      applyYear,
      plan.declarations,
    )
    if (!category) continue
    const age = Date.parse(today) - Date.parse(plan.appliedOn)
    // older applications are finished (mostly enrolled); recent ones stand at every step
    let target: BenefitStatus = age > 90 * 86_400_000 ? (random.next() < 0.93 ? 'ENROLLED' : 'REFUSED') : OPEN[Math.floor(random.next() * OPEN.length)]
    const village = villageOf(f.villageId, f.townshipId)
    const township = staffOf(f.townshipId)
    const approver = program.approvingLevel === 'TOWNSHIP' ? leaderOf(f.townshipId) : countyOfficial
    const steps: {
      step: string
      fromStatus: BenefitStatus | null
      toStatus: BenefitStatus
      doneOn: string
      note: string | null
      actorId: number
      actorName: string
    }[] = [{ step: 'APPLY', fromStatus: null, toStatus: 'SUBMITTED', doneOn: plan.appliedOn, note: null, actorId: village.id, actorName: village.username }]
    let status: BenefitStatus = 'SUBMITTED'
    let on = plan.appliedOn
    let noticeId: number | null = null
    let approvedOn: string | null = null
    let refusal: string | null = null
    const returned = i % 9 === 4
    const lastDay = addDays(today, -1)
    for (const step of FORWARD_STEPS) {
      if (status === target) break
      if (target === 'REFUSED' && step === 'INVESTIGATE') {
        refusal = '经入户调查，家庭情况与申报不符'
        steps.push({ step: 'REFUSE', fromStatus: status, toStatus: 'REFUSED', doneOn: on, note: refusal, actorId: township.id, actorName: township.username })
        status = 'REFUSED'
        break
      }
      const next = addDays(on, random.int(1, 4))
      if (next > lastDay) {
        target = status
        break
      }
      on = next
      const actor = ['REVIEW', 'APPROVE', 'ENROLL'].includes(step) ? approver : township
      if (step === 'PUBLISH') {
        // one notice per township and half-month: the township publishes its deliberated applications together
        const start = `${on.slice(0, 8)}${Number(on.slice(8)) < 16 ? '01' : '16'}`
        on = start < on ? on : start
        const key = `${f.townshipId}:${start}`
        if (!notices.has(key)) {
          const n = await db.benefitNotice.create({
            data: {
              countyId,
              townshipId: f.townshipId,
              villageId: null,
              title: '',
              startsOn: d(start),
              endsOn: d(noticeEnd(start, 7)),
              contact: '乡镇人口服务办 0534-5123456',
              createdById: township.id,
            },
          })
          notices.set(key, n.id)
        }
        noticeId = notices.get(key)!
        steps.push({ step: 'PUBLISH', fromStatus: status, toStatus: 'PUBLISHED', doneOn: start, note: null, actorId: actor.id, actorName: actor.username })
        status = 'PUBLISHED'
        on = addDays(noticeEnd(start, 7), 1)
        if (on > lastDay && target !== 'PUBLISHED') target = 'PUBLISHED'
        continue
      }
      if (returned && step === 'INVESTIGATE') {
        steps.push({
          step: 'INVESTIGATE',
          fromStatus: status,
          toStatus: 'INVESTIGATED',
          doneOn: on,
          note: '入户调查',
          actorId: actor.id,
          actorName: actor.username,
        })
        steps.push({
          step: 'RETURN',
          fromStatus: 'INVESTIGATED',
          toStatus: 'ACCEPTED',
          doneOn: on,
          note: '调查材料缺少村委会证明，退回补充',
          actorId: actor.id,
          actorName: actor.username,
        })
      }
      const to = statusAfter(step)
      if (step === 'APPROVE') approvedOn = on
      steps.push({ step, fromStatus: status, toStatus: to, doneOn: on, note: null, actorId: actor.id, actorName: actor.username })
      status = to
    }
    const application = await db.benefitApplication.create({
      data: {
        countyId,
        townshipId: f.townshipId,
        villageId: f.villageId,
        programId: program.id,
        personId: f.personId,
        applicantId: plan.applicantId,
        categoryId: category.id,
        status,
        appliedOn: d(plan.appliedOn),
        dueOn: ['ENROLLED', 'REFUSED'].includes(status) ? null : d(addDays(on, 7)),
        declarations: plan.declarations as object,
        eligibility: JSON.parse(JSON.stringify(check)),
        noticeId,
        refusalReason: refusal,
        createdById: village.id,
      },
    })
    await db.benefitStepRecord.createMany({ data: steps.map((s) => ({ ...s, applicationId: application.id, step: s.step as 'APPLY', doneOn: d(s.doneOn) })) })
    // the one objection during 公示: raised, checked and resolved before the review
    if (!objectionDone && noticeId && status !== 'PUBLISHED' && status !== 'REFUSED') {
      const notice = await db.benefitNotice.findUniqueOrThrow({ where: { id: noticeId } })
      await db.benefitObjection.create({
        data: {
          noticeId,
          applicationId: application.id,
          raisedBy: '同村村民',
          raisedOn: d(addDays(notice.startsOn.toISOString().slice(0, 10), 2)),
          content: '反映申请人子女情况与申报不一致',
          resolution: '经乡镇入户核实，申报情况属实，异议不成立',
          resolvedOn: d(addDays(notice.startsOn.toISOString().slice(0, 10), 5)),
          resolvedById: township.id,
          recordedById: township.id,
        },
      })
      objectionDone = true
    }
    if (status === 'ENROLLED') {
      const startsOn = approvedOn ?? on
      const cat = program.categories.find((c) => c.id === category.id)!
      const standard = cat.standards.find(
        (s) => s.validFrom.toISOString().slice(0, 10) <= startsOn && (!s.validTo || startsOn < s.validTo.toISOString().slice(0, 10)),
      )
      if (!standard) continue
      // exits: a death or a move-out recorded in the register, confirmed by the township
      const departed = !f.alive ? 'DEATH' : !f.inCounty && random.next() < 0.5 ? 'MOVED_OUT' : null
      const person = departed ? await db.person.findUniqueOrThrow({ where: { id: f.personId }, select: { deathDate: true, migrationSince: true } }) : null
      const endsOn =
        departed === 'DEATH'
          ? (person?.deathDate?.toISOString().slice(0, 10) ?? null)
          : departed === 'MOVED_OUT'
            ? (person?.migrationSince?.toISOString().slice(0, 10) ?? addDays(today, -30))
            : null
      const exit = endsOn && endsOn > startsOn ? { endsOn: d(endsOn), exitReason: departed as 'DEATH' | 'MOVED_OUT' } : {}
      await db.benefitEnrollment.create({
        data: {
          countyId,
          townshipId: f.townshipId,
          villageId: f.villageId,
          programId: program.id,
          personId: f.personId,
          applicationId: application.id,
          categoryId: category.id,
          standardId: standard.id,
          amountCents: standard.amountCents,
          startsOn: d(startsOn),
          ...exit,
        },
      })
      if (exit.endsOn) await db.benefitApplication.update({ where: { id: application.id }, data: { status: 'EXITED' } })
    }
  }
  // notice titles: the township's name
  const townships = await db.region.findMany({
    where: { id: { in: [...new Set([...notices.keys()].map((k) => Number(k.split(':')[0])))] } },
    select: { id: true, name: true },
  })
  for (const t of townships) await db.benefitNotice.updateMany({ where: { townshipId: t.id }, data: { title: t.name } })
  return { programs: DEMO_PROGRAMS.length, applications: plans.length }
}
