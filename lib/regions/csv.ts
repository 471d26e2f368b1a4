import Papa from 'papaparse'
import type { MessageKey } from '@/lib/i18n/core'

// Reading the region CSV (code, name, parent code). Accepts the Chinese headers of the template
// or English ones, a UTF-8 BOM (Excel writes one) and either line ending.

export interface RegionCsvRow {
  line: number
  code: string
  name: string
  parentCode: string
}

const HEADERS: Record<string, keyof Omit<RegionCsvRow, 'line'>> = {
  代码: 'code',
  区划代码: 'code',
  code: 'code',
  名称: 'name',
  name: 'name',
  上级代码: 'parentCode',
  parent_code: 'parentCode',
  parentcode: 'parentCode',
  'parent code': 'parentCode',
}

export const TEMPLATE_CSV = '\uFEFF代码,名称,上级代码\n371422101202009,第九村民小组,371422101202\n'

export type CsvReadResult = { ok: true; rows: RegionCsvRow[] } | { ok: false; error: MessageKey }

export function readRegionCsv(text: string, maxRows: number): CsvReadResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' })
  const [header, ...data] = parsed.data
  if (!header) return { ok: false, error: 'regions.import.empty' }
  const columns = header.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()])
  const index = (field: keyof Omit<RegionCsvRow, 'line'>) => columns.indexOf(field)
  if (index('code') < 0 || index('name') < 0 || index('parentCode') < 0) return { ok: false, error: 'regions.import.badHeader' }
  if (data.length === 0) return { ok: false, error: 'regions.import.empty' }
  if (data.length > maxRows) return { ok: false, error: 'regions.import.tooManyRows' }
  return {
    ok: true,
    rows: data.map((cells, i) => ({
      line: i + 2,
      code: (cells[index('code')] ?? '').trim(),
      name: cells[index('name')] ?? '',
      parentCode: (cells[index('parentCode')] ?? '').trim(),
    })),
  }
}
