import { describe, expect, it } from 'vitest'
import { translator } from '@/lib/i18n/core'
import { DEFAULT_REPORT_SETTINGS as S } from './rules'
import { halfYearPeriod, monthlyPeriod } from '@/lib/periods/rules'
import { percent, periodLabel, reportTables, statusName } from './present'

const zh = translator('zh-CN')
const en = translator('en')

describe('periodLabel', () => {
  it('names a month and a half-year in both languages', () => {
    expect(periodLabel(zh, monthlyPeriod(2026, 3, S))).toBe('2026年3月')
    expect(periodLabel(en, monthlyPeriod(2026, 3, S))).toBe('3/2026')
    expect(periodLabel(zh, halfYearPeriod(2026, S))).toBe('2026统计年度上半年（2025-10-01至2026-03-31）')
  })
})

describe('statusName', () => {
  it('tells a returned draft and the county’s own final report apart', () => {
    expect(statusName({ status: 'DRAFT', returned: true })).toBe('RETURNED')
    expect(statusName({ status: 'DRAFT' })).toBe('DRAFT')
    expect(statusName({ status: 'SUBMITTED', level: 'COUNTY' })).toBe('SUBMITTED_COUNTY')
    expect(statusName({ status: 'SUBMITTED', level: 'TOWNSHIP' })).toBe('SUBMITTED')
    expect(statusName({ status: null })).toBe('NONE')
  })
})

describe('reportTables', () => {
  it('labels the tables in the user’s language and prints the annualisation factor with four decimals', () => {
    const figures = {
      children: [{ id: 7, name: '一村' }],
      total: { births: 2, birthsMale: 1, birthsFemale: 1, registered: 100, registeredStart: 100 },
      byChild: { '7': { births: 2 } },
    }
    const [stock, flows, timeliness] = reportTables(zh, figures, 365 / 31)
    expect(stock.title).toBe('人口基本情况（期末）')
    expect(stock.header[0][0]).toMatchObject({ label: '户数', rowSpan: 2, colSpan: 1 })
    expect(stock.header[0][1]).toMatchObject({ label: '户籍人口', rowSpan: 1, colSpan: 3 })
    expect(flows.note).toContain('本期折算系数 11.7742')
    expect(flows.rows.map((r) => r.label)).toEqual(['一村', '合计'])
    expect(timeliness.rows.at(-1)!.total).toBe(true)
    expect(reportTables(en, figures, 1)[0].title).toBe('Population at the end of the period')
  })
})

describe('percent', () => {
  it('shows one decimal, or a dash when nothing was due', () => {
    expect(percent(50)).toBe('50.0%')
    expect(percent(null)).toBe('—')
  })
})
