// The demo's inspections: the county's score sheet template (组织领导, 基础工作, 服务管理, 统计质量),
// two rounds of the current statistical year (the first published, with scores, a ranking and
// rectification items: closed, waiting for close-out, open and overdue; the second under way), and
// one sample verification of 柴胡店镇 with some households verified. Written in bulk like the rest
// of the demo: no audit events.
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { PrismaClient } from '@/lib/generated/prisma/client'
import { seededRandom } from '@/tests/factories/random'
import { countyTownships } from '@/lib/assessment/engine'
import { drawSample, type SheetItem } from '@/lib/assessment/inspection-rules'
import { householdsOfTownship } from '@/lib/registry/sample'
import { blobKey } from '@/lib/attachments/rules'
import { dataDir } from '@/lib/db/paths'
import { statYearOf } from '@/lib/periods/rules'
import { DEFAULT_REPORT_SETTINGS } from '@/lib/reports/rules'
import { toDate, toIso } from '@/lib/dates'

const addDays = (iso: string, n: number) => toIso(new Date(toDate(iso).getTime() + n * 86_400_000))

export const DEMO_SHEET: SheetItem[] = [
  { code: 'A1', group: '组织领导', name: '党政领导重视，专题研究人口服务工作', maxPoints: 8, guidance: '未专题研究扣 4 分；主要领导未参加扣 2 分' },
  { code: 'A2', group: '组织领导', name: '机构健全，人员到位', maxPoints: 7, guidance: '专干缺 1 人扣 2 分' },
  { code: 'B1', group: '基础工作', name: '人口信息台账完整、及时更新', maxPoints: 15, guidance: '每缺一项台账扣 1 分；信息滞后超过 30 天每户扣 0.5 分' },
  { code: 'B2', group: '基础工作', name: '村级服务室规范化建设', maxPoints: 10, guidance: '每个不达标服务室扣 1 分' },
  { code: 'C1', group: '服务管理', name: '奖励扶助、特别扶助对象按时足额发放', maxPoints: 15, guidance: '发现错发、漏发每例扣 3 分' },
  { code: 'C2', group: '服务管理', name: '计生特殊家庭双岗联系人制度落实', maxPoints: 10, guidance: '每户未落实扣 2 分' },
  { code: 'C3', group: '服务管理', name: '流动人口服务和信息交流', maxPoints: 10, guidance: '协查逾期未反馈每例扣 1 分' },
  { code: 'D1', group: '统计质量', name: '报表按时上报，数据准确', maxPoints: 15, guidance: '迟报每次扣 2 分；抽查差错每例扣 1 分' },
  { code: 'D2', group: '统计质量', name: '人口变动登记及时', maxPoints: 10, guidance: '迟报（漏报）每例扣 0.5 分' },
]

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** The demo's evidence photo, stored where the attachments kernel reads it (the local disk store). */
async function demoPhoto(): Promise<{ sha256: string; size: number }> {
  const sha256 = createHash('sha256').update(PNG_1PX).digest('hex')
  const file = path.join(dataDir(), 'files', blobKey(sha256))
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, PNG_1PX)
  return { sha256, size: PNG_1PX.length }
}

