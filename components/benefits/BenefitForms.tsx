'use client'
import { useEffect, useRef, useState } from 'react'
import {
  addCategoryAction,
  addStandardAction,
  advanceAction,
  applyAction,
  createProgramAction,
  exitEnrollmentAction,
  publishNoticeAction,
  raiseObjectionAction,
  refuseAction,
  resolveObjectionAction,
  returnAction,
} from '@/lib/benefits/actions'
import { useT } from '@/lib/i18n/client'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB } from '@/lib/attachments/rules'
import { Field, inputClass } from '@/components/ui'
import { Combobox, type ComboboxOption } from '@/components/ui/Combobox'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import type { ActionState } from '@/lib/server/action'
import type { MessageKey } from '@/lib/i18n/core'

const fileLimit = { attachment: { max: ATTACHMENT_MAX_BYTES, error: 'attachments.errors.tooLarge' as const, params: { max: ATTACHMENT_MAX_MB } } }

function useResetOnSuccess(state: ActionState<unknown>) {
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) form.current?.reset()
  }, [state])
  return form
}

function AttachmentField({ state, id }: { state: ActionState<unknown>; id: string }) {
  const t = useT()
  return (
    <Field label={t('benefits.apply.attachment')} name={id} error={fieldError(state, 'attachment')}>
      <input
        id={id}
        name="attachment"
        type="file"
        accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
        className={inputClass}
        {...invalidProps(state, 'attachment')}
      />
    </Field>
  )
}

export interface ProgramChoice {
  id: number
  name: string
  applicant: string
}

/** 申报: the program, the resident chosen from the list, declarations with their evidence. */
export function ApplyForm({ programs, people, today, formKey }: { programs: ProgramChoice[]; people: ComboboxOption[]; today: string; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(applyAction, { files: fileLimit })
  const [programId, setProgramId] = useState('')
  const parent = programs.find((p) => String(p.id) === programId)?.applicant === 'PARENT'
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="apply-title">
      <h2 id="apply-title" className="text-base font-medium">
        {t('benefits.apply.title')}
      </h2>
      <ActionMessage state={state} />
      {state?.ok ? (
        <p>
          <a className="text-sky-700 underline" href={`/benefits/applications/${(state.data as { applicationId: number }).applicationId}`}>
            {t('benefits.detail.title')}
          </a>
        </p>
      ) : null}
      <input type="hidden" name="formKey" value={formKey} />
      <Field label={t('benefits.apply.program')} name="apply-program" error={fieldError(state, 'programId')}>
        <select
          id="apply-program"
          name="programId"
          value={programId}
          onChange={(e) => setProgramId(e.target.value)}
          className={inputClass}
          {...invalidProps(state, 'programId')}
        >
          <option value="">—</option>
          {programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('benefits.apply.person')} name="apply-person" hint={t('benefits.apply.personHint')} error={fieldError(state, 'personId')}>
        <Combobox id="apply-person" name="personId" options={people} invalid={!!fieldError(state, 'personId')} />
      </Field>
      {parent ? (
        <Field label={t('benefits.apply.applicant')} name="apply-applicant" hint={t('benefits.apply.applicantHint')} error={fieldError(state, 'applicantId')}>
          <Combobox id="apply-applicant" name="applicantId" options={people} invalid={!!fieldError(state, 'applicantId')} />
        </Field>
      ) : null}
      <Field label={t('benefits.apply.appliedOn')} name="apply-appliedOn" error={fieldError(state, 'appliedOn')}>
        <input
          id="apply-appliedOn"
          name="appliedOn"
          type="date"
          max={today}
          defaultValue={today}
          className={inputClass}
          {...invalidProps(state, 'appliedOn')}
        />
      </Field>
      <fieldset className="space-y-2 rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">{t('benefits.apply.declarations')}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="familyPlanningFamily" value="yes" /> {t('benefits.apply.familyPlanningFamily')}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="onlyChildDied" value="yes" /> {t('benefits.apply.onlyChildDied')}
        </label>
        <Field label={t('benefits.apply.childDisabilityGrade')} name="apply-grade" error={fieldError(state, 'childDisabilityGrade')}>
          <select id="apply-grade" name="childDisabilityGrade" className={inputClass}>
            <option value="">{t('benefits.apply.gradeNone')}</option>
            {['1', '2', '3', '4'].map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('benefits.apply.evidence')} name="apply-evidence" hint={t('benefits.apply.evidenceHint')} error={fieldError(state, 'evidence')}>
          <input id="apply-evidence" name="evidence" maxLength={300} className={inputClass} {...invalidProps(state, 'evidence')} />
        </Field>
      </fieldset>
      <Field label={t('benefits.apply.note')} name="apply-note" error={fieldError(state, 'note')}>
        <textarea id="apply-note" name="note" rows={2} maxLength={500} className={inputClass} />
      </Field>
      <AttachmentField state={state} id="apply-attachment" />
      <PendingButton pending={pending}>{t('benefits.apply.submit')}</PendingButton>
    </form>
  )
}

