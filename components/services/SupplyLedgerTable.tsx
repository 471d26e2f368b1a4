import type { Translate } from '@/lib/i18n/core'
import type { LedgerRow } from '@/lib/services/supplies/ledger'
import { bookMatches } from '@/lib/services/supplies/rules'

const COLUMNS = ['opening', 'received', 'transferredIn', 'transferredOut', 'dispensed', 'writtenOff', 'adjusted', 'closing'] as const

/** The monthly ledger's table, on the page and on paper (print: black borders, A4 width). */
export function SupplyLedgerTable({ rows, t, locale, print = false }: { rows: LedgerRow[]; t: Translate; locale: string; print?: boolean }) {
  const cell = print ? 'border border-black px-1 py-0.5' : 'px-3 py-2 border-b border-slate-100'
  const head = print ? cell : `${cell} whitespace-nowrap bg-slate-50 text-left font-medium text-slate-600`
  const num = `${cell} text-right tabular-nums`
  const table = (
    <table data-testid="ledger" className={print ? 'w-full border-collapse text-[9pt]' : 'min-w-full text-sm'}>
      <thead>
        <tr>
          <th className={head}>{t('supplies.stock.item')}</th>
          {COLUMNS.map((c) => (
            <th key={c} className={head}>
              {t(`supplies.ledger.${c}`)}
            </th>
          ))}
          <th className={head}>{t('supplies.ledger.lastStocktake')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.itemId} data-item={r.code}>
            <td className={cell}>
              {locale === 'en' ? r.nameEn : r.nameZh}（{locale === 'en' ? r.unitEn : r.unitZh}）
            </td>
            {COLUMNS.map((c) => (
              <td key={c} className={num} data-col={c}>
                {c === 'adjusted' && r[c] > 0 ? `+${r[c]}` : r[c]}
              </td>
            ))}
            <td className={cell} data-col="stocktake">
              {r.stocktake ? (
                <>
                  {r.stocktake.on} · {t('supplies.ledger.book')} {r.stocktake.book} / {t('supplies.ledger.counted')} {r.stocktake.counted} ·{' '}
                  <strong>{bookMatches(r.stocktake.book, r.stocktake.counted) ? t('supplies.ledger.matches') : t('supplies.ledger.differs')}</strong>
                </>
              ) : (
                t('supplies.ledger.noStocktake')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
  if (print) return table
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-2 focus:outline-offset-2 focus:outline-sky-600">
      {table}
    </div>
  )
}
