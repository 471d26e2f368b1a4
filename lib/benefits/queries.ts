import 'server-only'
import { db } from '@/lib/server/db'
import type { Subject } from '@/lib/access/permissions'
import { toIso } from '@/lib/dates'
import { regionNames } from '@/lib/regions/lookups'
import { benefitFacts, residentChoices } from '@/lib/registry/benefit-facts'
import { personNames } from '@/lib/registry/cohorts'
import type { InboxItem, InboxRequest } from '@/lib/inbox/registry'
import { ATTACHMENT_SELECT } from '@/lib/attachments/service'
import { birthBounds, mayQualify, nextStep, noticeFieldsOf, type BenefitStatus, type Check, type Rule } from './rules'
import { applicationScope, cohortScope, countyOf, mayDoStep, STEP_ATTACHMENT_OWNER } from './scope'

// Benefits' reads, every one scoped to the subject's region in its where clause.

const iso = (d: Date | null) => (d ? toIso(d) : null)

export async function listPrograms(subject: Subject) {
  const rows = await db.benefitProgram.findMany({
    where: { countyId: await countyOf(subject) },
    include: { categories: { include: { standards: { orderBy: { validFrom: 'asc' } } }, orderBy: { sortOrder: 'asc' } } },
    orderBy: { code: 'asc' },
  })
  return rows.map((p) => ({
    ...p,
    rules: p.rules as unknown as Rule,
    categories: p.categories.map((c) => ({
      ...c,
      condition: c.condition as unknown as Rule | null,
      standards: c.standards.map((s) => ({ id: s.id, validFrom: toIso(s.validFrom), validTo: iso(s.validTo), amountCents: s.amountCents })),
    })),
  }))
}
export type ProgramView = Awaited<ReturnType<typeof listPrograms>>[number]

export async function programOptions(subject: Subject) {
  return db.benefitProgram.findMany({
    where: { countyId: await countyOf(subject), active: true },
    select: { id: true, code: true, nameZh: true, nameEn: true, applicant: true },
    orderBy: { code: 'asc' },
  })
}

export async function listApplications(subject: Subject, filter: { programId?: number; status?: string } = {}, take = 200) {
  const rows = await db.benefitApplication.findMany({
    where: {
      ...applicationScope(subject),
      ...(filter.programId ? { programId: filter.programId } : {}),
      ...(filter.status ? { status: filter.status as BenefitStatus } : {}),
    },
    include: { program: { select: { nameZh: true, nameEn: true, approvingLevel: true } } },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take,
  })
  const names = await personNames(
    db,
    rows.map((r) => r.personId),
  )
  const villages = await regionNames(
    db,
    rows.map((r) => r.villageId),
  )
  return rows.map((r) => ({
    id: r.id,
    personName: names.get(r.personId) ?? '',
    villageName: villages.get(r.villageId) ?? '',
    program: r.program,
    status: r.status,
    appliedOn: toIso(r.appliedOn),
    dueOn: iso(r.dueOn),
    next: nextStep(r.status),
    mine: nextStep(r.status) ? mayDoStep(subject, nextStep(r.status)!, r.status, r.program.approvingLevel) : false,
  }))
}

export async function applicationDetail(subject: Subject, applicationId: number) {
  const app = await db.benefitApplication.findFirst({
    where: { id: applicationId, ...applicationScope(subject) },
    include: {
      program: { include: { categories: true } },
      steps: { orderBy: { id: 'asc' } },
      objections: { orderBy: { id: 'asc' } },
      notice: true,
      enrollment: true,
    },
  })
  if (!app) return null
  const names = await personNames(db, [app.personId, ...(app.applicantId ? [app.applicantId] : [])])
  const villages = await regionNames(db, [app.villageId], { withParent: true })
  const attachments = await db.attachment.findMany({
    where: { ownerType: STEP_ATTACHMENT_OWNER, ownerId: { in: app.steps.map((s) => s.id) }, countyId: app.countyId },
    select: { ...ATTACHMENT_SELECT, ownerId: true },
  })
  return {
    ...app,
    personName: names.get(app.personId) ?? '',
    applicantName: app.applicantId ? (names.get(app.applicantId) ?? '') : null,
    villageName: villages.get(app.villageId) ?? '',
    category: app.program.categories.find((c) => c.id === app.categoryId) ?? null,
    eligibility: app.eligibility as unknown as Check,
    declarations: app.declarations as Record<string, { value: string; evidence: string }>,
    attachments,
  }
}

/**
 * 应享未享: the people of the subject's region the register says may qualify for a program in a
 * year and who have no application for it. One set-based statement over the register (pre-filtered
 * by the rules' birth-date bounds), the rules evaluated on its rows, applicants removed by one query.
 */
