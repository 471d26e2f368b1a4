'use client'
import { useLocale, useT } from '@/lib/i18n/client'
import { ETHNICITIES } from '@/lib/registry/ethnicities'
import { parseIdNumber } from '@/lib/registry/idcard'
import { EDUCATIONS, MARITAL_STATUSES, RELATIONS, RESIDENCES, SEXES } from '@/lib/registry/schemas'
import { Field, inputClass } from '@/components/ui'

/** A person as the forms hold it: every field a string, as typed. */
export type PersonDraft = Record<
  | 'name'
  | 'sex'
  | 'birthDate'
  | 'ethnicity'
  | 'idNumber'
  | 'phone'
  | 'residence'
  | 'migrationPlace'
  | 'migrationSince'
  | 'maritalStatus'
  | 'education'
  | 'occupation'
  | 'hukouText'
  | 'hukouCode'
  | 'relation',
  string
>

export const emptyPerson = (relation = ''): PersonDraft => ({
  name: '',
  sex: '',
  birthDate: '',
  ethnicity: '01',
  idNumber: '',
  phone: '',
  residence: 'LOCAL',
  migrationPlace: '',
  migrationSince: '',
  maritalStatus: 'SINGLE',
  education: '',
  occupation: '',
  hukouText: '',
  hukouCode: '',
  relation,
})

/** Drops empty strings so optional fields are absent rather than invalid. */
export function draftToInput(draft: PersonDraft, withRelation: boolean) {
  const entries = Object.entries(draft).filter(([k, v]) => v.trim() !== '' && (withRelation || k !== 'relation'))
  return Object.fromEntries(entries)
}

/**
 * The fields of one person. `prefix` is where the server reports this person's errors
 * (e.g. "household.members.2"), `errors` the field errors of the last submit.
 */
export function PersonFieldset({
  value,
  onChange,
  prefix,
  errors,
  withRelation = false,
  idPlaceholder,
}: {
  value: PersonDraft
  onChange: (next: PersonDraft) => void
  prefix: string
  errors?: Record<string, string>
  withRelation?: boolean
  idPlaceholder?: string
}) {
  const t = useT()
  const locale = useLocale()
  const id = (field: string) => `${prefix}.${field}`.replace(/\./g, '-')
  const error = (field: keyof PersonDraft) => errors?.[`${prefix}.${field}`] ?? (prefix === '' ? errors?.[field] : undefined)
  // A complete, valid 18-digit ID number fills sex and birth date; the clerk sees them and may
  // change them, and the server refuses a mismatch.
  const change = (field: keyof PersonDraft, text: string) => {
    const parsed = field === 'idNumber' ? parseIdNumber(text) : null
    onChange(parsed?.ok ? { ...value, idNumber: text, sex: parsed.sex, birthDate: parsed.birthDate } : { ...value, [field]: text })
  }
  const input = (field: keyof PersonDraft, extra: Record<string, unknown> = {}) => ({
    id: id(field),
    value: value[field],
    onChange: (e: { target: { value: string } }) => change(field, e.target.value),
    className: inputClass,
    'aria-invalid': error(field) ? true : undefined,
    'aria-describedby': error(field) ? `${id(field)}-error` : undefined,
    ...extra,
  })
  const select = (field: keyof PersonDraft, options: readonly string[], label: (o: string) => string, allowEmpty = false) => (
    <select {...input(field)}>
      {allowEmpty || value[field] === '' ? <option value="">{t('registry.form.choose')}</option> : null}
      {options.map((o) => (
        <option key={o} value={o}>
          {label(o)}
        </option>
      ))}
    </select>
  )
  const migrant = value.residence === 'INFLOW' || value.residence === 'OUTFLOW'
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {withRelation ? (
        <Field label={t('registry.fields.relation')} name={id('relation')} error={error('relation')}>
          {select('relation', RELATIONS, (r) => t(`registry.relation.${r as 'SELF'}`))}
        </Field>
      ) : null}
      <Field label={t('registry.fields.name')} name={id('name')} error={error('name')}>
        <input {...input('name')} autoComplete="off" />
      </Field>
      <Field label={t('registry.fields.sex')} name={id('sex')} error={error('sex')}>
        {select('sex', SEXES, (s) => t(`registry.sex.${s as 'MALE'}`))}
      </Field>
      <Field label={t('registry.fields.birthDate')} name={id('birthDate')} error={error('birthDate')}>
        <input {...input('birthDate')} type="date" />
      </Field>
      <Field label={t('registry.fields.idNumber')} name={id('idNumber')} error={error('idNumber')}>
        <input {...input('idNumber')} autoComplete="off" inputMode="text" placeholder={idPlaceholder} />
      </Field>
      <Field label={t('registry.fields.ethnicity')} name={id('ethnicity')} error={error('ethnicity')}>
        <select {...input('ethnicity')}>
          {ETHNICITIES.map((e) => (
            <option key={e.code} value={e.code}>
              {locale === 'en' ? e.en : e.zh}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('registry.fields.phone')} name={id('phone')} error={error('phone')}>
        <input {...input('phone')} type="tel" autoComplete="off" />
      </Field>
      <Field label={t('registry.fields.maritalStatus')} name={id('maritalStatus')} error={error('maritalStatus')}>
        {select('maritalStatus', MARITAL_STATUSES, (m) => t(`registry.marital.${m as 'SINGLE'}`))}
      </Field>
      <Field label={t('registry.fields.education')} name={id('education')} error={error('education')}>
        {select('education', EDUCATIONS, (e) => t(`registry.education.${e as 'NONE'}`), true)}
      </Field>
      <Field label={t('registry.fields.occupation')} name={id('occupation')} error={error('occupation')}>
        <input {...input('occupation')} />
      </Field>
      <Field label={t('registry.fields.residence')} name={id('residence')} error={error('residence')}>
        {select('residence', RESIDENCES, (r) => t(`registry.residence.${r as 'LOCAL'}`))}
      </Field>
      {migrant ? (
        <>
          <Field label={t('registry.fields.migrationPlace')} name={id('migrationPlace')} error={error('migrationPlace')}>
            <input {...input('migrationPlace')} />
          </Field>
          <Field label={t('registry.fields.migrationSince')} name={id('migrationSince')} error={error('migrationSince')}>
            <input {...input('migrationSince')} type="date" />
          </Field>
        </>
      ) : null}
      {value.residence === 'INFLOW' ? (
        <>
          <Field label={t('registry.fields.hukouText')} name={id('hukouText')} error={error('hukouText')}>
            <input {...input('hukouText')} />
          </Field>
          <Field label={t('registry.fields.hukouCode')} name={id('hukouCode')} error={error('hukouCode')}>
            <input {...input('hukouCode')} inputMode="numeric" />
          </Field>
        </>
      ) : null}
    </div>
  )
}
