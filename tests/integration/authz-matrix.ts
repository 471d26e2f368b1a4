// The authorisation matrix: who may call each server action and route handler, and where.
// tests/integration/authz-matrix.int.test.ts finds every exported action (every export of every
// 'use server' file) and every route handler (app/**/route.ts) by reading the tree, and calls each
// one as every role, on a target in the caller's own region and in a neighbouring one; an action
// or route that has no row here fails that test.
//
// One row per action:
//   roles  who gets past authorisation: a role ('TOWNSHIP_STAFF': at every level it may hold),
//          a role at one level ('ADMIN@COUNTY'), or 'public' (also without signing in)
//   scope  'own': only on a target inside the caller's region (another region's target is refused);
//          'none': the action has no target of its choice (it acts on the caller's own region or
//          account), so it is allowed or refused the same everywhere
//   input  the form fields (or, for a route, the URL and params), built fresh for each call in
//          `t`, the target region: the caller's own region, or for 'other' its sibling (another
//          village of the township, another township of the county, another county)
//   refusedAs  message keys that mean "refused" besides errors.forbidden and errors.notFound
//   refusedWhen  for a call that answers but shows nothing: how to tell it showed nothing
//   refusalAudits  audit actions such a refusal still writes (an export of nothing is audited)
import { createHash, randomUUID } from 'node:crypto'
import { attachmentStore } from '@/lib/attachments/store'
import { blobKey } from '@/lib/attachments/rules'
import { db } from '../setup/db'
import { makeUser, personInput, uniqueIdNumber, uniqueUsername, type MadeRegion } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { makeMigrant } from '@/tests/factories/migration'
import { importCsv } from '@/tests/factories/imports'
import type { RegionLevel, Role } from '@/lib/access/roles'
import type { MessageKey } from '@/lib/i18n/core'
import { parseSchemeFile, SCHEME_FORMAT } from '@/lib/assessment/format'
import { isKnownSource } from '@/lib/assessment/sources'
import { insertScheme, makeRun, publishRun } from '@/lib/assessment/engine'
import ExcelJS from 'exceljs'
import { makeChecklist } from '@/tests/factories/stations'
import { installBenefitPrograms } from '@/tests/factories/benefits'

export type Who = Role | `${Role}@${RegionLevel}` | 'public'

/** Where a call is aimed: the region at the caller's level, and the units inside or above it. */
export interface Target {
  /** the caller's own region, or its sibling at the same level */
  region: MadeRegion
  county: MadeRegion
  /** a township inside (or, for a village caller, above) the target region */
  township: MadeRegion
  /** a village inside (or equal to) the target region */
  village: MadeRegion
  /** the unit that reports for the target: a county's or township's own, a village's township */
  unit: MadeRegion
  /** the calling user: a few actions act on the caller's own account */
  me: { id: number; username: string; password: string }
}

export type Fields = Record<string, string | File>
export interface RouteCall {
  url: string
  params?: Record<string, string>
}

/** What a call came back with, as the test judges it. */
export type Outcome =
  | { kind: 'state'; ok: boolean; data?: unknown; error?: string }
  | { kind: 'response'; status: number; headers: Headers }
  | { kind: 'redirect'; to: string }
  | { kind: 'void' }

export interface Row {
  roles: readonly Who[]
  scope: 'own' | 'none'
  input: (t: Target) => Promise<Fields | RouteCall> | Fields | RouteCall
  refusedAs?: readonly MessageKey[]
  refusedWhen?: (outcome: Outcome) => boolean
  refusalAudits?: readonly string[]
}

// ------------------------------------------------------------------ who

const REGISTER_EDITORS = ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF'] as const satisfies Who[]
const REGISTER_REVIEWERS = ['TOWNSHIP_STAFF'] as const satisfies Who[]
const ADMINS = ['ADMIN'] as const satisfies Who[]
const EVERYONE = [
  'VILLAGE_OFFICER',
  'TOWNSHIP_STAFF',
  'TOWNSHIP_LEADER',
  'TOWNSHIP_SERVICE_STAFF',
  'COUNTY_OFFICIAL',
  'ADMIN',
  'INSPECTOR',
] as const satisfies Who[]
const SERVICE_RECORDERS = ['VILLAGE_OFFICER', 'TOWNSHIP_SERVICE_STAFF'] as const satisfies Who[]
const SERVICE_VIEWERS = [
  'VILLAGE_OFFICER',
  'TOWNSHIP_STAFF',
  'TOWNSHIP_LEADER',
  'TOWNSHIP_SERVICE_STAFF',
  'COUNTY_OFFICIAL',
  'INSPECTOR',
] as const satisfies Who[]

// ------------------------------------------------------------------ fresh targets

let serial = 0
const next = () => ++serial
const json = (value: unknown) => JSON.stringify(value)
const PASSWORD = 'Correct-horse-42'

/** A one-person household in the target village; a fresh one for every call. */
async function person(t: Target, overrides: Parameters<typeof personInput>[0] = {}) {
  const { household, members } = await makeHousehold(db, t.village, {
    address: `矩阵路${next()}号`,
    members: [{ ...personInput({ name: '周矩阵', ...overrides }), relation: 'SELF' }],
  })
  return { household, person: members[0] }
}

async function villageOfficer(t: Target) {
  return makeUser(db, { username: uniqueUsername('mx'), role: 'VILLAGE_OFFICER', regionId: t.village.id, password: PASSWORD })
}

/** A group under the target village, to rename or deactivate. */
async function group(t: Target) {
  return db.region.create({
    data: {
      code: `${t.village.code}${String(2 + (next() % 998)).padStart(3, '0')}`,
      name: `矩阵组${serial}`,
      level: 'GROUP',
      parentId: t.village.id,
      ancestorIds: [...t.village.ancestorIds, t.village.id],
    },
  })
}

function placeOf(t: Target) {
  return { countyId: t.county.id, townshipId: t.township.id, villageId: t.village.id }
}

async function lifeEvent(t: Target) {
  const { person: p } = await person(t)
  return db.lifeEvent.create({
    data: {
      ...placeOf(t),
      type: 'MARRIAGE',
      personId: p.id,
      occurredOn: new Date('2020-05-01'),
      recordedOn: new Date('2020-05-02'),
      late: false,
      details: {},
      recordedById: t.me.id,
    },
  })
}

async function change(t: Target, reviewStatus: 'PENDING' | 'QUESTIONED') {
  const { person: p } = await person(t)
  return db.registerChange.create({
    data: {
      ...placeOf(t),
      kind: 'person.update',
      personId: p.id,
      summary: {},
      createdById: t.me.id,
      reviewStatus,
      reviewQuestion: reviewStatus === 'QUESTIONED' ? '核实?' : null,
    },
  })
}

async function finding(t: Target) {
  const { person: p } = await person(t)
  return db.qualityFinding.create({ data: { ...placeOf(t), rule: 'matrix', severity: 'WARNING', entity: 'Person', entityId: p.id, details: {} } })
}

/** A report of `region` (a township or the county) in a month of its own, last century. */
async function report(region: MadeRegion, status: 'DRAFT' | 'SUBMITTED' = 'DRAFT') {
  const n = next()
  const year = 1900 + Math.floor(n / 12)
  const month = (n % 12) + 1
  const start = new Date(Date.UTC(year, month - 1, 1))
  const end = new Date(Date.UTC(year, month, 0))
  const preparer = await makeUser(db, {
    username: uniqueUsername('mp'),
    role: region.level === 'COUNTY' ? 'COUNTY_OFFICIAL' : 'TOWNSHIP_STAFF',
    regionId: region.id,
    password: PASSWORD,
  })
  return db.reportSubmission.create({
    data: {
      countyId: region.level === 'COUNTY' ? region.id : region.ancestorIds[0],
      regionId: region.id,
      level: region.level,
      kind: 'MONTHLY',
      periodKey: `${year}-${String(month).padStart(2, '0')}`,
      periodStart: start,
      periodEnd: end,
      deadline: end,
      status,
      figures: { v: 1, source: 'register', children: [], total: {}, byChild: {} },
      computedAt: new Date(),
      preparedById: preparer.id,
      submittedAt: status === 'SUBMITTED' ? new Date() : null,
    },
  })
}