export async function outreach(subject: Subject, programId: number, year: number, limit = 2000) {
  const program = await db.benefitProgram.findFirst({ where: { id: programId, countyId: await countyOf(subject) } })
  if (!program) return null
  const rules = program.rules as unknown as Rule
  const facts = await benefitFacts(db, cohortScope(subject), { ...birthBounds(rules, year), residentsOnly: true })
  const applied = new Set(
    (
      await db.benefitApplication.findMany({
        where: { programId, ...applicationScope(subject), status: { notIn: ['REFUSED'] } },
        select: { personId: true },
      })
    ).map((a) => a.personId),
  )
  const people = facts.filter((f) => !applied.has(f.personId) && mayQualify(rules, f, year))
  const villages = await regionNames(db, new Set(people.slice(0, limit).map((p) => p.villageId)))
  return {
    program,
    total: people.length,
    rows: people
      .slice(0, limit)
      .map((p) => ({ personId: p.personId, name: p.name, sex: p.sex, birthDate: p.birthDate, villageName: villages.get(p.villageId) ?? '' })),
  }
}

export async function listNotices(subject: Subject) {
  const rows = await db.benefitNotice.findMany({
    where: subject.regionLevel === 'VILLAGE' ? { applications: { some: { villageId: subject.regionId } } } : applicationScope(subject),
    include: { _count: { select: { applications: true } } },
    orderBy: { id: 'desc' },
    take: 100,
  })
  return rows.map((n) => ({ id: n.id, title: n.title, startsOn: toIso(n.startsOn), endsOn: toIso(n.endsOn), count: n._count.applications }))
}

/** A notice as printed: only the fields the programs allow (never an ID number). */
export async function noticeDetail(subject: Subject, noticeId: number) {
  const notice = await db.benefitNotice.findFirst({
    where: { id: noticeId, ...(subject.regionLevel === 'VILLAGE' ? { applications: { some: { villageId: subject.regionId } } } : applicationScope(subject)) },
    include: {
      applications: { include: { program: { include: { categories: true } } }, orderBy: [{ villageId: 'asc' }, { id: 'asc' }] },
      objections: { orderBy: { id: 'asc' } },
    },
  })
  if (!notice) return null
  const names = await personNames(
    db,
    notice.applications.map((a) => a.personId),
  )
  const regions = await regionNames(db, [notice.townshipId, ...notice.applications.map((a) => a.villageId)])
  return {
    id: notice.id,
    title: notice.title,
    townshipName: regions.get(notice.townshipId) ?? '',
    startsOn: toIso(notice.startsOn),
    endsOn: toIso(notice.endsOn),
    contact: notice.contact,
    objections: notice.objections,
    rows: notice.applications.map((a) => {
      const fields = noticeFieldsOf(a.program.noticeFields)
      const category = a.program.categories.find((c) => c.id === a.categoryId)
      return {
        applicationId: a.id,
        name: fields.includes('name') ? (names.get(a.personId) ?? '') : null,
        village: fields.includes('village') ? (regions.get(a.villageId) ?? '') : null,
        programZh: fields.includes('program') ? a.program.nameZh : null,
        programEn: fields.includes('program') ? a.program.nameEn : null,
        categoryZh: fields.includes('category') ? (category?.nameZh ?? '') : null,
        categoryEn: fields.includes('category') ? (category?.nameEn ?? '') : null,
      }
    }),
  }
}

/** The enrollments of the subject's region, those with a proposed exit first. */
export async function listEnrollments(subject: Subject, take = 200) {
  const rows = await db.benefitEnrollment.findMany({
    where: { ...applicationScope(subject), endsOn: null },
    orderBy: [{ proposedExitOn: { sort: 'asc', nulls: 'last' } }, { id: 'desc' }],
    take,
  })
  const programs = new Map(
    (
      await db.benefitProgram.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.programId))] } }, select: { id: true, nameZh: true, nameEn: true } })
    ).map((p) => [p.id, p]),
  )
  const names = await personNames(
    db,
    rows.map((r) => r.personId),
  )
  const villages = await regionNames(
    db,
    rows.map((r) => r.villageId),
  )
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    personName: names.get(r.personId) ?? '',
    villageName: villages.get(r.villageId) ?? '',
    program: programs.get(r.programId)!,
    startsOn: toIso(r.startsOn),
    amountCents: r.amountCents,
    proposedExit: r.proposedExit,
    proposedExitOn: iso(r.proposedExitOn),
  }))
}

/** A person's applications and enrollments, for the person page (already scoped by the page). */
export async function personBenefits(subject: Subject, personId: number) {
  const rows = await db.benefitApplication.findMany({
    where: { personId, ...applicationScope(subject) },
    include: { program: { select: { nameZh: true, nameEn: true } }, enrollment: true },
    orderBy: { id: 'desc' },
  })
  return rows.map((r) => ({
    id: r.id,
    program: r.program,
    status: r.status,
    appliedOn: toIso(r.appliedOn),
    enrollment: r.enrollment
      ? { startsOn: toIso(r.enrollment.startsOn), endsOn: iso(r.enrollment.endsOn), amountCents: r.enrollment.amountCents, exitReason: r.enrollment.exitReason }
      : null,
  }))
}

