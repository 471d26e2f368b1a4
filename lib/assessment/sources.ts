import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import type { Period } from '@/lib/periods/rules'
import { registeredByTownship, registrationTimelinessByTownship, reportOnTimeByTownship } from '@/lib/reports/indicators'
import { findingFiguresByTownship } from '@/lib/quality/indicators'
import type { Better } from './rules'
import { inspectionScoreByTownship, sampleRatesByTownship } from './inspection-indicators'

// The registry of indicator sources: figures per township for a period that a scheme's indicator
// can name as its source. The modules below assessment publish theirs here (read through their own
// functions, never their tables); modules above it (services, benefits, work, cases) register
// theirs from the composition root, lib/modules.ts, with registerIndicatorSource.
// Not server-only: the demo generator and the benchmark compute runs with it.

type Client = PrismaClient | Tx

export interface SourceContext {
  countyId: number
  period: Period
  /** reports not yet due by this day are not counted */
  today: string
}

/** A township's figure, and the numbers it was computed from (shown on the "why" page). */
export interface SourceValue {
  value: number | null
  detail: Record<string, number | null>
}

export interface IndicatorSource {
  /** "<module>.<name>", the key a scheme names */
  key: string
  label: { 'zh-CN': string; en: string }
  unit: { 'zh-CN': string; en: string }
  /** which way is better, the default of an indicator scored on it */
  better: Better
  compute(client: Client, ctx: SourceContext): Promise<Map<number, SourceValue>>
}

/** Values entered by hand, with their evidence (AssessmentValue). */
export const MANUAL_SOURCE = 'manual'

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100)

const BUILT_IN: IndicatorSource[] = [
  {
    key: 'reports.onTimeRate',
    label: { 'zh-CN': '报表按时上报率', en: 'Reports submitted on time' },
    unit: { 'zh-CN': '%', en: '%' },
    better: 'higher',
    async compute(client, ctx) {
      const figures = await reportOnTimeByTownship(client, ctx.countyId, ctx.period.statYear, ctx.today)
      return new Map([...figures].map(([id, f]) => [id, { value: round2(f.rate), detail: { due: f.due, onTime: f.onTime } }]))
    },
  },
  {
    key: 'reports.registrationTimeliness',
    label: { 'zh-CN': '人口变动登记及时率', en: 'Life events registered within 30 days' },
    unit: { 'zh-CN': '%', en: '%' },
    better: 'higher',
    async compute(client, ctx) {
      const figures = await registrationTimelinessByTownship(client, ctx.countyId, ctx.period)
      return new Map([...figures].map(([id, f]) => [id, { value: round2(f.rate), detail: { recorded: f.recorded, late: f.late } }]))
    },
  },
  {
    key: 'reports.lateRegistrations',
    label: { 'zh-CN': '迟报（漏报）人口变动数', en: 'Late registrations' },
    unit: { 'zh-CN': '件', en: 'events' },
    better: 'lower',
    async compute(client, ctx) {
      const figures = await registrationTimelinessByTownship(client, ctx.countyId, ctx.period)
      return new Map([...figures].map(([id, f]) => [id, { value: f.late, detail: { recorded: f.recorded, late: f.late } }]))
    },
  },
  {
    key: 'quality.openPer1000',
    label: { 'zh-CN': '每千人未解决数据质量问题', en: 'Open quality findings per 1,000 residents' },
    unit: { 'zh-CN': '件/千人', en: 'per 1,000' },
    better: 'lower',
    async compute(client, ctx) {
      const [findings, registered] = await Promise.all([
        findingFiguresByTownship(client, ctx.countyId, ctx.period),
        registeredByTownship(client, ctx.countyId, ctx.period),
      ])
      const ids = new Set([...findings.keys(), ...registered.keys()])
      return new Map(
        [...ids].map((id) => {
          const open = findings.get(id)?.openAtEnd ?? 0
          const people = registered.get(id) ?? 0
          return [id, { value: people > 0 ? round2((open * 1000) / people) : null, detail: { open, registered: people } }]
        }),
      )
    },
  },
  {
    key: 'quality.closedWithin30',
    label: { 'zh-CN': '数据质量问题 30 日内办结率', en: 'Quality findings closed within 30 days' },
    unit: { 'zh-CN': '%', en: '%' },
    better: 'higher',
    async compute(client, ctx) {
      const findings = await findingFiguresByTownship(client, ctx.countyId, ctx.period)
      return new Map(
        [...findings].map(([id, f]) => [
          id,
          { value: f.closed > 0 ? round2((f.closedWithin30 / f.closed) * 100) : null, detail: { closed: f.closed, closedWithin30: f.closedWithin30 } },
        ]),
      )
    },
  },
  {
    key: 'inspections.score',
    label: { 'zh-CN': '督查考评得分', en: 'Inspection score' },
    unit: { 'zh-CN': '分', en: 'points' },
    better: 'higher',
    async compute(client, ctx) {
      const figures = await inspectionScoreByTownship(client, ctx.countyId, ctx.period)
      return new Map([...figures].map(([id, f]) => [id, { value: f.total, detail: { roundId: f.roundId, maximum: f.maximum } }]))
    },
  },
  {
    key: 'inspections.sampleErrorRate',
    label: { 'zh-CN': '抽样核查登记差错率', en: 'Sample register error rate' },
    unit: { 'zh-CN': '%', en: '%' },
    better: 'lower',
    async compute(client, ctx) {
      const figures = await sampleRatesByTownship(client, ctx.countyId, ctx.period)
      return new Map([...figures].map(([id, f]) => [id, { value: f.errorRate, detail: { checked: f.checked, errors: f.errors, sampleId: f.checkId } }]))
    },
  },
  {
    key: 'inspections.sampleMissingRate',
    label: { 'zh-CN': '抽样核查漏登率', en: 'Sample missing-registration rate' },
    unit: { 'zh-CN': '%', en: '%' },
    better: 'lower',
    async compute(client, ctx) {
      const figures = await sampleRatesByTownship(client, ctx.countyId, ctx.period)
      return new Map([...figures].map(([id, f]) => [id, { value: f.missingRate, detail: { checked: f.checked, missing: f.missing, sampleId: f.checkId } }]))
    },
  },
]

// On globalThis: Next.js may load this file in more than one bundle of the same process (0006).
const registry = ((globalThis as unknown as { xzIndicatorSources?: Map<string, IndicatorSource> }).xzIndicatorSources ??= new Map(
  BUILT_IN.map((s) => [s.key, s]),
))

/** A module above assessment publishes an indicator source (from lib/modules.ts). */
export function registerIndicatorSource(source: IndicatorSource): void {
  registry.set(source.key, source)
}

export function indicatorSource(key: string): IndicatorSource | undefined {
  return registry.get(key)
}

export function indicatorSources(): IndicatorSource[] {
  return [...registry.values()]
}

export function isKnownSource(key: string): boolean {
  return key === MANUAL_SOURCE || registry.has(key)
}
