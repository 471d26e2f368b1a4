'use client'
import { useEffect, useRef } from 'react'
import { useRouter } from 'next/navigation'
import { addDepartmentAction, assignCaseAction, closeCaseAction, receiveCaseAction, replyCaseAction } from '@/lib/cases/actions'
import { useT } from '@/lib/i18n/client'
import { Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import { Combobox } from '@/components/ui/Combobox'

const CHANNELS = ['PHONE', 'LETTER', 'VISIT', 'ONLINE'] as const
const KINDS = ['COMPLAINT', 'INQUIRY'] as const
const SATISFACTIONS = ['SATISFIED', 'BASIC', 'UNSATISFIED'] as const

/** Intake; on success the new case opens. */
export function ReceiveCaseForm({ today, formKey, person }: { today: string; formKey: string; person: { id: number; name: string } | null }) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(receiveCaseAction)
  useEffect(() => {
    if (state?.ok) router.push(`/cases/${state.data.caseId}`)
  }, [state, router])
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="receive-case-title">
      <h2 id="receive-case-title" className="font-medium text-slate-800">
        {t('cases.new')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="formKey" value={formKey} />
      {person ? (
        <>
          <input type="hidden" name="personId" value={person.id} />
          <p className="text-sm text-slate-700">{t('cases.personChosen', { name: person.name })}</p>
        </>
      ) : (
        <p className="text-sm text-slate-600">{t('cases.personHint')}</p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('cases.field.channel')} name="case-channel" error={fieldError(state, 'channel')}>
          <select id="case-channel" name="channel" defaultValue="" className={inputClass} {...invalidProps(state, 'channel')}>
            <option value="">{t('cases.choose')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`cases.channel.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('cases.field.kind')} name="case-kind" error={fieldError(state, 'kind')}>
          <select id="case-kind" name="kind" defaultValue="" className={inputClass} {...invalidProps(state, 'kind')}>
            <option value="">{t('cases.choose')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`cases.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('cases.field.receivedOn')} name="case-receivedOn" error={fieldError(state, 'receivedOn')}>
          <input
            id="case-receivedOn"
            name="receivedOn"
            type="date"
            max={today}
            defaultValue={today}
            className={inputClass}
            {...invalidProps(state, 'receivedOn')}
          />
        </Field>
        <Field label={t('cases.field.callerName')} name="case-callerName" error={fieldError(state, 'callerName')}>
          <input id="case-callerName" name="callerName" maxLength={50} className={inputClass} {...invalidProps(state, 'callerName')} />
        </Field>
      </div>
      <Field label={t('cases.field.subject')} name="case-subject" error={fieldError(state, 'subject')}>
        <input id="case-subject" name="subject" maxLength={100} className={inputClass} {...invalidProps(state, 'subject')} />
      </Field>
      <Field label={t('cases.field.content')} name="case-content" error={fieldError(state, 'content')}>
        <textarea id="case-content" name="content" rows={4} maxLength={4000} className={inputClass} {...invalidProps(state, 'content')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('cases.submit')}
      </PendingButton>
    </form>
  )
}

export function AssignCaseForm({ caseId, assignees, current }: { caseId: number; assignees: { value: string; label: string }[]; current?: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(assignCaseAction)
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="assign-case-title">
      <h2 id="assign-case-title" className="font-medium text-slate-800">
        {t('cases.assign')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <Field label={t('cases.field.assignee')} name="case-assignee" error={fieldError(state, 'assignee')}>
        <Combobox
          id="case-assignee"
          name="assignee"
          options={assignees}
          defaultValue={current}
          placeholder={t('cases.chooseAssignee')}
          invalid={!!fieldError(state, 'assignee')}
          describedBy={fieldError(state, 'assignee') ? 'assignee-error' : undefined}
        />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('cases.assignSubmit')}
      </PendingButton>
    </form>
  )
}

export function ReplyCaseForm({ caseId, today }: { caseId: number; today: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(replyCaseAction)
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="reply-case-title">
      <h2 id="reply-case-title" className="font-medium text-slate-800">
        {t('cases.replyTitle')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <Field label={t('cases.field.reply')} name="case-reply" error={fieldError(state, 'reply')}>
        <textarea id="case-reply" name="reply" rows={3} maxLength={4000} className={inputClass} {...invalidProps(state, 'reply')} />
      </Field>
      <Field label={t('cases.field.repliedOn')} name="case-repliedOn" error={fieldError(state, 'repliedOn')}>
        <input id="case-repliedOn" name="repliedOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'repliedOn')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('cases.replySubmit')}
      </PendingButton>
    </form>
  )
}

export function CloseCaseForm({ caseId, today }: { caseId: number; today: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(closeCaseAction)
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="close-case-title">
      <h2 id="close-case-title" className="font-medium text-slate-800">
        {t('cases.closeTitle')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <Field label={t('cases.field.satisfaction')} name="case-satisfaction" error={fieldError(state, 'satisfaction')}>
        <select id="case-satisfaction" name="satisfaction" defaultValue="" className={inputClass} {...invalidProps(state, 'satisfaction')}>
          <option value="">{t('cases.choose')}</option>
          {SATISFACTIONS.map((s) => (
            <option key={s} value={s}>
              {t(`cases.satisfaction.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('cases.field.closedOn')} name="case-closedOn" error={fieldError(state, 'closedOn')}>
        <input id="case-closedOn" name="closedOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'closedOn')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('cases.closeSubmit')}
      </PendingButton>
    </form>
  )
}

export function DepartmentForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(addDepartmentAction)
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) form.current?.reset()
  }, [state])
  return (
    <form method="post" ref={form} onSubmit={onSubmit} noValidate className="max-w-md space-y-3" aria-labelledby="department-title">
      <h2 id="department-title" className="font-medium text-slate-800">
        {t('cases.departments.add')}
      </h2>
      <ActionMessage state={state} />
      <Field label={t('cases.departments.name')} name="department-name" error={fieldError(state, 'name')}>
        <input id="department-name" name="name" maxLength={50} className={inputClass} {...invalidProps(state, 'name')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('cases.departments.submit')}
      </PendingButton>
    </form>
  )
}