async function periodLock(t: Target) {
  const submission = await report(t.township, 'SUBMITTED')
  return db.periodLock.create({
    data: { countyId: t.county.id, townshipId: t.township.id, submissionId: submission.id, fromDate: submission.periodStart, toDate: submission.periodEnd },
  })
}

/** A service type of the target's county, made for this call. */
async function serviceType(
  t: Target,
  over: Partial<{ target: 'PERSON' | 'GROUP'; sensitive: boolean; deliveredBy: 'VILLAGE_OFFICER' | 'TOWNSHIP_SERVICE_STAFF' }> = {},
) {
  return db.serviceType.create({
    data: {
      countyId: t.county.id,
      code: `MX${next()}`,
      nameZh: '矩阵服务',
      nameEn: 'Matrix service',
      deliveredBy: over.deliveredBy ?? 'VILLAGE_OFFICER',
      target: over.target ?? 'PERSON',
      sensitive: over.sensitive ?? false,
    },
  })
}

/** A service record for a person of the target village (sensitive ones with consent). */
async function serviceRecord(t: Target, sensitive = false) {
  const { person: p } = await person(t)
  const type = await serviceType(t, { sensitive, deliveredBy: sensitive ? 'TOWNSHIP_SERVICE_STAFF' : 'VILLAGE_OFFICER' })
  return db.serviceRecord.create({
    data: {
      ...placeOf(t),
      typeId: type.id,
      sensitive,
      personId: p.id,
      servedOn: new Date('2024-03-01'),
      station: '服务室',
      staffName: '矩阵',
      outcome: '完成',
      recordedById: t.me.id,
      ...(sensitive ? { consentBy: 'PERSON' as const, consentOn: new Date('2024-03-01'), consentMethod: 'SIGNED_FORM' as const } : {}),
    },
  })
}

/** A supplies item of the target's county, made for this call. */
async function supplyItem(t: Target) {
  return db.supplyItem.create({
    data: { countyId: t.county.id, code: `MS${next()}`, nameZh: '矩阵药具', nameEn: 'Matrix supply', unitZh: '盒', unitEn: 'box' },
  })
}

/** The target township's station or the target village's room, holding 10 of a batch of a new item. */
async function stockedStation(t: Target, kind: 'TOWNSHIP_STATION' | 'VILLAGE_ROOM') {
  const n = next()
  const station = await db.serviceStation.create({
    data: {
      countyId: t.county.id,
      townshipId: t.township.id,
      villageId: kind === 'VILLAGE_ROOM' ? t.village.id : null,
      kind,
      name: `矩阵服务站${n}`,
      address: '矩阵路',
      openingHours: '周一至周五',
    },
  })
  const item = await supplyItem(t)
  const batch = await db.supplyBatch.create({ data: { countyId: t.county.id, itemId: item.id, batchNo: `MB${n}`, expiresOn: new Date('2099-12-31') } })
  await db.supplyStock.create({ data: { stationId: station.id, batchId: batch.id, countyId: t.county.id, townshipId: t.township.id, quantity: 10 } })
  return { station, item, batch }
}

/** The smallest PNG: a 1×1 pixel. */
/** A village room in the target village, a fresh one for every call. */
async function station(t: Target) {
  return db.serviceStation.create({
    data: {
      ...placeOf(t),
      kind: 'VILLAGE_ROOM',
      name: `矩阵服务室${next()}`,
      address: '村委会',
      openingHours: '周一至周五',
    },
  })
}

async function institution(t: Target) {
  return db.childcareInstitution.create({
    data: {
      countyId: t.county.id,
      townshipId: t.township.id,
      name: '矩阵托育园',
      licence: `矩阵${next()}`,
      operator: 'PUBLIC',
      places: 40,
      placesInUse: 20,
      address: '幸福路1号',
    },
  })
}

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

const file = (bytes: Uint8Array | string, name: string) => new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name)

/** A small scheme file: one hand-entered indicator, with a key of its own. */
function schemeFile() {
  return {
    format: SCHEME_FORMAT,
    key: `matrix-${next()}`,
    name: '矩阵方案',
    maxPoints: 100,
    veto: { effect: 'dropPlaces', places: 2 },
    nodes: [{ code: 'work', name: '工作', parent: null, maxPoints: 100, method: { kind: 'manual' }, source: 'manual' }],
  }
}

/** A scheme of the target's county. */
async function assessmentScheme(t: Target) {
  const parsed = parseSchemeFile(JSON.stringify(schemeFile()), isKnownSource)
  if (!parsed.ok) throw new Error('matrix scheme')
  return db.$transaction((tx) => insertScheme(tx, t.county.id, parsed.scheme, t.me.id))
}

/**
 * A run of the target's county whose results keep only the target township's row (so a township
 * caller aimed at its neighbour finds no row of its own in it); published when asked.
 */
async function assessmentRun(t: Target, published = false) {
  const scheme = await assessmentScheme(t)
  return db.$transaction(async (tx) => {
    const runId = await makeRun(tx, {
      countyId: t.county.id,
      schemeId: scheme.id,
      statYear: 2024,
      title: '矩阵考核',
      createdById: t.me.id,
      today: '2024-12-31',
    })
    await tx.assessmentResult.deleteMany({ where: { runId, townshipId: { not: t.township.id } } })
    if (published) await publishRun(tx, runId, t.me.id)
    return { runId, schemeId: scheme.id }
  })
}

/** An inspection round of the target's county whose one team (the caller) visits the target township; published when asked. */
async function inspectionRound(t: Target, published = false) {
  const items = [{ code: 'A1', group: '组织领导', name: '领导重视', maxPoints: 10, guidance: '' }]
  return db.inspectionRound.create({
    data: {
      countyId: t.county.id,
      title: '矩阵督查',
      statYear: 2024,
      startsOn: new Date('2024-05-01'),
      endsOn: new Date('2024-05-10'),
      items,
      createdById: t.me.id,
      status: published ? 'PUBLISHED' : 'OPEN',
      teams: { create: { name: '第一组', memberIds: [t.me.id], townshipIds: [t.township.id] } },
    },
  })
}

/** A rectification item of the target township on a published round, with one piece of evidence; submitted when asked. */
async function rectification(t: Target, submitted = false) {
  const round = await inspectionRound(t, true)
  const row = await db.rectification.create({
    data: {
      countyId: t.county.id,
      roundId: round.id,
      townshipId: t.township.id,
      finding: '台账不全',
      dueOn: new Date('2024-06-30'),
      measures: submitted ? '已补齐' : '',
      status: submitted ? 'SUBMITTED' : 'OPEN',
      createdById: t.me.id,
    },
  })
  const sha256 = createHash('sha256').update(PNG_1PX).digest('hex')
  await attachmentStore().put(blobKey(sha256), PNG_1PX)
  const attachment = await db.attachment.create({
    data: {
      sha256,
      mime: 'image/png',
      size: PNG_1PX.length,
      name: 'evidence.png',
      ownerType: 'Rectification',
      ownerId: row.id,
      countyId: t.county.id,
      createdById: t.me.id,
    },
  })
  return { ...row, attachmentId: attachment.id }
}

async function valueSheet(t: Target) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('values')
  sheet.addRow(['乡镇', '工作 [work]'])
  sheet.addRow([t.township.name, 40])
  return file(new Uint8Array(await workbook.xlsx.writeBuffer()), 'values.xlsx')
}

/** An import row that the dry run accepts exactly when the village is the caller's to enter. */
async function importFile(t: Target) {
  const birthDate = '1985-03-04'
  return file(
    importCsv([
      {
        householdKey: '1',
        regionCode: t.village.code,
        address: `导入路${next()}号`,
        relation: '本人',
        name: '吴导入',
        sex: '男',
        birthDate,
        ethnicity: '汉族',
        idNumber: uniqueIdNumber(birthDate, 'MALE'),
      },
    ]),
    'import.csv',
  )
}

