'use client'
import { useEffect, useRef, useState } from 'react'
import { useRouter } from 'next/navigation'
import {
  createChecklistItemAction,
  createInstitutionAction,
  createStationAction,
  recordCheckAction,
  updateChecklistItemAction,
  updateInstitutionAction,
  updateStationAction,
} from '@/lib/services/stations/actions'
import { useT } from '@/lib/i18n/client'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB } from '@/lib/attachments/rules'
import { Field, inputClass } from '@/components/ui'
import { Combobox, type ComboboxOption } from '@/components/ui/Combobox'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

const KINDS = ['TOWNSHIP_STATION', 'VILLAGE_ROOM'] as const
const SCORES = ['MET', 'PARTLY', 'NOT_MET'] as const
const OPERATORS = ['PUBLIC', 'INCLUSIVE_PRIVATE', 'PRIVATE', 'EMPLOYER', 'KINDERGARTEN'] as const
const PHOTOS = ['photo1', 'photo2', 'photo3'] as const
const photoLimit = { error: 'attachments.errors.tooLarge' as const, max: ATTACHMENT_MAX_BYTES, params: { max: ATTACHMENT_MAX_MB } }

export interface StationDraft {
  stationId: number
  version: number
  name: string
  address: string
  openingHours: string
  phone: string | null
  staff: string[]
  equipment: string[]
  active: boolean
}

/**
 * A new station or room (a county's administrator also chooses the township; a room its village),
 * or an edit of one (where it is stays fixed). A new one opens its page once saved.
 */
