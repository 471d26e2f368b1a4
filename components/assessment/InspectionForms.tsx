'use client'
import { useEffect, useState } from 'react'
import { useRouter } from 'next/navigation'
import {
  addTeamAction,
  createRoundAction,
  createSampleAction,
  createTemplateAction,
  openRectificationAction,
  publishRoundAction,
  recordSampleAction,
  reviewRectificationAction,
  saveScoresAction,
  submitMeasuresAction,
} from '@/lib/assessment/actions'
import { ATTACHMENT_MAX_BYTES } from '@/lib/attachments/rules'
import type { SheetItem } from '@/lib/assessment/inspection-rules'
import { useT } from '@/lib/i18n/client'
import { Field, inputClass } from '@/components/ui'
import { Combobox } from '@/components/ui/Combobox'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

// Forms of inspections, rectification and sample verification. The score sheet and the sample
// record are used on tablets on site: large touch targets, labels always visible, no hover.

const FILE_LIMIT = { max: ATTACHMENT_MAX_BYTES, error: 'attachments.errors.tooLarge' as const, params: { max: ATTACHMENT_MAX_BYTES / 1024 / 1024 } }
const big = 'min-h-12 text-base'

export function TemplateForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(createTemplateAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" aria-label={t('inspections.templates.new')} noValidate>
      <ActionMessage state={state} />
      <Field label={t('inspections.templates.name')} name="tpl-name" error={fieldError(state, 'name')}>
        <input id="tpl-name" name="name" className={inputClass} {...invalidProps(state, 'name')} />
      </Field>
      <Field label={t('inspections.templates.lines')} name="lines" error={fieldError(state, 'lines')} hint={t('inspections.templates.linesHint')}>
        <textarea id="lines" name="lines" rows={8} className={`${inputClass} font-mono text-xs`} {...invalidProps(state, 'lines')} />
      </Field>
      <PendingButton pending={pending}>{t('inspections.templates.save')}</PendingButton>
    </form>
  )
}

export function RoundForm({
  templates,
  years,
  defaultYear,
  formKey,
}: {
  templates: { id: number; name: string }[]
  years: number[]
  defaultYear: number
  formKey: string
}) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(createRoundAction)
  useEffect(() => {
    if (state?.ok) router.push(`/assessment/inspections/${state.data.id}`)
  }, [state, router])
  return (
    <form method="post" onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" aria-label={t('inspections.rounds.new')} noValidate>
      <div className="sm:col-span-2">
        <ActionMessage state={state} />
      </div>
      <input type="hidden" name="formKey" value={formKey} />
      <Field label={t('inspections.rounds.titleField')} name="round-title" error={fieldError(state, 'title')}>
        <input id="round-title" name="title" className={inputClass} {...invalidProps(state, 'title')} />
      </Field>
      <Field label={t('inspections.templates.template')} name="templateId" error={fieldError(state, 'templateId')}>
        <select id="templateId" name="templateId" className={inputClass} {...invalidProps(state, 'templateId')}>
          <option value="">{t('inspections.choose')}</option>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('inspections.rounds.statYear')} name="statYear" error={fieldError(state, 'statYear')}>
        <select id="statYear" name="statYear" defaultValue={defaultYear} className={inputClass}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t('inspections.rounds.startsOn')} name="startsOn" error={fieldError(state, 'startsOn')}>
          <input id="startsOn" name="startsOn" type="date" className={inputClass} {...invalidProps(state, 'startsOn')} />
        </Field>
        <Field label={t('inspections.rounds.endsOn')} name="endsOn" error={fieldError(state, 'endsOn')}>
          <input id="endsOn" name="endsOn" type="date" className={inputClass} {...invalidProps(state, 'endsOn')} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <PendingButton pending={pending}>{t('inspections.rounds.create')}</PendingButton>
      </div>
    </form>
  )
}

