'use client'
import Link from 'next/link'
import { useState } from 'react'
import { useT } from '@/lib/i18n/client'
import { COMPARE_CLASSES, COMPARE_SIGN, sortRows, type CompareClass } from '@/lib/dashboard/rules'
import type { ComparedCell } from '@/lib/dashboard/data'

// The side-by-side table (a map-free choropleth): each cell coloured by its class against the
// county (or township) value, with the class's sign beside the number, so colour is never the only
// signal; sortable by any column (buttons in the headers, aria-sort on the sorted one).

/** Background and text colours of the five classes: a diverging scale, each with 4.5:1 text contrast. */
export const CLASS_STYLE: Record<CompareClass, string> = {
  muchLower: 'bg-sky-200 text-slate-900',
  lower: 'bg-sky-50 text-slate-900',
  near: 'bg-white text-slate-900',
  higher: 'bg-amber-50 text-slate-900',
  muchHigher: 'bg-amber-200 text-slate-900',
}

export interface CompareRow {
  id: number
  name: string
  href: string | null
  values: Record<string, number | null>
  cells: Record<string, ComparedCell>
}

export function CompareTable({
  caption,
  unitLabel,
  columns,
  rows,
  reference,
  referenceName,
}: {
  caption: string
  unitLabel: string
  columns: { key: string; label: string }[]
  rows: CompareRow[]
  reference: Record<string, number | null>
  referenceName: string
}) {
  const t = useT()
  const [sort, setSort] = useState<{ column: string; direction: 'asc' | 'desc' } | null>(null)
  const shown = sort ? sortRows(rows, sort.column, sort.direction) : rows
  const toggle = (column: string) =>
    setSort((s) => (s?.column === column ? { column, direction: s.direction === 'desc' ? 'asc' : 'desc' } : { column, direction: 'desc' }))
  const cell = 'border border-slate-200 px-1.5 py-1'
  return (
    <div>
      <p className="mb-2 flex flex-wrap items-center gap-2 text-xs text-slate-700" data-testid="compare-legend">
        <span>{t('dashboard.legend')}</span>
        {COMPARE_CLASSES.map((c) => (
          <span key={c} className={`rounded border border-slate-300 px-1.5 py-0.5 ${CLASS_STYLE[c]}`}>
            {COMPARE_SIGN[c]} {t(`dashboard.compare.${c}`)}
          </span>
        ))}
      </p>
      <div tabIndex={0} role="region" aria-label={caption} className="overflow-x-auto focus:outline-2 focus:outline-offset-2 focus:outline-sky-600">
        <table className="min-w-full border-collapse text-xs" data-testid="compare-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="bg-slate-50">
              <th scope="col" className={`${cell} text-left`}>
                {unitLabel}
              </th>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`${cell} text-right`}
                  aria-sort={sort?.column === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    className="underline decoration-dotted"
                    onClick={() => toggle(c.key)}
                    title={t('dashboard.sortBy', { column: c.label })}
                  >
                    {c.label}
                    {sort?.column === c.key ? (sort.direction === 'asc' ? ' ↑' : ' ↓') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <th scope="row" className={`${cell} text-left font-normal`}>
                  {r.href ? (
                    <Link href={r.href} className="text-brand-700 underline">
                      {r.name}
                    </Link>
                  ) : (
                    r.name
                  )}
                </th>
                {columns.map((c) => {
                  const v = r.cells[c.key]
                  const text = v.value === null ? '—' : v.value.toLocaleString('zh-CN')
                  return (
                    <td key={c.key} data-col={c.key} data-class={v.cls ?? ''} className={`${cell} text-right tabular-nums ${v.cls ? CLASS_STYLE[v.cls] : ''}`}>
                      {v.href ? (
                        <Link href={v.href} className="underline">
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                      {v.cls && (
                        <>
                          <span className="ml-1" aria-hidden="true" title={t(`dashboard.compare.${v.cls}`)}>
                            {COMPARE_SIGN[v.cls]}
                          </span>
                          <span className="sr-only">{t(`dashboard.compare.${v.cls}`)}</span>
                        </>
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
            <tr className="bg-slate-50 font-semibold">
              <th scope="row" className={`${cell} text-left`}>
                {referenceName}
              </th>
              {columns.map((c) => (
                <td key={c.key} className={`${cell} text-right tabular-nums`}>
                  {reference[c.key] === null ? '—' : reference[c.key]!.toLocaleString('zh-CN')}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-1 text-xs text-slate-600">{t('dashboard.compareNote')}</p>
    </div>
  )
}
