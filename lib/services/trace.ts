import type { TraceSource } from '@/lib/reports/trace'
import { computeCoverage, INDICATORS, type CoverageMember, type Indicator } from './coverage'
import { REPORT_SMALL_CELL } from './report'
import { seesSensitive } from './visibility'

/** `childrenEligible` → ['children', 'Eligible'] */
function parse(key: string): [Indicator, 'Eligible' | 'Done'] | null {
  const m = /^(children|elderly|families|marriages)(Eligible|Done)$/.exec(key)
  return m ? [m[1] as Indicator, m[2] as 'Eligible' | 'Done'] : null
}

/**
 * The people (special families: households) behind a count of the services section: the coverage's
 * own computation, listing who it counted. A figure built from sensitive records (the pre-marital
 * checks, or a type the catalogue flags) opens for nobody who may not see those records: its small
 * cells would name people (decision 0009).
 */
export const servicesTraceSource: TraceSource = {
  traces: (key) => parse(key) !== null,
  async list(client, { subject, scope, period, key }) {
    const [indicator, part] = parse(key)!
    const members = Object.fromEntries(INDICATORS.map((i) => [i, [] as CoverageMember[]])) as Record<Indicator, CoverageMember[]>
    const result = await computeCoverage(client, scope, period, members)
    if ((REPORT_SMALL_CELL.has(indicator) || result.sensitive[indicator]) && !seesSensitive(subject)) return 'refused'
    const ids = members[indicator].filter((m) => part === 'Eligible' || m.done).map((m) => m.id)
    return { entity: indicator === 'families' ? 'household' : 'person', ids: ids.sort((a, b) => a - b) }
  },
}