/** One forward step of an application (受理 调查 评议 复核 审批 录入), dated, with a note. */
export function StepForm({
  applicationId,
  version,
  step,
  stepLabel,
  today,
}: {
  applicationId: number
  version: number
  step: string
  stepLabel: string
  today: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(advanceAction, { files: fileLimit })
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="step-title">
      <h3 id="step-title" className="font-medium">
        {t('benefits.detail.doStep', { step: stepLabel })}
      </h3>
      <ActionMessage state={state} />
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="step" value={step} />
      <Field label={t('benefits.detail.doneOn')} name="step-doneOn" error={fieldError(state, 'doneOn')}>
        <input id="step-doneOn" name="doneOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'doneOn')} />
      </Field>
      <Field label={t('benefits.detail.stepNote')} name="step-note" error={fieldError(state, 'note')}>
        <textarea id="step-note" name="note" rows={2} maxLength={500} className={inputClass} />
      </Field>
      <AttachmentField state={state} id="step-attachment" />
      <PendingButton pending={pending}>{stepLabel}</PendingButton>
    </form>
  )
}

/** Return one step, or refuse: a reason either way. */
export function ReasonForm({ applicationId, version, kind }: { applicationId: number; version: number; kind: 'return' | 'refuse' }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(kind === 'return' ? returnAction : refuseAction)
  const id = `${kind}-reason`
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="version" value={version} />
      <Field label={t(kind === 'return' ? 'benefits.detail.reason' : 'benefits.detail.refuseReason')} name={id} error={fieldError(state, 'reason')}>
        <textarea id={id} name="reason" rows={2} maxLength={500} className={inputClass} {...invalidProps(state, 'reason')} />
      </Field>
      <PendingButton pending={pending} kind={kind === 'refuse' ? 'danger' : 'secondary'}>
        {t(kind === 'return' ? 'benefits.detail.return' : 'benefits.detail.refuse')}
      </PendingButton>
    </form>
  )
}

