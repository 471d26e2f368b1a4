import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { MadeRegion } from './index'

// The supplies catalogue the demo county ships with, and stations for a test county; shared by the
// demo generator and the tests.

type Client = Pick<PrismaClient, 'supplyItem' | 'serviceStation'>

/** 避孕套 盒, 口服避孕药 板 (contraceptive: a person named only by the roles of decision 0009), 叶酸片 瓶 (free before and in early pregnancy). */
export const DEMO_SUPPLY_ITEMS = [
  { code: 'CONDOM', nameZh: '避孕套', nameEn: 'Condoms', unitZh: '盒', unitEn: 'box', sensitive: true },
  { code: 'PILL', nameZh: '口服避孕药', nameEn: 'Oral contraceptive', unitZh: '板', unitEn: 'strip', sensitive: true },
  { code: 'FOLIC', nameZh: '叶酸片', nameEn: 'Folic acid tablets', unitZh: '瓶', unitEn: 'bottle', sensitive: false },
] as const

export async function makeSupplyItems(db: Client, countyId: number): Promise<Map<string, number>> {
  await db.supplyItem.createMany({ data: DEMO_SUPPLY_ITEMS.map((i) => ({ ...i, countyId })), skipDuplicates: true })
  const rows = await db.supplyItem.findMany({ where: { countyId }, select: { id: true, code: true } })
  return new Map(rows.map((r) => [r.code, r.id]))
}

/** A station for each township and a room for each village of a test county (makeCounty's tree). */
export async function makeStations(db: Client, tree: { county: MadeRegion; townships: MadeRegion[]; villages: MadeRegion[] }) {
  const station = async (township: MadeRegion, village: MadeRegion | null) =>
    db.serviceStation.create({
      data: {
        countyId: tree.county.id,
        townshipId: township.id,
        villageId: village?.id ?? null,
        kind: village ? 'VILLAGE_ROOM' : 'TOWNSHIP_STATION',
        name: village ? `${village.name}服务室` : `${township.name}服务站`,
        address: '测试路1号',
        openingHours: '周一至周五',
      },
      select: { id: true, countyId: true, townshipId: true, villageId: true },
    })
  const stations = new Map<number, Awaited<ReturnType<typeof station>>>()
  for (const t of tree.townships) stations.set(t.id, await station(t, null))
  for (const v of tree.villages)
    stations.set(
      v.id,
      await station(
        tree.townships.find((t) => v.ancestorIds.includes(t.id))!,
        v,
      ),
    )
  return stations
}
