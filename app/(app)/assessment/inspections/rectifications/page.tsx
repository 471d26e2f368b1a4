import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { can } from '@/lib/access/permissions'
import { todayIso } from '@/lib/dates'
import { rectificationLedger } from '@/lib/assessment/inspection-queries'
import { Badge, ButtonLink, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inspections.rectifications.title') }
}

/** The rectification ledger: per township the open and overdue items, then every item. */
export default async function RectificationsPage() {
  const user = await requireUser()
  if (!can(user, 'assessment.inspect') && !can(user, 'assessment.rectify')) notFound()
  const t = await getT()
  const rows = await rectificationLedger(user, todayIso())
  const perTownship = [...new Set(rows.map((r) => r.township))].map((name) => ({
    name,
    open: rows.filter((r) => r.township === name && r.status !== 'CLOSED').length,
    overdue: rows.filter((r) => r.township === name && r.overdue).length,
  }))
  return (
    <>
      <PageTitle actions={<ButtonLink href="/assessment/inspections">{t('common.back')}</ButtonLink>}>{t('inspections.rectifications.title')}</PageTitle>
      {rows.length === 0 ? (
        <EmptyState>{t('inspections.rectifications.empty')}</EmptyState>
      ) : (
        <>
          <h2 className="mb-2 text-lg font-medium">{t('inspections.rectifications.perTownship')}</h2>
          <Table>
            <thead>
              <tr>
                <Th>{t('inspections.township')}</Th>
                <Th>{t('inspections.rectifications.openCount')}</Th>
                <Th>{t('inspections.rectifications.overdueCount')}</Th>
              </tr>
            </thead>
            <tbody data-testid="per-township" className="divide-y divide-slate-100">
              {perTownship.map((p) => (
                <tr key={p.name}>
                  <Td>{p.name}</Td>
                  <Td className="tabular-nums">{p.open}</Td>
                  <Td className="tabular-nums">{p.overdue}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <h2 className="mt-6 mb-2 text-lg font-medium">{t('inspections.rectifications.title')}</h2>
          <Table>
            <thead>
              <tr>
                <Th>#</Th>
                <Th>{t('inspections.township')}</Th>
                <Th>{t('inspections.rectifications.finding')}</Th>
                <Th>{t('inspections.rectifications.owner')}</Th>
                <Th>{t('inspections.rectifications.dueOn')}</Th>
                <Th>{t('common.status')}</Th>
              </tr>
            </thead>
            <tbody data-testid="rectifications" className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <Td className="tabular-nums">{r.id}</Td>
                  <Td>{r.township}</Td>
                  <Td>
                    <Link href={`/assessment/inspections/rectifications/${r.id}`} className="text-brand-600 underline">
                      {r.finding}
                    </Link>
                    <div className="text-xs text-slate-600">{r.roundTitle}</div>
                  </Td>
                  <Td>{r.owner ?? t('inspections.rectifications.townshipOwns')}</Td>
                  <Td className="whitespace-nowrap tabular-nums">{r.dueOn}</Td>
                  <Td>
                    <Badge tone={r.status === 'CLOSED' ? 'green' : r.status === 'SUBMITTED' ? 'amber' : 'slate'}>
                      {t(`inspections.rectifications.status.${r.status}`)}
                    </Badge>
                    {r.overdue ? <Badge tone="red">{t('inspections.rectifications.overdue')}</Badge> : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </>
  )
}
