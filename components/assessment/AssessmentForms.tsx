'use client'
import { useEffect, useRef } from 'react'
import { useRouter } from 'next/navigation'
import {
  addAdjustmentAction,
  addVetoAction,
  createRunAction,
  importValuesAction,
  publishRunAction,
  removeEntryAction,
  saveSchemeAction,
  saveValuesAction,
} from '@/lib/assessment/actions'
import { useT } from '@/lib/i18n/client'
import { Alert, Field, inputClass } from '@/components/ui'
import { Combobox } from '@/components/ui/Combobox'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

const MAX_FILE = 2 * 1024 * 1024

/** Paste a scheme's JSON or choose its file; every problem is listed and nothing is saved. */
export function SchemeForm({ initialJson = '', label }: { initialJson?: string; label: string }) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(saveSchemeAction, { files: { file: { max: MAX_FILE, error: 'assessment.errors.fileTooLarge' } } })
  useEffect(() => {
    if (state?.ok) router.push(`/assessment/schemes/${state.data.id}`)
  }, [state, router])
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" aria-label={label} noValidate>
      <ActionMessage state={state} />
      <Field label={t('assessment.schemes.json')} name="json" error={fieldError(state, 'json')}>
        <textarea
          id="json"
          name="json"
          rows={14}
          defaultValue={initialJson}
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
          {...invalidProps(state, 'json')}
        />
      </Field>
      <Field label={t('assessment.schemes.file')} name="file" error={fieldError(state, 'file')}>
        <input id="file" name="file" type="file" accept=".json,application/json" className={inputClass} />
      </Field>
      <PendingButton pending={pending}>{t('assessment.schemes.save')}</PendingButton>
    </form>
  )
}

export interface ValueGridProps {
  schemeId: number
  periodKey: string
  indicators: { code: string; name: string; unit: string }[]
  townships: { id: number; name: string }[]
  values: Record<string, number>
  evidence: Record<string, string>
}

