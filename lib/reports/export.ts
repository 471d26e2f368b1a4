import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import ExcelJS from 'exceljs'
import type { Translate } from '@/lib/i18n/core'
import { audit, auditDenied } from '@/lib/server/audit'
import { db } from '@/lib/server/db'
import { todayIso } from '@/lib/dates'
import { getReport } from './queries'
import { periodRange, reportTables } from './present'
import { SIGN_ORDER } from './rules'

// A report as an .xlsx workbook: one worksheet per table, laid out as on paper — title, 表号 and
// 制定机关, 填报单位 and 统计期, two header rows with the same merged cells (a group's label across
// its columns, a lone column down both rows), the rows, the note, and the signatures.

const thin = { style: 'thin' as const }
const border = { top: thin, left: thin, bottom: thin, right: thin }

/** The workbook of a report in the user's region, or null (missing and forbidden look the same). The export is audited. */
export async function reportWorkbook(ctx: ServiceContext, reportId: number, t: Translate): Promise<{ buffer: ArrayBuffer; filename: string } | null> {
  const { actor, subject: user } = ctx
  const report = await getReport(user, reportId)
  if (!report) {
    // outside the user's region it looks missing; when it exists, the attempt is audited
    if (await db.reportSubmission.findUnique({ where: { id: reportId }, select: { id: true } })) await auditDenied(actor, 'report.view', { reportId })
    return null
  }
  const tables = reportTables(t, report.figures, report.factor)
  const title = t('reports.titleOf', { region: report.regionName, kind: t(`reports.kindTitle.${report.kind}`) })
  const workbook = new ExcelJS.Workbook()
  workbook.creator = t('common.appName')
  workbook.created = new Date()
  const signatures = SIGN_ORDER.slice()
    .reverse()
    .map((role) => {
      const s = report.signOffs.find((x) => x.role === role)
      return `${t(`reports.signRole.${role}`)}${t('common.colon')}${s ? `${s.userName} ${todayIso(s.signedAt)}` : t('reports.print.notSigned')}`
    })
  for (const [index, table] of tables.entries()) {
    const sheet = workbook.addWorksheet(table.formNo, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
    const width = table.derived.length + 1
    sheet.getColumn(1).width = 16
    for (let c = 2; c <= width; c++) sheet.getColumn(c).width = 10
    const line = (row: number, text: string, align: 'left' | 'center' | 'right' = 'left', bold = false) => {
      sheet.mergeCells(row, 1, row, width)
      const cell = sheet.getCell(row, 1)
      cell.value = text
      cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true }
      if (bold) cell.font = { bold: true, size: 14 }
    }
    line(1, `${title}　${table.title}`, 'center', true)
    line(
      2,
      `${t('reports.print.formNo')}${t('common.colon')}${table.formNo}${t('common.gap')}${t('reports.print.authority')}${t('common.colon')}${t('reports.print.authorityName')}`,
      'right',
    )
    line(
      3,
      `${t('reports.print.unit')}${t('common.colon')}${report.regionName}${t('common.gap')}${t('reports.print.period')}${t('common.colon')}${periodRange(t, report.period)}${report.status === 'DRAFT' ? `${t('common.gap')}${t('reports.print.draftMark')}` : ''}`,
    )
    // two header rows
    const top = 4
    sheet.mergeCells(top, 1, top + 1, 1)
    sheet.getCell(top, 1).value = t('reports.col.unit')
    for (const h of table.header[0]) {
      const col = h.column + 2
      if (h.rowSpan === 2) sheet.mergeCells(top, col, top + 1, col)
      else if (h.colSpan > 1) sheet.mergeCells(top, col, top, col + h.colSpan - 1)
      sheet.getCell(top, col).value = h.label
    }
    for (const h of table.header[1]) sheet.getCell(top + 1, h.column + 2).value = h.label
    for (const r of [top, top + 1]) {
      for (let c = 1; c <= width; c++) {
        const cell = sheet.getCell(r, c)
        cell.border = border
        cell.font = { bold: true }
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      }
    }
    sheet.getRow(top).height = 30
    sheet.getRow(top + 1).height = 30
    let row = top + 2
    for (const body of table.rows) {
      const cells = sheet.getRow(row)
      cells.getCell(1).value = body.label
      body.values.forEach((value, i) => {
        const cell = cells.getCell(i + 2)
        cell.value = value ?? '—'
        if (table.derived[i]) cell.numFmt = '0.00'
        cell.alignment = { horizontal: 'right' }
      })
      for (let c = 1; c <= width; c++) {
        cells.getCell(c).border = border
        if (body.total) cells.getCell(c).font = { bold: true }
      }
      row++
    }
    if (table.note) {
      line(row, table.note)
      sheet.getRow(row).height = 45
      row++
    }
    row++
    if (index === tables.length - 1) {
      line(row++, `${t('reports.print.analysis')}${t('common.colon')}${report.analysis || t('reports.print.noAnalysis')}`)
    }
    line(
      row++,
      `${signatures.join(t('common.gap'))}${t('common.gap')}${t('reports.print.reportedOn')}${t('common.colon')}${report.submittedAt ? todayIso(report.submittedAt) : ''}`,
    )
  }
  await audit(db, actor, {
    action: 'report.export',
    entity: 'ReportSubmission',
    entityId: report.id,
    regionId: report.regionId,
    after: { kind: report.kind, periodKey: report.period.key, format: 'xlsx' },
  })
  const buffer = (await workbook.xlsx.writeBuffer()) as ArrayBuffer
  return { buffer, filename: `${title}-${report.period.key}.xlsx` }
}
