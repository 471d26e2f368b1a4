import type { Metadata } from 'next'
import Link from 'next/link'
import { can } from '@/lib/access/permissions'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { listApplications, programOptions } from '@/lib/benefits/queries'
import { applicationFilterSchema } from '@/lib/benefits/schemas'
import { STATUSES } from '@/lib/benefits/rules'
import type { MessageKey } from '@/lib/i18n/core'
import { Badge, ButtonLink, EmptyState, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { BenefitsNav } from '@/components/benefits/BenefitsNav'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('benefits.title') }
}

/** The applications of the user's region, newest first; those waiting for the user marked. */
export default async function BenefitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('benefit.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const filter = applicationFilterSchema.parse(await searchParams)
  const [rows, programs] = await Promise.all([listApplications(user, filter), programOptions(user)])
  const today = todayIso()
  const name = (p: { nameZh: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.nameZh)
  return (
    <>
      <PageTitle
        actions={
          can(user, 'benefit.apply') ? (
            <ButtonLink href="/benefits/apply" kind="primary">
              {t('benefits.apply.title')}
            </ButtonLink>
          ) : undefined
        }
      >
        {t('benefits.title')}
      </PageTitle>
      <BenefitsNav user={user} t={t} current="/benefits" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('benefits.intro')}</p>
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block">{t('benefits.columns.program')}</span>
          <select name="programId" defaultValue={filter.programId ?? ''} className={inputClass}>
            <option value="">{t('benefits.list.allPrograms')}</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {name(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block">{t('benefits.columns.status')}</span>
          <select name="status" defaultValue={filter.status ?? ''} className={inputClass}>
            <option value="">{t('benefits.list.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`benefits.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm">
          {t('benefits.list.filter')}
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState>{t('benefits.list.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('benefits.columns.person')}</Th>
              <Th>{t('benefits.columns.village')}</Th>
              <Th>{t('benefits.columns.program')}</Th>
              <Th>{t('benefits.columns.status')}</Th>
              <Th>{t('benefits.columns.appliedOn')}</Th>
              <Th>{t('benefits.columns.dueOn')}</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <Td>
                  <Link href={`/benefits/applications/${r.id}`} className="text-brand-600 hover:underline">
                    {r.personName}
                  </Link>
                </Td>
                <Td>{r.villageName}</Td>
                <Td>{name(r.program)}</Td>
                <Td>
                  {t(`benefits.status.${r.status}` as MessageKey)} {r.mine ? <Badge tone="amber">{t('benefits.list.mine')}</Badge> : null}
                </Td>
                <Td>{r.appliedOn}</Td>
                <Td>
                  {r.dueOn ?? '—'} {r.dueOn && r.dueOn < today ? <Badge tone="red">{t('benefits.list.overdue')}</Badge> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  )
}
