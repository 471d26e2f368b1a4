'use client'
import { useEffect, useRef, useState } from 'react'
import {
  correctRecordAction,
  createTypeAction,
  recordActivityAction,
  recordServiceAction,
  setSpecialFamilyAction,
  updateTypeAction,
  withdrawConsentAction,
} from '@/lib/services/actions'
import { useT } from '@/lib/i18n/client'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB } from '@/lib/attachments/rules'
import { Field, inputClass } from '@/components/ui'
import { AttendeePicker } from './AttendeePicker'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import type { ActionState } from '@/lib/server/action'

const CONSENT_BY = ['PERSON', 'GUARDIAN'] as const
const CONSENT_METHODS = ['SIGNED_FORM', 'VERBAL_WITNESSED'] as const
const DELIVERERS = ['VILLAGE_OFFICER', 'TOWNSHIP_SERVICE_STAFF', 'COUNTY'] as const
const TARGETS = ['PERSON', 'GROUP'] as const
const SCHEDULES = ['NONE', 'CHILD_AGES', 'YEARLY_FROM_AGE', 'MONTHLY_SPECIAL_FAMILY', 'BEFORE_MARRIAGE'] as const

export interface TypeChoice {
  id: number
  name: string
  sensitive: boolean
}

const fileLimit = { attachment: { max: ATTACHMENT_MAX_BYTES, error: 'attachments.errors.tooLarge' as const, params: { max: ATTACHMENT_MAX_MB } } }

/** Resets the form after a save (the page renders a new form key with the new list). */
function useResetOnSuccess(state: ActionState<unknown>) {
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) form.current?.reset()
  }, [state])
  return form
}

export interface StationChoice {
  id: number
  name: string
}

/** Date, station, staff, outcome, follow-up and attachment: the fields every record has. */
function CommonFields({
  state,
  today,
  staffName,
  prefix,
  stations,
  stationId,
}: {
  state: ActionState<unknown>
  today: string
  staffName: string
  prefix: string
  /** the registered stations and rooms the recorder may choose */
  stations: StationChoice[]
  /** the one chosen already (recording from a station's day list) */
  stationId?: number
}) {
  const t = useT()
  const id = (name: string) => `${prefix}-${name}`
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('services.record.servedOn')} name={id('servedOn')} error={fieldError(state, 'servedOn')}>
          <input id={id('servedOn')} name="servedOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'servedOn')} />
        </Field>
        <Field label={t('services.record.followUpOn')} name={id('followUpOn')} error={fieldError(state, 'followUpOn')}>
          <input id={id('followUpOn')} name="followUpOn" type="date" className={inputClass} {...invalidProps(state, 'followUpOn')} />
        </Field>
        <Field label={t('services.record.station')} name={id('stationId')} error={fieldError(state, 'stationId')}>
          <select
            id={id('stationId')}
            name="stationId"
            defaultValue={stationId ?? (stations.length === 1 ? String(stations[0].id) : '')}
            className={inputClass}
            {...invalidProps(state, 'stationId')}
          >
            <option value="">{t('services.record.chooseType')}</option>
            {stations.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('services.record.staffName')} name={id('staffName')} error={fieldError(state, 'staffName')}>
          <input id={id('staffName')} name="staffName" maxLength={50} defaultValue={staffName} className={inputClass} {...invalidProps(state, 'staffName')} />
        </Field>
      </div>
      <Field label={t('services.record.outcome')} name={id('outcome')} error={fieldError(state, 'outcome')}>
        <textarea id={id('outcome')} name="outcome" rows={2} maxLength={500} className={inputClass} {...invalidProps(state, 'outcome')} />
      </Field>
      <Field label={t('services.record.attachment', { max: ATTACHMENT_MAX_MB })} name={id('attachment')} error={fieldError(state, 'attachment')}>
        <input
          id={id('attachment')}
          name="attachment"
          type="file"
          accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
          className={inputClass}
          {...invalidProps(state, 'attachment')}
        />
      </Field>
    </>
  )
}

