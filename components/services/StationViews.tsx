import Link from 'next/link'
import type { Translate } from '@/lib/i18n/core'
import type { StationFiguresView } from '@/lib/services/stations/queries'
import type { StandardTally } from '@/lib/services/stations/rules'
import { Badge, Table, Td, Th } from '@/components/ui'

/** "Meets the standard (2025-03-01)", "Does not", or "Not checked yet". */
export function Verdict({ meets, checkedOn, t }: { meets: boolean | null; checkedOn: string | null; t: Translate }) {
  if (meets === null) return <Badge>{t('stations.meets.unchecked')}</Badge>
  return (
    <span className="whitespace-nowrap">
      <Badge tone={meets ? 'green' : 'red'}>{meets ? t('stations.meets.yes') : t('stations.meets.no')}</Badge>
      {checkedOn ? <span className="ml-1 text-xs text-slate-500">{checkedOn}</span> : null}
    </span>
  )
}

function MaybeLink({ href, children }: { href: string | null; children: React.ReactNode }) {
  return href ? (
    <Link className="text-brand-600 underline" href={href}>
      {children}
    </Link>
  ) : (
    <>{children}</>
  )
}

const share = (s: StandardTally) => (s.share === null ? '—' : `${(s.share * 100).toFixed(1)}%`)
const perThousand = (n: number | null) => (n === null ? '—' : n.toFixed(2))

/**
 * The coverage page's stations and childcare indicators per township: each figure opens the
 * stations meeting the standard, or the township's childcare institutions, for those who may see them.
 */
export function StationFigures({
  view,
  t,
  stationsHref,
  childcareHref,
}: {
  view: StationFiguresView
  t: Translate
  stationsHref: boolean
  childcareHref: boolean
}) {
  const stations = (townshipId?: number) =>
    stationsHref ? `/services/stations?${new URLSearchParams({ standard: 'yes', ...(townshipId ? { townshipId: String(townshipId) } : {}) })}` : null
  const childcare = (townshipId?: number) => (childcareHref ? `/services/childcare${townshipId ? `?townshipId=${townshipId}` : ''}#institutions` : null)
  return (
    <section className="mt-6" aria-labelledby="station-figures">
      <h2 id="station-figures" className="mb-2 text-lg font-medium text-slate-800">
        {t('stations.figures.title')}
      </h2>
      <Table>
        <thead>
          <tr>
            <Th>{t('stations.field.township')}</Th>
            <Th>{t('stations.figures.standard')}</Th>
            <Th>{t('stations.figures.places')}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[
            ...view.rows.map((r) => ({ ...r, key: r.townshipId, id: r.townshipId as number | undefined })),
            ...(view.total ? [{ ...view.total, key: 0, id: undefined, name: t('services.total') }] : []),
          ].map((r) => (
            <tr key={r.key} data-testid={r.id ? 'station-figures-row' : 'station-figures-total'} className={r.id ? '' : 'bg-slate-50 font-medium'}>
              <Td>{r.name}</Td>
              <Td>
                <span className="whitespace-nowrap tabular-nums">
                  <MaybeLink href={r.standard.meeting > 0 ? stations(r.id) : null}>
                    {t('stations.standard.figure', { meeting: r.standard.meeting, total: r.standard.total })}
                  </MaybeLink>
                  <span className="ml-2 text-slate-600">{share(r.standard)}</span>
                </span>
              </Td>
              <Td>
                <span className="whitespace-nowrap tabular-nums">
                  <MaybeLink href={childcare(r.id)}>{perThousand(r.places.perThousand)}</MaybeLink>
                  <span className="ml-2 text-slate-600">{t('stations.figures.placesDetail', { places: r.places.places, residents: r.places.residents })}</span>
                </span>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="mt-2 max-w-4xl text-xs text-slate-600">{t('stations.figures.note', { date: view.at })}</p>
    </section>
  )
}
