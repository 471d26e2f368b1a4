'use client'
import { useEffect, useRef } from 'react'
import {
  addAgreementItemAction,
  attachScanAction,
  checkTaskAction,
  createAgreementAction,
  issueTaskAction,
  recordProgressAction,
  reportTaskAction,
  setWarningDaysAction,
} from '@/lib/work/actions'
import { useT } from '@/lib/i18n/client'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB } from '@/lib/attachments/rules'
import { Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import { Combobox } from '@/components/ui/Combobox'
import type { ActionState } from '@/lib/server/action'

const fileLimit = (name: string) => ({
  [name]: { max: ATTACHMENT_MAX_BYTES, error: 'attachments.errors.tooLarge' as const, params: { max: ATTACHMENT_MAX_MB } },
})
const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf'

function useResetOnSuccess(state: ActionState<unknown>) {
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) form.current?.reset()
  }, [state])
  return form
}

/** A task to a unit below or a person of the unit. */
export function IssueTaskForm({ assignees, today, formKey }: { assignees: { value: string; label: string }[]; today: string; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(issueTaskAction)
  const form = useResetOnSuccess(state)
  return (
    <form method="post" ref={form} onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="issue-task-title">
      <h2 id="issue-task-title" className="font-medium text-slate-800">
        {t('work.task.issue')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('work.task.title')} name="task-title" error={fieldError(state, 'title')}>
          <input id="task-title" name="title" maxLength={100} className={inputClass} {...invalidProps(state, 'title')} />
        </Field>
        <Field label={t('work.task.dueOn')} name="task-dueOn" error={fieldError(state, 'dueOn')}>
          <input id="task-dueOn" name="dueOn" type="date" min={today} className={inputClass} {...invalidProps(state, 'dueOn')} />
        </Field>
        <Field label={t('work.task.assignee')} name="task-assignee" error={fieldError(state, 'assignee')}>
          <Combobox
            id="task-assignee"
            name="assignee"
            options={assignees}
            placeholder={t('work.task.chooseAssignee')}
            invalid={!!fieldError(state, 'assignee')}
            describedBy={fieldError(state, 'assignee') ? 'assignee-error' : undefined}
          />
        </Field>
      </div>
      <Field label={t('work.task.details')} name="task-details" error={fieldError(state, 'details')}>
        <textarea id="task-details" name="details" rows={3} maxLength={2000} className={inputClass} {...invalidProps(state, 'details')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('work.task.issueSubmit')}
      </PendingButton>
    </form>
  )
}

/** The assignee reports a task done, with evidence. */
export function ReportTaskForm({ taskId }: { taskId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(reportTaskAction, { files: fileLimit('attachment') })
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="report-task-title">
      <h2 id="report-task-title" className="font-medium text-slate-800">
        {t('work.task.report')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="taskId" value={taskId} />
      <Field label={t('work.task.evidence')} name="task-evidence" error={fieldError(state, 'evidence')}>
        <textarea id="task-evidence" name="evidence" rows={3} maxLength={2000} className={inputClass} {...invalidProps(state, 'evidence')} />
      </Field>
      <Field label={t('work.task.attachment', { max: ATTACHMENT_MAX_MB })} name="task-attachment" error={fieldError(state, 'attachment')}>
        <input id="task-attachment" name="attachment" type="file" accept={ACCEPT} className={inputClass} {...invalidProps(state, 'attachment')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('work.task.reportSubmit')}
      </PendingButton>
    </form>
  )
}

/** The issuer accepts the task or returns it with a reason. */
export function CheckTaskForm({ taskId }: { taskId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(checkTaskAction)
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="check-task-title">
      <h2 id="check-task-title" className="font-medium text-slate-800">
        {t('work.task.check')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="taskId" value={taskId} />
      <Field label={t('work.task.reason')} name="task-reason" error={fieldError(state, 'reason')}>
        <textarea id="task-reason" name="reason" rows={2} maxLength={500} className={inputClass} {...invalidProps(state, 'reason')} />
      </Field>
      <div className="flex gap-2">
        <PendingButton pending={pending} name="decision" value="accept">
          {t('work.task.accept')}
        </PendingButton>
        <PendingButton pending={pending} name="decision" value="return" kind="secondary">
          {t('work.task.return')}
        </PendingButton>
      </div>
    </form>
  )
}

export function WarningDaysForm({ warningDays }: { warningDays: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(setWarningDaysAction)
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-sm space-y-3">
      <ActionMessage state={state} />
      <Field label={t('work.settings.warningDays')} name="work-warningDays" hint={t('work.settings.hint')} error={fieldError(state, 'warningDays')}>
        <input
          id="work-warningDays"
          name="warningDays"
          inputMode="numeric"
          defaultValue={warningDays}
          className={inputClass}
          {...invalidProps(state, 'warningDays')}
        />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('common.save')}
      </PendingButton>
    </form>
  )
}

export function AgreementForm({ parties, year, formKey }: { parties: { id: number; name: string }[]; year: number; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(createAgreementAction, { files: fileLimit('scan') })
  const form = useResetOnSuccess(state)
  return (
    <form method="post" ref={form} onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="agreement-create-title">
      <h2 id="agreement-create-title" className="font-medium text-slate-800">
        {t('work.agreement.create')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('work.agreement.year')} name="agreement-year" error={fieldError(state, 'year')}>
          <input id="agreement-year" name="year" inputMode="numeric" defaultValue={year} className={inputClass} {...invalidProps(state, 'year')} />
        </Field>
        <Field label={t('work.agreement.party')} name="agreement-party" error={fieldError(state, 'partyRegionId')}>
          <Combobox
            id="agreement-party"
            name="partyRegionId"
            options={parties.map((p) => ({ value: String(p.id), label: p.name }))}
            placeholder={t('work.agreement.chooseParty')}
            invalid={!!fieldError(state, 'partyRegionId')}
            describedBy={fieldError(state, 'partyRegionId') ? 'partyRegionId-error' : undefined}
          />
        </Field>
        <Field label={t('work.agreement.name')} name="agreement-title" error={fieldError(state, 'title')}>
          <input id="agreement-title" name="title" maxLength={100} className={inputClass} {...invalidProps(state, 'title')} />
        </Field>
        <Field label={t('work.agreement.signedOn')} name="agreement-signedOn" error={fieldError(state, 'signedOn')}>
          <input id="agreement-signedOn" name="signedOn" type="date" className={inputClass} {...invalidProps(state, 'signedOn')} />
        </Field>
        <Field label={t('work.agreement.issuerSignatory')} name="agreement-issuerSignatory" error={fieldError(state, 'issuerSignatory')}>
          <input id="agreement-issuerSignatory" name="issuerSignatory" maxLength={50} className={inputClass} {...invalidProps(state, 'issuerSignatory')} />
        </Field>
        <Field label={t('work.agreement.partySignatory')} name="agreement-partySignatory" error={fieldError(state, 'partySignatory')}>
          <input id="agreement-partySignatory" name="partySignatory" maxLength={50} className={inputClass} {...invalidProps(state, 'partySignatory')} />
        </Field>
      </div>
      <Field label={t('work.agreement.scan', { max: ATTACHMENT_MAX_MB })} name="agreement-scan" error={fieldError(state, 'scan')}>
        <input id="agreement-scan" name="scan" type="file" accept={ACCEPT} className={inputClass} {...invalidProps(state, 'scan')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('work.agreement.createSubmit')}
      </PendingButton>
    </form>
  )
}

export function AgreementItemForm({ agreementId, sources }: { agreementId: number; sources: { key: string; label: string; unit: string }[] }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(addAgreementItemAction)
  const form = useResetOnSuccess(state)
  return (
    <form method="post" ref={form} onSubmit={onSubmit} noValidate className="no-print space-y-3" aria-labelledby="agreement-item-title">
      <h2 id="agreement-item-title" className="font-medium text-slate-800">
        {t('work.agreement.addItem')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="agreementId" value={agreementId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('work.agreement.source')} name="item-source" error={fieldError(state, 'sourceKey')}>
          <select id="item-source" name="sourceKey" defaultValue="" className={inputClass} {...invalidProps(state, 'sourceKey')}>
            <option value="">{t('work.agreement.chooseSource')}</option>
            {sources.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('work.agreement.label')} name="item-label" error={fieldError(state, 'label')}>
          <input id="item-label" name="label" maxLength={200} className={inputClass} {...invalidProps(state, 'label')} />
        </Field>
        <Field label={t('work.agreement.target')} name="item-target" error={fieldError(state, 'target')}>
          <input id="item-target" name="target" inputMode="decimal" className={inputClass} {...invalidProps(state, 'target')} />
        </Field>
        <Field label={t('work.agreement.unit')} name="item-unit" error={fieldError(state, 'unit')}>
          <input id="item-unit" name="unit" maxLength={20} className={inputClass} {...invalidProps(state, 'unit')} />
        </Field>
        <Field label={t('work.agreement.weight')} name="item-weight" error={fieldError(state, 'weight')}>
          <input id="item-weight" name="weight" inputMode="decimal" className={inputClass} {...invalidProps(state, 'weight')} />
        </Field>
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('work.agreement.addItemSubmit')}
      </PendingButton>
    </form>
  )
}

export function ProgressForm({ itemId, label, today }: { itemId: number; label: string; today: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordProgressAction)
  const id = (n: string) => `progress-${itemId}-${n}`
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="no-print flex flex-wrap items-end gap-2"
      aria-label={`${t('work.agreement.progress')} ${label}`}
    >
      <input type="hidden" name="itemId" value={itemId} />
      <Field label={t('work.agreement.progress')} name={id('value')} error={fieldError(state, 'progress')}>
        <input id={id('value')} name="progress" inputMode="decimal" className={`${inputClass} w-28`} {...invalidProps(state, 'progress')} />
      </Field>
      <Field label={t('work.agreement.progressOn')} name={id('on')} error={fieldError(state, 'progressOn')}>
        <input id={id('on')} name="progressOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'progressOn')} />
      </Field>
      <PendingButton pending={pending} kind="secondary">
        {t('work.agreement.saveProgress')}
      </PendingButton>
      {state && !state.ok ? <p className="w-full text-sm text-red-700">{state.error}</p> : null}
    </form>
  )
}

export function ScanForm({ agreementId }: { agreementId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(attachScanAction, { files: fileLimit('scan') })
  const form = useResetOnSuccess(state)
  return (
    <form method="post" ref={form} onSubmit={onSubmit} noValidate className="no-print space-y-2">
      <ActionMessage state={state} />
      <input type="hidden" name="agreementId" value={agreementId} />
      <Field label={t('work.agreement.uploadScan')} name="scan-file" error={fieldError(state, 'scan')}>
        <input id="scan-file" name="scan" type="file" accept={ACCEPT} className={inputClass} {...invalidProps(state, 'scan')} />
      </Field>
      <PendingButton pending={pending} kind="secondary">
        {t('work.agreement.uploadSubmit')}
      </PendingButton>
    </form>
  )
}

export function PrintButton() {
  const t = useT()
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
      {t('work.agreement.print')}
    </button>
  )
}
