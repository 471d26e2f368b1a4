// One illustrative region change in the demo county, so the history view is not empty
// (docs/decisions/0011-effective-dated-regions.md). The date is illustrative, not the real one.
//
// 张大庄乡 became 张大庄镇. The change is dated before the report history, so the seeded reports
// (all later) are unaffected; a report of a period before the date shows the old name. A rename
// keeps the region's row, so nobody's place and no figure moves.
import type { PrismaClient } from '@/lib/generated/prisma/client'
import { toDate } from '@/lib/dates'

export const DEMO_CHANGE = {
  effectiveOn: '2020-01-01',
  oldName: '张大庄乡',
  newName: '张大庄镇',
  documentNo: '鲁政字〔2019〕示例号',
  documentTitle: '关于同意撤销张大庄乡设立张大庄镇的批复（示例）',
} as const

/**
 * Records the rename on the demo county (371422000000, 宁津县; a test passes its own). Works on either demo: one that still
 * has 张大庄乡 (it is renamed) or one built from the national list that already has 张大庄镇 (only
 * the history is recorded). Does nothing when the county or township is missing or the change is
 * recorded already. Returns the change's id, or null.
 */
export async function recordDemoRegionChange(db: PrismaClient, countyCode = '371422000000'): Promise<number | null> {
  const county = await db.region.findUnique({ where: { code: countyCode }, select: { id: true } })
  if (!county) return null
  const township = await db.region.findFirst({
    where: { parentId: county.id, level: 'TOWNSHIP', validTo: null, name: { in: [DEMO_CHANGE.oldName, DEMO_CHANGE.newName] } },
    select: { id: true, name: true },
  })
  if (!township) return null
  if (await db.regionChange.findFirst({ where: { regionId: township.id, kind: 'RENAME' }, select: { id: true } })) return null
  return db.$transaction(async (tx) => {
    if (township.name === DEMO_CHANGE.oldName) {
      await tx.region.update({ where: { id: township.id }, data: { name: DEMO_CHANGE.newName, version: { increment: 1 } } })
    }
    const change = await tx.regionChange.create({
      data: {
        countyId: county.id,
        kind: 'RENAME',
        effectiveOn: toDate(DEMO_CHANGE.effectiveOn),
        documentNo: DEMO_CHANGE.documentNo,
        documentTitle: DEMO_CHANGE.documentTitle,
        regionId: township.id,
        oldName: DEMO_CHANGE.oldName,
        newName: DEMO_CHANGE.newName,
      },
      select: { id: true },
    })
    return change.id
  })
}