/** Inbox: applications whose next step is the person's and overdue, and exits the register proposed. */
export async function benefitsInbox({ ctx, t, today }: InboxRequest): Promise<InboxItem[]> {
  const subject = ctx.subject
  if (subject.regionLevel === 'VILLAGE') return []
  const waiting = await db.benefitApplication.findMany({
    where: { ...applicationScope(subject), dueOn: { lt: new Date(`${today}T00:00:00Z`) }, status: { notIn: ['ENROLLED', 'REFUSED', 'EXITED'] } },
    include: { program: { select: { nameZh: true, nameEn: true, approvingLevel: true } } },
    take: 200,
    orderBy: { dueOn: 'asc' },
  })
  const mine = waiting.filter((a) => {
    const step = nextStep(a.status)
    return !!step && mayDoStep(subject, step, a.status, a.program.approvingLevel)
  })
  const names = await personNames(
    db,
    mine.map((a) => a.personId),
  )
  const items: InboxItem[] = mine.map((a) => ({
    key: `benefits.application:${a.id}`,
    module: 'benefits',
    kind: t('benefits.inbox.overdue'),
    title: t('benefits.inbox.stepTitle', { step: t(`benefits.step.${nextStep(a.status)!}`), name: names.get(a.personId) ?? '', program: a.program.nameZh }),
    dueDate: iso(a.dueOn),
    href: `/benefits/applications/${a.id}`,
  }))
  if (subject.regionLevel === 'TOWNSHIP') {
    const proposed = await db.benefitEnrollment.findMany({ where: { townshipId: subject.regionId, endsOn: null, proposedExit: { not: null } }, take: 100 })
    const pn = await personNames(
      db,
      proposed.map((p) => p.personId),
    )
    for (const p of proposed) {
      items.push({
        key: `benefits.exit:${p.id}`,
        module: 'benefits',
        kind: t('benefits.inbox.exit'),
        title: t('benefits.inbox.exitTitle', { name: pn.get(p.personId) ?? '', reason: t(`benefits.exitReason.${p.proposedExit!}`) }),
        dueDate: iso(p.proposedExitOn),
        href: '/benefits/enrollments',
      })
    }
  }
  return items
}

/** The residents an applicant may be chosen from: the subject's village (or township), as list options. */
export async function residentOptions(subject: Subject) {
  const people = await residentChoices(db, cohortScope(subject))
  const villages = await regionNames(db, new Set(people.map((p) => p.villageId)))
  return people.map((p) => ({
    value: String(p.id),
    label: `${p.name} ${p.birthDate} ${villages.get(p.villageId) ?? ''}`,
    keys: [p.nameInitials, p.namePinyin],
  }))
}

/**
 * The dashboard's benefit figures (lib/benefits/widget.ts), inside the subject's region
 * (applicationScope) and `region`: per child region (a county's townships, a township's villages;
 * a village itself) and program, the active enrollments and the applications still in progress.
 */
export async function benefitCountsByChild(subject: Subject, region: { id: number; level: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE' }) {
  const within = region.level === 'COUNTY' ? { countyId: region.id } : region.level === 'TOWNSHIP' ? { townshipId: region.id } : { villageId: region.id }
  const child: 'townshipId' | 'villageId' = region.level === 'COUNTY' ? 'townshipId' : 'villageId'
  const enrolled = await db.benefitEnrollment.groupBy({
    by: [child, 'programId'],
    where: { AND: [applicationScope(subject), within, { endsOn: null }] },
    _count: { _all: true },
  })
  const inProgress = await db.benefitApplication.groupBy({
    by: [child, 'programId'],
    where: { AND: [applicationScope(subject), within, { status: { notIn: ['ENROLLED', 'REFUSED', 'EXITED'] } }] },
    _count: { _all: true },
  })
  const counts = new Map<string, { regionId: number; programId: number; enrolled: number; inProgress: number }>()
  const cell = (regionId: number, programId: number) => {
    const key = `${regionId}:${programId}`
    const c = counts.get(key) ?? { regionId, programId, enrolled: 0, inProgress: 0 }
    counts.set(key, c)
    return c
  }
  for (const r of enrolled) cell(child === 'townshipId' ? r.townshipId : r.villageId, r.programId).enrolled = r._count._all
  for (const r of inProgress) cell(child === 'townshipId' ? r.townshipId : r.villageId, r.programId).inProgress = r._count._all
  const programs = await db.benefitProgram.findMany({
    where: { id: { in: [...new Set([...counts.values()].map((c) => c.programId))] } },
    select: { id: true, code: true, nameZh: true, nameEn: true },
  })
  return { counts: [...counts.values()], programs: new Map(programs.map((p) => [p.id, p])) }
}
