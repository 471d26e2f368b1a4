import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { MessageKey, MessageParams } from '@/lib/i18n/core'
import { REGISTER_IMPORT_MAX_BYTES, REGISTER_IMPORT_MAX_MB } from '@/lib/uploads'
import { COLUMNS, columnOfHeader, HEADER_ZH, REQUIRED_COLUMNS, type Column } from './columns'

// Reading an uploaded spreadsheet into header-mapped rows of cells. .xlsx through exceljs (the
// first worksheet), CSV through papaparse in UTF-8 (with or without BOM) or GB18030, which is what
// Excel on a Chinese Windows writes for "CSV". Anything else is refused with a message.

/** A cell as read: text, or a number or date the spreadsheet stored as such. */
export type RawCell = string | number | Date

export interface SheetRow {
  /** the row number the clerk sees in Excel (the header is row 1) */
  line: number
  cells: Partial<Record<Column, RawCell>>
}

export type SheetResult = { ok: true; rows: SheetRow[] } | { ok: false; error: MessageKey; params?: MessageParams }

export const MAX_IMPORT_MB = REGISTER_IMPORT_MAX_MB
export const MAX_IMPORT_BYTES = REGISTER_IMPORT_MAX_BYTES
export const MAX_IMPORT_ROWS = 100_000
/** Cells longer than this are cut before validation (which then reports them as too long). */
const MAX_CELL = 1_000

function isZip(bytes: Uint8Array) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}
function isOle(bytes: Uint8Array) {
  return bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0
}

/** Text of a CSV file: UTF-8 if it is valid UTF-8, else GB18030; binary files are refused. */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    } catch {
      return null
    }
  }
}

function mapHeader(header: string[]): { ok: true; index: Map<number, Column> } | { ok: false; error: MessageKey; params?: MessageParams } {
  const index = new Map<number, Column>()
  const seen = new Set<Column>()
  header.forEach((h, i) => {
    const column = columnOfHeader(String(h ?? ''))
    if (!column) return
    if (seen.has(column)) index.set(-1, column)
    seen.add(column)
    index.set(i, column)
  })
  if (index.has(-1)) return { ok: false, error: 'imports.errors.duplicateHeader', params: { column: HEADER_ZH[index.get(-1)!] } }
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c))
  if (missing.length > 0) return { ok: false, error: 'imports.errors.badHeader', params: { missing: missing.map((c) => HEADER_ZH[c]).join('、') } }
  return { ok: true, index }
}

function clip(cell: RawCell): RawCell {
  return typeof cell === 'string' && cell.length > MAX_CELL ? cell.slice(0, MAX_CELL) : cell
}

function toRows(header: string[], body: { line: number; values: (RawCell | null | undefined)[] }[]): SheetResult {
  const mapped = mapHeader(header)
  if (!mapped.ok) return mapped
  const rows: SheetRow[] = []
  for (const { line, values } of body) {
    const cells: SheetRow['cells'] = {}
    let any = false
    for (const [i, column] of mapped.index) {
      const v = values[i]
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue
      cells[column] = clip(v)
      any = true
    }
    if (!any) continue // blank rows (Excel keeps formatted empty rows) are not data
    if (rows.length >= MAX_IMPORT_ROWS) return { ok: false, error: 'imports.errors.tooManyRows', params: { max: MAX_IMPORT_ROWS } }
    rows.push({ line, cells })
  }
  if (rows.length === 0) return { ok: false, error: 'imports.errors.empty' }
  return { ok: true, rows }
}

export function readCsv(text: string): SheetResult {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false })
  const [header, ...data] = parsed.data
  if (!header || header.every((h) => h.trim() === '')) return { ok: false, error: 'imports.errors.empty' }
  return toRows(
    header,
    data.map((values, i) => ({ line: i + 2, values })),
  )
}

function cellValue(value: ExcelJS.CellValue): RawCell | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue)
    if ('text' in value) return typeof value.text === 'string' ? value.text : String(value.text)
    if ('error' in value) return null
  }
  return String(value)
}

