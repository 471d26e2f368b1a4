'use client'
import { useEffect, useRef } from 'react'
import { recordAnswerAction, recordNoticeAction } from '@/lib/migration/actions'
import { useT } from '@/lib/i18n/client'
import { buttonClass, Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

/**
 * Records a notice (通报/协查函) sent to the migrant's other county. The form stays on the page, so
 * its key (one per submit: a double click or a resend records one notice) is replaced by the one
 * each success returns.
 */
export function RecordNoticeForm({ personId, defaultCounty, today, formKey }: { personId: number; defaultCounty: string; today: string; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordNoticeAction)
  const form = useRef<HTMLFormElement>(null)
  const key = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (!state?.ok) return
    form.current?.reset()
    // a hidden input's value is its attribute: the reset keeps the new key
    if (key.current) key.current.value = state.data.nextFormKey
  }, [state])
  return (
    <form method="post" ref={form} onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="record-notice-title">
      <h2 id="record-notice-title" className="font-medium text-slate-800">
        {t('migration.exchange.record')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="personId" value={personId} />
      <input ref={key} type="hidden" name="formKey" defaultValue={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t('migration.exchange.otherCounty')}
          name="otherCounty"
          error={fieldError(state, 'otherCounty')}
          hint={t('migration.exchange.otherCountyHint')}
        >
          <input
            id="otherCounty"
            name="otherCounty"
            defaultValue={defaultCounty}
            maxLength={100}
            className={inputClass}
            {...invalidProps(state, 'otherCounty')}
          />
        </Field>
        <Field label={t('migration.exchange.sentOn')} name="sentOn" error={fieldError(state, 'sentOn')}>
          <input id="sentOn" name="sentOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'sentOn')} />
        </Field>
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('migration.exchange.submitNotice')}
      </PendingButton>
    </form>
  )
}

/** Records the other county's answer to one notice. */
export function RecordAnswerForm({ exchangeId, today }: { exchangeId: number; today: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordAnswerAction)
  const dateId = `answeredOn-${exchangeId}`
  const textId = `answer-${exchangeId}`
  return (
    <form method="post" onSubmit={onSubmit} className="mt-2 space-y-2" noValidate aria-label={t('migration.exchange.answer')}>
      <ActionMessage state={state} />
      <input type="hidden" name="exchangeId" value={exchangeId} />
      <div className="grid gap-2 sm:grid-cols-[12rem_1fr]">
        <Field label={t('migration.exchange.answeredOn')} name={dateId} error={fieldError(state, 'answeredOn')}>
          <input id={dateId} name="answeredOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'answeredOn')} />
        </Field>
        <Field label={t('migration.exchange.answerText')} name={textId} error={fieldError(state, 'answer')}>
          <textarea id={textId} name="answer" rows={2} maxLength={500} className={inputClass} {...invalidProps(state, 'answer')} />
        </Field>
      </div>
      <PendingButton pending={pending} busy={t('common.saving')} kind="secondary">
        {t('migration.exchange.submitAnswer')}
      </PendingButton>
    </form>
  )
}

export function PrintButton() {
  const t = useT()
  return (
    <button type="button" className={`no-print ${buttonClass.primary}`} onClick={() => window.print()}>
      {t('common.print')}
    </button>
  )
}
