'use client'
import { useEffect, useRef } from 'react'
import { assignFindingAction, closeFindingAction, markFixedAction, sweepAction } from '@/lib/quality/actions'
import { useT } from '@/lib/i18n/client'
import { Alert, inputClass } from '@/components/ui'
import { ActionMessage, PendingButton, useActionForm } from '@/components/ui/client'

/** Runs the full check of the user's region; says it is running, then what it found. */
export function SweepForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(sweepAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" aria-label={t('quality.sweep.run')}>
      <PendingButton pending={pending} busy={t('quality.sweep.running')}>
        {t('quality.sweep.run')}
      </PendingButton>
      {pending ? <Alert kind="info">{t('quality.sweep.running')}</Alert> : null}
      {state?.ok ? <Alert kind="success">{state.data}</Alert> : <ActionMessage state={state} />}
    </form>
  )
}

export function AssignForm({ findingId, assignees, current }: { findingId: number; assignees: { id: number; label: string }[]; current: number | null }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(assignFindingAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-1" aria-label={t('quality.assign')}>
      <ActionMessage state={state} />
      <input type="hidden" name="findingId" value={findingId} />
      <div className="flex gap-1">
        <select name="assigneeId" aria-label={t('quality.assignTo')} defaultValue={current ?? ''} className={`${inputClass} min-w-40`}>
          <option value="">{t('quality.chooseAssignee')}</option>
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
        <PendingButton kind="secondary" pending={pending}>
          {t('quality.assign')}
        </PendingButton>
      </div>
    </form>
  )
}

/** Mark fixed (anyone who edits the register) or close (township staff), each with a note. */
export function ResolveForm({ findingId, kind }: { findingId: number; kind: 'fix' | 'close' }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(kind === 'fix' ? markFixedAction : closeFindingAction)
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) form.current?.reset()
  }, [state])
  const label = kind === 'fix' ? t('quality.markFixed') : t('quality.close')
  return (
    <form
      method="post"
      ref={form}
      onSubmit={(e) => {
        if (kind === 'close' && !window.confirm(t('quality.confirmClose'))) return e.preventDefault()
        onSubmit(e)
      }}
      className="space-y-1"
      aria-label={label}
      noValidate
    >
      <ActionMessage state={state} />
      <input type="hidden" name="findingId" value={findingId} />
      <div className="flex gap-1">
        <input
          name="note"
          maxLength={500}
          aria-label={`${label} (${t('quality.note')})`}
          placeholder={t('quality.notePlaceholder')}
          className={`${inputClass} min-w-40`}
        />
        <PendingButton kind={kind === 'close' ? 'danger' : 'secondary'} pending={pending}>
          {label}
        </PendingButton>
      </div>
    </form>
  )
}
