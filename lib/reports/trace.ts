import 'server-only'
import type { DbClient } from '@/lib/server/db'
import { db } from '@/lib/server/db'
import { can, type Subject } from '@/lib/access/permissions'
import { regionInScope, regionNames } from '@/lib/regions/lookups'
import { toIso, todayIso } from '@/lib/dates'
import { hasEnded, periodOf, type Period } from '@/lib/periods/rules'
import type { ReportKind } from './rules'
import { attributionFor, figureEvents, isStockKey, stockPeople, type Attribution, type FigureScope } from './figures'
import { countyOf, reportSettings } from './scope'
import { isGroup, REPORT_SECTIONS, type Column, type SectionLayout } from './sections'
import type { MessageKey } from '@/lib/i18n/core'

// Every figure traceable (追溯, issue 13): a count of a report opens the list of records behind it,
// computed by the figure's own query for the same region and period, listing instead of counting.
// The register's figures (stock, flows, timeliness) are built in; a higher module adds its own
// through addTraceSource (lib/modules.ts: services' coverage). The list is computed now from the
// register: an approved report keeps the frozen figures of its day, and the page says when the two
// differ. Rows show names and masked ID numbers only (decision 0005).

export type TraceEntity = 'person' | 'event' | 'household'

export interface TraceRequest {
  subject: Subject
  scope: FigureScope
  period: Period
  key: string
  attribution: Attribution
}

/** The records behind one count, or 'refused' when the subject may not open them (sensitive, small cells). */
export type TraceResult = { entity: TraceEntity; ids: number[] } | 'refused'

export interface TraceSource {
  /** whether the source traces this count key */
  traces(key: string): boolean
  list(client: DbClient, request: TraceRequest): Promise<TraceResult>
}

const EVENT_KEYS = new Set([
  'births',
  'birthsMale',
  'birthsFemale',
  'birthOrder1',
  'birthOrder2',
  'birthOrder3plus',
  'deaths',
  'marriages',
  'divorces',
  'movesIn',
  'movesOut',
  'movesWithin',
  'eventsRecorded',
  'eventsLate',
])

const registerSource: TraceSource = {
  traces: (key) => isStockKey(key) || EVENT_KEYS.has(key),
  async list(client, { scope, period, key, attribution }) {
    if (isStockKey(key)) return { entity: 'person', ids: await stockPeople(client, scope, period, key, attribution) }
    return { entity: 'event', ids: await figureEvents(client, scope, period, key, attribution) }
  },
}

// On globalThis, like the figure sources: every bundle of the process sees those added at start-up.
const SOURCES = Symbol.for('xiangzhen.reports.traceSources')
const TRACE_SOURCES: TraceSource[] = ((globalThis as { [SOURCES]?: TraceSource[] })[SOURCES] ??= [registerSource])

/** Adds a higher module's trace source (lib/modules.ts). */
export function addTraceSource(source: TraceSource): void {
  if (!TRACE_SOURCES.includes(source)) TRACE_SOURCES.push(source)
}

/** Whether a count key opens a list (a derived figure, a rate, opens none). */
export function isTraceable(key: string): boolean {
  return TRACE_SOURCES.some((s) => s.traces(key))
}

export interface TraceQuery {
  regionId: number
  kind: ReportKind
  periodKey: string
  key: string
}

export interface TraceRow {
  id: number
  name: string
  idMasked: string | null
  sex: 'MALE' | 'FEMALE' | null
  birthDate: string | null
  place: string
  /** an event's type and date */
  event: { type: string; occurredOn: string; recordedOn: string; late: boolean } | null
  /** the person's page (a household's head's), when the user may open it */
  personId: number | null
}

export interface TraceList {
  region: { id: number; name: string; level: string }
  period: Period
  key: string
  entity: TraceEntity
  ids: number[]
}

/**
 * The records behind a count of a region (in the subject's scope) for an ended period; null when
 * the region, period or key is not the subject's to open, 'refused' when the figure may not open
 * (sensitive records for a role that cannot see them).
 */