export function TeamForm({
  roundId,
  inspectors,
  townships,
}: {
  roundId: number
  inspectors: { id: number; name: string }[]
  townships: { id: number; name: string }[]
}) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(addTeamAction)
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  const box = 'flex min-h-11 items-center gap-2 rounded border border-slate-200 px-3'
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" aria-label={t('inspections.teams.new')} noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="roundId" value={roundId} />
      <Field label={t('inspections.teams.name')} name="team-name" error={fieldError(state, 'name')}>
        <input id="team-name" name="name" className={inputClass} {...invalidProps(state, 'name')} />
      </Field>
      <fieldset aria-describedby={fieldError(state, 'memberIds') ? 'memberIds-error' : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t('inspections.teams.members')}</legend>
        <div className="flex flex-wrap gap-2">
          {inspectors.map((u) => (
            <label key={u.id} className={box}>
              <input type="checkbox" name={`m:${u.id}`} className="size-5" />
              {u.name}
            </label>
          ))}
        </div>
        {fieldError(state, 'memberIds') ? (
          <p id="memberIds-error" className="text-sm text-red-700">
            {fieldError(state, 'memberIds')}
          </p>
        ) : null}
      </fieldset>
      <fieldset aria-describedby={fieldError(state, 'townshipIds') ? 'townshipIds-error' : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t('inspections.teams.townships')}</legend>
        <div className="flex flex-wrap gap-2">
          {townships.map((x) => (
            <label key={x.id} className={box}>
              <input type="checkbox" name={`t:${x.id}`} className="size-5" />
              {x.name}
            </label>
          ))}
        </div>
        {fieldError(state, 'townshipIds') ? (
          <p id="townshipIds-error" className="text-sm text-red-700">
            {fieldError(state, 'townshipIds')}
          </p>
        ) : null}
      </fieldset>
      <PendingButton pending={pending}>{t('inspections.teams.add')}</PendingButton>
    </form>
  )
}

export interface SheetScore {
  points: number
  note: string
  photos: { id: number; name: string; thumbnail: boolean }[]
}

