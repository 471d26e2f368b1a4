import type { Metadata } from 'next'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { can } from '@/lib/access/permissions'
import { todayIso } from '@/lib/dates'
import { statYearOf } from '@/lib/periods/rules'
import { settingsFor } from '@/lib/reports/queries'
import { listRounds, listTemplates } from '@/lib/assessment/inspection-queries'
import { sheetMaximum } from '@/lib/assessment/inspection-rules'
import { Badge, ButtonLink, Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { RoundForm, TemplateForm } from '@/components/assessment/InspectionForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inspections.title') }
}

/** The inspection rounds the user may see; county officials also keep the templates and start rounds. */
export default async function InspectionsPage() {
  const user = await requireUser()
  if (!can(user, 'assessment.inspect') && !can(user, 'assessment.rectify') && !can(user, 'assessment.run')) notFound()
  const t = await getT()
  const manage = can(user, 'assessment.run')
  const [rounds, templates] = await Promise.all([listRounds(user), manage ? listTemplates(user) : Promise.resolve([])])
  const year = statYearOf(todayIso(), await settingsFor(user))
  return (
    <>
      <PageTitle actions={<ButtonLink href="/assessment/inspections/rectifications">{t('inspections.rectifications.title')}</ButtonLink>}>
        {t('inspections.title')}
      </PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('inspections.intro')}</p>
      <h2 className="mb-2 text-lg font-medium">{t('inspections.rounds.title')}</h2>
      {rounds.length === 0 ? (
        <EmptyState>{t('inspections.rounds.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('inspections.rounds.titleField')}</Th>
              <Th>{t('inspections.rounds.statYear')}</Th>
              <Th>{t('inspections.rounds.period')}</Th>
              <Th>{t('common.status')}</Th>
            </tr>
          </thead>
          <tbody data-testid="rounds" className="divide-y divide-slate-100">
            {rounds.map((r) => (
              <tr key={r.id}>
                <Td>
                  <Link href={`/assessment/inspections/${r.id}`} className="text-brand-600 hover:underline">
                    {r.title}
                  </Link>
                </Td>
                <Td>{r.statYear}</Td>
                <Td className="whitespace-nowrap">{t('inspections.rounds.dates', { start: r.startsOn, end: r.endsOn })}</Td>
                <Td>
                  <Badge tone={r.status === 'PUBLISHED' ? 'green' : 'amber'}>{t(`inspections.rounds.status.${r.status}`)}</Badge>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {manage ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <Card>
            <h2 className="mb-3 font-medium">{t('inspections.rounds.new')}</h2>
            <RoundForm
              templates={templates.map((x) => ({ id: x.id, name: x.name }))}
              years={[year + 1, year, year - 1]}
              defaultYear={year}
              formKey={randomUUID()}
            />
          </Card>
          <Card>
            <h2 className="mb-3 font-medium">{t('inspections.templates.title')}</h2>
            {templates.length === 0 ? (
              <p className="mb-3 text-sm text-slate-600">{t('inspections.templates.empty')}</p>
            ) : (
              <ul className="mb-4 space-y-1 text-sm" data-testid="templates">
                {templates.map((x) => (
                  <li key={x.id}>
                    {x.name} <span className="text-slate-600">{t('inspections.templates.items', { count: x.items.length, max: sheetMaximum(x.items) })}</span>
                  </li>
                ))}
              </ul>
            )}
            <h3 className="mb-2 text-sm font-medium">{t('inspections.templates.new')}</h3>
            <TemplateForm />
          </Card>
        </div>
      ) : null}
    </>
  )
}
