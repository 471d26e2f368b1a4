'use client'
import { useEffect, useState } from 'react'
import { importRegisterAction } from '@/lib/imports/actions'
import { useT } from '@/lib/i18n/client'
import type { MessageKey } from '@/lib/i18n/core'
import { Alert, Field, inputClass, Table, Td, Th } from '@/components/ui'
import { fieldError, PendingButton, useActionForm } from '@/components/ui/client'
import { REGISTER_IMPORT_MAX_BYTES } from '@/lib/uploads'

/** Seconds since `pending` became true, so a long import visibly moves. */
function useElapsed(pending: boolean): number {
  const [elapsed, setElapsed] = useState(0)
  useEffect(() => {
    if (!pending) return
    const started = Date.now()
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 500)
    return () => {
      clearInterval(timer)
      setElapsed(0)
    }
  }, [pending])
  return elapsed
}

/** Check first (nothing written), then import the same file in one all-or-nothing step. */
export function ImportRegisterForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(importRegisterAction, {
    files: { file: { max: REGISTER_IMPORT_MAX_BYTES, error: 'imports.errors.tooLarge' } },
  })
  const elapsed = useElapsed(pending)
  const result = state?.ok ? state.data : null
  const checkedOk = result !== null && !result.committed && result.errorCount === 0
  const fileError = fieldError(state, 'file')

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label={t('imports.import.file')} name="file" error={fileError}>
        <input
          id="file"
          name="file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          className={inputClass}
        />
      </Field>
      <div className="flex flex-wrap gap-2">
        <PendingButton kind="secondary" name="mode" value="check" pending={pending} busy={t('imports.import.checking')}>
          {t('imports.import.check')}
        </PendingButton>
        {checkedOk && result.persons > 0 ? <input type="hidden" name="formKey" value={result.commitKey} /> : null}
        {checkedOk && result.persons > 0 ? (
          <PendingButton name="mode" value="commit" pending={pending} busy={t('imports.import.importing')}>
            {t('imports.import.commit', { count: result.persons })}
          </PendingButton>
        ) : null}
      </div>
      {pending ? (
        <div className="space-y-1">
          <div role="progressbar" aria-label={t('imports.import.checking')} className="h-2 w-full overflow-hidden rounded bg-slate-200">
            <div className="h-2 w-1/3 animate-pulse rounded bg-brand-600" />
          </div>
          <p className="text-xs text-slate-500 tabular-nums">{elapsed} s</p>
        </div>
      ) : null}
      {state && !state.ok && !fileError ? <Alert kind="error">{state.error}</Alert> : null}
      {result && result.errorCount > 0 ? (
        <>
          <Alert kind="error">{t('imports.import.hasErrors', { count: result.errorCount })}</Alert>
          {result.errorCount > result.errors.length ? (
            <p className="text-sm text-slate-600">{t('imports.import.moreErrors', { shown: result.errors.length })}</p>
          ) : null}
          <Table>
            <thead>
              <tr>
                <Th>{t('imports.import.line')}</Th>
                <Th>{t('imports.import.column')}</Th>
                <Th>{t('imports.import.value')}</Th>
                <Th>{t('imports.import.problem')}</Th>
              </tr>
            </thead>
            <tbody data-testid="import-errors" className="divide-y divide-slate-100">
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <Td>{e.line}</Td>
                  <Td>{t(`imports.columns.${e.column}`)}</Td>
                  <Td className="font-mono break-all">{e.value}</Td>
                  <Td>{t(e.key as MessageKey, e.params)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
      {checkedOk ? (
        <Alert kind={result.persons > 0 ? 'success' : 'info'}>
          {result.persons > 0
            ? t('imports.import.ok', { rows: result.rows, households: result.households, persons: result.persons, skipped: result.skipped })
            : t('imports.import.nothingNew')}
        </Alert>
      ) : null}
      {result?.committed ? (
        <Alert kind="success">{t('imports.import.done', { households: result.households, persons: result.persons, skipped: result.skipped })}</Alert>
      ) : null}
      {result && result.skippedRows.length > 0 ? (
        <details className="text-sm text-slate-600">
          <summary>{t('imports.import.skippedTitle', { count: result.skipped })}</summary>
          <ul data-testid="import-skipped" className="mt-2 list-inside list-disc">
            {result.skippedRows.map((s) => (
              <li key={s.line}>
                {t('imports.import.line')} {s.line}: {s.name} — {t('imports.import.alreadyRegistered')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </form>
  )
}
