import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { MessageKey, MessageParams } from '@/lib/i18n/core'
import { decimalOf } from './schemas'

// The spreadsheet of hand-entered values: a row per township (its name in the first column), a
// column per manual indicator (headed "name [code]"; the name alone is accepted too). exceljs.

export const VALUE_SHEET_MAX_BYTES = 2 * 1024 * 1024

type Cell = string | number | null

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return value
  if (typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object' && 'result' in value) return cellOf(value.result as ExcelJS.CellValue)
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('')
  if (typeof value === 'object' && 'text' in value) return String(value.text)
  return String(value)
}

export type ValueSheetResult =
  { ok: true; cells: { code: string; townshipId: number; value: number | null }[] } | { ok: false; error: MessageKey; params?: MessageParams }

/** Reads and checks the sheet: an unknown township or text in a number column names its row. */
export async function readValueSheet(
  bytes: Uint8Array,
  indicators: readonly { code: string; name: string }[],
  townships: readonly { id: number; name: string }[],
): Promise<ValueSheetResult> {
  if (bytes.length === 0) return { ok: false, error: 'assessment.errors.emptyFile' }
  if (bytes.length > VALUE_SHEET_MAX_BYTES) return { ok: false, error: 'assessment.errors.fileTooLarge' }
  const rows: { line: number; values: Cell[] }[] = []
  try {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.read(Readable.from([Buffer.from(bytes)]))
    const sheet = workbook.worksheets[0]
    sheet?.eachRow((row, line) => rows.push({ line, values: (row.values as ExcelJS.CellValue[]).slice(1).map(cellOf) }))
  } catch {
    return { ok: false, error: 'assessment.errors.notXlsx' }
  }
  if (rows.length === 0) return { ok: false, error: 'assessment.errors.emptyFile' }
  const [header, ...body] = rows
  const columns: { index: number; code: string }[] = []
  for (const [index, raw] of header.values.entries()) {
    if (index === 0 || raw === null || String(raw).trim() === '') continue
    const text = String(raw).trim()
    const code = /\[([^\]]+)\]\s*$/.exec(text)?.[1]
    const indicator = indicators.find((i) => i.code === code) ?? indicators.find((i) => i.name === text)
    if (!indicator) return { ok: false, error: 'assessment.errors.unknownColumn', params: { column: text } }
    columns.push({ index, code: indicator.code })
  }
  if (!columns.length) return { ok: false, error: 'assessment.errors.noColumns' }
  const byName = new Map(townships.map((t) => [t.name, t.id]))
  const cells: { code: string; townshipId: number; value: number | null }[] = []
  const seen = new Set<number>()
  for (const row of body) {
    const name = row.values[0] === null ? '' : String(row.values[0]).trim()
    if (!name && row.values.every((v) => v === null || String(v).trim() === '')) continue
    const townshipId = byName.get(name)
    if (townshipId === undefined) return { ok: false, error: 'assessment.errors.unknownTownshipRow', params: { line: row.line, name: name || '—' } }
    if (seen.has(townshipId)) return { ok: false, error: 'assessment.errors.duplicateTownshipRow', params: { line: row.line, name } }
    seen.add(townshipId)
    for (const column of columns) {
      const raw = row.values[column.index] ?? null
      const value = decimalOf(raw)
      if (value !== null && Number.isNaN(value)) {
        return {
          ok: false,
          error: 'assessment.errors.notANumberRow',
          params: { line: row.line, column: String(header.values[column.index]), value: String(raw) },
        }
      }
      cells.push({ code: column.code, townshipId, value })
    }
  }
  return { ok: true, cells }
}

/** The sheet to fill in: the header, the townships, and the values already entered. */
export async function valueTemplate(
  indicators: readonly { code: string; name: string; unit: string }[],
  townships: readonly { id: number; name: string }[],
  values: ReadonlyMap<string, number>,
  townshipHeader: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('values')
  sheet.addRow([townshipHeader, ...indicators.map((i) => `${i.name}${i.unit ? `（${i.unit}）` : ''} [${i.code}]`)])
  sheet.getRow(1).font = { bold: true }
  for (const t of townships) sheet.addRow([t.name, ...indicators.map((i) => values.get(`${i.code}/${t.id}`) ?? null)])
  sheet.columns.forEach((c, i) => (c.width = i === 0 ? 14 : 22))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
