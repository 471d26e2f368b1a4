import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso, toIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { applicationDetail } from '@/lib/benefits/queries'
import { mayDoStep } from '@/lib/benefits/scope'
import { nextStep, statusBefore, yuan } from '@/lib/benefits/rules'
import type { MessageKey } from '@/lib/i18n/core'
import { Alert, Card, PageTitle, Table, Td, Th } from '@/components/ui'
import { BenefitsNav } from '@/components/benefits/BenefitsNav'
import { EligibilityList } from '@/components/benefits/EligibilityTable'
import { ObjectionForm, ReasonForm, ResolveForm, StepForm } from '@/components/benefits/BenefitForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('benefits.detail.title') }
}

/** One application: the person, the eligibility check, every step, objections, and the step that is the user's. */
export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('benefit.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const id = routeId((await params).id)
  const app = id ? await applicationDetail(user, id) : null
  if (!app) notFound()
  const today = todayIso()
  const name = (p: { nameZh: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.nameZh)
  const step = nextStep(app.status)
  const level = app.program.approvingLevel
  const mayStep = !!step && step !== 'PUBLISH' && mayDoStep(user, step, app.status, level)
  const mayReturn = !!statusBefore(app.status) && mayDoStep(user, 'RETURN', app.status, level)
  const mayRefuse = !!step && app.status !== 'APPROVED' && mayDoStep(user, 'REFUSE', app.status, level)
  const mayObject = app.status === 'PUBLISHED' && can(user, 'benefit.process') && user.regionLevel !== 'COUNTY'
  const open = app.objections.filter((o) => !o.resolvedOn)
  return (
    <>
      <PageTitle>
        {app.personName} · {name(app.program)}
      </PageTitle>
      <BenefitsNav user={user} t={t} current="" />
      <dl className="mb-4 grid max-w-3xl grid-cols-[8rem_1fr] gap-1 text-sm">
        <dt className="text-slate-600">{t('benefits.columns.village')}</dt>
        <dd>{app.villageName}</dd>
        {app.applicantName ? (
          <>
            <dt className="text-slate-600">{t('benefits.detail.applicant')}</dt>
            <dd>{app.applicantName}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t('benefits.columns.category')}</dt>
        <dd>{app.category ? name(app.category) : '—'}</dd>
        <dt className="text-slate-600">{t('benefits.columns.status')}</dt>
        <dd data-testid="status">{t(`benefits.status.${app.status}` as MessageKey)}</dd>
        <dt className="text-slate-600">{t('benefits.columns.dueOn')}</dt>
        <dd>{app.dueOn ? toIso(app.dueOn) : '—'}</dd>
      </dl>
      {app.refusalReason ? <Alert kind="warning">{t('benefits.detail.refused', { reason: app.refusalReason })}</Alert> : null}
      {app.notice ? <p className="mb-2 text-sm">{t('benefits.detail.notice', { from: toIso(app.notice.startsOn), to: toIso(app.notice.endsOn) })}</p> : null}
      {app.enrollment ? (
        <p className="mb-2 text-sm">{t('benefits.detail.enrollment', { from: toIso(app.enrollment.startsOn), amount: yuan(app.enrollment.amountCents) })}</p>
      ) : null}

      <h2 className="mt-4 mb-2 text-base font-medium">{t('benefits.detail.eligibility')}</h2>
      <EligibilityList check={app.eligibility} t={t} />
      {Object.keys(app.declarations).length > 0 ? (
        <>
          <h2 className="mt-4 mb-2 text-base font-medium">{t('benefits.detail.declarations')}</h2>
          <ul className="ml-4 list-disc text-sm">
            {Object.entries(app.declarations).map(([k, v]) => (
              <li key={k}>
                {t(`benefits.apply.${k}` as MessageKey)}: {v.value} ({v.evidence})
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 className="mt-6 mb-2 text-base font-medium">{t('benefits.detail.steps')}</h2>
      <Table>
        <thead>
          <tr>
            <Th>{t('benefits.columns.next')}</Th>
            <Th>{t('benefits.detail.when')}</Th>
            <Th>{t('benefits.detail.who')}</Th>
            <Th>{t('benefits.detail.note')}</Th>
            <Th>{t('benefits.detail.attachments')}</Th>
          </tr>
        </thead>
        <tbody>
          {app.steps.map((s) => (
            <tr key={s.id}>
              <Td>{t(`benefits.step.${s.step}` as MessageKey)}</Td>
              <Td>{toIso(s.doneOn)}</Td>
              <Td>{s.actorName}</Td>
              <Td>{s.note ?? ''}</Td>
              <Td>
                {app.attachments
                  .filter((a) => a.ownerId === s.id)
                  .map((a) => a.name)
                  .join('、')}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>

      {app.objections.length > 0 ? (
        <>
          <h2 className="mt-6 mb-2 text-base font-medium">{t('benefits.detail.objections')}</h2>
          <ul className="space-y-3">
            {app.objections.map((o) => (
              <li key={o.id} className="rounded border border-slate-200 p-3 text-sm">
                <p>
                  {toIso(o.raisedOn)} · {o.raisedBy}: {o.content}
                </p>
                {o.resolvedOn ? (
                  <p className="text-slate-600">
                    {toIso(o.resolvedOn)} · {o.resolution}
                  </p>
                ) : (
                  <>
                    <p className="font-medium text-amber-800">{t('benefits.detail.open')}</p>
                    {can(user, 'benefit.process') && user.regionLevel !== 'COUNTY' ? <ResolveForm objectionId={o.id} today={today} /> : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <div className="no-print mt-6 grid gap-4 lg:grid-cols-2">
        {mayStep ? (
          <Card>
            <StepForm applicationId={app.id} version={app.version} step={step!} stepLabel={t(`benefits.step.${step!}` as MessageKey)} today={today} />
          </Card>
        ) : step === 'PUBLISH' ? (
          <Card>
            <p className="text-sm">{t('benefits.detail.waitingNotice')}</p>
          </Card>
        ) : null}
        {mayObject ? (
          <Card>
            <ObjectionForm applicationId={app.id} today={today} />
          </Card>
        ) : null}
        {mayReturn || mayRefuse ? (
          <Card>
            <div className="space-y-4">
              {mayReturn ? <ReasonForm applicationId={app.id} version={app.version} kind="return" /> : null}
              {mayRefuse ? <ReasonForm applicationId={app.id} version={app.version} kind="refuse" /> : null}
            </div>
          </Card>
        ) : null}
        {!mayStep && !mayObject && !mayReturn && !mayRefuse && step !== 'PUBLISH' && open.length === 0 ? (
          <p className="text-sm text-slate-600">{t('benefits.detail.noStep')}</p>
        ) : null}
      </div>
    </>
  )
}