/** The score sheet of one township on a tablet: an item per card, points, a note and a photo. */
export function ScoreSheetForm({
  roundId,
  townshipId,
  items,
  scores,
}: {
  roundId: number
  townshipId: number
  items: SheetItem[]
  scores: Record<string, SheetScore>
}) {
  const t = useT()
  const router = useRouter()
  const files = Object.fromEntries(items.map((i) => [`f:${i.code}`, FILE_LIMIT]))
  const { state, onSubmit, pending } = useActionForm(saveScoresAction, { files })
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  const groups = [...new Set(items.map((i) => i.group))]
  return (
    <form method="post" onSubmit={onSubmit} encType="multipart/form-data" className="space-y-4" aria-label={t('inspections.scores.sheet')} noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="roundId" value={roundId} />
      <input type="hidden" name="townshipId" value={townshipId} />
      {groups.map((g) => (
        <section key={g} className="space-y-3">
          <h2 className="text-lg font-semibold">{g}</h2>
          {items
            .filter((i) => i.group === g)
            .map((i) => {
              const s = scores[i.code]
              const p = `p:${i.code}`
              return (
                <div key={i.code} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`item-${i.code}`}>
                  <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-medium">
                      {i.code} {i.name}
                    </h3>
                    <span className="text-sm text-slate-600">{t('inspections.scores.max', { max: i.maxPoints })}</span>
                  </div>
                  {i.guidance ? <p className="mb-2 text-sm text-slate-600">{i.guidance}</p> : null}
                  <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
                    <Field label={t('inspections.scores.points', { item: i.name })} name={p} error={fieldError(state, p)}>
                      <input
                        id={p}
                        name={p}
                        inputMode="decimal"
                        defaultValue={s ? String(s.points) : ''}
                        className={`${inputClass} ${big} tabular-nums`}
                        {...invalidProps(state, p)}
                      />
                    </Field>
                    <Field label={t('inspections.scores.note', { item: i.name })} name={`n:${i.code}`} error={fieldError(state, `n:${i.code}`)}>
                      <textarea id={`n:${i.code}`} name={`n:${i.code}`} rows={2} defaultValue={s?.note ?? ''} className={`${inputClass} text-base`} />
                    </Field>
                  </div>
                  <div className="mt-2">
                    <Field label={t('inspections.scores.photo', { item: i.name })} name={`f:${i.code}`} error={fieldError(state, `f:${i.code}`)}>
                      <input id={`f:${i.code}`} name={`f:${i.code}`} type="file" accept="image/*" capture="environment" className={`${inputClass} ${big}`} />
                    </Field>
                    {s?.photos.length ? (
                      <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('inspections.scores.photos')}>
                        {s.photos.map((ph) => (
                          <li key={ph.id}>
                            <a href={`/api/assessment/attachments/${ph.id}`} target="_blank" rel="noreferrer" className="text-brand-600 underline">
                              {ph.name}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                </div>
              )
            })}
        </section>
      ))}
      <div className="sticky bottom-0 bg-slate-50 py-3">
        <PendingButton pending={pending}>{t('inspections.scores.save')}</PendingButton>
      </div>
    </form>
  )
}

export function RectificationOpenForm({
  roundId,
  townshipId,
  items,
  owners,
  formKey,
}: {
  roundId: number
  townshipId: number
  items: SheetItem[]
  owners: { id: number; name: string }[]
  formKey: string
}) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(openRectificationAction)
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  return (
    <form method="post" onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" aria-label={t('inspections.rectifications.new')} noValidate>
      <div className="sm:col-span-2">
        <ActionMessage state={state} />
      </div>
      <input type="hidden" name="roundId" value={roundId} />
      <input type="hidden" name="townshipId" value={townshipId} />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="sm:col-span-2">
        <Field label={t('inspections.rectifications.finding')} name="finding" error={fieldError(state, 'finding')}>
          <textarea id="finding" name="finding" rows={3} className={`${inputClass} text-base`} {...invalidProps(state, 'finding')} />
        </Field>
      </div>
      <Field label={t('inspections.rectifications.item')} name="itemCode" error={fieldError(state, 'itemCode')}>
        <select id="itemCode" name="itemCode" className={`${inputClass} ${big}`}>
          <option value="">{t('inspections.rectifications.noItem')}</option>
          {items.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} {i.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('inspections.rectifications.owner')} name="ownerId" error={fieldError(state, 'ownerId')}>
        <select id="ownerId" name="ownerId" className={`${inputClass} ${big}`}>
          <option value="">{t('inspections.rectifications.townshipOwns')}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('inspections.rectifications.dueOn')} name="dueOn" error={fieldError(state, 'dueOn')}>
        <input id="dueOn" name="dueOn" type="date" className={`${inputClass} ${big}`} {...invalidProps(state, 'dueOn')} />
      </Field>
      <div className="sm:col-span-2">
        <PendingButton pending={pending}>{t('inspections.rectifications.open')}</PendingButton>
      </div>
    </form>
  )
}

export function MeasuresForm({ rectificationId, measures }: { rectificationId: number; measures: string }) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(submitMeasuresAction, { files: { evidence: FILE_LIMIT } })
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      encType="multipart/form-data"
      className="space-y-3"
      aria-label={t('inspections.rectifications.measuresForm')}
      noValidate
    >
      <ActionMessage state={state} />
      <input type="hidden" name="rectificationId" value={rectificationId} />
      <Field label={t('inspections.rectifications.measures')} name="measures" error={fieldError(state, 'measures')}>
        <textarea id="measures" name="measures" rows={4} defaultValue={measures} className={`${inputClass} text-base`} {...invalidProps(state, 'measures')} />
      </Field>
      <Field label={t('inspections.rectifications.evidence')} name="evidence" error={fieldError(state, 'evidence')}>
        <input
          id="evidence"
          name="evidence"
          type="file"
          accept="image/*,application/pdf"
          className={`${inputClass} ${big}`}
          {...invalidProps(state, 'evidence')}
        />
      </Field>
      <PendingButton pending={pending}>{t('inspections.rectifications.submit')}</PendingButton>
    </form>
  )
}

export function ReviewForm({ rectificationId }: { rectificationId: number }) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(reviewRectificationAction)
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" aria-label={t('inspections.rectifications.review')} noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="rectificationId" value={rectificationId} />
      <Field label={t('inspections.rectifications.refuseReason')} name="reason" error={fieldError(state, 'reason')}>
        <textarea id="reason" name="reason" rows={2} className={`${inputClass} text-base`} {...invalidProps(state, 'reason')} />
      </Field>
      <div className="flex flex-wrap gap-3">
        <PendingButton pending={pending} name="decision" value="close">
          {t('inspections.rectifications.close')}
        </PendingButton>
        <PendingButton pending={pending} name="decision" value="refuse" kind="danger">
          {t('inspections.rectifications.refuse')}
        </PendingButton>
      </div>
    </form>
  )
}

