'use client'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

// Each township's place (or score) over the published runs of a scheme: recharts, one line per
// township. The same figures are in the table under the chart for screen readers and printing.

const COLOURS = ['#0369a1', '#b45309', '#15803d', '#b91c1c', '#7c3aed', '#0f766e', '#be185d', '#4d7c0f', '#1d4ed8', '#a16207', '#475569', '#9333ea']

export function RankChart({
  history,
  names,
  measure,
  label,
}: {
  history: { label: string; periodKey: string; units: Record<string, { place: number; total: number }> }[]
  names: string[]
  measure: 'place' | 'total'
  label: string
}) {
  // the x axis names each run by its period (titles are too long to stand side by side; a correction
  // of the same period gets a number); the tooltip gives the title
  const seen = new Map<string, number>()
  const ticks = history.map((h) => {
    const n = (seen.get(h.periodKey) ?? 0) + 1
    seen.set(h.periodKey, n)
    return n === 1 ? h.periodKey : `${h.periodKey} (${n})`
  })
  const titles = new Map(history.map((h, i) => [ticks[i], h.label]))
  const data = history.map((h, i) => ({ period: ticks[i], ...Object.fromEntries(names.map((n) => [n, h.units[n]?.[measure] ?? null])) }))
  return (
    <figure aria-label={label} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="period" interval={0} padding={{ left: 24, right: 24 }} tick={{ fontSize: 11 }} />
          <YAxis
            reversed={measure === 'place'}
            allowDecimals={measure !== 'place'}
            domain={measure === 'place' ? [1, 'dataMax'] : ['auto', 'auto']}
            tick={{ fontSize: 11 }}
          />
          <Tooltip labelFormatter={(period) => titles.get(String(period)) ?? String(period)} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {names.map((n, i) => (
            <Line
              key={n}
              type="monotone"
              dataKey={n}
              stroke={COLOURS[i % COLOURS.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}
