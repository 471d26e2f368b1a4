import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { actorOf, requireUser } from '@/lib/server/session'
import { auditDenied } from '@/lib/server/audit'
import { todayIso } from '@/lib/dates'
import { standardByTownship } from '@/lib/services/stations/queries'
import { mayViewStations } from '@/lib/services/stations/scope'
import type { StandardTally } from '@/lib/services/stations/rules'
import type { Translate } from '@/lib/i18n/core'
import { PageTitle, Table, Td, Th } from '@/components/ui'
import { PrintButton } from '@/components/services/StationForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('stations.standard.title') }
}

function Tally({ tally, href, t }: { tally: StandardTally; href: string; t: Translate }) {
  const share = tally.share === null ? '—' : `${(tally.share * 100).toFixed(1)}%`
  return (
    <span className="whitespace-nowrap tabular-nums">
      {tally.meeting > 0 ? (
        <Link className="text-brand-600 underline" href={href}>
          {t('stations.standard.figure', { meeting: tally.meeting, total: tally.total })}
        </Link>
      ) : (
        t('stations.standard.figure', { meeting: tally.meeting, total: tally.total })
      )}
      <span className="ml-2 text-slate-600">{share}</span>
    </span>
  )
}

/** Which stations and rooms meet the standard (规范化建设达标), by township: counts and share; printable. */
export default async function StandardPage() {
  const user = await requireUser()
  if (!mayViewStations(user) || user.regionLevel === 'VILLAGE') {
    await auditDenied(await actorOf(user), 'service.view')
    notFound()
  }
  const t = await getT()
  const view = await standardByTownship(user)
  const list = (q: Record<string, string>) => `/services/stations?${new URLSearchParams({ standard: 'yes', ...q })}`
  return (
    <>
      <PageTitle actions={<PrintButton />}>{t('stations.standard.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('stations.standard.intro', { date: todayIso() })}</p>
      <Table>
        <thead>
          <tr>
            <Th>{t('stations.field.township')}</Th>
            <Th>{t('stations.kind.TOWNSHIP_STATION')}</Th>
            <Th>{t('stations.kind.VILLAGE_ROOM')}</Th>
            <Th>{t('stations.standard.unchecked')}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.rows.map((r) => (
            <tr key={r.townshipId} data-testid="standard-row">
              <Td>{r.name}</Td>
              <Td>
                <Tally tally={r.stations} t={t} href={list({ townshipId: String(r.townshipId), kind: 'TOWNSHIP_STATION' })} />
              </Td>
              <Td>
                <Tally tally={r.rooms} t={t} href={list({ townshipId: String(r.townshipId), kind: 'VILLAGE_ROOM' })} />
              </Td>
              <Td className="tabular-nums">{r.stations.unchecked + r.rooms.unchecked}</Td>
            </tr>
          ))}
          <tr className="bg-slate-50 font-medium" data-testid="standard-total">
            <Td>{t('services.total')}</Td>
            <Td>
              <Tally tally={view.total.stations} t={t} href={list({ kind: 'TOWNSHIP_STATION' })} />
            </Td>
            <Td>
              <Tally tally={view.total.rooms} t={t} href={list({ kind: 'VILLAGE_ROOM' })} />
            </Td>
            <Td className="tabular-nums">{view.total.all.unchecked}</Td>
          </tr>
        </tbody>
      </Table>
      <p className="mt-2 max-w-4xl text-xs text-slate-600">{t('stations.standard.rule')}</p>
    </>
  )
}
