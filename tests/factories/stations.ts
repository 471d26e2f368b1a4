import type { PrismaClient } from '@/lib/generated/prisma/client'

// The standardisation checklist (规范化建设) the demo county ships with (issue 11), shared by the
// demo generator and the tests: the four 统一 of the documents as core items, and two the county adds.

type Client = Pick<PrismaClient, 'stationChecklistItem'>

export const DEMO_CHECKLIST = [
  { code: 'SIGNAGE', nameZh: '统一标识', nameEn: 'Uniform signage', core: true, sortOrder: 10 },
  { code: 'EQUIPMENT', nameZh: '统一设备', nameEn: 'Uniform equipment', core: true, sortOrder: 20 },
  { code: 'PROCEDURE', nameZh: '统一流程', nameEn: 'Uniform procedures', core: true, sortOrder: 30 },
  { code: 'RULES', nameZh: '统一制度', nameEn: 'Uniform rules', core: true, sortOrder: 40 },
  { code: 'NOTICE', nameZh: '服务公示上墙', nameEn: 'Services posted on the wall', core: false, sortOrder: 50 },
  { code: 'FILES', nameZh: '档案管理规范', nameEn: 'Records kept in order', core: false, sortOrder: 60 },
] as const

/** The demo checklist for a county (idempotent); its items by code. */
export async function makeChecklist(db: Client, countyId: number): Promise<Map<string, { id: number; core: boolean }>> {
  for (const item of DEMO_CHECKLIST) {
    await db.stationChecklistItem.upsert({ where: { countyId_code: { countyId, code: item.code } }, create: { ...item, countyId }, update: {} })
  }
  const rows = await db.stationChecklistItem.findMany({ where: { countyId }, select: { id: true, code: true, core: true } })
  return new Map(rows.map((r) => [r.code, { id: r.id, core: r.core }]))
}