export async function buildInspectionsDemo(
  db: PrismaClient,
  options: { countyId: number; today: string; seed: number; sampleTownshipCode: string },
): Promise<void> {
  const { countyId, today } = options
  const random = seededRandom(options.seed + 31)
  const user = async (username: string) => (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id
  const [official, stats, inspector] = [await user('county.official'), await user('county.stats'), await user('inspector')]
  const townships = await countyTownships(db, countyId)
  const settings = (await db.reportSettings.findUnique({ where: { countyId } })) ?? DEFAULT_REPORT_SETTINGS
  const statYear = statYearOf(today, settings)
  const template = await db.inspectionTemplate.create({
    data: { countyId, name: '宁津县人口服务工作督查评分表', items: DEMO_SHEET as object[], createdById: official },
  })
  const half = Math.ceil(townships.length / 2)
  const teams = [
    { name: '第一督查组', memberIds: [inspector, official], townshipIds: townships.slice(0, half).map((t) => t.id) },
    { name: '第二督查组', memberIds: [stats], townshipIds: townships.slice(half).map((t) => t.id) },
  ]
  const score = (item: SheetItem) => Math.max(0, item.maxPoints - random.int(0, Math.ceil(item.maxPoints / 3) * 2) / 2)

  // the first round: finished and published, two months ago
  const first = await db.inspectionRound.create({
    data: {
      countyId,
      title: `${statYear}年第一次督查考评`,
      statYear,
      startsOn: toDate(addDays(today, -70)),
      endsOn: toDate(addDays(today, -63)),
      templateId: template.id,
      items: DEMO_SHEET as object[],
      status: 'PUBLISHED',
      publishedAt: toDate(addDays(today, -60)),
      publishedById: official,
      createdById: official,
      teams: { create: teams },
    },
  })
  await db.inspectionScore.createMany({
    data: teams.flatMap((team) =>
      team.townshipIds.flatMap((townshipId) =>
        DEMO_SHEET.map((item) => ({ roundId: first.id, townshipId, itemCode: item.code, points: score(item), note: '', enteredById: team.memberIds[0] })),
      ),
    ),
  })
  const byCode = new Map(townships.map((t) => [t.code, t.id]))
  const [ncjd, chd, cgz] = [byCode.get('371422001000')!, byCode.get('371422101000')!, byCode.get('371422102000')!]
  const photo = await demoPhoto()
  const items: {
    townshipId: number
    itemCode: string
    finding: string
    due: number
    status: 'OPEN' | 'SUBMITTED' | 'CLOSED'
    measures: string
    evidence: boolean
  }[] = [
    {
      townshipId: ncjd,
      itemCode: 'B1',
      finding: '安业社区流动人口台账未及时更新，3 户信息滞后',
      due: -20,
      status: 'CLOSED',
      measures: '已逐户核实并更新台账，建立每周更新制度',
      evidence: true,
    },
    {
      townshipId: ncjd,
      itemCode: 'C2',
      finding: '2 户计生特殊家庭未落实双岗联系人',
      due: 10,
      status: 'SUBMITTED',
      measures: '已为 2 户明确乡镇、村两级联系人并入户走访',
      evidence: true,
    },
    { townshipId: chd, itemCode: 'B2', finding: '苇子湾村服务室制度未上墙，药具发放登记不全', due: -5, status: 'OPEN', measures: '', evidence: false },
    { townshipId: chd, itemCode: 'D2', finding: '人口变动登记有 4 例迟报', due: 25, status: 'OPEN', measures: '', evidence: false },
    {
      townshipId: cgz,
      itemCode: 'C3',
      finding: '流动人口协查反馈超期 2 例',
      due: -30,
      status: 'CLOSED',
      measures: '已完成反馈并指定专人负责协查',
      evidence: true,
    },
  ]
  for (const it of items) {
    const row = await db.rectification.create({
      data: {
        countyId,
        roundId: first.id,
        townshipId: it.townshipId,
        itemCode: it.itemCode,
        finding: it.finding,
        dueOn: toDate(addDays(today, it.due)),
        measures: it.measures,
        status: it.status,
        submittedAt: it.status === 'OPEN' ? null : toDate(addDays(today, Math.min(it.due, 0) - 3)),
        closedAt: it.status === 'CLOSED' ? toDate(addDays(today, it.due - 1)) : null,
        closedById: it.status === 'CLOSED' ? inspector : null,
        createdById: inspector,
      },
    })
    if (it.evidence) {
      await db.attachment.create({
        data: {
          sha256: photo.sha256,
          mime: 'image/png',
          size: photo.size,
          name: '整改照片.png',
          ownerType: 'Rectification',
          ownerId: row.id,
          countyId,
          createdById: inspector,
        },
      })
    }
  }

  // the second round: under way, the first team has scored its first township
  const second = await db.inspectionRound.create({
    data: {
      countyId,
      title: `${statYear}年第二次督查考评`,
      statYear,
      startsOn: toDate(addDays(today, -2)),
      endsOn: toDate(addDays(today, 12)),
      templateId: template.id,
      items: DEMO_SHEET as object[],
      createdById: official,
      teams: { create: teams },
    },
  })
  await db.inspectionScore.createMany({
    data: DEMO_SHEET.map((item) => ({
      roundId: second.id,
      townshipId: teams[0].townshipIds[0],
      itemCode: item.code,
      points: score(item),
      note: '',
      enteredById: inspector,
    })),
  })

  // a sample verification of one township, a third of its households verified
  const sampleTownship = byCode.get(options.sampleTownshipCode)
  if (sampleTownship) {
    const seed = `ningjin-${statYear}-demo`
    const drawn = drawSample(await householdsOfTownship(db, sampleTownship), 30, seed)
    if (drawn.length) {
      const outcomes = ['CORRECT', 'CORRECT', 'CORRECT', 'CORRECT', 'CORRECT', 'CORRECT', 'FIELD_WRONG', 'UNREGISTERED', 'NOT_FOUND'] as const
      await db.sampleCheck.create({
        data: {
          countyId,
          townshipId: sampleTownship,
          statYear,
          seed,
          size: 30,
          createdById: inspector,
          households: {
            create: drawn.map((h, position) => {
              const outcome = position < 10 ? random.pick(outcomes) : null
              return {
                householdId: h.id,
                villageId: h.villageId,
                position,
                outcome,
                wrongField: outcome === 'FIELD_WRONG' ? 'birthDate' : null,
                checkedById: outcome ? inspector : null,
                checkedAt: outcome ? toDate(addDays(today, -1)) : null,
              }
            }),
          },
        },
      })
    }
  }
}