export async function traceFigure(subject: Subject, query: TraceQuery, today = todayIso()): Promise<TraceList | 'refused' | null> {
  if (!can(subject, 'report.view') || !can(subject, 'register.view')) return null
  const found = await regionInScope(db, subject, query.regionId)
  if (!found || found.level === 'GROUP') return null
  const countyId = countyOf(found)
  const settings = await reportSettings(db, countyId)
  const period = periodOf(query.kind, query.periodKey, settings)
  if (!period || !hasEnded(period, today)) return null
  const source = TRACE_SOURCES.find((s) => s.traces(query.key))
  if (!source) return null
  const scope: FigureScope = { level: found.level as FigureScope['level'], regionId: found.id, countyId }
  const attribution = await attributionFor(db, scope, period)
  const result = await source.list(db, { subject, scope, period, key: query.key, attribution })
  if (result === 'refused') return 'refused'
  return { region: { id: found.id, name: found.name, level: found.level }, period, key: query.key, entity: result.entity, ids: result.ids }
}

const placeSelect = { select: { name: true, level: true, parent: { select: { name: true } } } } as const
const placeName = (r: { name: string; level: string; parent: { name: string } | null }) =>
  r.level === 'GROUP' && r.parent ? `${r.parent.name} ${r.name}` : r.name
const personSelect = { id: true, name: true, idMasked: true, sex: true, birthDate: true, region: placeSelect } as const

/** The rows of some of a list's ids (a page, or all of them for the export), in the ids' order. */
export async function traceRows(entity: TraceEntity, ids: number[]): Promise<TraceRow[]> {
  if (ids.length === 0) return []
  const order = new Map(ids.map((id, i) => [id, i]))
  const byOrder = <T extends { id: number }>(rows: T[]) => rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  if (entity === 'person') {
    const people = await db.person.findMany({ where: { id: { in: ids } }, select: personSelect })
    return byOrder(people).map((p) => ({
      id: p.id,
      name: p.name,
      idMasked: p.idMasked,
      sex: p.sex,
      birthDate: toIso(p.birthDate),
      place: placeName(p.region),
      event: null,
      personId: p.id,
    }))
  }
  if (entity === 'household') {
    const households = await db.household.findMany({
      where: { id: { in: ids } },
      select: { id: true, region: placeSelect, members: { where: { relation: 'SELF' }, select: personSelect, take: 1 } },
    })
    return byOrder(households).map((h) => {
      const head = h.members[0]
      return {
        id: h.id,
        name: head?.name ?? '',
        idMasked: head?.idMasked ?? null,
        sex: head?.sex ?? null,
        birthDate: head ? toIso(head.birthDate) : null,
        place: placeName(h.region),
        event: null,
        personId: head?.id ?? null,
      }
    })
  }
  const events = await db.lifeEvent.findMany({
    where: { id: { in: ids } },
    select: { id: true, type: true, occurredOn: true, recordedOn: true, late: true, villageId: true, person: { select: personSelect } },
  })
  const villages = await regionNames(db, new Set(events.map((e) => e.villageId)))
  return byOrder(events).map((e) => ({
    id: e.id,
    name: e.person.name,
    idMasked: e.person.idMasked,
    sex: e.person.sex,
    birthDate: toIso(e.person.birthDate),
    place: villages.get(e.villageId) ?? '',
    event: { type: e.type, occurredOn: toIso(e.occurredOn), recordedOn: toIso(e.recordedOn), late: e.late },
    personId: e.person.id,
  }))
}

/** The table and column a count key is shown in, for the list's title. */
export function traceLabel(key: string): { section: SectionLayout; column: Column; group: MessageKey | null } | null {
  for (const section of REPORT_SECTIONS) {
    for (const cell of section.header) {
      const columns = isGroup(cell) ? cell.columns : [cell]
      const column = columns.find((c) => (c.derive ? c.trace === key : c.key === key))
      if (column) return { section, column, group: isGroup(cell) ? cell.label : null }
    }
  }
  return null
}

/** The list's figure on a stored report: its frozen count for the region (a child row's, or the total). */
export function frozenFigure(
  figures: { total: Record<string, number>; byChild: Record<string, Record<string, number>> },
  reportRegionId: number,
  regionId: number,
  key: string,
): number | null {
  const counts = regionId === reportRegionId ? figures.total : figures.byChild[String(regionId)]
  const value = counts?.[key]
  return typeof value === 'number' ? value : null
}