export function StationForm({
  draft,
  townships,
  villages,
  formKey,
}: {
  draft?: StationDraft
  /** the county's townships, for a county's user; none for a township's */
  townships?: { id: number; name: string }[]
  villages?: ComboboxOption[]
  formKey?: string
}) {
  const t = useT()
  const router = useRouter()
  const editing = draft !== undefined
  const { state, onSubmit, pending } = useActionForm(editing ? updateStationAction : createStationAction)
  const [kind, setKind] = useState<string>('VILLAGE_ROOM')
  useEffect(() => {
    if (!editing && state?.ok) router.push(`/services/stations/${(state.data as { stationId: number }).stationId}`)
  }, [editing, state, router])
  const text = (name: 'name' | 'address' | 'openingHours' | 'phone', max: number, value?: string | null) => (
    <Field label={t(`stations.field.${name}`)} name={name} error={fieldError(state, name)}>
      <input id={name} name={name} maxLength={max} defaultValue={value ?? ''} className={inputClass} {...invalidProps(state, name)} />
    </Field>
  )
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-label={editing ? t('stations.edit') : t('stations.create')}>
      <ActionMessage state={state} />
      {editing ? (
        <>
          <input type="hidden" name="stationId" value={draft.stationId} />
          <input type="hidden" name="version" value={draft.version} />
        </>
      ) : (
        <>
          <input type="hidden" name="formKey" value={formKey} />
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label={t('stations.field.kind')} name="kind" error={fieldError(state, 'kind')}>
              <select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)} className={inputClass} {...invalidProps(state, 'kind')}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`stations.kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            {townships && townships.length > 0 ? (
              <Field label={t('stations.field.township')} name="townshipId" error={fieldError(state, 'townshipId')}>
                <select id="townshipId" name="townshipId" defaultValue="" className={inputClass} {...invalidProps(state, 'townshipId')}>
                  <option value="">{t('stations.choose')}</option>
                  {townships.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            {kind === 'VILLAGE_ROOM' && villages ? (
              <Field label={t('stations.field.village')} name="villageId" error={fieldError(state, 'villageId')}>
                <Combobox
                  id="villageId"
                  name="villageId"
                  options={villages}
                  placeholder={t('stations.typeToSearch')}
                  invalid={Boolean(fieldError(state, 'villageId'))}
                  describedBy={fieldError(state, 'villageId') ? 'villageId-error' : undefined}
                />
              </Field>
            ) : null}
          </div>
        </>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        {text('name', 100, draft?.name)}
        {text('address', 200, draft?.address)}
        {text('openingHours', 100, draft?.openingHours)}
        {text('phone', 30, draft?.phone)}
        <Field label={t('stations.field.staff')} name="staff" error={fieldError(state, 'staff')} hint={t('stations.onePerLine')}>
          <textarea id="staff" name="staff" rows={3} defaultValue={draft?.staff.join('\n')} className={inputClass} {...invalidProps(state, 'staff')} />
        </Field>
        <Field label={t('stations.field.equipment')} name="equipment" error={fieldError(state, 'equipment')} hint={t('stations.onePerLine')}>
          <textarea
            id="equipment"
            name="equipment"
            rows={3}
            defaultValue={draft?.equipment.join('\n')}
            className={inputClass}
            {...invalidProps(state, 'equipment')}
          />
        </Field>
      </div>
      {editing ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={draft.active} />
          {t('stations.field.active')}
        </label>
      ) : null}
      <PendingButton pending={pending} busy={t('common.saving')}>
        {editing ? t('stations.submitEdit') : t('stations.submitCreate')}
      </PendingButton>
    </form>
  )
}

/** A check of a station: a score (and note) for each item, who checked and when, photos as evidence. */
export function CheckForm({
  stationId,
  items,
  today,
  checkedBy,
  formKey,
}: {
  stationId: number
  items: { id: number; name: string; core: boolean }[]
  today: string
  checkedBy: string
  formKey: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordCheckAction, { files: Object.fromEntries(PHOTOS.map((p) => [p, photoLimit])) })
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) form.current?.reset()
  }, [state])
  return (
    <form method="post" ref={form} onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="check-title">
      <h2 id="check-title" className="font-medium text-slate-800">
        {t('stations.check.add')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="stationId" value={stationId} />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('stations.check.checkedOn')} name="checkedOn" error={fieldError(state, 'checkedOn')}>
          <input id="checkedOn" name="checkedOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'checkedOn')} />
        </Field>
        <Field label={t('stations.check.checkedBy')} name="checkedBy" error={fieldError(state, 'checkedBy')}>
          <input id="checkedBy" name="checkedBy" maxLength={50} defaultValue={checkedBy} className={inputClass} {...invalidProps(state, 'checkedBy')} />
        </Field>
      </div>
      {items.map((item) => {
        const name = `score:${item.id}`
        const error = fieldError(state, name)
        return (
          <fieldset key={item.id} className="rounded-md border border-slate-200 p-3" aria-describedby={error ? `${name}-error` : undefined}>
            <legend className="px-1 text-sm font-medium text-slate-800">
              {item.name}
              {item.core ? <span className="ml-2 text-xs text-slate-600">{t('stations.check.core')}</span> : null}
            </legend>
            <div className="flex flex-wrap gap-4">
              {SCORES.map((s) => (
                <label key={s} className="flex items-center gap-1 text-sm">
                  <input type="radio" name={name} value={s} />
                  {t(`stations.score.${s}`)}
                </label>
              ))}
            </div>
            {error ? (
              <p id={`${name}-error`} className="mt-1 text-sm text-red-700">
                {error}
              </p>
            ) : null}
            <label className="mt-2 block text-sm text-slate-700" htmlFor={`note-${item.id}`}>
              {t('stations.check.itemNote')}
            </label>
            <input id={`note-${item.id}`} name={`note:${item.id}`} maxLength={200} className={inputClass} />
          </fieldset>
        )
      })}
      <Field label={t('stations.check.notes')} name="notes" error={fieldError(state, 'notes')}>
        <textarea id="notes" name="notes" rows={2} maxLength={500} className={inputClass} {...invalidProps(state, 'notes')} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        {PHOTOS.map((p, i) => (
          <Field key={p} label={t('stations.check.photo', { n: i + 1, max: ATTACHMENT_MAX_MB })} name={p} error={fieldError(state, p)}>
            <input id={p} name={p} type="file" accept="image/jpeg,image/png,.jpg,.jpeg,.png" className={inputClass} {...invalidProps(state, p)} />
          </Field>
        ))}
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('stations.check.submit')}
      </PendingButton>
    </form>
  )
}

export interface ItemDraft {
  itemId: number
  code: string
  nameZh: string
  nameEn: string
  core: boolean
  sortOrder: number
  active: boolean
}

/** A checklist item of the county: a new one, or an edit. */
export function ChecklistItemForm({ draft }: { draft?: ItemDraft }) {
  const t = useT()
  const editing = draft !== undefined
  const { state, onSubmit, pending } = useActionForm(editing ? updateChecklistItemAction : createChecklistItemAction)
  const p = editing ? `item-${draft.itemId}` : 'item-new'
  const id = (name: string) => `${p}-${name}`
  const text = (name: 'code' | 'nameZh' | 'nameEn' | 'sortOrder', max: number) => (
    <Field label={t(`stations.checklist.${name}`)} name={id(name)} error={fieldError(state, name)}>
      <input
        id={id(name)}
        name={name}
        maxLength={max}
        defaultValue={draft ? String(draft[name]) : name === 'sortOrder' ? '10' : ''}
        className={inputClass}
        {...invalidProps(state, name)}
      />
    </Field>
  )
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      className="space-y-3"
      noValidate
      aria-label={editing ? t('stations.checklist.edit') : t('stations.checklist.create')}
    >
      <ActionMessage state={state} />
      {editing ? <input type="hidden" name="itemId" value={draft.itemId} /> : null}
      <div className="grid gap-3 sm:grid-cols-4">
        {text('code', 20)}
        {text('nameZh', 50)}
        {text('nameEn', 100)}
        {text('sortOrder', 3)}
      </div>
      <div className="flex flex-wrap gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="core" defaultChecked={draft?.core ?? false} />
          {t('stations.checklist.core')}
        </label>
        {editing ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="active" defaultChecked={draft.active} />
            {t('stations.field.active')}
          </label>
        ) : null}
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('stations.checklist.submit')}
      </PendingButton>
    </form>
  )
}

export interface InstitutionDraft {
  institutionId: number
  version: number
  name: string
  licence: string
  operator: string
  places: number
  placesInUse: number
  address: string
  active: boolean
}

/** A childcare institution: a new one (a county's administrator chooses its township), or an edit. */
export function InstitutionForm({ draft, townships, formKey }: { draft?: InstitutionDraft; townships?: { id: number; name: string }[]; formKey?: string }) {
  const t = useT()
  const editing = draft !== undefined
  const { state, onSubmit, pending } = useActionForm(editing ? updateInstitutionAction : createInstitutionAction)
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (!editing && state?.ok) form.current?.reset()
  }, [editing, state])
  const p = editing ? `inst-${draft.institutionId}` : 'inst-new'
  const id = (name: string) => `${p}-${name}`
  const text = (name: 'name' | 'licence' | 'places' | 'placesInUse' | 'address', max: number) => (
    <Field label={t(`stations.childcare.${name}`)} name={id(name)} error={fieldError(state, name)}>
      <input
        id={id(name)}
        name={name}
        maxLength={max}
        inputMode={name === 'places' || name === 'placesInUse' ? 'numeric' : undefined}
        defaultValue={draft ? String(draft[name]) : ''}
        className={inputClass}
        {...invalidProps(state, name)}
      />
    </Field>
  )
  return (
    <form
      method="post"
      ref={form}
      onSubmit={onSubmit}
      className="space-y-3"
      noValidate
      aria-label={editing ? t('stations.childcare.edit') : t('stations.childcare.create')}
    >
      <ActionMessage state={state} />
      {editing ? (
        <>
          <input type="hidden" name="institutionId" value={draft.institutionId} />
          <input type="hidden" name="version" value={draft.version} />
        </>
      ) : (
        <input type="hidden" name="formKey" value={formKey} />
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        {!editing && townships && townships.length > 0 ? (
          <Field label={t('stations.field.township')} name={id('townshipId')} error={fieldError(state, 'townshipId')}>
            <select id={id('townshipId')} name="townshipId" defaultValue="" className={inputClass} {...invalidProps(state, 'townshipId')}>
              <option value="">{t('stations.choose')}</option>
              {townships.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {text('name', 100)}
        {text('licence', 50)}
        <Field label={t('stations.childcare.operator')} name={id('operator')} error={fieldError(state, 'operator')}>
          <select id={id('operator')} name="operator" defaultValue={draft?.operator ?? ''} className={inputClass} {...invalidProps(state, 'operator')}>
            <option value="">{t('stations.choose')}</option>
            {OPERATORS.map((o) => (
              <option key={o} value={o}>
                {t(`stations.operator.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        {text('places', 6)}
        {text('placesInUse', 6)}
        {text('address', 200)}
      </div>
      {editing ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={draft.active} />
          {t('stations.field.active')}
        </label>
      ) : null}
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('stations.childcare.submit')}
      </PendingButton>
    </form>
  )
}

export function PrintButton() {
  const t = useT()
  return (
    <button
      type="button"
      className="no-print rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      onClick={() => window.print()}
    >
      {t('stations.print')}
    </button>
  )
}
