'use client'
import { useEffect, useState } from 'react'
import { useRouter } from 'next/navigation'
import {
  approveReportAction,
  prepareReportAction,
  recomputeReportAction,
  returnReportAction,
  saveAnalysisAction,
  saveReportSettingsAction,
  signReportAction,
  submitReportAction,
  unlockPeriodAction,
} from '@/lib/reports/actions'
import { useT } from '@/lib/i18n/client'
import { REPORT_KINDS, type ReportKind, type SignRole } from '@/lib/reports/rules'
import { buttonClass, Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import { Combobox } from '@/components/ui/Combobox'

export interface PeriodOption {
  key: string
  label: string
}

/** Kind and period of an ended period; the new report opens once its figures are computed. */
export function PrepareForm({
  periods,
  defaultKind,
  defaultPeriod,
}: {
  periods: Record<ReportKind, PeriodOption[]>
  defaultKind?: ReportKind
  defaultPeriod?: string
}) {
  const t = useT()
  const router = useRouter()
  const { state, onSubmit, pending } = useActionForm(prepareReportAction)
  const [kind, setKind] = useState<ReportKind>(defaultKind ?? 'MONTHLY')
  useEffect(() => {
    if (state?.ok) router.push(`/reports/${state.data.reportId}`)
  }, [state, router])
  const options = periods[kind]
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="prepare-title">
      <h2 id="prepare-title" className="font-medium text-slate-800">
        {t('reports.list.prepareTitle')}
      </h2>
      <ActionMessage state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-40">
          <Field label={t('reports.list.kind')} name="kind" error={fieldError(state, 'kind')}>
            <select
              id="kind"
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as ReportKind)}
              className={inputClass}
              {...invalidProps(state, 'kind')}
            >
              {REPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`reports.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="w-96 max-w-full">
          <Field label={t('reports.list.period')} name="periodKey" error={fieldError(state, 'periodKey')}>
            <select
              key={kind}
              id="periodKey"
              name="periodKey"
              defaultValue={kind === defaultKind ? defaultPeriod : undefined}
              className={inputClass}
              {...invalidProps(state, 'periodKey')}
            >
              {options.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <PendingButton pending={pending || !!state?.ok} busy={t('reports.list.preparing')}>
          {t('reports.list.prepare')}
        </PendingButton>
      </div>
    </form>
  )
}

/** 统计分析: editable until the first signature of the round. */
export function AnalysisForm({ reportId, analysis, editable }: { reportId: number; analysis: string; editable: boolean }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(saveAnalysisAction)
  if (!editable) {
    return <p className="whitespace-pre-wrap text-sm text-slate-800">{analysis || t('reports.print.noAnalysis')}</p>
  }
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate aria-label={t('reports.detail.analysis')}>
      <ActionMessage state={state} />
      <input type="hidden" name="reportId" value={reportId} />
      <Field label={t('reports.detail.analysis')} name="analysis" error={fieldError(state, 'analysis')}>
        <textarea
          id="analysis"
          name="analysis"
          rows={5}
          maxLength={5000}
          defaultValue={analysis}
          placeholder={t('reports.detail.analysisPlaceholder')}
          className={inputClass}
          {...invalidProps(state, 'analysis')}
        />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')} kind="secondary">
        {t('reports.detail.saveAnalysis')}
      </PendingButton>
    </form>
  )
}

/** Offers the next signature; the server decides whether this user may give it. */
export function SignForm({ reportId, role }: { reportId: number; role: SignRole }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(signReportAction)
  const label = t('reports.detail.sign', { role: t(`reports.signRole.${role}`) })
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate aria-label={t('reports.action.sign')}>
      <ActionMessage state={state} />
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="role" value={role} />
      <PendingButton pending={pending}>{label}</PendingButton>
    </form>
  )
}

/** One button that asks first: submit, approve, recompute. */
export function ConfirmActionForm({
  reportId,
  kind,
  label,
  confirm,
}: {
  reportId: number
  kind: 'submit' | 'approve' | 'recompute'
  label: string
  confirm: string
}) {
  const t = useT()
  const action = { submit: submitReportAction, approve: approveReportAction, recompute: recomputeReportAction }[kind]
  const { state, onSubmit, pending } = useActionForm(action)
  return (
    <form
      method="post"
      onSubmit={(e) => {
        if (!window.confirm(confirm)) return e.preventDefault()
        onSubmit(e)
      }}
      className="space-y-2"
      noValidate
      aria-label={label}
    >
      <ActionMessage state={state} />
      <input type="hidden" name="reportId" value={reportId} />
      <PendingButton pending={pending} busy={t('common.saving')} kind={kind === 'recompute' ? 'secondary' : 'primary'}>
        {label}
      </PendingButton>
    </form>
  )
}

/** The county returns a submitted report with its comments. */
export function ReturnForm({ reportId }: { reportId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(returnReportAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate aria-label={t('reports.detail.returnTitle')}>
      <ActionMessage state={state} />
      <input type="hidden" name="reportId" value={reportId} />
      <Field label={t('reports.detail.returnComment')} name="comment" error={fieldError(state, 'comment')}>
        <textarea id="comment" name="comment" rows={3} maxLength={1000} className={inputClass} {...invalidProps(state, 'comment')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')} kind="danger">
        {t('reports.detail.returnButton')}
      </PendingButton>
    </form>
  )
}

export function SettingsForm({
  values,
}: {
  values: { statYearStartMonth: number; monthlyDeadlineDay: number; halfYearDeadlineDay: number; annualDeadlineDay: number; version: number }
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(saveReportSettingsAction)
  const day = (name: 'monthlyDeadlineDay' | 'halfYearDeadlineDay' | 'annualDeadlineDay') => (
    <Field label={t(`reports.settings.${name}`)} name={name} error={fieldError(state, name)}>
      <input id={name} name={name} type="number" min={1} max={28} defaultValue={values[name]} className={inputClass} {...invalidProps(state, name)} />
    </Field>
  )
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('reports.settings.title')}>
      <ActionMessage state={state} />
      <input type="hidden" name="version" value={values.version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('reports.settings.statYearStartMonth')} name="statYearStartMonth" error={fieldError(state, 'statYearStartMonth')}>
          <select
            id="statYearStartMonth"
            name="statYearStartMonth"
            defaultValue={values.statYearStartMonth}
            className={inputClass}
            {...invalidProps(state, 'statYearStartMonth')}
          >
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {t('reports.settings.month', { month: m })}
              </option>
            ))}
          </select>
        </Field>
        {day('monthlyDeadlineDay')}
        {day('halfYearDeadlineDay')}
        {day('annualDeadlineDay')}
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('reports.settings.save')}
      </PendingButton>
    </form>
  )
}

/** Releases one period lock, with a reason, after asking. */
export function UnlockForm({ lockId }: { lockId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(unlockPeriodAction)
  const reasonId = `reason-${lockId}`
  return (
    <form
      method="post"
      onSubmit={(e) => {
        if (!window.confirm(t('reports.settings.unlockConfirm'))) return e.preventDefault()
        onSubmit(e)
      }}
      className="space-y-1"
      noValidate
      aria-label={t('reports.settings.unlock')}
    >
      <ActionMessage state={state} />
      <input type="hidden" name="lockId" value={lockId} />
      <div className="flex flex-wrap items-start gap-1">
        <div className="min-w-48 flex-1">
          <Field label={t('reports.settings.unlockReason')} name={reasonId} error={fieldError(state, 'reason')}>
            <input id={reasonId} name="reason" maxLength={500} className={inputClass} {...invalidProps(state, 'reason')} />
          </Field>
        </div>
        <div className="pt-6">
          <PendingButton pending={pending} kind="danger">
            {t('reports.settings.unlock')}
          </PendingButton>
        </div>
      </div>
    </form>
  )
}

export function PrintButton() {
  const t = useT()
  return (
    <button type="button" className={`no-print ${buttonClass.primary}`} onClick={() => window.print()}>
      {t('reports.print.print')}
    </button>
  )
}

/** Picks a region, kind and ended period, and opens its live figures (a plain GET form). */
export function LivePicker({
  regions,
  periods,
  region,
  kind: initialKind,
  period,
}: {
  regions: { id: number; name: string; keys?: string[] }[]
  periods: Record<ReportKind, PeriodOption[]>
  region?: number
  kind?: ReportKind
  period?: string
}) {
  const t = useT()
  const [kind, setKind] = useState<ReportKind>(initialKind ?? 'MONTHLY')
  return (
    <form action="/reports/live" method="get" className="flex flex-wrap items-end gap-3" aria-label={t('reports.list.live')}>
      {regions.length > 1 ? (
        <div className="w-48">
          <Field label={t('reports.live.region')} name="live-region">
            <Combobox
              id="live-region"
              name="region"
              options={regions.map((r) => ({ value: String(r.id), label: r.name, keys: r.keys }))}
              defaultValue={region ?? regions[0]?.id}
            />
          </Field>
        </div>
      ) : (
        <input type="hidden" name="region" value={regions[0]?.id ?? ''} />
      )}
      <div className="w-40">
        <Field label={t('reports.list.kind')} name="live-kind">
          <select id="live-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as ReportKind)} className={inputClass}>
            {REPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="w-96 max-w-full">
        <Field label={t('reports.list.period')} name="live-period">
          <select key={kind} id="live-period" name="period" defaultValue={kind === initialKind ? period : undefined} className={inputClass}>
            {periods[kind].map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className={buttonClass.secondary}>
        {t('reports.list.viewLive')}
      </button>
    </form>
  )
}