export function PublishRoundForm({ roundId }: { roundId: number }) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(publishRoundAction)
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  return (
    <form method="post" onSubmit={onSubmit} aria-label={t('inspections.rounds.publish')} noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="roundId" value={roundId} />
      <PendingButton pending={pending}>{t('inspections.rounds.publish')}</PendingButton>
    </form>
  )
}

export function SampleForm({
  townships,
  years,
  defaultYear,
  formKey,
}: {
  townships: { id: number; name: string; code: string }[]
  years: number[]
  defaultYear: number
  formKey: string
}) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(createSampleAction)
  useEffect(() => {
    if (state?.ok) router.push(`/assessment/samples/${state.data.id}`)
  }, [state, router])
  return (
    <form method="post" onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" aria-label={t('inspections.samples.new')} noValidate>
      <div className="sm:col-span-2">
        <ActionMessage state={state} />
      </div>
      <input type="hidden" name="formKey" value={formKey} />
      <Field label={t('inspections.samples.township')} name="townshipId" error={fieldError(state, 'townshipId')}>
        <Combobox
          id="townshipId"
          name="townshipId"
          options={townships.map((x) => ({ value: String(x.id), label: x.name, keys: [x.code] }))}
          invalid={Boolean(fieldError(state, 'townshipId'))}
          describedBy={fieldError(state, 'townshipId') ? 'townshipId-error' : undefined}
        />
      </Field>
      <Field label={t('inspections.rounds.statYear')} name="sample-year" error={fieldError(state, 'statYear')}>
        <select id="sample-year" name="statYear" defaultValue={defaultYear} className={inputClass}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('inspections.samples.size')} name="size" error={fieldError(state, 'size')}>
        <input id="size" name="size" inputMode="numeric" className={inputClass} {...invalidProps(state, 'size')} />
      </Field>
      <Field label={t('inspections.samples.seed')} name="seed" error={fieldError(state, 'seed')} hint={t('inspections.samples.seedHint')}>
        <input id="seed" name="seed" className={inputClass} {...invalidProps(state, 'seed')} />
      </Field>
      <div className="sm:col-span-2">
        <PendingButton pending={pending}>{t('inspections.samples.draw')}</PendingButton>
      </div>
    </form>
  )
}

const OUTCOMES = ['CORRECT', 'FIELD_WRONG', 'NOT_FOUND', 'UNREGISTERED'] as const
const FIELDS = ['name', 'idNumber', 'birthDate', 'sex', 'address', 'residence', 'relation', 'marital'] as const

/** What the inspector found at one drawn household: four large choices, the wrong field when one is. */
export function SampleRecordForm({ id, outcome, wrongField, label }: { id: number; outcome: string | null; wrongField: string | null; label: string }) {
  const t = useT()
  const router = useRouter()
  const [chosen, setChosen] = useState(outcome ?? '')
  const { state, onSubmit, pending } = useActionForm(recordSampleAction)
  useEffect(() => {
    if (state?.ok) router.refresh()
  }, [state, router])
  const field = `wrongField-${id}`
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" aria-label={label} noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="sampleHouseholdId" value={id} />
      <fieldset>
        <legend className="sr-only">{t('inspections.samples.outcome')}</legend>
        <div className="flex flex-wrap gap-2">
          {OUTCOMES.map((o) => (
            <label key={o} className="flex min-h-11 items-center gap-2 rounded border border-slate-300 px-3">
              <input type="radio" name="outcome" value={o} checked={chosen === o} onChange={() => setChosen(o)} className="size-5" />
              {t(`inspections.samples.outcomes.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {chosen === 'FIELD_WRONG' ? (
        <Field label={t('inspections.samples.wrongField')} name={field} error={fieldError(state, 'wrongField')}>
          <select
            id={field}
            name="wrongField"
            defaultValue={wrongField ?? ''}
            className={`${inputClass} ${big}`}
            {...(fieldError(state, 'wrongField') ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {})}
          >
            <option value="">{t('inspections.choose')}</option>
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`inspections.samples.fields.${f}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <PendingButton pending={pending}>{t('inspections.samples.record')}</PendingButton>
    </form>
  )
}