/** The first worksheet, read as a stream (several times faster than loading the workbook). */
export async function readXlsx(bytes: Uint8Array): Promise<SheetResult> {
  let header: string[] | null = null
  const body: { line: number; values: (RawCell | null)[] }[] = []
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    })
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue)
        if (header === null) header = values.map((v) => (v === null || v instanceof Date ? '' : String(v)))
        else body.push({ line: row.number, values })
        if (body.length > MAX_IMPORT_ROWS + 1_000) return { ok: false, error: 'imports.errors.tooManyRows', params: { max: MAX_IMPORT_ROWS } }
      }
      break // the first worksheet only
    }
  } catch {
    return { ok: false, error: 'imports.errors.notSpreadsheet' }
  }
  if (header === null) return { ok: false, error: 'imports.errors.empty' }
  return toRows(header, body)
}

/** Reads an uploaded file, whatever its name says: the bytes decide. */
export async function readSheet(bytes: Uint8Array): Promise<SheetResult> {
  if (bytes.length === 0) return { ok: false, error: 'imports.errors.empty' }
  if (isOle(bytes)) return { ok: false, error: 'imports.errors.oldExcel' }
  if (isZip(bytes)) return readXlsx(bytes)
  const text = decodeText(bytes)
  if (text === null) return { ok: false, error: 'imports.errors.notSpreadsheet' }
  if (text.trim() === '') return { ok: false, error: 'imports.errors.empty' }
  return readCsv(text)
}

/** The template: the Chinese headers, two example households, and text-formatted ID/phone columns. */
export async function templateWorkbook(exampleVillageCode = '371422101202'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('人口导入')
  sheet.columns = COLUMNS.map((c) => ({
    header: HEADER_ZH[c],
    key: c,
    width: c === 'address' || c === 'migrationPlace' || c === 'hukouText' ? 24 : c === 'idNumber' || c === 'regionCode' ? 22 : 12,
    style:
      c === 'idNumber' || c === 'phone' || c === 'regionCode' || c === 'householdKey' || c === 'birthDate' || c === 'migrationSince' ? { numFmt: '@' } : {},
  }))
  sheet.getRow(1).font = { bold: true }
  const example = [
    {
      householdKey: '1',
      regionCode: exampleVillageCode,
      address: '幸福路 1 号',
      householdType: '家庭户',
      relation: '本人',
      name: '张三',
      sex: '男',
      birthDate: '1980-05-01',
      ethnicity: '汉族',
      idNumber: '',
      phone: '13800000000',
      residence: '本地',
      maritalStatus: '有配偶',
      education: '初中',
      occupation: '农民',
    },
    { householdKey: '1', relation: '配偶', name: '李四', sex: '女', birthDate: '1982-08-15', ethnicity: '汉族', maritalStatus: '有配偶', education: '高中' },
    { householdKey: '1', relation: '子女', name: '张小明', sex: '男', birthDate: '2010-03-20', ethnicity: '汉族', maritalStatus: '未婚', education: '初中' },
    {
      householdKey: '2',
      regionCode: exampleVillageCode,
      address: '幸福路 2 号',
      relation: '本人',
      name: '王五',
      sex: '男',
      birthDate: '1975-11-02',
      ethnicity: '回族',
      residence: '流出',
      migrationPlace: '北京市朝阳区',
      migrationSince: '2024-06-01',
      maritalStatus: '离婚',
    },
  ]
  for (const row of example) sheet.addRow(row)
  const notes = workbook.addWorksheet('填写说明')
  notes.columns = [{ header: '说明', key: 'text', width: 120 }]
  for (const text of [
    '每行一人；“户编号(文件内)”相同的行为同一户，编号只在本文件内使用，可填 1、2、3……',
    '每户须有且只有一名“与户主关系”为“本人”的成员；住址、村(组)区划代码、户类别在每户第一行填写即可。',
    '村(组)区划代码为 12 位统计用区划代码，须是您管辖范围内的村或村民小组。',
    '性别：男、女。出生日期：如 1980-05-01 或 1980/5/1。民族：如 汉族、回族。',
    '与户主关系：本人、配偶、子女、父母、祖父母、孙子女、兄弟姐妹、其他。',
    '居住状态：本地、户在人不在、流入、流出。婚姻状况：未婚、有配偶（已婚）、离婚、丧偶。',
    '文化程度：未上学、小学、初中、高中、中专/职高、大专、本科、研究生。',
    '身份证号、联系电话两列已设为文本格式，请勿改为数字，否则身份证号后几位会丢失。',
    '示例行请在导入前删除。',
  ]) {
    notes.addRow({ text })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
