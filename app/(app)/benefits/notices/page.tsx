import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import Link from 'next/link'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { listNotices } from '@/lib/benefits/queries'
import { regionForFigures } from '@/lib/regions/queries'
import { Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { BenefitsNav } from '@/components/benefits/BenefitsNav'
import { NoticeForm } from '@/components/benefits/BenefitForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('benefits.notice.title') }
}

/** 公示: the notices of the user's region; the township publishes one for its deliberated applications. */
export default async function NoticesPage() {
  const user = await requireUser('benefit.view')
  const t = await getT()
  const mayPublish = can(user, 'benefit.process') && user.regionLevel === 'TOWNSHIP'
  const [notices, region] = await Promise.all([listNotices(user), mayPublish ? regionForFigures(user) : null])
  return (
    <>
      <PageTitle>{t('benefits.notice.title')}</PageTitle>
      <BenefitsNav user={user} t={t} current="/benefits/notices" />
      {mayPublish ? (
        <Card className="no-print mb-6 max-w-3xl">
          <NoticeForm villages={(region?.children ?? []).map((v) => ({ id: v.id, name: v.name }))} today={todayIso()} formKey={randomUUID()} />
        </Card>
      ) : null}
      <h2 className="mb-2 text-base font-medium">{t('benefits.notice.list')}</h2>
      {notices.length === 0 ? (
        <EmptyState>{t('benefits.notice.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('benefits.columns.village')}</Th>
              <Th>{t('benefits.notice.startsOn')}</Th>
              <Th>{t('benefits.enrollments.endsOn')}</Th>
              <Th>{t('benefits.columns.person')}</Th>
            </tr>
          </thead>
          <tbody>
            {notices.map((n) => (
              <tr key={n.id}>
                <Td>
                  <Link href={`/benefits/notices/${n.id}/print`} className="text-brand-600 hover:underline">
                    {n.title}
                  </Link>
                </Td>
                <Td>{n.startsOn}</Td>
                <Td>{n.endsOn}</Td>
                <Td>{t('benefits.notice.count', { count: n.count })}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  )
}
