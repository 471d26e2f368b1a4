import type { Metadata } from 'next'
import Link from 'next/link'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { migrantCounts } from '@/lib/migration/queries'
import { EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { PrintButton } from '@/components/migration/ExchangeForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('migration.stats.title') }
}

export default async function MigrantStatsPage() {
  const user = await requireUser('register.view')
  const t = await getT()
  const { townships, provinces, total } = await migrantCounts(user)
  const num = 'text-right tabular-nums'
  return (
    <>
      <PageTitle actions={<PrintButton />}>{t('migration.stats.title')}</PageTitle>
      <nav aria-label="breadcrumb" className="no-print mb-3 text-sm text-slate-600">
        <Link className="text-brand-600 hover:underline" href="/register/migrants">
          {t('migration.title')}
        </Link>
      </nav>
      {townships.length === 0 ? (
        <EmptyState>{t('migration.stats.empty')}</EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <section>
            <h2 className="mb-2 font-medium text-slate-800">{t('migration.stats.byTownship')}</h2>
            <Table>
              <thead>
                <tr>
                  <Th>{t('migration.stats.township')}</Th>
                  <Th className={num}>{t('migration.stats.inflow')}</Th>
                  <Th className={num}>{t('migration.stats.outflow')}</Th>
                  <Th className={num}>{t('migration.stats.overdue')}</Th>
                </tr>
              </thead>
              <tbody data-testid="township-counts" className="divide-y divide-slate-100">
                {townships.map((r) => (
                  <tr key={r.townshipId}>
                    <Td>
                      <Link className="text-brand-600 hover:underline" href={`/register/migrants?regionId=${r.townshipId}`}>
                        {r.townshipName}
                      </Link>
                    </Td>
                    <Td className={num}>{r.inflow}</Td>
                    <Td className={num}>{r.outflow}</Td>
                    <Td className={num}>
                      {r.overdue > 0 ? (
                        <Link className="text-red-700 hover:underline" href={`/register/migrants?regionId=${r.townshipId}&overdue=1`}>
                          {r.overdue}
                        </Link>
                      ) : (
                        0
                      )}
                    </Td>
                  </tr>
                ))}
                <tr className="font-medium">
                  <Td>{t('migration.stats.total')}</Td>
                  <Td className={num}>{total.inflow}</Td>
                  <Td className={num}>{total.outflow}</Td>
                  <Td className={num}>{total.overdue}</Td>
                </tr>
              </tbody>
            </Table>
          </section>
          <section>
            <h2 className="mb-2 font-medium text-slate-800">{t('migration.stats.byProvince')}</h2>
            <Table>
              <thead>
                <tr>
                  <Th>{t('migration.stats.province')}</Th>
                  <Th className={num}>{t('migration.stats.inflow')}</Th>
                  <Th className={num}>{t('migration.stats.outflow')}</Th>
                </tr>
              </thead>
              <tbody data-testid="province-counts" className="divide-y divide-slate-100">
                {provinces.map((r) => (
                  <tr key={r.province ?? ''}>
                    <Td>{r.province ?? <span className="text-slate-500">{t('migration.stats.unknownProvince')}</span>}</Td>
                    <Td className={num}>{r.inflow}</Td>
                    <Td className={num}>{r.outflow}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
        </div>
      )}
    </>
  )
}