/** Errors that say the target region is not the caller's (an import's rows are placed by code). */
const placedOutside = (column: string) => (outcome: Outcome) => {
  if (outcome.kind !== 'state' || !outcome.ok) return false
  const errors = (outcome.data as { errors?: { column?: string }[] }).errors ?? []
  return errors.some((e) => e.column === column)
}

// ------------------------------------------------------------------ the matrix

// ------------------------------------------------------------------ work and cases

const WORK_VIEWERS = ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL'] as const satisfies Who[]
const TASK_ISSUERS = ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL'] as const satisfies Who[]
const AGREEMENT_MAKERS = ['TOWNSHIP_LEADER', 'COUNTY_OFFICIAL'] as const satisfies Who[]
const CASE_RECEIVERS = ['TOWNSHIP_STAFF', 'COUNTY_OFFICIAL'] as const satisfies Who[]
const CASE_HANDLERS = ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL'] as const satisfies Who[]

/** The unit directly below the target region that a task or agreement of it goes to. */
const below = (t: Target) => (t.region.level === 'COUNTY' ? t.township : t.village)
const pathOf = (r: MadeRegion) => [...r.ancestorIds, r.id]

/** A task given to the target region (by the unit above it), or issued by it to the unit below. */
async function workTask(t: Target, how: 'to' | 'from', status: 'OPEN' | 'REPORTED' = 'OPEN') {
  const assignee = how === 'to' ? t.region : below(t)
  const issuerRegionId = how === 'to' ? (t.region.ancestorIds.at(-1) ?? t.region.id) : t.region.id
  return db.workTask.create({
    data: {
      countyId: t.county.id,
      issuerRegionId,
      issuedById: t.me.id,
      assigneeRegionId: assignee.id,
      regionPath: pathOf(assignee),
      title: `矩阵任务${next()}`,
      details: '矩阵',
      month: '2026-01',
      dueOn: new Date('2026-01-20'),
      status,
      ...(status === 'REPORTED' ? { evidence: '已完成', reportedOn: new Date('2026-01-15') } : {}),
    },
  })
}

async function agreement(t: Target) {
  const a = await db.workAgreement.create({
    data: {
      countyId: t.county.id,
      year: 1900 + next(),
      issuerRegionId: t.region.id,
      partyRegionId: below(t).id,
      title: '矩阵责任书',
      issuerSignatory: '甲',
      partySignatory: '乙',
      createdById: t.me.id,
    },
  })
  const item = await db.workAgreementItem.create({ data: { agreementId: a.id, position: 0, label: '矩阵指标', target: 100, unit: '%', weight: 100 } })
  return { agreement: a, item }
}

/** A case received by the target region, in the state asked for. */
async function workCase(t: Target, status: 'RECEIVED' | 'ASSIGNED' | 'REPLIED') {
  return db.case.create({
    data: {
      countyId: t.county.id,
      channel: 'PHONE',
      kind: 'INQUIRY',
      subject: `矩阵来电${next()}`,
      content: '矩阵',
      receivedOn: new Date('2026-01-05'),
      dueOn: new Date('2026-01-12'),
      receivedById: t.me.id,
      receiverRegionId: t.region.id,
      ...(status !== 'RECEIVED' ? { status, assignedRegionId: t.township.id, townshipId: t.township.id } : {}),
      ...(status === 'REPLIED' ? { reply: '已答复', repliedOn: new Date('2026-01-08') } : {}),
    },
  })
}

const scanFile = () => new File([PNG_1PX], 'scan.png', { type: 'image/png' })

// --- benefits fixtures: the demo programs in the target county, applications at a given step

const benefitPrograms = new Map<number, Promise<Map<string, { id: number; categories: Map<string, number> }>>>()
function programsOf(t: Target) {
  if (!benefitPrograms.has(t.county.id)) benefitPrograms.set(t.county.id, installBenefitPrograms(db, t.county.id))
  return benefitPrograms.get(t.county.id)!
}

/** A person of 65 in the target village (rural), eligible for 奖励扶助 with the declaration. */
async function benefitPerson(t: Target) {
  return (await person(t, { name: '钱扶助', sex: 'FEMALE', birthDate: '1955-03-01' })).person
}

/** An application of the target village at `status` (with its notice, objection or enrollment when they belong). */
async function benefitApplication(t: Target, status: 'SUBMITTED' | 'ACCEPTED' | 'DELIBERATED' | 'PUBLISHED' | 'ENROLLED') {
  const programs = await programsOf(t)
  const reward = programs.get('REWARD')!
  const p = await benefitPerson(t)
  const notice =
    status === 'PUBLISHED'
      ? await db.benefitNotice.create({
          data: {
            ...placeOf(t),
            villageId: t.village.id,
            title: '矩阵公示',
            startsOn: new Date('2024-05-01'),
            endsOn: new Date('2024-05-07'),
            contact: '矩阵',
            createdById: t.me.id,
          },
        })
      : null
  const app = await db.benefitApplication.create({
    data: {
      ...placeOf(t),
      programId: reward.id,
      personId: p.id,
      categoryId: reward.categories.get('STANDARD')!,
      status,
      appliedOn: new Date('2024-04-01'),
      eligibility: { kind: 'all', met: true, read: '', wants: '' },
      noticeId: notice?.id ?? null,
      createdById: t.me.id,
    },
  })
  return { app, notice, person: p, reward }
}

