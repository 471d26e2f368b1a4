import type { Translate } from '@/lib/i18n/core'
import type { WidgetData } from '@/lib/inbox/widgets'
import type { DashboardData } from './data'

// Every chart of a dashboard as a table: what the page draws (the chart from the table's numbers,
// the table under it for screen readers and print), what the print view prints and what the .xlsx
// export writes. One shape for the dashboard's own charts and the modules' widgets.

export type ChartKind = WidgetData['chart'] | 'pyramid' | 'interval'

export interface ChartTable extends Omit<WidgetData, 'chart'> {
  chart: ChartKind
  /** shown instead of the chart and table when there are no rows */
  empty?: string
}

const round1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10)

/** The dashboard's charts in page order, then the modules' widgets. */
export function dashboardTables(data: DashboardData, t: Translate): ChartTable[] {
  const c = (key: string, kind: 'text' | 'number' | 'percent' = 'number') => ({ key, label: t(`dashboard.col.${key}` as never), kind })
  const unit = data.region.level === 'COUNTY' ? t('dashboard.township') : t('dashboard.village')
  const name = { key: 'name', label: unit, kind: 'text' as const }
  const tables: ChartTable[] = [
    {
      key: 'trend',
      title: t('dashboard.chart.trend'),
      chart: 'line',
      columns: [c('month', 'text'), c('registered'), c('resident'), c('inflow'), c('outflow')],
      rows: data.trend,
    },
    {
      key: 'pyramid',
      title: t('dashboard.chart.pyramid', { date: data.period.end }),
      chart: 'pyramid',
      columns: [c('ageGroup', 'text'), c('male'), c('female')],
      rows: [...data.pyramid].reverse().map((r) => ({ ageGroup: r.group, male: r.male, female: r.female })),
      note: t('dashboard.note.pyramid'),
    },
    {
      key: 'vital',
      title: t('dashboard.chart.vital'),
      chart: 'bar',
      columns: [c('month', 'text'), c('births'), c('deaths'), c('boys'), c('girls')],
      rows: data.vital,
    },
    {
      key: 'sexRatio',
      title: t('dashboard.chart.sexRatio'),
      chart: 'interval',
      columns: [{ ...name }, c('boys'), c('girls'), c('ratio'), c('low'), c('high')],
      rows: data.sexRatio.map((r) => ({
        name: r.name,
        boys: r.boys,
        girls: r.girls,
        ratio: round1(r.ratio?.ratio),
        low: round1(r.ratio?.low),
        high: round1(r.ratio?.high),
      })),
      note: t('dashboard.note.sexRatio'),
    },
  ]
  if (data.region.level !== 'VILLAGE') {
    tables.push(
      {
        key: 'migration',
        title: t('dashboard.chart.migration'),
        chart: 'bar',
        columns: [{ ...name }, c('movesIn'), c('movesOut')],
        rows: data.migration,
      },
      {
        key: 'quality',
        title: t('dashboard.chart.quality'),
        chart: 'bar',
        columns: [{ ...name }, c('perThousand'), c('open')],
        rows: data.quality,
      },
    )
    if (data.timeliness)
      tables.push({
        key: 'timeliness',
        title: t('dashboard.chart.timeliness', { year: data.period.statYear }),
        chart: 'bar',
        columns: [{ key: 'name', label: t('dashboard.township'), kind: 'text' }, c('reportingRate', 'percent'), c('onTimeRate', 'percent')],
        rows: data.timeliness.map((r) => ({ name: r.name, reportingRate: pct(r.reportingRate), onTimeRate: pct(r.onTimeRate) })),
        empty: t('dashboard.empty.timeliness'),
      })
    if (data.ranking)
      tables.push({
        key: 'ranking',
        title: data.rankingTitle ? t('dashboard.chart.rankingOf', { run: data.rankingTitle }) : t('dashboard.chart.ranking'),
        chart: 'table',
        columns: [c('place'), { key: 'name', label: t('dashboard.township'), kind: 'text' }, c('total'), c('movement', 'text')],
        rows: data.ranking.map((r) => ({ place: r.place, name: r.name, total: r.total, movement: movementText(t, r.movement) })),
        empty: t('dashboard.empty.ranking'),
      })
    tables.push({
      key: 'compare',
      title: t('dashboard.chart.compare', { unit }),
      chart: 'table',
      columns: [{ ...name }, ...data.compare.columns.map((k) => c(k))],
      rows: [...data.compare.rows.map((r) => ({ name: r.name, ...r.values })), { name: data.region.name, ...data.compare.county }],
    })
  }
  for (const w of data.widgets) tables.push({ ...w.data, empty: w.empty })
  return tables
}

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 10) / 10)

/** "▲ 2" (up two places), "▼ 1", "—" (same place), "新" (not ranked last time): words and arrows, not colour. */
export function movementText(t: Translate, movement: number | null): string {
  if (movement === null) return t('dashboard.movement.new')
  if (movement === 0) return t('dashboard.movement.same')
  return movement > 0 ? t('dashboard.movement.up', { n: movement }) : t('dashboard.movement.down', { n: -movement })
}
