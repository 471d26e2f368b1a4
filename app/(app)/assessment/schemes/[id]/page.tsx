import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { routeId } from '@/lib/validation/fields'
import { getScheme } from '@/lib/assessment/queries'
import { schemeToFile } from '@/lib/assessment/format'
import { methodText, points, sourceText, vetoRuleText } from '@/lib/assessment/present'
import { Badge, buttonClass, ButtonLink, Card, PageTitle, Table, Td, Th } from '@/components/ui'
import { SchemeForm } from '@/components/assessment/AssessmentForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('assessment.schemes.title') }
}

/** One version of a scheme: its tree, its export, and the editor that saves a new version. */
export default async function SchemePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('assessment.configure')
  const [t, locale] = [await getT(), await getLocale()]
  const id = routeId((await params).id)
  const scheme = id ? await getScheme(user, id) : null
  if (!scheme) notFound()
  const depth = (code: string | null): number => {
    let d = 0
    let node = scheme.nodes.find((n) => n.code === code)
    while (node?.parent) {
      d += 1
      node = scheme.nodes.find((n) => n.code === node!.parent)
    }
    return d
  }
  const json = JSON.stringify(schemeToFile(scheme), null, 2)
  return (
    <>
      <PageTitle
        actions={
          <>
            <a href={`/api/assessment/schemes/${scheme.id}`} className={buttonClass.secondary}>
              {t('assessment.schemes.export')}
            </a>
            <ButtonLink href="/assessment/schemes">{t('common.back')}</ButtonLink>
          </>
        }
      >
        {scheme.name}
      </PageTitle>
      <p className="mb-4 text-sm text-slate-600">
        <span className="font-mono">{scheme.key}</span> · {t('assessment.schemes.versionValue', { version: scheme.version })}{' '}
        <Badge tone={scheme.current ? 'green' : 'slate'}>{scheme.current ? t('assessment.schemes.current') : t('assessment.schemes.old')}</Badge> ·{' '}
        {t('assessment.schemes.maxPoints')} {points(scheme.maxPoints)} · {vetoRuleText(t, scheme.veto)}
      </p>
      {scheme.description ? <p className="mb-4 max-w-3xl text-sm text-slate-600">{scheme.description}</p> : null}
      <Table>
        <thead>
          <tr>
            <Th>{t('assessment.schemes.tree')}</Th>
            <Th>{t('assessment.schemes.code')}</Th>
            <Th className="text-right">{t('assessment.whyPage.max')}</Th>
            <Th>{t('assessment.schemes.method')}</Th>
            <Th>{t('assessment.schemes.source')}</Th>
          </tr>
        </thead>
        <tbody data-testid="scheme-nodes" className="divide-y divide-slate-100">
          {scheme.nodes.map((n) => (
            <tr key={n.code}>
              <Td>
                <span style={{ paddingLeft: `${depth(n.code) * 1.25}rem` }} className={n.method ? '' : 'font-medium'}>
                  {n.name}
                  {n.unit ? <span className="text-xs text-slate-500">{t('common.paren', { text: n.unit })}</span> : null}
                </span>
              </Td>
              <Td className="font-mono text-xs">{n.code}</Td>
              <Td className="text-right tabular-nums">{n.method?.kind === 'penalty' ? '—' : points(n.maxPoints)}</Td>
              <Td className="text-xs">{n.method ? methodText(t, n.method) : t(`assessment.schemes.combine.${n.combine ?? 'sum'}`)}</Td>
              <Td className="text-xs">{n.method ? sourceText(t, locale, n.source) : ''}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {scheme.current ? (
        <Card className="mt-6">
          <h2 className="mb-1 font-medium">{t('assessment.schemes.edit')}</h2>
          <p className="mb-3 text-sm text-slate-600">{t('assessment.schemes.editHint')}</p>
          <SchemeForm initialJson={json} label={t('assessment.schemes.edit')} />
        </Card>
      ) : null}
    </>
  )
}
