import 'server-only'
import ExcelJS from 'exceljs'
import type { Translate } from '@/lib/i18n/core'
import { audit, auditDenied } from '@/lib/server/audit'
import { db } from '@/lib/server/db'
import type { ServiceContext } from '@/lib/server/context'
import { bookMatches } from './rules'
import { ledgerView, unitName as unitLabel, itemName } from './queries'

export const LEDGER_COLUMNS = ['opening', 'received', 'transferredIn', 'transferredOut', 'dispensed', 'writtenOff', 'adjusted', 'closing'] as const

/** The monthly ledger as .xlsx, laid out as on paper (title, unit and month, the table); audited. */
export async function ledgerWorkbook(ctx: ServiceContext, unitParam: string | undefined, month: string, t: Translate, locale: string) {
  const view = await ledgerView(ctx.subject, unitParam, month, { county: t('supplies.ledger.county'), township: t('supplies.ledger.township') })
  if (!view) {
    // a unit asked for outside the user's region looks missing, and the attempt is audited
    if (unitParam) await auditDenied(ctx.actor, 'supply.view', { unit: unitParam.slice(0, 24), download: true })
    return null
  }
  const workbook = new ExcelJS.Workbook()
  workbook.creator = t('common.appName')
  workbook.created = new Date()
  const sheet = workbook.addWorksheet(t('supplies.ledger.sheet'), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const header = [
    t('supplies.stock.item'),
    ...LEDGER_COLUMNS.map((c) => t(`supplies.ledger.${c}`)),
    t('supplies.ledger.lastStocktake'),
    t('supplies.ledger.book'),
    t('supplies.ledger.counted'),
    '',
  ]
  sheet.mergeCells(1, 1, 1, header.length)
  sheet.getCell(1, 1).value = `${view.unitName} ${t('supplies.ledger.title')}`
  sheet.getCell(1, 1).font = { bold: true, size: 14 }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  sheet.getCell(2, 1).value = `${t('supplies.ledger.month')}: ${view.month}`
  const head = sheet.getRow(4)
  head.values = header
  head.font = { bold: true }
  view.rows.forEach((r, i) => {
    sheet.getRow(5 + i).values = [
      `${itemName(r, locale)}（${unitLabel(r, locale)}）`,
      ...LEDGER_COLUMNS.map((c) => r[c]),
      r.stocktake?.on ?? t('supplies.ledger.noStocktake'),
      r.stocktake?.book ?? null,
      r.stocktake?.counted ?? null,
      r.stocktake ? (bookMatches(r.stocktake.book, r.stocktake.counted) ? t('supplies.ledger.matches') : t('supplies.ledger.differs')) : '',
    ]
  })
  sheet.getColumn(1).width = 24
  for (let c = 2; c <= header.length; c++) sheet.getColumn(c).width = 12
  await audit(db, ctx.actor, { action: 'supply.ledger.export', entity: 'SupplyLedger', entityId: `${view.unit.kind}:${view.unit.id}:${month}` })
  const buffer = await workbook.xlsx.writeBuffer()
  return { buffer: Buffer.from(buffer), filename: `${view.unitName}-${t('supplies.ledger.sheet')}-${month}.xlsx`, view }
}
