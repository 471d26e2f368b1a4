import type { Metadata } from 'next'
import { can } from '@/lib/access/permissions'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { listEnrollments } from '@/lib/benefits/queries'
import { yuan } from '@/lib/benefits/rules'
import type { MessageKey } from '@/lib/i18n/core'
import { Alert, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { BenefitsNav } from '@/components/benefits/BenefitsNav'
import { ExitForm } from '@/components/benefits/BenefitForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('benefits.enrollments.title') }
}

/** The enrolled beneficiaries of the region; exits the register proposed come first, for the township to confirm. */
export default async function EnrollmentsPage() {
  const user = await requireUser('benefit.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const rows = await listEnrollments(user)
  const mayExit = can(user, 'benefit.process') && user.regionLevel === 'TOWNSHIP'
  const today = todayIso()
  return (
    <>
      <PageTitle>{t('benefits.enrollments.title')}</PageTitle>
      <BenefitsNav user={user} t={t} current="/benefits/enrollments" />
      {rows.length === 0 ? (
        <EmptyState>{t('benefits.enrollments.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('benefits.columns.person')}</Th>
              <Th>{t('benefits.columns.village')}</Th>
              <Th>{t('benefits.columns.program')}</Th>
              <Th>{t('benefits.columns.startsOn')}</Th>
              <Th>{t('benefits.columns.amount')}</Th>
              <Th>{t('benefits.columns.proposed')}</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <Td>{r.personName}</Td>
                <Td>{r.villageName}</Td>
                <Td>{locale === 'en' ? r.program.nameEn : r.program.nameZh}</Td>
                <Td>{r.startsOn}</Td>
                <Td>{yuan(r.amountCents)}</Td>
                <Td>
                  {r.proposedExit ? (
                    <Alert kind="warning">
                      {t('benefits.enrollments.proposed', { reason: t(`benefits.exitReason.${r.proposedExit}` as MessageKey), date: r.proposedExitOn ?? '' })}
                    </Alert>
                  ) : null}
                  {mayExit ? <ExitForm enrollmentId={r.id} version={r.version} proposed={r.proposedExit} proposedOn={r.proposedExitOn} today={today} /> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  )
}
