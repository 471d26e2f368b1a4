import type { Metadata } from 'next'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { agreementList, agreementParties } from '@/lib/work/queries'
import { agreementYearSchema } from '@/lib/work/schemas'
import { Badge, buttonClass, ButtonLink, Card, EmptyState, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { AgreementForm } from '@/components/work/WorkForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('work.agreement.title') }
}

/** The year's agreements (目标管理责任书) the user's unit made or signed. */
export default async function AgreementsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('work.view')
  const t = await getT()
  const year = agreementYearSchema.parse(await searchParams).year ?? Number(todayIso().slice(0, 4))
  const rows = await agreementList(user, year)
  const mayManage = can(user, 'work.agreement.manage')
  const parties = mayManage ? await agreementParties(user) : []
  return (
    <>
      <PageTitle actions={<ButtonLink href="/work">{t('work.title')}</ButtonLink>}>{t('work.agreement.title')}</PageTitle>
      <form method="get" role="search" className="no-print mb-4 flex items-end gap-2">
        <label className="text-sm">
          <span className="block text-slate-600">{t('work.agreement.year')}</span>
          <input name="year" inputMode="numeric" defaultValue={year} className={`${inputClass} w-28`} />
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t('work.show')}
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState>{t('work.agreement.none')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('work.agreement.name')}</Th>
              <Th>{t('work.agreement.issuer')}</Th>
              <Th>{t('work.agreement.party')}</Th>
              <Th>{t('work.agreement.signedOn')}</Th>
              <Th className="text-right">{t('work.agreement.itemsCount')}</Th>
              <Th className="text-right">{t('work.agreement.weightsTotal')}</Th>
              <Th>{t('work.agreement.scanned')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                <Td>
                  <Link className="text-brand-600 hover:underline" href={`/work/agreements/${r.id}`}>
                    {r.title}
                  </Link>
                </Td>
                <Td>{r.issuer}</Td>
                <Td>{r.party}</Td>
                <Td>{r.signedOn ?? '—'}</Td>
                <Td className="text-right">{r.items}</Td>
                <Td className="text-right">{r.weights}</Td>
                <Td>{r.scanned ? <Badge tone="green">{t('work.agreement.scanned')}</Badge> : <Badge>{t('work.agreement.notScanned')}</Badge>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {mayManage ? (
        <Card className="mt-6">
          <AgreementForm parties={parties} year={year} formKey={randomUUID()} />
        </Card>
      ) : null}
    </>
  )
}
