import type { ChartTable } from '@/lib/dashboard/tables'

const format = (v: string | number | null | undefined, kind: string) =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? (kind === 'percent' ? `${v.toFixed(1)}%` : v.toLocaleString('zh-CN')) : v

/** A chart's data as a table (server-rendered: for screen readers, print and anyone who prefers numbers). */
export function DataTable({ table }: { table: ChartTable }) {
  return (
    <div tabIndex={0} className="overflow-x-auto focus:outline-2 focus:outline-offset-2 focus:outline-sky-600" aria-label={table.title} role="region">
      <table className="min-w-full border-collapse text-xs" data-table={table.key}>
        <caption className="sr-only">{table.title}</caption>
        <thead>
          <tr className="bg-slate-50">
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={`border border-slate-200 px-1.5 py-1 ${c.kind === 'text' ? 'text-left' : 'text-right'}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {table.columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.key} scope="row" className="border border-slate-200 px-1.5 py-1 text-left font-normal">
                    {format(r[c.key], c.kind)}
                  </th>
                ) : (
                  <td
                    key={c.key}
                    data-col={c.key}
                    className={`border border-slate-200 px-1.5 py-1 ${c.kind === 'text' ? 'text-left' : 'text-right tabular-nums'}`}
                  >
                    {format(r[c.key], c.kind)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {table.note && <p className="mt-1 text-xs text-slate-600">{table.note}</p>}
    </div>
  )
}
