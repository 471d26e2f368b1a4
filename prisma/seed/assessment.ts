// The demo's assessments: the 2003 宁津县 township scheme and a population-services scheme, with
// hand-entered values for the previous and the current statistical year, and two published runs
// of each (with commendations, criticisms and a veto), so the rankings page shows movement and the
// chart has points. Demo data written in bulk, like the report history: no audit events.
import type { PrismaClient } from '@/lib/generated/prisma/client'
import { seededRandom } from '@/tests/factories/random'
import { parseSchemeFile } from '@/lib/assessment/format'
import { isKnownSource } from '@/lib/assessment/sources'
import { countyTownships, insertScheme, makeRun, publishRun, recomputeRun } from '@/lib/assessment/engine'
import { statYearOf } from '@/lib/periods/rules'
import { DEFAULT_REPORT_SETTINGS } from '@/lib/reports/rules'
import { NINGJIN_2003, NINGJIN_POPULATION } from './assessment-schemes'

export async function buildAssessmentDemo(db: PrismaClient, options: { countyId: number; today: string; seed: number }): Promise<void> {
  const { countyId, today } = options
  const random = seededRandom(options.seed + 12)
  const admin = await db.user.findFirstOrThrow({ where: { role: 'ADMIN', regionId: countyId }, orderBy: { id: 'asc' }, select: { id: true } })
  const official = await db.user.findFirstOrThrow({ where: { role: 'COUNTY_OFFICIAL', regionId: countyId }, orderBy: { id: 'asc' }, select: { id: true } })
  const townships = await countyTownships(db, countyId)
  const settings = (await db.reportSettings.findUnique({ where: { countyId } })) ?? DEFAULT_REPORT_SETTINGS
  const current = statYearOf(today, settings)
  // the two statistical years that have ended: a year's ranking is published after it closes
  const years = [current - 2, current - 1]

  const schemes: Record<string, number> = {}
  for (const file of [NINGJIN_2003, NINGJIN_POPULATION]) {
    const parsed = parseSchemeFile(JSON.stringify(file), isKnownSource)
    if (!parsed.ok) throw new Error(`demo scheme ${file.key}: ${JSON.stringify(parsed.problems)}`)
    schemes[file.key] = (await db.$transaction((tx) => insertScheme(tx, countyId, parsed.scheme, admin.id))).id
  }

  // hand-entered values: the 2003 scheme's figures from the departments, the population scheme's service evaluation
  const rows: { schemeKey: string; indicatorCode: string; periodKey: string; townshipId: number; value: number; evidence: string }[] = []
  for (const year of years) {
    const periodKey = String(year)
    for (const t of townships) {
      const add = (schemeKey: string, indicatorCode: string, value: number, evidence: string) =>
        rows.push({ schemeKey, indicatorCode, periodKey, townshipId: t.id, value, evidence })
      add('ningjin-2003', 'investment', random.int(60, 400) * 10, `县发改局 ${year} 年全社会固定资产投资统计表`)
      for (const code of ['agriculture', 'fiscal', 'investmentPromotion', 'socialAffairs', 'stability', 'partyBuilding']) {
        add('ningjin-2003', code, random.int(5, 10) * 5, `县考核办 ${year} 年专项考核评分表`)
      }
      const tasks = random.pick([0, 0, 0, 0, 1, 2])
      if (tasks) add('ningjin-2003', 'statTasks', tasks, `县统计局 ${year} 年统计任务完成情况通报`)
      const failed = random.pick([0, 0, 0, 0, 0, 1])
      if (failed) add('ningjin-2003', 'statInspections', failed, `县统计局 ${year} 年统计执法检查记录`)
      add('ningjin-population', 'service', random.int(24, 40) / 2, `县卫健局 ${year} 年人口服务工作检查评分表`)
    }
  }
  await db.assessmentValue.createMany({ data: rows.map((r) => ({ ...r, countyId, enteredById: official.id })) })

  for (const [i, year] of years.entries()) {
    for (const key of ['ningjin-2003', 'ningjin-population']) {
      const title = key === 'ningjin-2003' ? `${year} 年度乡镇工作考核` : `${year} 年度人口服务工作考核`
      await db.$transaction(
        async (tx) => {
          const runId = await makeRun(tx, { countyId, schemeId: schemes[key], statYear: year, title, createdById: official.id, today })
          const [a, b, c] = [townships[(i * 3 + 1) % townships.length], townships[(i * 5 + 4) % townships.length], townships[(i * 7 + 2) % townships.length]]
          const points = key === 'ningjin-2003' ? [20, -10] : [2, -2]
          await tx.assessmentAdjustment.create({
            data: {
              runId,
              townshipId: a.id,
              points: points[0],
              reason: '工作经验被市级推广，通报表扬',
              document: `宁政办字〔${year}〕${10 + i}号`,
              createdById: official.id,
            },
          })
          await tx.assessmentAdjustment.create({
            data: {
              runId,
              townshipId: b.id,
              points: points[1],
              reason: '报送材料不及时，通报批评',
              document: `宁政办字〔${year}〕${20 + i}号`,
              createdById: official.id,
            },
          })
          if (key === 'ningjin-2003') {
            await tx.assessmentVeto.create({
              data: { runId, townshipId: c.id, reason: '发生重大安全生产责任事故', document: `宁发〔${year}〕${3 + i}号`, createdById: official.id },
            })
          }
          await recomputeRun(tx, runId)
          await publishRun(tx, runId, official.id)
        },
        { timeout: 120_000 },
      )
    }
  }
}
