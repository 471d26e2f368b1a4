import { describe, expect, it } from 'vitest'
import { readRegionCsv, TEMPLATE_CSV } from './csv'

describe('region CSV', () => {
  it('reads the template, BOM and all', () => {
    const result = readRegionCsv(TEMPLATE_CSV, 10)
    expect(result).toEqual({ ok: true, rows: [{ line: 2, code: '371422101202009', name: '第九村民小组', parentCode: '371422101202' }] })
  })
  it('accepts English headers, CRLF and columns in any order', () => {
    const result = readRegionCsv('parent_code,name,code\r\n371422100000,"张庄, 东",371422100201\r\n', 10)
    expect(result).toEqual({ ok: true, rows: [{ line: 2, code: '371422100201', name: '张庄, 东', parentCode: '371422100000' }] })
  })
  it('refuses a wrong header, an empty file and too many rows', () => {
    expect(readRegionCsv('a,b,c\n1,2,3\n', 10)).toEqual({ ok: false, error: 'regions.import.badHeader' })
    expect(readRegionCsv('代码,名称,上级代码\n', 10)).toEqual({ ok: false, error: 'regions.import.empty' })
    expect(readRegionCsv('', 10)).toEqual({ ok: false, error: 'regions.import.empty' })
    expect(readRegionCsv('代码,名称,上级代码\n1,a,2\n3,b,4\n', 1)).toEqual({ ok: false, error: 'regions.import.tooManyRows' })
  })
})
