import 'server-only'
import ExcelJS from 'exceljs'
import type { Translate } from '@/lib/i18n/core'
import type { ServiceContext } from '@/lib/server/context'
import type { SessionUser } from '@/lib/server/session'
import { audit, auditDenied } from '@/lib/server/audit'
import { db } from '@/lib/server/db'
import { dashboardFor } from './data'
import { dashboardTables } from './tables'
import { periodLabel } from './present'
import type { DashboardQuery } from './schemas'

/**
 * One chart's table as an .xlsx workbook (exceljs, like the reports' export): a title line, the
 * region and period, the header row and the rows, numbers as numbers. Null when the region is not
 * the viewer's or the chart does not exist (they look the same). The export is audited.
 */
export async function dashboardWorkbook(
  ctx: ServiceContext & { subject: SessionUser },
  t: Translate,
  query: DashboardQuery,
): Promise<{ buffer: ArrayBuffer; filename: string } | null> {
  const data = await dashboardFor(ctx, t, { regionId: query.region, period: query.period })
  if (!data) {
    // a region outside the viewer's scope looks missing; the attempt is audited
    if (query.region !== undefined) await auditDenied(ctx.actor, 'dashboard.view', { regionId: query.region, download: true })
    return null
  }
  const table = dashboardTables(data, t).find((x) => x.key === query.chart)
  if (!table) return null
  const workbook = new ExcelJS.Workbook()
  workbook.creator = t('common.appName')
  workbook.created = new Date()
  const sheet = workbook.addWorksheet(table.key.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const width = table.columns.length
  sheet.mergeCells(1, 1, 1, width)
  sheet.getCell(1, 1).value = table.title
  sheet.getCell(1, 1).font = { bold: true, size: 14 }
  sheet.mergeCells(2, 1, 2, width)
  sheet.getCell(2, 1).value = `${data.region.name}${t('common.gap')}${periodLabel(t, data.period)} (${data.period.start} – ${data.period.end})`
  const header = sheet.getRow(4)
  table.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.label
    header.getCell(i + 1).font = { bold: true }
    sheet.getColumn(i + 1).width = i === 0 ? 18 : 14
  })
  table.rows.forEach((r, j) => {
    const row = sheet.getRow(5 + j)
    table.columns.forEach((c, i) => {
      row.getCell(i + 1).value = r[c.key] ?? null
    })
  })
  if (table.note) sheet.getCell(6 + table.rows.length, 1).value = table.note
  await audit(db, ctx.actor, {
    action: 'dashboard.export',
    entity: 'Region',
    entityId: data.region.id,
    regionId: data.region.id,
    after: { chart: table.key, period: data.period.key, format: 'xlsx' },
  })
  const buffer = (await workbook.xlsx.writeBuffer()) as ArrayBuffer
  return { buffer, filename: `${data.region.name}-${table.title}-${data.period.key}.xlsx` }
}
