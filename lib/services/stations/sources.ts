import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import { standardByTownshipOn, placesByTownshipOn } from './indicators'

// The stations' figures as assessment indicator sources, in the shape lib/assessment/sources.ts
// takes (services sit below assessment and do not import it: lib/modules.ts registers these).

type Client = PrismaClient | Tx

interface Context {
  countyId: number
  period: { end: string }
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100)

export const stationIndicatorSources = [
  {
    key: 'services.stationsMeetingStandard',
    label: { 'zh-CN': '服务站（室）规范化建设达标率', en: 'Service stations and rooms meeting the standard' },
    unit: { 'zh-CN': '%', en: '%' },
    better: 'higher' as const,
    async compute(client: Client, ctx: Context) {
      const figures = await standardByTownshipOn(client, ctx.countyId, ctx.period.end)
      return new Map(
        [...figures].map(([id, f]) => [
          id,
          { value: round2(f.share === null ? null : f.share * 100), detail: { stations: f.total, meeting: f.meeting, unchecked: f.unchecked } },
        ]),
      )
    },
  },
  {
    key: 'services.childcarePlacesPer1000',
    label: { 'zh-CN': '千人口拥有3岁以下婴幼儿托位数', en: 'Childcare places for under-3s per 1,000 residents' },
    unit: { 'zh-CN': '个/千人', en: 'per 1,000' },
    better: 'higher' as const,
    async compute(client: Client, ctx: Context) {
      const figures = await placesByTownshipOn(client, ctx.countyId, ctx.period.end)
      return new Map([...figures].map(([id, f]) => [id, { value: f.perThousand, detail: { places: f.places, residents: f.residents } }]))
    },
  },
]
