import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { can } from '@/lib/access/permissions'
import { todayIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { rectificationDetail } from '@/lib/assessment/inspection-queries'
import { Alert, Badge, ButtonLink, Card, PageTitle } from '@/components/ui'
import { MeasuresForm, ReviewForm } from '@/components/assessment/InspectionForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inspections.rectifications.title') }
}

/** One rectification item: the township enters its measures and evidence; an inspector closes it out or sends it back. */
export default async function RectificationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser()
  if (!can(user, 'assessment.inspect') && !can(user, 'assessment.rectify')) notFound()
  const t = await getT()
  const id = routeId((await params).id)
  const row = id ? await rectificationDetail(user, id, todayIso()) : null
  if (!row) notFound()
  const mayRectify = can(user, 'assessment.rectify') && row.status === 'OPEN'
  const mayReview = can(user, 'assessment.inspect') && row.status === 'SUBMITTED'
  return (
    <>
      <PageTitle actions={<ButtonLink href="/assessment/inspections/rectifications">{t('common.back')}</ButtonLink>}>
        {t('inspections.rectifications.detail', { id: row.id })}
      </PageTitle>
      <Card className="mb-4">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">{t('inspections.rectifications.round')}</dt>
          <dd>{row.roundTitle}</dd>
          <dt className="text-slate-600">{t('inspections.township')}</dt>
          <dd>{row.township}</dd>
          <dt className="text-slate-600">{t('inspections.rectifications.finding')}</dt>
          <dd data-testid="finding">{row.finding}</dd>
          <dt className="text-slate-600">{t('inspections.rectifications.owner')}</dt>
          <dd>{row.owner ?? t('inspections.rectifications.townshipOwns')}</dd>
          <dt className="text-slate-600">{t('inspections.rectifications.dueOn')}</dt>
          <dd className="tabular-nums">
            {row.dueOn} {row.overdue ? <Badge tone="red">{t('inspections.rectifications.overdue')}</Badge> : null}
          </dd>
          <dt className="text-slate-600">{t('common.status')}</dt>
          <dd data-testid="status">{t(`inspections.rectifications.status.${row.status}`)}</dd>
          <dt className="text-slate-600">{t('inspections.rectifications.measures')}</dt>
          <dd data-testid="measures" className="whitespace-pre-wrap">
            {row.measures || '—'}
          </dd>
          <dt className="text-slate-600">{t('inspections.rectifications.evidenceList')}</dt>
          <dd>
            {row.evidence.length === 0 ? (
              t('inspections.rectifications.noEvidence')
            ) : (
              <ul data-testid="evidence">
                {row.evidence.map((e) => (
                  <li key={e.id}>
                    <a href={`/api/assessment/attachments/${e.id}`} className="text-brand-600 underline">
                      {e.name}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </Card>
      {row.refusal && row.status === 'OPEN' ? <Alert kind="warning">{t('inspections.rectifications.refused', { reason: row.refusal })}</Alert> : null}
      {row.status === 'SUBMITTED' && !mayReview ? <Alert>{t('inspections.rectifications.waiting')}</Alert> : null}
      {mayRectify ? (
        <Card>
          <h2 className="mb-3 text-lg font-medium">{t('inspections.rectifications.measuresForm')}</h2>
          <MeasuresForm rectificationId={row.id} measures={row.measures} />
        </Card>
      ) : null}
      {mayReview ? (
        <Card>
          <h2 className="mb-3 text-lg font-medium">{t('inspections.rectifications.review')}</h2>
          <ReviewForm rectificationId={row.id} />
        </Card>
      ) : null}
    </>
  )
}