export const AUTHZ_MATRIX: Record<string, Row> = {
  // --- access: signing in and out, one's own password, other users' accounts
  'access.signInAction': { roles: ['public'], scope: 'none', input: (t) => ({ username: t.me.username, password: t.me.password }) },
  'access.signOutAction': { roles: ['public'], scope: 'none', input: () => ({}) },
  // a wrong current password: past authorisation, and it changes nothing the later calls need
  'access.changePasswordAction': {
    roles: EVERYONE,
    scope: 'none',
    input: () => ({ currentPassword: 'not-my-password', newPassword: 'Another-horse-43', confirmPassword: 'Another-horse-43' }),
  },
  'access.createUserAction': {
    roles: ADMINS,
    scope: 'own',
    refusedAs: ['users.regionNotAllowed'],
    input: (t) => ({ username: uniqueUsername('nu'), name: '新用户', role: 'VILLAGE_OFFICER', regionId: String(t.village.id) }),
  },
  'access.updateUserAction': {
    roles: ADMINS,
    scope: 'own',
    input: async (t) => {
      const u = await villageOfficer(t)
      return { userId: String(u.id), version: String(u.version), name: '改名', role: 'VILLAGE_OFFICER', regionId: String(t.village.id) }
    },
  },
  'access.setUserActiveAction': {
    roles: ADMINS,
    scope: 'own',
    input: async (t) => {
      const u = await villageOfficer(t)
      return { userId: String(u.id), version: String(u.version), active: 'false' }
    },
  },
  'access.resetPasswordAction': {
    roles: ADMINS,
    scope: 'own',
    input: async (t) => {
      const u = await villageOfficer(t)
      return { userId: String(u.id), version: String(u.version) }
    },
  },

  // --- i18n
  'i18n.setLocaleAction': { roles: ['public'], scope: 'none', input: () => ({ locale: 'zh-CN' }) },

  // --- regions
  'regions.createRegionAction': {
    roles: ADMINS,
    scope: 'own',
    input: (t) => ({ parentId: String(t.village.id), code: `${t.village.code}${String(2 + (next() % 998)).padStart(3, '0')}`, name: '新组' }),
  },
  'regions.renameRegionAction': {
    roles: ADMINS,
    scope: 'own',
    input: async (t) => {
      const g = await group(t)
      return { id: String(g.id), version: String(g.version), name: '改名组' }
    },
  },
  'regions.setRegionActiveAction': {
    roles: ADMINS,
    scope: 'own',
    input: async (t) => {
      const g = await group(t)
      return { id: String(g.id), version: String(g.version), active: 'false' }
    },
  },
  // acts on the caller's own county only (another county's code is refused with its own message)
  'regions.setupCountyAction': { roles: ['ADMIN@COUNTY'], scope: 'none', input: () => ({ code: '371422', mode: 'preview' }) },
  // a row under a parent outside the caller's region is reported as an unknown parent
  'regions.importRegionsAction': {
    roles: ADMINS,
    scope: 'own',
    refusedWhen: placedOutside('parentCode'),
    input: (t) => ({
      file: file(`code,name,parentCode\n${t.village.code}${String(2 + (next() % 998)).padStart(3, '0')},导入组,${t.village.code}\n`, 'regions.csv'),
      mode: 'check',
    }),
  },

  // a preview of a rename: a township of another county is an unknown region
  'lib.regions.history-actions.recordRegionChangeAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'own',
    refusedAs: ['regionHistory.errors.unknownRegion'],
    input: (t) => ({
      kind: 'RENAME',
      regionId: String(t.township.id),
      name: '新名镇',
      effectiveOn: '2020-01-01',
      documentNo: '宁政字〔2020〕1号',
      documentTitle: '关于更名的批复',
      mode: 'preview',
    }),
  },

  // --- registry
  'registry.createHouseholdAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    refusedAs: ['registry.errors.regionNotAllowed'],
    input: (t) => ({
      household: json({ regionId: String(t.village.id), address: `新户路${next()}号`, members: [{ ...personInput({ name: '郑新户' }), relation: 'SELF' }] }),
      formKey: randomUUID(),
    }),
  },
  'registry.addMemberAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    refusedAs: ['registry.errors.householdNotFound'],
    input: async (t) => {
      const { household } = await person(t)
      return {
        householdId: String(household.id),
        member: json({ ...personInput({ name: '郑新人', birthDate: '2010-01-01', maritalStatus: 'SINGLE' }), relation: 'CHILD' }),
        formKey: randomUUID(),
      }
    },
  },
  'registry.updatePersonAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => {
      const { person: p } = await person(t)
      return { personId: String(p.id), version: String(p.version), person: json(personInput({ name: '周改名' })) }
    },
  },
  'registry.revealIdAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => {
      const { person: p } = await person(t, { idNumber: uniqueIdNumber('1980-05-01', 'MALE') })
      return { personId: String(p.id) }
    },
  },
  'registry.recordEventAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => {
      const { person: p } = await person(t, { maritalStatus: 'SINGLE' })
      return { type: 'MARRIAGE', personId: String(p.id), version: String(p.version), occurredOn: '2021-06-01', formKey: randomUUID() }
    },
  },
  'registry.setParentsAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => {
      const { person: child } = await person(t, { birthDate: '2012-03-01', maritalStatus: 'SINGLE' })
      const { person: mother } = await person(t, { name: '吴母亲', sex: 'FEMALE', birthDate: '1985-01-01' })
      return { personId: String(child.id), version: String(child.version), motherId: String(mother.id), fatherId: '' }
    },
  },
  'registry.setHeadAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    refusedAs: ['registry.errors.householdNotFound'],
    input: async (t) => {
      const { household, person: head } = await person(t)
      return { householdId: String(household.id), headId: String(head.id) }
    },
  },
  'registry.correctEventAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => ({ eventId: String((await lifeEvent(t)).id), occurredOn: '2020-04-01', reason: '日期填错' }),
  },
  'registry.reviewChangeAction': {
    roles: REGISTER_REVIEWERS,
    scope: 'own',
    input: async (t) => ({ decision: 'check', changeId: String((await change(t, 'PENDING')).id) }),
  },
  // 'check all shown': ids outside the caller's region are passed over, so nothing is checked
  'registry.checkChangesAction': {
    roles: REGISTER_REVIEWERS,
    scope: 'own',
    refusedWhen: (o) => o.kind === 'state' && o.ok && (o.data as { count: number }).count === 0,
    input: async (t) => ({ changeIds: String((await change(t, 'PENDING')).id) }),
  },
  'registry.answerChangeAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => ({ changeId: String((await change(t, 'QUESTIONED')).id), answer: '已核实' }),
  },

  // --- migration
  'migration.recordNoticeAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => ({
      personId: String((await makeMigrant(db, t.village, { name: '钱流动', direction: 'INFLOW', place: '外县' })).id),
      otherCounty: '外县',
      sentOn: '2024-02-01',
      formKey: randomUUID(),
    }),
  },
  'migration.recordAnswerAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => {
      const migrant = await makeMigrant(db, t.village, { name: '钱流动', direction: 'OUTFLOW', place: '外县' })
      const exchange = await db.exchangeRequest.create({
        data: { ...placeOf(t), personId: migrant.id, direction: 'OUTFLOW', otherCounty: '外县', sentOn: new Date('2024-02-01'), createdById: t.me.id },
      })
      return { exchangeId: String(exchange.id), answeredOn: '2024-03-01', answer: '已收到' }
    },
  },

  // --- quality
  // the sweep runs over the caller's own region: nothing to aim elsewhere
  'quality.sweepAction': { roles: REGISTER_REVIEWERS, scope: 'none', input: () => ({}) },
  'quality.assignFindingAction': {
    roles: REGISTER_REVIEWERS,
    scope: 'own',
    input: async (t) => ({ findingId: String((await finding(t)).id), assigneeId: String((await villageOfficer(t)).id) }),
  },
  'quality.markFixedAction': { roles: REGISTER_EDITORS, scope: 'own', input: async (t) => ({ findingId: String((await finding(t)).id), note: '已改' }) },
  'quality.closeFindingAction': {
    roles: REGISTER_REVIEWERS,
    scope: 'own',
    input: async (t) => ({ findingId: String((await finding(t)).id), note: '无需处理' }),
  },

  // --- imports
  // the rows name their village: one outside the caller's region is a row error on regionCode
  'imports.importRegisterAction': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    refusedWhen: placedOutside('regionCode'),
    // every check is audited with its counts, a refused one too (issue 9, finding 3)
    refusalAudits: ['register.import.check'],
    input: async (t) => ({ file: await importFile(t), mode: 'check' }),
  },

  // --- reports: the unit's own report is prepared, signed and submitted by its own people
  'reports.prepareReportAction': { roles: ['TOWNSHIP_STAFF', 'COUNTY_OFFICIAL'], scope: 'none', input: () => ({ kind: 'MONTHLY', periodKey: '2024-01' }) },
  'reports.recomputeReportAction': {
    roles: ['TOWNSHIP_STAFF', 'COUNTY_OFFICIAL'],
    scope: 'own',
    refusedAs: ['reports.errors.notYourUnit'],
    input: async (t) => ({ reportId: String((await report(t.unit)).id) }),
  },
  'reports.saveAnalysisAction': {
    roles: ['TOWNSHIP_STAFF', 'COUNTY_OFFICIAL'],
    scope: 'own',
    refusedAs: ['reports.errors.notYourUnit'],
    input: async (t) => ({ reportId: String((await report(t.unit)).id), analysis: '本月情况平稳。' }),
  },
  'reports.signReportAction': {
    roles: ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL'],
    scope: 'own',
    refusedAs: ['reports.errors.wrongUnit'],
    input: async (t) => ({ reportId: String((await report(t.unit)).id), role: 'PREPARER' }),
  },
  'reports.submitReportAction': {
    roles: ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL'],
    scope: 'own',
    refusedAs: ['reports.errors.notYourUnit'],
    input: async (t) => ({ reportId: String((await report(t.unit)).id) }),
  },
  // the county decides on its townships' submitted reports
  'reports.approveReportAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => ({ reportId: String((await report(t.township, 'SUBMITTED')).id) }),
  },
  'reports.returnReportAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => ({ reportId: String((await report(t.township, 'SUBMITTED')).id), comment: '请核实' }),
  },
  'reports.unlockPeriodAction': { roles: ['ADMIN@COUNTY'], scope: 'own', input: async (t) => ({ lockId: String((await periodLock(t)).id), reason: '更正' }) },
  // the settings of the caller's own county
  'reports.saveReportSettingsAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'none',
    input: () => ({ statYearStartMonth: '10', monthlyDeadlineDay: '5', halfYearDeadlineDay: '10', annualDeadlineDay: '15', version: '0' }),
  },

  // --- supplies (药具): the county allocates, townships manage their stations' stock, villages dispense and count at their room
  'lib.services.supplies.actions.createItemAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'none',
    input: () => ({ code: `MI${next()}`, nameZh: '新药具', nameEn: 'New supply', unitZh: '盒', unitEn: 'box' }),
  },
  'lib.services.supplies.actions.receiveSuppliesAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    refusedAs: ['supplies.errors.station'],
    input: async (t) => {
      const { station, item } = await stockedStation(t, 'TOWNSHIP_STATION')
      return {
        stationId: String(station.id),
        itemId: String(item.id),
        batchNo: `MR${next()}`,
        expiresOn: '2099-12-31',
        quantity: '5',
        occurredOn: '2024-03-01',
        formKey: randomUUID(),
      }
    },
  },
  'lib.services.supplies.actions.transferSuppliesAction': {
    roles: ['TOWNSHIP_STAFF', 'TOWNSHIP_SERVICE_STAFF'],
    scope: 'own',
    refusedAs: ['supplies.errors.station'],
    input: async (t) => {
      const { station, item } = await stockedStation(t, 'TOWNSHIP_STATION')
      const room = await stockedStation(t, 'VILLAGE_ROOM')
      return {
        fromStationId: String(station.id),
        toStationId: String(room.station.id),
        itemId: String(item.id),
        quantity: '2',
        occurredOn: '2024-03-01',
        formKey: randomUUID(),
      }
    },
  },
  'lib.services.supplies.actions.dispenseSuppliesAction': {
    roles: ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF', 'TOWNSHIP_SERVICE_STAFF'],
    scope: 'own',
    refusedAs: ['supplies.errors.station'],
    input: async (t) => {
      const { station, item } = await stockedStation(t, 'VILLAGE_ROOM')
      return { stationId: String(station.id), itemId: String(item.id), quantity: '1', occurredOn: '2024-03-01', formKey: randomUUID() }
    },
  },
  'lib.services.supplies.actions.writeOffSuppliesAction': {
    roles: ['TOWNSHIP_STAFF', 'TOWNSHIP_SERVICE_STAFF'],
    scope: 'own',
    refusedAs: ['supplies.errors.station'],
    input: async (t) => {
      const { station, batch } = await stockedStation(t, 'TOWNSHIP_STATION')
      return { stationId: String(station.id), batchId: String(batch.id), quantity: '1', reason: 'DAMAGED', occurredOn: '2024-03-01', formKey: randomUUID() }
    },
  },
  'lib.services.supplies.actions.stocktakeAction': {
    roles: ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF', 'TOWNSHIP_SERVICE_STAFF'],
    scope: 'own',
    refusedAs: ['supplies.errors.station'],
    input: async (t) => {
      const { station, batch } = await stockedStation(t, 'VILLAGE_ROOM')
      return { stationId: String(station.id), occurredOn: '2024-03-01', [`count_${batch.id}`]: '10', formKey: randomUUID() }
    },
  },
  // --- benefits: programs are the county administrator's; the village (or township) applies, the
  // township does 受理 调查 评议 公示, the county reviews and approves (the service decides by the step)
  'benefits.createProgramAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'none',
    input: () => ({
      code: `MXP${next()}`,
      nameZh: '矩阵项目',
      nameEn: 'Matrix program',
      approvingLevel: 'COUNTY',
      applicant: 'SELF',
      rules: json({ kind: 'age', min: 60, on: '12-31' }),
      amountKind: 'ANNUAL',
      paymentCycle: 'ANNUAL',
      proRating: 'NONE',
      fundCentral: '50',
      fundProvincial: '25',
      fundCounty: '25',
      noticeDays: '7',
    }),
  },
  'benefits.updateProgramAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'own',
    input: async (t) => {
      const program = await db.benefitProgram.create({
        data: { countyId: t.county.id, code: `MXU${next()}`, nameZh: '矩阵', nameEn: 'Matrix', rules: { kind: 'inCounty' }, stepDays: {} },
      })
      return {
        programId: String(program.id),
        version: String(program.version),
        code: program.code,
        nameZh: '矩阵改名',
        nameEn: 'Renamed',
        approvingLevel: 'COUNTY',
        applicant: 'SELF',
        rules: json({ kind: 'inCounty' }),
        amountKind: 'ANNUAL',
        paymentCycle: 'ANNUAL',
        proRating: 'NONE',
        fundCentral: '0',
        fundProvincial: '0',
        fundCounty: '100',
        noticeDays: '7',
      }
    },
  },
  'benefits.addCategoryAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'own',
    input: async (t) => ({
      programId: String((await programsOf(t)).get('REWARD')!.id),
      code: `MXC${next()}`,
      nameZh: '矩阵类别',
      nameEn: 'Matrix',
      sortOrder: '5',
      condition: '',
    }),
  },
  'benefits.addStandardAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'own',
    input: async (t) => {
      const category = await db.benefitCategory.create({
        data: { programId: (await programsOf(t)).get('REWARD')!.id, code: `MXS${next()}`, nameZh: '矩阵', nameEn: 'Matrix' },
      })
      return { categoryId: String(category.id), validFrom: '2024-01-01', validTo: '', amount: '960' }
    },
  },
  'benefits.applyAction': {
    roles: ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF'],
    scope: 'own',
    input: async (t) => ({
      programId: String((await programsOf(t)).get('REWARD')!.id),
      personId: String((await benefitPerson(t)).id),
      appliedOn: '2024-04-01',
      familyPlanningFamily: 'yes',
      evidence: '独生子女证 矩阵',
      formKey: randomUUID(),
    }),
  },
  'benefits.advanceAction': {
    roles: ['TOWNSHIP_STAFF'],
    scope: 'own',
    refusedAs: ['benefits.errors.notYourStep'],
    input: async (t) => {
      const { app } = await benefitApplication(t, 'SUBMITTED')
      return { applicationId: String(app.id), version: String(app.version), step: 'ACCEPT', doneOn: '2024-04-02', note: '受理' }
    },
  },
  'benefits.returnAction': {
    roles: ['TOWNSHIP_STAFF'],
    scope: 'own',
    refusedAs: ['benefits.errors.notYourStep'],
    input: async (t) => {
      const { app } = await benefitApplication(t, 'ACCEPTED')
      return { applicationId: String(app.id), version: String(app.version), reason: '材料不全' }
    },
  },
  'benefits.refuseAction': {
    roles: ['TOWNSHIP_STAFF'],
    scope: 'own',
    refusedAs: ['benefits.errors.notYourStep'],
    input: async (t) => {
      const { app } = await benefitApplication(t, 'SUBMITTED')
      return { applicationId: String(app.id), version: String(app.version), reason: '不符合条件' }
    },
  },
  // every deliberated application of the caller's township (or the village chosen) on one notice
  'benefits.publishNoticeAction': {
    roles: ['TOWNSHIP_STAFF'],
    scope: 'own',
    refusedAs: ['errors.invalid'],
    input: async (t) => {
      await benefitApplication(t, 'DELIBERATED')
      return { villageId: String(t.village.id), startsOn: '2024-05-01', days: '', contact: '矩阵 5123456', formKey: randomUUID() }
    },
  },
  'benefits.raiseObjectionAction': {
    roles: ['TOWNSHIP_STAFF'],
    scope: 'own',
    input: async (t) => {
      const { app } = await benefitApplication(t, 'PUBLISHED')
      return { applicationId: String(app.id), raisedBy: '矩阵群众', raisedOn: '2024-05-02', content: '有异议' }
    },
  },
  'benefits.resolveObjectionAction': {
    roles: ['TOWNSHIP_STAFF'],
    scope: 'own',
    input: async (t) => {
      const { app, notice } = await benefitApplication(t, 'PUBLISHED')
      const objection = await db.benefitObjection.create({
        data: { noticeId: notice!.id, applicationId: app.id, raisedBy: '矩阵群众', raisedOn: new Date('2024-05-02'), content: '有异议', recordedById: t.me.id },
      })
      return { objectionId: String(objection.id), resolution: '已核实', resolvedOn: '2024-05-03' }
    },
  },
  'benefits.exitEnrollmentAction': {
    roles: ['TOWNSHIP_STAFF'],
    scope: 'own',
    input: async (t) => {
      const { app, person: p, reward } = await benefitApplication(t, 'ENROLLED')
      const standard = await db.benefitStandard.findFirstOrThrow({ where: { categoryId: reward.categories.get('STANDARD')! } })
      const enrollment = await db.benefitEnrollment.create({
        data: {
          ...placeOf(t),
          programId: reward.id,
          personId: p.id,
          applicationId: app.id,
          categoryId: standard.categoryId,
          standardId: standard.id,
          amountCents: standard.amountCents,
          startsOn: new Date('2024-05-20'),
        },
      })
      return { enrollmentId: String(enrollment.id), version: String(enrollment.version), reason: 'VOLUNTARY', endsOn: '2024-12-31', note: '' }
    },
  },

  // --- services: village officers and township service staff record; sensitive services only the latter
  'services.createTypeAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'none',
    input: () => ({
      code: `MC${next()}`,
      nameZh: '新服务',
      nameEn: 'New service',
      deliveredBy: 'VILLAGE_OFFICER',
      target: 'PERSON',
      schedule: 'NONE',
      scheduleValues: '',
    }),
  },
  'services.updateTypeAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'own',
    input: async (t) => {
      const type = await serviceType(t)
      return {
        typeId: String(type.id),
        version: String(type.version),
        code: type.code,
        nameZh: '改名服务',
        nameEn: 'Renamed',
        deliveredBy: 'VILLAGE_OFFICER',
        target: 'PERSON',
        schedule: 'NONE',
        scheduleValues: '',
        active: 'on',
      }
    },
  },
  'services.recordServiceAction': {
    roles: SERVICE_RECORDERS,
    scope: 'own',
    input: async (t) => {
      const { person: p } = await person(t)
      const type = await serviceType(t)
      return {
        personId: String(p.id),
        typeId: String(type.id),
        servedOn: '2024-03-01',
        stationId: String((await station(t)).id),
        staffName: '矩阵',
        outcome: '完成',
        formKey: randomUUID(),
      }
    },
  },
  // the activity is the caller's region's; a village outside it is refused
  'services.recordActivityAction': {
    roles: SERVICE_RECORDERS,
    scope: 'own',
    refusedAs: ['errors.invalid', 'stations.errors.stationNotYours'],
    input: async (t) => ({
      typeId: String((await serviceType(t, { target: 'GROUP' })).id),
      title: '健康讲座',
      place: '村委会',
      attendance: '20',
      villageId: String(t.village.id),
      servedOn: '2024-03-01',
      stationId: String((await station(t)).id),
      staffName: '矩阵',
      outcome: '完成',
      formKey: randomUUID(),
    }),
  },
  'services.correctRecordAction': {
    roles: SERVICE_RECORDERS,
    scope: 'own',
    input: async (t) => ({
      recordId: String((await serviceRecord(t)).id),
      servedOn: '2024-03-02',
      station: '服务室',
      staffName: '矩阵',
      outcome: '更正',
      reason: '日期填错',
    }),
  },
  'services.withdrawConsentAction': {
    roles: ['TOWNSHIP_SERVICE_STAFF'],
    scope: 'own',
    input: async (t) => ({ recordId: String((await serviceRecord(t, true)).id), withdrawnOn: '2024-04-01' }),
  },
  'services.setSpecialFamilyAction': {
    roles: ['TOWNSHIP_STAFF', 'TOWNSHIP_SERVICE_STAFF'],
    scope: 'own',
    input: async (t) => ({
      householdId: String((await person(t)).household.id),
      townshipContact: '乡干部',
      villageContact: '村医',
      since: '2024-01-01',
      active: 'on',
    }),
  },
  // --- stations and childcare: a township's staff and administrator for their township, the county's administrator for all
  'lib.services.stations.actions.createStationAction': {
    roles: ['TOWNSHIP_STAFF', 'ADMIN'],
    scope: 'own',
    refusedAs: ['errors.invalid'],
    input: (t) => ({
      kind: 'VILLAGE_ROOM',
      townshipId: String(t.township.id),
      villageId: String(t.village.id),
      name: `矩阵服务室${next()}`,
      address: '村委会',
      openingHours: '周一至周五',
      staff: '王红梅',
      equipment: '血压计',
      formKey: randomUUID(),
    }),
  },
  'lib.services.stations.actions.updateStationAction': {
    roles: ['TOWNSHIP_STAFF', 'ADMIN'],
    scope: 'own',
    input: async (t) => {
      const s = await station(t)
      return { stationId: String(s.id), version: String(s.version), name: `${s.name}改`, address: '村委会', openingHours: '周一至周六', active: 'on' }
    },
  },
  'lib.services.stations.actions.recordCheckAction': {
    roles: ['TOWNSHIP_STAFF', 'ADMIN'],
    scope: 'own',
    input: async (t) => {
      const s = await station(t)
      const items = await makeChecklist(db, t.county.id)
      return {
        stationId: String(s.id),
        checkedOn: '2024-03-01',
        checkedBy: '矩阵',
        ...Object.fromEntries([...items.values()].map((i) => [`score:${i.id}`, 'MET'])),
        formKey: randomUUID(),
      }
    },
  },
  // names of the caller's own area only: the search is scoped like the register's
  'lib.services.stations.actions.findAttendeesAction': {
    roles: SERVICE_RECORDERS,
    scope: 'own',
    refusedWhen: (o) => o.kind === 'state' && o.ok && Array.isArray(o.data) && o.data.length === 0,
    input: async (t) => {
      // a name no other call made: the serial in Chinese numerals
      const name = `矩阵${[...String(next())].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}人`
      await person(t, { name })
      return { q: name }
    },
  },
  'lib.services.stations.actions.createChecklistItemAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'none',
    input: () => ({ code: `MK${next()}`, nameZh: '矩阵项目', nameEn: 'Matrix item', sortOrder: '70' }),
  },
  'lib.services.stations.actions.updateChecklistItemAction': {
    roles: ['ADMIN@COUNTY'],
    scope: 'own',
    input: async (t) => {
      const item = await db.stationChecklistItem.create({ data: { countyId: t.county.id, code: `MK${next()}`, nameZh: '矩阵项目', nameEn: 'Matrix item' } })
      return { itemId: String(item.id), code: item.code, nameZh: '改名项目', nameEn: 'Renamed', sortOrder: '5', active: 'on' }
    },
  },
  'lib.services.stations.actions.createInstitutionAction': {
    roles: ['TOWNSHIP_STAFF', 'ADMIN'],
    scope: 'own',
    refusedAs: ['errors.invalid'],
    input: (t) => ({
      townshipId: String(t.township.id),
      name: '矩阵托育园',
      licence: `矩阵${next()}`,
      operator: 'PUBLIC',
      places: '40',
      placesInUse: '10',
      address: '幸福路1号',
      formKey: randomUUID(),
    }),
  },
  'lib.services.stations.actions.updateInstitutionAction': {
    roles: ['TOWNSHIP_STAFF', 'ADMIN'],
    scope: 'own',
    input: async (t) => {
      const i = await institution(t)
      return {
        institutionId: String(i.id),
        version: String(i.version),
        name: i.name,
        licence: i.licence,
        operator: 'PRIVATE',
        places: '50',
        placesInUse: '30',
        address: i.address,
        active: 'on',
      }
    },
  },
  // --- assessment: schemes are the county administrator's, runs and values the county officials'
  'assessment.saveSchemeAction': { roles: ['ADMIN@COUNTY'], scope: 'none', input: () => ({ json: json(schemeFile()) }) },
  'assessment.saveValuesAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => {
      const scheme = await assessmentScheme(t)
      return { schemeId: String(scheme.id), periodKey: '2024', [`v:work:${t.township.id}`]: '40', 'e:work': '评分表' }
    },
  },
  'assessment.importValuesAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => ({ schemeId: String((await assessmentScheme(t)).id), periodKey: '2024', file: await valueSheet(t) }),
  },
  'assessment.createRunAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => ({ schemeId: String((await assessmentScheme(t)).id), statYear: '2024', title: '矩阵考核', formKey: randomUUID() }),
  },
  'assessment.addAdjustmentAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => ({
      runId: String((await assessmentRun(t)).runId),
      townshipId: String(t.township.id),
      points: '10',
      reason: '表扬',
      document: '宁政办字〔2024〕1号',
    }),
  },
  'assessment.addVetoAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => ({ runId: String((await assessmentRun(t)).runId), townshipId: String(t.township.id), reason: '事故', document: '宁发〔2024〕1号' }),
  },
  'assessment.removeEntryAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => {
      const { runId } = await assessmentRun(t)
      const entry = await db.assessmentAdjustment.create({
        data: { runId, townshipId: t.township.id, points: 5, reason: '表扬', document: '文件', createdById: t.me.id },
      })
      return { runId: String(runId), kind: 'adjustment', entryId: String(entry.id) }
    },
  },
  'assessment.publishRunAction': { roles: ['COUNTY_OFFICIAL'], scope: 'own', input: async (t) => ({ runId: String((await assessmentRun(t)).runId) }) },
  // --- inspections: officials keep templates, start rounds and form teams; a team's inspectors score
  // its townships and review close-outs; a township enters its measures; samples are the county's
  'assessment.createTemplateAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'none',
    input: () => ({ name: '矩阵评分表', lines: '组织领导 | A1 | 领导重视 | 10 | 未研究扣 5 分' }),
  },
  'assessment.createRoundAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => {
      const template = await db.inspectionTemplate.create({
        data: {
          countyId: t.county.id,
          name: '矩阵评分表',
          items: [{ code: 'A1', group: '组织领导', name: '领导重视', maxPoints: 10, guidance: '' }],
          createdById: t.me.id,
        },
      })
      return { title: '矩阵督查', statYear: '2024', templateId: String(template.id), startsOn: '2024-05-01', endsOn: '2024-05-10', formKey: randomUUID() }
    },
  },
  'assessment.addTeamAction': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => ({ roundId: String((await inspectionRound(t)).id), name: '第二组', [`m:${t.me.id}`]: 'on', [`t:${t.township.id}`]: 'on' }),
  },
  'assessment.saveScoresAction': {
    roles: ['COUNTY_OFFICIAL', 'INSPECTOR'],
    scope: 'own',
    input: async (t) => ({ roundId: String((await inspectionRound(t)).id), townshipId: String(t.township.id), 'p:A1': '8', 'n:A1': '较好' }),
  },
  'assessment.openRectificationAction': {
    roles: ['COUNTY_OFFICIAL', 'INSPECTOR'],
    scope: 'own',
    input: async (t) => ({
      roundId: String((await inspectionRound(t)).id),
      townshipId: String(t.township.id),
      finding: '台账不全',
      dueOn: '2024-06-30',
      formKey: randomUUID(),
    }),
  },
  'assessment.submitMeasuresAction': {
    roles: ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER'],
    scope: 'own',
    input: async (t) => ({ rectificationId: String((await rectification(t)).id), measures: '已补齐台账' }),
  },
  'assessment.reviewRectificationAction': {
    roles: ['COUNTY_OFFICIAL', 'INSPECTOR'],
    scope: 'own',
    input: async (t) => ({ rectificationId: String((await rectification(t, true)).id), decision: 'close' }),
  },
  'assessment.publishRoundAction': { roles: ['COUNTY_OFFICIAL'], scope: 'own', input: async (t) => ({ roundId: String((await inspectionRound(t)).id) }) },
  'assessment.createSampleAction': {
    roles: ['COUNTY_OFFICIAL', 'INSPECTOR'],
    scope: 'own',
    input: async (t) => {
      await person(t)
      return { townshipId: String(t.township.id), statYear: '2024', size: '1', formKey: randomUUID() }
    },
  },
  'assessment.recordSampleAction': {
    roles: ['COUNTY_OFFICIAL', 'INSPECTOR'],
    scope: 'own',
    input: async (t) => {
      const { household } = await person(t)
      const check = await db.sampleCheck.create({
        data: {
          countyId: t.county.id,
          townshipId: t.township.id,
          statYear: 2024,
          seed: 'matrix',
          size: 1,
          createdById: t.me.id,
          households: { create: { householdId: household.id, villageId: t.village.id, position: 0 } },
        },
        include: { households: true },
      })
      return { sampleHouseholdId: String(check.households[0].id), outcome: 'CORRECT' }
    },
  },

  // --- route handlers
  'GET /api/auth/[...nextauth]': { roles: ['public'], scope: 'none', input: () => ({ url: '/api/auth/providers', params: { nextauth: 'providers' } }) },
  'POST /api/auth/[...nextauth]': { roles: ['public'], scope: 'none', input: () => ({ url: '/api/auth/signout', params: { nextauth: 'signout' } }) },
  // the search's list of the people in the filter's region: another region's people are not in it
  'GET /api/register/export': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    refusedWhen: (o) => o.kind === 'response' && o.status === 200 && o.headers.get('X-Export-Count') === '0',
    refusalAudits: ['register.export'],
    input: async (t) => {
      await person(t)
      return { url: `/api/register/export?regionId=${t.village.id}` }
    },
  },
  'GET /api/register/template': { roles: REGISTER_EDITORS, scope: 'none', input: () => ({ url: '/api/register/template' }) },
  'GET /api/regions/template': { roles: ADMINS, scope: 'none', input: () => ({ url: '/api/regions/template' }) },
  // a photo of a score or a rectification's evidence: the county's inspectors and officials, the township its own
  'GET /api/assessment/attachments/[id]': {
    roles: ['COUNTY_OFFICIAL', 'INSPECTOR', 'TOWNSHIP_STAFF', 'TOWNSHIP_LEADER'],
    scope: 'own',
    input: async (t) => ({ url: '/api/assessment/attachments/x', params: { id: String((await rectification(t)).attachmentId) } }),
  },
  'GET /api/assessment/inspections/[id]/xlsx': {
    roles: ['COUNTY_OFFICIAL', 'INSPECTOR'],
    scope: 'own',
    input: async (t) => {
      const round = await inspectionRound(t)
      return { url: `/api/assessment/inspections/${round.id}/xlsx`, params: { id: String(round.id) } }
    },
  },
  // the monthly supplies ledger of a station: whoever may read the supplies of its region
  'GET /api/services/supplies/ledger': {
    roles: ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'TOWNSHIP_SERVICE_STAFF', 'COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => {
      const { station } = await stockedStation(t, 'VILLAGE_ROOM')
      return { url: `/api/services/supplies/ledger?unit=s-${station.id}&month=2024-03` }
    },
  },
  // a file of a (non-sensitive) service record: whoever may see the record
  'GET /api/services/attachments/[id]': {
    roles: SERVICE_VIEWERS,
    scope: 'own',
    input: async (t) => {
      const record = await serviceRecord(t)
      const sha256 = createHash('sha256').update(PNG_1PX).digest('hex')
      await attachmentStore().put(blobKey(sha256), PNG_1PX)
      const a = await db.attachment.create({
        data: {
          sha256,
          mime: 'image/png',
          size: PNG_1PX.length,
          name: 'a.png',
          ownerType: 'ServiceRecord',
          ownerId: record.id,
          countyId: t.county.id,
          createdById: t.me.id,
        },
      })
      return { url: `/api/services/attachments/${a.id}`, params: { id: String(a.id) } }
    },
  },
  // a photo of a station's check: whoever may see the station (a village officer their own room's)
  'GET /api/services/stations/photos/[id]': {
    roles: [...SERVICE_VIEWERS, 'ADMIN'],
    scope: 'own',
    input: async (t) => {
      const s = await station(t)
      const check = await db.stationCheck.create({
        data: { stationId: s.id, ...placeOf(t), checkedOn: new Date('2024-03-01'), checkedBy: '矩阵', meetsStandard: true, recordedById: t.me.id },
      })
      const sha256 = createHash('sha256').update(PNG_1PX).digest('hex')
      await attachmentStore().put(blobKey(sha256), PNG_1PX)
      const a = await db.attachment.create({
        data: {
          sha256,
          mime: 'image/png',
          size: PNG_1PX.length,
          name: 'a.png',
          ownerType: 'StationCheck',
          ownerId: check.id,
          countyId: t.county.id,
          createdById: t.me.id,
        },
      })
      return { url: `/api/services/stations/photos/${a.id}`, params: { id: String(a.id) } }
    },
  },
  // a township's report is seen by the township and the county, not by its villages
  'GET /api/reports/[id]/xlsx': {
    roles: ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL', 'INSPECTOR'],
    scope: 'own',
    input: async (t) => {
      const r = await report(t.unit)
      return { url: `/api/reports/${r.id}/xlsx`, params: { id: String(r.id) } }
    },
  },
  // the records behind one count of a report (追溯), as .xlsx: those who may export the register, in their own region
  'GET /api/reports/trace': {
    roles: REGISTER_EDITORS,
    scope: 'own',
    input: async (t) => {
      await person(t)
      return { url: `/api/reports/trace?region=${t.region.id}&kind=ANNUAL&period=2024&key=registered` }
    },
  },
  // one chart of a dashboard: every role but the administrator, for its own region (another region looks missing)
  'GET /api/dashboard/xlsx': {
    roles: ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL', 'INSPECTOR', 'TOWNSHIP_SERVICE_STAFF'],
    scope: 'own',
    input: (t) => ({ url: `/api/dashboard/xlsx?chart=trend&region=${t.region.id}&period=MONTHLY:2025-06` }),
  },
  'GET /api/assessment/schemes/[id]': {
    roles: ['ADMIN@COUNTY'],
    scope: 'own',
    input: async (t) => {
      const scheme = await assessmentScheme(t)
      return { url: `/api/assessment/schemes/${scheme.id}`, params: { id: String(scheme.id) } }
    },
  },
  'GET /api/assessment/values/template': {
    roles: ['COUNTY_OFFICIAL'],
    scope: 'own',
    input: async (t) => ({ url: `/api/assessment/values/template?schemeId=${(await assessmentScheme(t)).id}&period=2024` }),
  },
  // a published run: the county sees every row of it; a township only its own (none, aimed at its neighbour)
  'GET /api/assessment/runs/[id]/xlsx': {
    roles: ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL', 'ADMIN@COUNTY', 'INSPECTOR'],
    scope: 'own',
    refusedWhen: (o) => o.kind === 'response' && o.status === 200 && o.headers.get('X-Result-Count') === '0',
    input: async (t) => {
      const { runId } = await assessmentRun(t, true)
      return { url: `/api/assessment/runs/${runId}/xlsx`, params: { id: String(runId) } }
    },
  },
  // tasks: issued to the unit directly below (out of scope looks like a wrong assignee); reported by
  // the unit they are for; checked by the unit that issued them
  'work.issueTaskAction': {
    roles: TASK_ISSUERS,
    scope: 'own',
    refusedAs: ['work.errors.assignee'],
    input: (t) => ({ title: `矩阵任务${next()}`, details: '矩阵', dueOn: '2099-12-31', assignee: `r:${below(t).id}` }),
  },
  'work.reportTaskAction': {
    roles: ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF', 'TOWNSHIP_LEADER'],
    scope: 'own',
    input: async (t) => ({ taskId: String((await workTask(t, 'to')).id), evidence: '已完成' }),
  },
  'work.checkTaskAction': {
    roles: TASK_ISSUERS,
    scope: 'own',
    input: async (t) => ({ taskId: String((await workTask(t, 'from', 'REPORTED')).id), decision: 'accept' }),
  },
  'work.setWarningDaysAction': { roles: ['ADMIN@COUNTY'], scope: 'none', input: () => ({ warningDays: '3' }) },
  // agreements: the unit above makes them with the unit directly below
  'work.createAgreementAction': {
    roles: AGREEMENT_MAKERS,
    scope: 'own',
    refusedAs: ['work.errors.party'],
    input: (t) => ({
      year: String(2000 + (next() % 100)),
      partyRegionId: String(below(t).id),
      title: '矩阵责任书',
      issuerSignatory: '甲',
      partySignatory: '乙',
    }),
  },
  'work.addAgreementItemAction': {
    roles: AGREEMENT_MAKERS,
    scope: 'own',
    input: async (t) => ({ agreementId: String((await agreement(t)).agreement.id), label: '矩阵', target: '95', unit: '%', weight: '10' }),
  },
  'work.recordProgressAction': {
    roles: AGREEMENT_MAKERS,
    scope: 'own',
    input: async (t) => ({ itemId: String((await agreement(t)).item.id), progress: '50', progressOn: '2020-01-01' }),
  },
  'work.attachScanAction': {
    roles: AGREEMENT_MAKERS,
    scope: 'own',
    input: async (t) => ({ agreementId: String((await agreement(t)).agreement.id), scan: scanFile() }),
  },
  // cases: received by a county or township (its own region), assigned by the receiving unit,
  // answered and closed by it or the township it went to
  'cases.receiveCaseAction': {
    roles: CASE_RECEIVERS,
    scope: 'none',
    input: () => ({ channel: 'PHONE', kind: 'INQUIRY', subject: `矩阵来电${next()}`, content: '矩阵', receivedOn: '2026-01-05' }),
  },
  'cases.assignCaseAction': {
    roles: CASE_RECEIVERS,
    scope: 'own',
    input: async (t) => ({ caseId: String((await workCase(t, 'RECEIVED')).id), assignee: `r:${t.township.id}` }),
  },
  'cases.replyCaseAction': {
    roles: CASE_HANDLERS,
    scope: 'own',
    input: async (t) => ({ caseId: String((await workCase(t, 'ASSIGNED')).id), reply: '已答复', repliedOn: '2026-01-08' }),
  },
  'cases.closeCaseAction': {
    roles: CASE_HANDLERS,
    scope: 'own',
    input: async (t) => ({ caseId: String((await workCase(t, 'REPLIED')).id), satisfaction: 'SATISFIED', closedOn: '2026-01-09' }),
  },
  'cases.addDepartmentAction': { roles: ['ADMIN@COUNTY'], scope: 'none', input: () => ({ name: `矩阵部门${next()}` }) },
  // a task's evidence or an agreement's scan: whoever sees the task
  'GET /api/work/attachments/[id]': {
    roles: WORK_VIEWERS,
    scope: 'own',
    input: async (t) => {
      const task = await workTask(t, 'to')
      const sha256 = createHash('sha256').update(PNG_1PX).digest('hex')
      await attachmentStore().put(blobKey(sha256), PNG_1PX)
      const a = await db.attachment.create({
        data: {
          sha256,
          mime: 'image/png',
          size: PNG_1PX.length,
          name: 'e.png',
          ownerType: 'WorkTask',
          ownerId: task.id,
          countyId: t.county.id,
          createdById: t.me.id,
        },
      })
      return { url: `/api/work/attachments/${a.id}`, params: { id: String(a.id) } }
    },
  },
}