/** A table: a row per township, a column per hand-entered indicator, and the evidence of each column. */
export function ValueGridForm({ schemeId, periodKey, indicators, townships, values, evidence }: ValueGridProps) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(saveValuesAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" aria-label={t('assessment.values.title')} noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="schemeId" value={schemeId} />
      <input type="hidden" name="periodKey" value={periodKey} />
      <div tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-2 focus:outline-offset-2 focus:outline-sky-600">
        <table className="min-w-full text-sm">
          <thead>
            <tr className="bg-slate-50">
              <th scope="col" className="px-2 py-2 text-left font-medium text-slate-600">
                {t('assessment.township')}
              </th>
              {indicators.map((i) => (
                <th key={i.code} scope="col" className="px-2 py-2 text-left font-medium text-slate-600">
                  {i.name}
                  {i.unit ? <span className="font-normal text-slate-500">{t('common.paren', { text: i.unit })}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {townships.map((tw) => (
              <tr key={tw.id}>
                <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-medium">
                  {tw.name}
                </th>
                {indicators.map((i) => {
                  const name = `v:${i.code}:${tw.id}`
                  const error = fieldError(state, name)
                  return (
                    <td key={i.code} className="px-2 py-1">
                      <input
                        name={name}
                        inputMode="decimal"
                        aria-label={`${tw.name} ${i.name}`}
                        defaultValue={values[`${i.code}/${tw.id}`] ?? ''}
                        className={`${inputClass} w-28`}
                        {...invalidProps(state, name)}
                      />
                      {error ? (
                        <p id={`${name}-error`} className="text-xs text-red-700">
                          {error}
                        </p>
                      ) : null}
                    </td>
                  )
                })}
              </tr>
            ))}
            <tr className="bg-slate-50">
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {t('assessment.values.evidence')}
              </th>
              {indicators.map((i) => (
                <td key={i.code} className="px-2 py-1">
                  <input
                    name={`e:${i.code}`}
                    maxLength={300}
                    aria-label={`${i.name} ${t('assessment.values.evidence')}`}
                    placeholder={t('assessment.values.evidencePlaceholder')}
                    defaultValue={evidence[i.code] ?? ''}
                    className={`${inputClass} w-40`}
                  />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <PendingButton pending={pending}>{t('assessment.values.save')}</PendingButton>
    </form>
  )
}

export function ValueImportForm({ schemeId, periodKey }: { schemeId: number; periodKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(importValuesAction, { files: { file: { max: MAX_FILE, error: 'assessment.errors.fileTooLarge' } } })
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" aria-label={t('assessment.values.import')} noValidate>
      {state && !state.ok && !fieldError(state, 'file') ? <Alert kind="error">{state.error}</Alert> : <ActionMessage state={state} />}
      <input type="hidden" name="schemeId" value={schemeId} />
      <input type="hidden" name="periodKey" value={periodKey} />
      <Field label={t('assessment.values.file')} name="value-file" error={fieldError(state, 'file')}>
        <input id="value-file" name="file" type="file" accept=".xlsx" className={inputClass} {...invalidProps(state, 'file')} />
      </Field>
      <Field label={t('assessment.values.importEvidence')} name="import-evidence">
        <input id="import-evidence" name="evidence" maxLength={300} className={inputClass} />
      </Field>
      <PendingButton kind="secondary" pending={pending}>
        {t('assessment.values.importButton')}
      </PendingButton>
    </form>
  )
}

/** Starts a run (or a correction of a published one, with its reason); opens the run when scored. */
export function RunForm({
  schemes,
  years,
  formKey,
  correctsId,
  defaultSchemeId,
  defaultYear,
}: {
  schemes: { id: number; label: string }[]
  years: number[]
  formKey: string
  correctsId?: number
  defaultSchemeId?: number
  defaultYear?: number
}) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(createRunAction)
  useEffect(() => {
    if (state?.ok) router.push(`/assessment/runs/${state.data.id}`)
  }, [state, router])
  const label = correctsId ? t('assessment.run.correction') : t('assessment.runs.new')
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" aria-label={label} noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="formKey" value={formKey} />
      {correctsId ? <input type="hidden" name="correctsId" value={correctsId} /> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t('assessment.scheme')} name={`scheme-${correctsId ?? 'new'}`} error={fieldError(state, 'schemeId')}>
          <select
            id={`scheme-${correctsId ?? 'new'}`}
            name="schemeId"
            defaultValue={defaultSchemeId ?? ''}
            className={inputClass}
            {...invalidProps(state, 'schemeId')}
          >
            <option value="">{t('assessment.chooseScheme')}</option>
            {schemes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('assessment.statYear')} name={`year-${correctsId ?? 'new'}`} error={fieldError(state, 'statYear')}>
          <select id={`year-${correctsId ?? 'new'}`} name="statYear" defaultValue={defaultYear ?? years[0]} className={inputClass}>
            {years.map((y) => (
              <option key={y} value={y}>
                {t('assessment.statYearValue', { year: y })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('assessment.runs.titleField')} name={`title-${correctsId ?? 'new'}`} error={fieldError(state, 'title')}>
          <input
            id={`title-${correctsId ?? 'new'}`}
            name="title"
            maxLength={120}
            placeholder={t('assessment.runs.titlePlaceholder')}
            className={inputClass}
            {...invalidProps(state, 'title')}
          />
        </Field>
      </div>
      {correctsId ? (
        <Field label={t('assessment.run.correctionReason')} name="reason" error={fieldError(state, 'reason')}>
          <input id="reason" name="reason" maxLength={500} className={inputClass} {...invalidProps(state, 'reason')} />
        </Field>
      ) : null}
      <PendingButton pending={pending}>{correctsId ? t('assessment.run.correction') : t('assessment.runs.start')}</PendingButton>
    </form>
  )
}

/** A commendation / criticism (points) or a veto on a township of a draft run. */
export function EntryForm({
  runId,
  kind,
  townships,
  formKey,
}: {
  runId: number
  kind: 'adjustment' | 'veto'
  townships: { id: number; name: string }[]
  formKey: string
}) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(kind === 'adjustment' ? addAdjustmentAction : addVetoAction)
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) {
      form.current?.reset()
      router.refresh()
    }
  }, [state, router])
  const label = kind === 'adjustment' ? t('assessment.run.addAdjustment') : t('assessment.run.addVeto')
  const p = (name: string) => `${kind}-${name}`
  return (
    <form method="post" ref={form} onSubmit={onSubmit} className="space-y-3" aria-label={label} noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="runId" value={runId} />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('assessment.township')} name={p('township')} error={fieldError(state, 'townshipId')}>
          <Combobox
            id={p('township')}
            name="townshipId"
            options={townships.map((tw) => ({ value: String(tw.id), label: tw.name }))}
            placeholder={t('assessment.run.chooseTownship')}
            invalid={Boolean(fieldError(state, 'townshipId'))}
          />
        </Field>
        {kind === 'adjustment' ? (
          <Field label={t('assessment.run.points')} name={p('points')} error={fieldError(state, 'points')} hint={t('assessment.run.pointsHint')}>
            <input id={p('points')} name="points" inputMode="decimal" className={inputClass} {...invalidProps(state, 'points')} />
          </Field>
        ) : null}
        <Field label={t('assessment.run.reason')} name={p('reason')} error={fieldError(state, 'reason')}>
          <input id={p('reason')} name="reason" maxLength={300} className={inputClass} {...invalidProps(state, 'reason')} />
        </Field>
        <Field label={t('assessment.run.document')} name={p('document')} error={fieldError(state, 'document')}>
          <input
            id={p('document')}
            name="document"
            maxLength={200}
            placeholder={t('assessment.run.documentPlaceholder')}
            className={inputClass}
            {...invalidProps(state, 'document')}
          />
        </Field>
      </div>
      <PendingButton kind="secondary" pending={pending}>
        {label}
      </PendingButton>
    </form>
  )
}

export function RemoveEntryForm({ runId, kind, entryId, label }: { runId: number; kind: 'adjustment' | 'veto'; entryId: number; label: string }) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(removeEntryAction)
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  return (
    <form method="post" onSubmit={onSubmit} aria-label={`${t('assessment.run.remove')} ${label}`}>
      {state && !state.ok ? <Alert kind="error">{state.error}</Alert> : null}
      <input type="hidden" name="runId" value={runId} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="entryId" value={entryId} />
      <PendingButton kind="danger" pending={pending}>
        {t('assessment.run.remove')}
      </PendingButton>
    </form>
  )
}

export function PublishForm({ runId }: { runId: number }) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(publishRunAction)
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  return (
    <form
      method="post"
      onSubmit={(e) => {
        if (!window.confirm(t('assessment.run.confirmPublish'))) return e.preventDefault()
        onSubmit(e)
      }}
      className="space-y-2"
      aria-label={t('assessment.run.publish')}
    >
      <ActionMessage state={state} />
      <input type="hidden" name="runId" value={runId} />
      <PendingButton pending={pending}>{t('assessment.run.publish')}</PendingButton>
    </form>
  )
}
