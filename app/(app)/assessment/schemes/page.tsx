import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { listSchemes } from '@/lib/assessment/queries'
import { points } from '@/lib/assessment/present'
import { Badge, Card, EmptyState, formatDateTime, PageTitle, Table, Td, Th } from '@/components/ui'
import { SchemeForm } from '@/components/assessment/AssessmentForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('assessment.schemes.title') }
}

/** The county's schemes, every version, and the form that creates or imports one. */
export default async function SchemesPage() {
  const user = await requireUser('assessment.configure')
  const [t, locale] = [await getT(), await getLocale()]
  const schemes = await listSchemes(user)
  return (
    <>
      <PageTitle>{t('assessment.schemes.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('assessment.schemes.intro')}</p>
      {schemes.length === 0 ? (
        <EmptyState>{t('assessment.schemes.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('assessment.schemes.name')}</Th>
              <Th>{t('assessment.schemes.key')}</Th>
              <Th>{t('assessment.schemes.version')}</Th>
              <Th className="text-right">{t('assessment.schemes.maxPoints')}</Th>
              <Th className="text-right">{t('assessment.schemes.nodes')}</Th>
              <Th className="text-right">{t('assessment.schemes.runs')}</Th>
              <Th>{t('assessment.schemes.createdAt')}</Th>
            </tr>
          </thead>
          <tbody data-testid="schemes" className="divide-y divide-slate-100">
            {schemes.map((s) => (
              <tr key={s.id}>
                <Td>
                  <Link href={`/assessment/schemes/${s.id}`} className="text-brand-600 hover:underline">
                    {s.name}
                  </Link>
                </Td>
                <Td className="font-mono text-xs">{s.key}</Td>
                <Td>
                  {t('assessment.schemes.versionValue', { version: s.version })}{' '}
                  <Badge tone={s.current ? 'green' : 'slate'}>{s.current ? t('assessment.schemes.current') : t('assessment.schemes.old')}</Badge>
                </Td>
                <Td className="text-right tabular-nums">{points(s.maxPoints)}</Td>
                <Td className="text-right tabular-nums">{s._count.nodes}</Td>
                <Td className="text-right tabular-nums">{s._count.runs}</Td>
                <Td className="whitespace-nowrap">{formatDateTime(s.createdAt, locale)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Card className="mt-6">
        <h2 className="mb-1 font-medium">{t('assessment.schemes.import')}</h2>
        <p className="mb-3 text-sm text-slate-600">{t('assessment.schemes.importHint')}</p>
        <SchemeForm label={t('assessment.schemes.import')} />
      </Card>
    </>
  )
}
