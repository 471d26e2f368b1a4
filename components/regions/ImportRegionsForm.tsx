'use client'
import { importRegionsAction } from '@/lib/regions/actions'
import { useT } from '@/lib/i18n/client'
import type { MessageKey } from '@/lib/i18n/core'
import { Alert, Field, inputClass, Table, Td, Th } from '@/components/ui'
import { fieldError, PendingButton, useActionForm } from '@/components/ui/client'
import { REGION_IMPORT_MAX_BYTES } from '@/lib/uploads'

/** Check first (nothing written), then import the same file in one all-or-nothing step. */
export function ImportRegionsForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(importRegionsAction, {
    files: { file: { max: REGION_IMPORT_MAX_BYTES, error: 'regions.import.tooLarge' } },
  })
  const result = state?.ok ? state.data : null
  const checkedOk = result !== null && result.errors.length === 0 && result.created === 0

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label={t('regions.import.file')} name="file" error={fieldError(state, 'file')}>
        <input id="file" name="file" type="file" accept=".csv,text/csv" className={inputClass} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <PendingButton kind="secondary" name="mode" value="check" pending={pending} busy={t('regions.import.checking')}>
          {t('regions.import.check')}
        </PendingButton>
        {checkedOk ? (
          <PendingButton name="mode" value="commit" pending={pending} busy={t('regions.import.importing')}>
            {t('regions.import.commit', { count: result.rows })}
          </PendingButton>
        ) : null}
      </div>
      {pending ? (
        <div role="progressbar" aria-label={t('regions.import.checking')} className="h-1 w-full overflow-hidden rounded bg-slate-200">
          <div className="h-1 w-1/3 animate-pulse rounded bg-brand-600" />
        </div>
      ) : null}
      {state && !state.ok && !fieldError(state, 'file') ? <Alert kind="error">{state.error}</Alert> : null}
      {result && result.errors.length > 0 ? (
        <>
          <Alert kind="error">{t('regions.import.hasErrors', { count: result.errors.length })}</Alert>
          <Table>
            <thead>
              <tr>
                <Th>{t('regions.import.line')}</Th>
                <Th>{t('regions.import.column')}</Th>
                <Th>{t('regions.import.value')}</Th>
                <Th>{t('regions.import.problem')}</Th>
              </tr>
            </thead>
            <tbody data-testid="import-errors" className="divide-y divide-slate-100">
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <Td>{e.line}</Td>
                  <Td>{t(`regions.import.columns.${e.column}`)}</Td>
                  <Td className="font-mono break-all">{e.value}</Td>
                  <Td>{t(e.key as MessageKey)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
      {checkedOk ? <Alert kind="success">{t('regions.import.ok', { count: result.rows })}</Alert> : null}
      {result && result.created > 0 ? <Alert kind="success">{t('regions.import.done', { count: result.created })}</Alert> : null}
    </form>
  )
}
