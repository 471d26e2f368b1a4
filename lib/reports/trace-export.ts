import 'server-only'
import ExcelJS from 'exceljs'
import type { ServiceContext } from '@/lib/server/context'
import type { Translate } from '@/lib/i18n/core'
import { can } from '@/lib/access/permissions'
import { audit, auditDenied } from '@/lib/server/audit'
import { regionById } from '@/lib/regions/lookups'
import { db } from '@/lib/server/db'
import { AppError } from '@/lib/server/errors'
import { traceFigure, traceLabel, traceRows, type TraceQuery, type TraceRow } from './trace'
import { periodLabel } from './present'

/** More rows than this are not exported at once (the register's own export has the same kind of cap). */
export const MAX_TRACE_EXPORT = 20_000

export function traceColumns(t: Translate, withEvents: boolean): { header: string; value: (r: TraceRow, i: number) => string | number }[] {
  return [
    { header: t('reports.trace.no'), value: (_r, i) => i + 1 },
    { header: t('registry.fields.name'), value: (r) => r.name },
    { header: t('registry.fields.idNumber'), value: (r) => r.idMasked ?? '' },
    { header: t('registry.fields.sex'), value: (r) => (r.sex ? t(`registry.sex.${r.sex}`) : '') },
    { header: t('registry.fields.birthDate'), value: (r) => r.birthDate ?? '' },
    { header: t('reports.trace.place'), value: (r) => r.place },
    ...(withEvents
      ? [
          { header: t('registry.events.type'), value: (r: TraceRow) => (r.event ? t(`registry.events.types.${r.event.type as 'BIRTH'}`) : '') },
          { header: t('registry.events.occurredOn'), value: (r: TraceRow) => r.event?.occurredOn ?? '' },
          { header: t('registry.events.recordedOn'), value: (r: TraceRow) => r.event?.recordedOn ?? '' },
        ]
      : []),
  ]
}

/**
 * The records behind one count as an .xlsx: names and masked ID numbers only (decision 0005). The
 * export is audited with the ids it holds; null when the figure is not the user's to open.
 */
export async function traceWorkbook(
  ctx: ServiceContext,
  query: TraceQuery,
  t: Translate,
): Promise<{ buffer: ArrayBuffer; count: number; filename: string } | null> {
  const { actor, subject } = ctx
  if (!can(subject, 'register.export')) throw new AppError('errors.forbidden')
  const list = await traceFigure(subject, query)
  if (list === null || list === 'refused') {
    // another region's figure looks missing; an attempt at one that exists is audited
    if (list === 'refused' || (await regionById(db, query.regionId))) await auditDenied(actor, 'report.trace', { regionId: query.regionId, key: query.key })
    return null
  }
  if (list.ids.length > MAX_TRACE_EXPORT) throw new AppError('reports.trace.tooMany', { max: MAX_TRACE_EXPORT })
  const label = traceLabel(query.key)
  const title = `${list.region.name} ${periodLabel(t, list.period)} ${label ? `${t(label.section.title)} ${label.group ? `${t(label.group)} ` : ''}${t(label.column.label)}` : query.key}`
  await audit(db, actor, {
    action: 'report.traceExport',
    entity: list.entity === 'event' ? 'LifeEvent' : list.entity === 'household' ? 'Household' : 'Person',
    regionId: list.region.id,
    after: { count: list.ids.length, key: query.key, kind: query.kind, period: query.periodKey, ids: list.ids },
  })
  const rows = await traceRows(list.entity, list.ids)
  const columns = traceColumns(t, list.entity === 'event')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = t('common.appName')
  const sheet = workbook.addWorksheet(t('reports.trace.sheet'))
  sheet.addRow([title])
  sheet.addRow([t('reports.trace.count', { count: list.ids.length })])
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true }
  rows.forEach((r, i) => sheet.addRow(columns.map((c) => c.value(r, i))))
  sheet.columns.forEach((c) => (c.width = 16))
  return { buffer: (await workbook.xlsx.writeBuffer()) as ArrayBuffer, count: list.ids.length, filename: `${title}.xlsx` }
}