export function ObjectionForm({ applicationId, today }: { applicationId: number; today: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(raiseObjectionAction)
  const form = useResetOnSuccess(state)
  return (
    <form method="post" ref={form} onSubmit={onSubmit} className="space-y-2" noValidate aria-labelledby="objection-title">
      <h3 id="objection-title" className="font-medium">
        {t('benefits.detail.raiseObjection')}
      </h3>
      <ActionMessage state={state} />
      <input type="hidden" name="applicationId" value={applicationId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('benefits.detail.raisedBy')} name="objection-raisedBy" error={fieldError(state, 'raisedBy')}>
          <input id="objection-raisedBy" name="raisedBy" maxLength={50} className={inputClass} {...invalidProps(state, 'raisedBy')} />
        </Field>
        <Field label={t('benefits.detail.raisedOn')} name="objection-raisedOn" error={fieldError(state, 'raisedOn')}>
          <input
            id="objection-raisedOn"
            name="raisedOn"
            type="date"
            max={today}
            defaultValue={today}
            className={inputClass}
            {...invalidProps(state, 'raisedOn')}
          />
        </Field>
      </div>
      <Field label={t('benefits.detail.content')} name="objection-content" error={fieldError(state, 'content')}>
        <textarea id="objection-content" name="content" rows={2} maxLength={500} className={inputClass} {...invalidProps(state, 'content')} />
      </Field>
      <PendingButton pending={pending}>{t('benefits.detail.raiseObjection')}</PendingButton>
    </form>
  )
}

export function ResolveForm({ objectionId, today }: { objectionId: number; today: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(resolveObjectionAction)
  const id = (n: string) => `resolve-${objectionId}-${n}`
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="objectionId" value={objectionId} />
      <Field label={t('benefits.detail.resolution')} name={id('resolution')} error={fieldError(state, 'resolution')}>
        <textarea id={id('resolution')} name="resolution" rows={2} maxLength={500} className={inputClass} {...invalidProps(state, 'resolution')} />
      </Field>
      <Field label={t('benefits.detail.resolvedOn')} name={id('resolvedOn')} error={fieldError(state, 'resolvedOn')}>
        <input
          id={id('resolvedOn')}
          name="resolvedOn"
          type="date"
          max={today}
          defaultValue={today}
          className={inputClass}
          {...invalidProps(state, 'resolvedOn')}
        />
      </Field>
      <PendingButton pending={pending}>{t('benefits.detail.resolve')}</PendingButton>
    </form>
  )
}

/** 公示: every deliberated application of the township (or one village) on one notice. */
export function NoticeForm({ villages, today, formKey }: { villages: { id: number; name: string }[]; today: string; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(publishNoticeAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="notice-title">
      <h2 id="notice-title" className="text-base font-medium">
        {t('benefits.notice.create')}
      </h2>
      <p className="text-sm text-slate-600">{t('benefits.notice.createHint')}</p>
      <ActionMessage state={state} />
      {state?.ok ? (
        <p>
          <a className="text-sky-700 underline" href={`/benefits/notices/${(state.data as { noticeId: number }).noticeId}/print`}>
            {t('benefits.notice.print')}
          </a>
        </p>
      ) : null}
      <input type="hidden" name="formKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('benefits.notice.village')} name="notice-village" error={fieldError(state, 'villageId')}>
          <Combobox
            id="notice-village"
            name="villageId"
            options={[{ value: '', label: t('benefits.notice.wholeTownship') }, ...villages.map((v) => ({ value: String(v.id), label: v.name }))]}
          />
        </Field>
        <Field label={t('benefits.notice.startsOn')} name="notice-startsOn" error={fieldError(state, 'startsOn')}>
          <input id="notice-startsOn" name="startsOn" type="date" defaultValue={today} className={inputClass} {...invalidProps(state, 'startsOn')} />
        </Field>
        <Field label={t('benefits.notice.days')} name="notice-days" hint={t('benefits.notice.daysHint')} error={fieldError(state, 'days')}>
          <input id="notice-days" name="days" inputMode="numeric" className={inputClass} {...invalidProps(state, 'days')} />
        </Field>
        <Field label={t('benefits.notice.contact')} name="notice-contact" error={fieldError(state, 'contact')}>
          <input id="notice-contact" name="contact" maxLength={200} className={inputClass} {...invalidProps(state, 'contact')} />
        </Field>
      </div>
      <PendingButton pending={pending}>{t('benefits.notice.submit')}</PendingButton>
    </form>
  )
}

const EXIT_REASONS = ['DEATH', 'MOVED_OUT', 'NOT_ELIGIBLE', 'VOLUNTARY'] as const

export function ExitForm({
  enrollmentId,
  version,
  proposed,
  proposedOn,
  today,
}: {
  enrollmentId: number
  version: number
  proposed: string | null
  proposedOn: string | null
  today: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(exitEnrollmentAction)
  const id = (n: string) => `exit-${enrollmentId}-${n}`
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <input type="hidden" name="version" value={version} />
      <Field label={t('benefits.enrollments.reason')} name={id('reason')} error={fieldError(state, 'reason')}>
        <select id={id('reason')} name="reason" defaultValue={proposed ?? ''} className={inputClass} {...invalidProps(state, 'reason')}>
          <option value="">—</option>
          {EXIT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`benefits.exitReason.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('benefits.enrollments.endsOn')} name={id('endsOn')} error={fieldError(state, 'endsOn')}>
        <input id={id('endsOn')} name="endsOn" type="date" defaultValue={proposedOn ?? today} className={inputClass} {...invalidProps(state, 'endsOn')} />
      </Field>
      <PendingButton pending={pending} kind="secondary">
        {t('benefits.enrollments.exit')}
      </PendingButton>
    </form>
  )
}

const select = (name: string, values: readonly string[], label: (v: string) => string, id: string, state: ActionState<unknown>) => (
  <select id={id} name={name} className={inputClass} {...invalidProps(state, name)}>
    {values.map((v) => (
      <option key={v} value={v}>
        {label(v)}
      </option>
    ))}
  </select>
)

/** A new program: code, names, who approves and applies, the rules as JSON, standards kind, funding. */
export function ProgramForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(createProgramAction)
  const f = (name: string, label: MessageKey, node: React.ReactNode, hint?: string) => (
    <Field label={t(label)} name={`program-${name}`} error={fieldError(state, name)} hint={hint}>
      {node}
    </Field>
  )
  const text = (name: string, max: number) => <input id={`program-${name}`} name={name} maxLength={max} className={inputClass} {...invalidProps(state, name)} />
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="program-title">
      <h2 id="program-title" className="text-base font-medium">
        {t('benefits.programs.create')}
      </h2>
      <ActionMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-3">
        {f('code', 'benefits.programs.code', text('code', 20))}
        {f('nameZh', 'benefits.programs.nameZh', text('nameZh', 60))}
        {f('nameEn', 'benefits.programs.nameEn', text('nameEn', 120))}
        {f(
          'approvingLevel',
          'benefits.programs.approvingLevel',
          select('approvingLevel', ['COUNTY', 'TOWNSHIP'], (v) => t(`benefits.level.${v}` as MessageKey), 'program-approvingLevel', state),
        )}
        {f(
          'applicant',
          'benefits.programs.applicant',
          select('applicant', ['SELF', 'PARENT'], (v) => t(`benefits.applicantKind.${v}` as MessageKey), 'program-applicant', state),
        )}
        {f(
          'amountKind',
          'benefits.programs.amountKind',
          select('amountKind', ['ANNUAL', 'ONE_OFF'], (v) => t(`benefits.amountKind.${v}` as MessageKey), 'program-amountKind', state),
        )}
        {f(
          'paymentCycle',
          'benefits.programs.paymentCycle',
          select('paymentCycle', ['ANNUAL', 'QUARTERLY', 'MONTHLY'], (v) => t(`benefits.cycle.${v}` as MessageKey), 'program-paymentCycle', state),
        )}
        {f(
          'proRating',
          'benefits.programs.proRating',
          select('proRating', ['NONE', 'MONTHS'], (v) => t(`benefits.proRating.${v}` as MessageKey), 'program-proRating', state),
        )}
        {f(
          'noticeDays',
          'benefits.programs.noticeDays',
          <input
            id="program-noticeDays"
            name="noticeDays"
            inputMode="numeric"
            defaultValue="7"
            className={inputClass}
            {...invalidProps(state, 'noticeDays')}
          />,
        )}
        {f(
          'fundCentral',
          'benefits.programs.fundCentral',
          <input id="program-fundCentral" name="fundCentral" inputMode="numeric" className={inputClass} {...invalidProps(state, 'fundCentral')} />,
        )}
        {f(
          'fundProvincial',
          'benefits.programs.fundProvincial',
          <input id="program-fundProvincial" name="fundProvincial" inputMode="numeric" className={inputClass} {...invalidProps(state, 'fundProvincial')} />,
        )}
        {f(
          'fundCounty',
          'benefits.programs.fundCounty',
          <input id="program-fundCounty" name="fundCounty" inputMode="numeric" className={inputClass} {...invalidProps(state, 'fundCounty')} />,
        )}
      </div>
      {f(
        'rules',
        'benefits.programs.rules',
        <textarea id="program-rules" name="rules" rows={3} className={`${inputClass} font-mono`} {...invalidProps(state, 'rules')} />,
        t('benefits.programs.rulesHint'),
      )}
      <PendingButton pending={pending}>{t('benefits.programs.submit')}</PendingButton>
    </form>
  )
}

export function CategoryForm({ programId }: { programId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(addCategoryAction)
  const id = (n: string) => `category-${programId}-${n}`
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="programId" value={programId} />
      <div className="grid gap-2 sm:grid-cols-4">
        {(['code', 'nameZh', 'nameEn', 'sortOrder'] as const).map((n) => (
          <Field key={n} label={t(`benefits.programs.${n}`)} name={id(n)} error={fieldError(state, n)}>
            <input id={id(n)} name={n} defaultValue={n === 'sortOrder' ? '9' : undefined} className={inputClass} {...invalidProps(state, n)} />
          </Field>
        ))}
      </div>
      <Field label={t('benefits.programs.condition')} name={id('condition')} error={fieldError(state, 'condition')}>
        <textarea id={id('condition')} name="condition" rows={2} className={`${inputClass} font-mono`} {...invalidProps(state, 'condition')} />
      </Field>
      <PendingButton pending={pending} kind="secondary">
        {t('benefits.programs.addCategory')}
      </PendingButton>
    </form>
  )
}

export function StandardForm({ categoryId }: { categoryId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(addStandardAction)
  const id = (n: string) => `standard-${categoryId}-${n}`
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="categoryId" value={categoryId} />
      <Field label={t('benefits.programs.validFrom')} name={id('validFrom')} error={fieldError(state, 'validFrom')}>
        <input id={id('validFrom')} name="validFrom" type="date" className={inputClass} {...invalidProps(state, 'validFrom')} />
      </Field>
      <Field label={t('benefits.programs.validTo')} name={id('validTo')} error={fieldError(state, 'validTo')}>
        <input id={id('validTo')} name="validTo" type="date" className={inputClass} {...invalidProps(state, 'validTo')} />
      </Field>
      <Field label={t('benefits.programs.amount')} name={id('amount')} error={fieldError(state, 'amount')}>
        <input id={id('amount')} name="amount" inputMode="decimal" className={inputClass} {...invalidProps(state, 'amount')} />
      </Field>
      <PendingButton pending={pending} kind="secondary">
        {t('benefits.programs.addStandard')}
      </PendingButton>
    </form>
  )
}
