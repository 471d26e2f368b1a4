import type { Metadata } from 'next'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { optionalId, optionalInt } from '@/lib/validation/fields'
import { outreach, programOptions } from '@/lib/benefits/queries'
import { EmptyState, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { BenefitsNav } from '@/components/benefits/BenefitsNav'
import { PrintButton } from '@/components/migration/ExchangeForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('benefits.outreach.title') }
}

/** 应享未享: who the register says may qualify and has not applied, for the township to tell (printable). */
export default async function OutreachPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('benefit.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const query = await searchParams
  const programId = optionalId.catch(undefined).parse(query.programId)
  const thisYear = Number(todayIso().slice(0, 4))
  const year = optionalInt(2000, 2100).catch(undefined).parse(query.year) ?? thisYear
  const programs = await programOptions(user)
  const result = programId ? await outreach(user, programId, year) : null
  const name = (p: { nameZh: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.nameZh)
  return (
    <>
      <PageTitle>{t('benefits.outreach.title')}</PageTitle>
      <BenefitsNav user={user} t={t} current="/benefits/outreach" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('benefits.outreach.intro')}</p>
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block">{t('benefits.outreach.program')}</span>
          <select name="programId" defaultValue={programId ?? ''} className={inputClass}>
            <option value="">—</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {name(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block">{t('benefits.outreach.year')}</span>
          <input name="year" inputMode="numeric" defaultValue={year} className={inputClass} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm">
          {t('benefits.outreach.show')}
        </button>
        {result ? <PrintButton /> : null}
      </form>
      {!result ? (
        <EmptyState>{t('benefits.outreach.choose')}</EmptyState>
      ) : result.rows.length === 0 ? (
        <EmptyState>{t('benefits.outreach.empty')}</EmptyState>
      ) : (
        <>
          <h2 className="mb-2 text-base font-medium">
            {name(result.program)} · {year} · {t('benefits.outreach.total', { count: result.total })}
          </h2>
          <Table>
            <thead>
              <tr>
                <Th>{t('benefits.columns.person')}</Th>
                <Th>{t('benefits.columns.sex')}</Th>
                <Th>{t('benefits.columns.birthDate')}</Th>
                <Th>{t('benefits.columns.village')}</Th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.personId}>
                  <Td>{r.name}</Td>
                  <Td>{t(`registry.sex.${r.sex}`)}</Td>
                  <Td>{r.birthDate}</Td>
                  <Td>{r.villageName}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </>
  )
}
