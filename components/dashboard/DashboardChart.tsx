'use client'
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, ReferenceLine } from 'recharts'
import { useT } from '@/lib/i18n/client'
import type { ChartTable } from '@/lib/dashboard/tables'

// A chart drawn from its table (lib/dashboard/tables.ts), and the table itself: the chart is an
// image named by its title for screen readers, the table carries the figures.

/** Colours with 3:1 contrast against white, told apart by shape and legend as well. */
const COLOURS = ['#1d5fb8', '#b45309', '#047857', '#9d174d', '#5b21b6', '#334155']
const AXIS = { fontSize: 11, fill: '#334155' }

export function ChartBody({ table, height = 260 }: { table: ChartTable; height?: number }) {
  const t = useT()
  const numeric = table.columns.filter((c) => c.kind !== 'text')
  const x = table.columns.find((c) => c.kind === 'text')?.key ?? table.columns[0].key
  if (table.chart === 'table') return null
  let chart: React.ReactElement
  if (table.chart === 'line') {
    chart = (
      <LineChart data={table.rows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey={x} tick={AXIS} />
        <YAxis tick={AXIS} width={64} />
        <Tooltip />
        <Legend />
        {numeric.map((c, i) => (
          <Line
            key={c.key}
            dataKey={c.key}
            name={c.label}
            stroke={COLOURS[i % COLOURS.length]}
            strokeDasharray={i % 2 ? '5 3' : undefined}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    )
  } else if (table.chart === 'pyramid') {
    const rows = table.rows.map((r) => ({ ...r, male: -Number(r.male ?? 0) }))
    chart = (
      <BarChart data={rows} layout="vertical" stackOffset="sign" accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis type="number" tick={AXIS} tickFormatter={(v: number) => String(Math.abs(v))} />
        <YAxis type="category" dataKey="ageGroup" tick={AXIS} width={48} />
        <Tooltip formatter={(v) => Math.abs(Number(v))} />
        <Legend />
        <ReferenceLine x={0} stroke="#334155" />
        <Bar dataKey="male" name={table.columns[1].label} stackId="s" fill={COLOURS[0]} isAnimationActive={false} />
        <Bar dataKey="female" name={table.columns[2].label} stackId="s" fill={COLOURS[1]} isAnimationActive={false} />
      </BarChart>
    )
  } else if (table.chart === 'interval') {
    const rows = table.rows
      .filter((r) => r.ratio !== null)
      .map((r) => ({ name: r.name, ratio: r.ratio, err: [Number(r.ratio) - Number(r.low ?? r.ratio), r.high === null ? 0 : Number(r.high) - Number(r.ratio)] }))
    chart = (
      <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey="name" tick={AXIS} interval={0} angle={-30} textAnchor="end" height={60} />
        <YAxis tick={AXIS} width={48} />
        <Tooltip />
        <ReferenceLine y={105} stroke="#047857" strokeDasharray="4 2" />
        <Bar dataKey="ratio" name={table.columns.find((c) => c.key === 'ratio')?.label} fill={COLOURS[0]} isAnimationActive={false}>
          <ErrorBar dataKey="err" width={4} stroke="#0f172a" />
        </Bar>
      </BarChart>
    )
  } else {
    chart = (
      <BarChart data={table.rows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey={x} tick={AXIS} interval={table.rows.length > 14 ? 'preserveStartEnd' : 0} angle={-30} textAnchor="end" height={60} />
        <YAxis tick={AXIS} width={56} />
        <Tooltip />
        <Legend />
        {numeric.map((c, i) => (
          <Bar key={c.key} dataKey={c.key} name={c.label} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    )
  }
  return (
    <div role="img" aria-label={t('dashboard.chartLabel', { title: table.title })} data-chart={table.key} style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 640, height }}>
        {chart}
      </ResponsiveContainer>
    </div>
  )
}
