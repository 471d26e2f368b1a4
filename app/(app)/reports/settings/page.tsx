import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { page as pageParam } from '@/lib/validation/fields'
import { listLocks, settingsFor } from '@/lib/reports/queries'
import { periodRange } from '@/lib/reports/present'
import { Card, EmptyState, formatDateTime, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'
import { SettingsForm, UnlockForm } from '@/components/reports/ReportForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.settings.title') }
}

/** The county administrator's: statistical year and deadlines, and the locks approval put on periods. */
export default async function ReportSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('report.configure')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const page = pageParam.parse((await searchParams).page)
  const [settings, locks] = await Promise.all([settingsFor(user), listLocks(user, page)])
  return (
    <>
      <PageTitle>{t('reports.settings.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('reports.settings.intro')}</p>
      <Card className="mb-6 max-w-3xl">
        <SettingsForm values={settings} />
      </Card>
      <h2 className="mb-2 font-medium text-slate-800">{t('reports.settings.locks')}</h2>
      {locks.total === 0 ? (
        <EmptyState>{t('reports.settings.noLocks')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('reports.timelinessPage.township')}</Th>
                <Th>{t('reports.settings.lockRange')}</Th>
                <Th>{t('reports.settings.report')}</Th>
                <Th>{t('reports.settings.lockedAt')}</Th>
                <Th>{t('common.status')}</Th>
              </tr>
            </thead>
            <tbody data-testid="locks" className="divide-y divide-slate-100">
              {locks.rows.map((l) => (
                <tr key={l.id} data-testid={`lock-${l.id}`}>
                  <Td>{l.townshipName}</Td>
                  <Td className="whitespace-nowrap">{periodRange(t, { start: l.from, end: l.to })}</Td>
                  <Td>
                    <Link className="text-brand-600 hover:underline" href={`/reports/${l.report.id}`}>
                      {t(`reports.kind.${l.report.kind}`)} {l.report.periodKey}
                    </Link>
                  </Td>
                  <Td className="whitespace-nowrap">{formatDateTime(l.lockedAt, locale)}</Td>
                  <Td className="min-w-72">
                    {l.unlockedAt ? (
                      <span className="text-slate-600">
                        {t('reports.settings.unlockedAt', { at: formatDateTime(l.unlockedAt, locale), reason: l.unlockReason ?? '' })}
                      </span>
                    ) : (
                      <UnlockForm lockId={l.id} />
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={locks} href={(p) => `/reports/settings?page=${p}`} />
        </>
      )}
    </>
  )
}