/** A service for one person; consent fields appear for a sensitive type, and are required there. */
export function RecordServiceForm({
  personId,
  types,
  today,
  staffName,
  formKey,
  stations,
  stationId,
  title,
}: {
  personId: number
  types: TypeChoice[]
  today: string
  staffName: string
  formKey: string
  stations: StationChoice[]
  stationId?: number
  /** the heading, when the form records for a person named in it (a station's day list) */
  title?: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordServiceAction, { files: fileLimit })
  const form = useResetOnSuccess(state)
  const [typeId, setTypeId] = useState('')
  const [consentBy, setConsentBy] = useState('')
  const sensitive = types.find((x) => String(x.id) === typeId)?.sensitive ?? false
  return (
    <form method="post" ref={form} onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby={`record-service-title-${personId}`}>
      <h3 id={`record-service-title-${personId}`} className="font-medium text-slate-800">
        {title ?? t('services.record.add')}
      </h3>
      <ActionMessage state={state} />
      <input type="hidden" name="personId" value={personId} />
      <input type="hidden" name="formKey" value={formKey} />
      <Field label={t('services.record.type')} name={`service-${personId}-typeId`} error={fieldError(state, 'typeId')}>
        <select
          id={`service-${personId}-typeId`}
          name="typeId"
          value={typeId}
          onChange={(e) => setTypeId(e.target.value)}
          className={inputClass}
          {...invalidProps(state, 'typeId')}
        >
          <option value="">{t('services.record.chooseType')}</option>
          {types.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
              {x.sensitive ? t('common.paren', { text: t('services.sensitive') }) : ''}
            </option>
          ))}
        </select>
      </Field>
      <CommonFields state={state} today={today} staffName={staffName} prefix={`service-${personId}`} stations={stations} stationId={stationId} />
      {sensitive ? (
        <fieldset className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{t('services.record.consent')}</legend>
          <p className="text-sm text-slate-700">{t('services.record.consentHint')}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('services.record.consentBy')} name={`service-${personId}-consentBy`} error={fieldError(state, 'consentBy')}>
              <select
                id={`service-${personId}-consentBy`}
                name="consentBy"
                value={consentBy}
                onChange={(e) => setConsentBy(e.target.value)}
                className={inputClass}
                {...invalidProps(state, 'consentBy')}
              >
                <option value="">{t('services.record.chooseType')}</option>
                {CONSENT_BY.map((c) => (
                  <option key={c} value={c}>
                    {t(`services.consentBy.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            {consentBy === 'GUARDIAN' ? (
              <Field label={t('services.record.consentName')} name={`service-${personId}-consentName`} error={fieldError(state, 'consentName')}>
                <input
                  id={`service-${personId}-consentName`}
                  name="consentName"
                  maxLength={50}
                  className={inputClass}
                  {...invalidProps(state, 'consentName')}
                />
              </Field>
            ) : null}
            <Field label={t('services.record.consentOn')} name={`service-${personId}-consentOn`} error={fieldError(state, 'consentOn')}>
              <input
                id={`service-${personId}-consentOn`}
                name="consentOn"
                type="date"
                max={today}
                className={inputClass}
                {...invalidProps(state, 'consentOn')}
              />
            </Field>
            <Field label={t('services.record.consentMethod')} name={`service-${personId}-consentMethod`} error={fieldError(state, 'consentMethod')}>
              <select
                id={`service-${personId}-consentMethod`}
                name="consentMethod"
                defaultValue=""
                className={inputClass}
                {...invalidProps(state, 'consentMethod')}
              >
                <option value="">{t('services.record.chooseType')}</option>
                {CONSENT_METHODS.map((c) => (
                  <option key={c} value={c}>
                    {t(`services.consentMethod.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
      ) : null}
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('services.record.submit')}
      </PendingButton>
    </form>
  )
}

/** A group activity: topic, place, attendance, and the village it was for (townships choose one or none). */
export function ActivityForm({
  types,
  villages,
  today,
  staffName,
  formKey,
  stations,
}: {
  types: TypeChoice[]
  villages: { id: number; name: string }[]
  today: string
  staffName: string
  formKey: string
  stations: StationChoice[]
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordActivityAction, { files: fileLimit })
  const form = useResetOnSuccess(state)
  return (
    <form method="post" ref={form} onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="record-activity-title">
      <h2 id="record-activity-title" className="font-medium text-slate-800">
        {t('services.activity.add')}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('services.record.type')} name="activity-typeId" error={fieldError(state, 'typeId')}>
          <select
            id="activity-typeId"
            name="typeId"
            defaultValue={types.length === 1 ? String(types[0].id) : ''}
            className={inputClass}
            {...invalidProps(state, 'typeId')}
          >
            <option value="">{t('services.record.chooseType')}</option>
            {types.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        {villages.length > 0 ? (
          <Field label={t('services.activity.village')} name="activity-villageId" error={fieldError(state, 'villageId')}>
            <select id="activity-villageId" name="villageId" defaultValue="" className={inputClass} {...invalidProps(state, 'villageId')}>
              <option value="">{t('services.activity.wholeTownship')}</option>
              {villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field label={t('services.activity.activityTitle')} name="activity-title" error={fieldError(state, 'title')}>
          <input id="activity-title" name="title" maxLength={100} className={inputClass} {...invalidProps(state, 'title')} />
        </Field>
        <Field label={t('services.activity.place')} name="activity-place" error={fieldError(state, 'place')}>
          <input id="activity-place" name="place" maxLength={100} className={inputClass} {...invalidProps(state, 'place')} />
        </Field>
        <Field label={t('services.activity.attendance')} name="activity-attendance" error={fieldError(state, 'attendance')}>
          <input id="activity-attendance" name="attendance" inputMode="numeric" className={inputClass} {...invalidProps(state, 'attendance')} />
        </Field>
      </div>
      <AttendeePicker key={state?.ok ? 'saved' : 'open'} error={fieldError(state, 'attendeeIds')} />
      <CommonFields state={state} today={today} staffName={staffName} prefix="activity" stations={stations} />
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('services.activity.submit')}
      </PendingButton>
    </form>
  )
}

/** A correction of one record: a new version with the reason; or void it. */
export function CorrectRecordForm({
  record,
  today,
}: {
  record: { id: number; servedOn: string; station: string; staffName: string; outcome: string; followUpOn: string | null }
  today: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(correctRecordAction)
  const id = (name: string) => `correct-${record.id}-${name}`
  return (
    <form method="post" onSubmit={onSubmit} className="mt-2 space-y-2" noValidate aria-label={t('services.record.correctTitle')}>
      <ActionMessage state={state} />
      <input type="hidden" name="recordId" value={record.id} />
      <div className="grid gap-2 sm:grid-cols-2">
        <Field label={t('services.record.servedOn')} name={id('servedOn')} error={fieldError(state, 'servedOn')}>
          <input
            id={id('servedOn')}
            name="servedOn"
            type="date"
            max={today}
            defaultValue={record.servedOn}
            className={inputClass}
            {...invalidProps(state, 'servedOn')}
          />
        </Field>
        <Field label={t('services.record.followUpOn')} name={id('followUpOn')} error={fieldError(state, 'followUpOn')}>
          <input id={id('followUpOn')} name="followUpOn" type="date" defaultValue={record.followUpOn ?? ''} className={inputClass} />
        </Field>
        <Field label={t('services.record.station')} name={id('station')} error={fieldError(state, 'station')}>
          <input id={id('station')} name="station" maxLength={100} defaultValue={record.station} className={inputClass} />
        </Field>
        <Field label={t('services.record.staffName')} name={id('staffName')} error={fieldError(state, 'staffName')}>
          <input id={id('staffName')} name="staffName" maxLength={50} defaultValue={record.staffName} className={inputClass} />
        </Field>
      </div>
      <Field label={t('services.record.outcome')} name={id('outcome')} error={fieldError(state, 'outcome')}>
        <textarea id={id('outcome')} name="outcome" rows={2} maxLength={500} defaultValue={record.outcome} className={inputClass} />
      </Field>
      <Field label={t('services.record.reason')} name={id('reason')} error={fieldError(state, 'reason')}>
        <input id={id('reason')} name="reason" maxLength={500} className={inputClass} {...invalidProps(state, 'reason')} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="voided" />
        {t('services.record.voided')}
      </label>
      <PendingButton pending={pending} busy={t('common.saving')} kind="secondary">
        {t('services.record.submitCorrect')}
      </PendingButton>
    </form>
  )
}

/** The resident withdraws consent to a sensitive record. */
export function WithdrawConsentForm({ recordId, today }: { recordId: number; today: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(withdrawConsentAction)
  const id = `withdraw-${recordId}`
  return (
    <form method="post" onSubmit={onSubmit} className="mt-2 space-y-2" noValidate aria-label={t('services.record.withdraw')}>
      <ActionMessage state={state} />
      <input type="hidden" name="recordId" value={recordId} />
      <Field label={t('services.record.withdrawnOn')} name={id} error={fieldError(state, 'withdrawnOn')}>
        <input id={id} name="withdrawnOn" type="date" max={today} defaultValue={today} className={inputClass} {...invalidProps(state, 'withdrawnOn')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')} kind="danger">
        {t('services.record.submitWithdraw')}
      </PendingButton>
    </form>
  )
}

export interface TypeDraft {
  typeId?: number
  version?: number
  code: string
  nameZh: string
  nameEn: string
  deliveredBy: string
  target: string
  schedule: string
  scheduleValues: string
  sensitive: boolean
  active: boolean
}

/** Creates a service type, or edits one (with its version, so a concurrent edit is refused). */
export function TypeForm({ draft }: { draft?: TypeDraft }) {
  const t = useT()
  const editing = draft?.typeId !== undefined
  const { state, onSubmit, pending } = useActionForm(editing ? updateTypeAction : createTypeAction)
  const form = useResetOnSuccess(editing ? null : state)
  const p = editing ? `type-${draft!.typeId}` : 'type-new'
  const id = (name: string) => `${p}-${name}`
  const select = (name: 'deliveredBy' | 'target' | 'schedule', values: readonly string[], label: string, prefix: 'deliverer' | 'target' | 'schedule') => (
    <Field label={label} name={id(name)} error={fieldError(state, name)}>
      <select id={id(name)} name={name} defaultValue={draft?.[name] ?? ''} className={inputClass} {...invalidProps(state, name)}>
        <option value="">{t('services.record.chooseType')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`services.${prefix}.${v}` as 'services.target.PERSON')}
          </option>
        ))}
      </select>
    </Field>
  )
  return (
    <form
      method="post"
      ref={form}
      onSubmit={onSubmit}
      className="space-y-3"
      noValidate
      aria-label={editing ? t('services.catalogue.edit') : t('services.catalogue.create')}
    >
      <ActionMessage state={state} />
      {editing ? (
        <>
          <input type="hidden" name="typeId" value={draft!.typeId} />
          <input type="hidden" name="version" value={draft!.version} />
        </>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t('services.catalogue.code')} name={id('code')} error={fieldError(state, 'code')} hint={t('services.catalogue.codeHint')}>
          <input id={id('code')} name="code" maxLength={20} defaultValue={draft?.code} className={inputClass} {...invalidProps(state, 'code')} />
        </Field>
        <Field label={t('services.catalogue.nameZh')} name={id('nameZh')} error={fieldError(state, 'nameZh')}>
          <input id={id('nameZh')} name="nameZh" maxLength={50} defaultValue={draft?.nameZh} className={inputClass} {...invalidProps(state, 'nameZh')} />
        </Field>
        <Field label={t('services.catalogue.nameEn')} name={id('nameEn')} error={fieldError(state, 'nameEn')}>
          <input id={id('nameEn')} name="nameEn" maxLength={100} defaultValue={draft?.nameEn} className={inputClass} {...invalidProps(state, 'nameEn')} />
        </Field>
        {select('deliveredBy', DELIVERERS, t('services.catalogue.deliveredBy'), 'deliverer')}
        {select('target', TARGETS, t('services.catalogue.target'), 'target')}
        {select('schedule', SCHEDULES, t('services.catalogue.schedule'), 'schedule')}
      </div>
      <Field
        label={t('services.catalogue.scheduleValues')}
        name={id('scheduleValues')}
        error={fieldError(state, 'scheduleValues')}
        hint={t('services.catalogue.scheduleValuesHint')}
      >
        <input
          id={id('scheduleValues')}
          name="scheduleValues"
          maxLength={200}
          defaultValue={draft?.scheduleValues}
          className={inputClass}
          {...invalidProps(state, 'scheduleValues')}
        />
      </Field>
      <div className="flex flex-wrap gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="sensitive"
            defaultChecked={draft?.sensitive ?? false}
            aria-describedby={fieldError(state, 'sensitive') ? `${id('sensitive')}-error` : undefined}
          />
          {t('services.catalogue.sensitive')}
        </label>
        {editing ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="active" defaultChecked={draft!.active} />
            {t('services.catalogue.active')}
          </label>
        ) : null}
      </div>
      {fieldError(state, 'sensitive') ? (
        <p id={`${id('sensitive')}-error`} className="text-sm text-red-700">
          {fieldError(state, 'sensitive')}
        </p>
      ) : null}
      <PendingButton pending={pending} busy={t('common.saving')} kind={editing ? 'secondary' : 'primary'}>
        {editing ? t('services.catalogue.submitUpdate') : t('services.catalogue.submitCreate')}
      </PendingButton>
    </form>
  )
}

/** Flags a household as a special family and names its two contacts. */
export function SpecialFamilyForm({
  householdId,
  today,
  current,
}: {
  householdId: number
  today: string
  current: { townshipContact: string; villageContact: string; since: string; active: boolean } | null
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(setSpecialFamilyAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('services.family.title')}>
      <ActionMessage state={state} />
      <input type="hidden" name="householdId" value={householdId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t('services.family.townshipContact')} name="family-townshipContact" error={fieldError(state, 'townshipContact')}>
          <input
            id="family-townshipContact"
            name="townshipContact"
            maxLength={50}
            defaultValue={current?.townshipContact}
            className={inputClass}
            {...invalidProps(state, 'townshipContact')}
          />
        </Field>
        <Field label={t('services.family.villageContact')} name="family-villageContact" error={fieldError(state, 'villageContact')}>
          <input
            id="family-villageContact"
            name="villageContact"
            maxLength={50}
            defaultValue={current?.villageContact}
            className={inputClass}
            {...invalidProps(state, 'villageContact')}
          />
        </Field>
        <Field label={t('services.family.since')} name="family-since" error={fieldError(state, 'since')}>
          <input
            id="family-since"
            name="since"
            type="date"
            max={today}
            defaultValue={current?.since ?? today}
            className={inputClass}
            {...invalidProps(state, 'since')}
          />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={current?.active ?? true} />
        {t('services.family.active')}
      </label>
      <PendingButton pending={pending} busy={t('common.saving')} kind="secondary">
        {t('services.family.submit')}
      </PendingButton>
    </form>
  )
}
