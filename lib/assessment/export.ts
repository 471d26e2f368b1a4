import ExcelJS from 'exceljs'
import type { Translate } from '@/lib/i18n/core'
import type { ResultRow } from './queries'

// The results of a run as .xlsx (exceljs): a results sheet (place, township, groups, adjustments,
// vetoes, total) and a sheet of every indicator's value, formula and points per township.

export async function runWorkbook(run: { title: string; results: ResultRow[] }, t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const groups = (run.results[0]?.breakdown.groups ?? []).filter((g) => g.parent === null)
  const results = workbook.addWorksheet(t('assessment.notice.table'))
  results.addRow([run.title])
  results.getRow(1).font = { bold: true, size: 14 }
  results.addRow([
    t('assessment.place'),
    t('assessment.township'),
    ...groups.map((g) => g.name),
    t('assessment.adjustments'),
    t('assessment.vetoes'),
    t('assessment.total'),
  ])
  results.getRow(2).font = { bold: true }
  for (const r of run.results) {
    results.addRow([
      r.place,
      r.name,
      ...groups.map((g) => r.breakdown.groups.find((x) => x.code === g.code)?.points ?? null),
      r.breakdown.adjustments.reduce((s, a) => s + a.points, 0),
      r.vetoes,
      r.total,
    ])
  }
  results.columns.forEach((c, i) => (c.width = i === 1 ? 14 : 12))
  const detail = workbook.addWorksheet(t('assessment.whyPage.indicator'))
  detail.addRow([
    t('assessment.township'),
    t('assessment.whyPage.indicator'),
    t('assessment.whyPage.value'),
    t('assessment.whyPage.formula'),
    t('assessment.whyPage.points'),
    t('assessment.whyPage.max'),
  ])
  detail.getRow(1).font = { bold: true }
  for (const r of run.results) for (const i of r.breakdown.indicators) detail.addRow([r.name, i.name, i.value, i.formula, i.points, i.maxPoints])
  detail.columns.forEach((c, i) => (c.width = [14, 28, 12, 36, 10, 10][i] ?? 12))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A round's result as .xlsx: place, township, points per group, total, open and overdue rectification items. */
export async function roundWorkbook(
  round: {
    title: string
    items: { group: string }[]
    results: { place: number | null; name: string; groups: Record<string, number>; total: number; open: number; overdue: number }[]
  },
  t: Translate,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const groups = [...new Set(round.items.map((i) => i.group))]
  const sheet = workbook.addWorksheet(t('inspections.notice.table'))
  sheet.addRow([round.title])
  sheet.getRow(1).font = { bold: true, size: 14 }
  sheet.addRow([
    t('inspections.rounds.place'),
    t('inspections.township'),
    ...groups,
    t('inspections.rounds.total'),
    t('inspections.rounds.open'),
    t('inspections.rounds.overdue'),
  ])
  sheet.getRow(2).font = { bold: true }
  for (const r of round.results) sheet.addRow([r.place, r.name, ...groups.map((g) => r.groups[g] ?? 0), r.total, r.open, r.overdue])
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 14 : 12))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
