'use client'
import Link from 'next/link'
import { useEffect, useRef, useState } from 'react'
import { setupCountyAction } from '@/lib/regions/actions'
import { useT } from '@/lib/i18n/client'
import { Alert, Badge, Field, inputClass, Table, Td, Th } from '@/components/ui'
import { fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

/** Type the county's code, preview what the national list has under it, then create it all at once. */
export function SetupCountyForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(setupCountyAction)
  // The confirm button creates what the preview shows: typing another code hides it until the next preview.
  const [edited, setEdited] = useState(false)
  // A double click sends one request: the second click comes before the button is disabled.
  const inFlight = useRef(false)
  const wasPending = useRef(false)
  useEffect(() => {
    if (wasPending.current && !pending) inFlight.current = false
    wasPending.current = pending
  }, [pending])
  const data = state?.ok ? state.data : null
  const preview = data && 'preview' in data && !edited ? data.preview : null
  const created = data && 'created' in data ? data.created : null

  return (
    <form
      method="post"
      onSubmit={(e) => {
        if (inFlight.current) return e.preventDefault()
        inFlight.current = true
        setEdited(false)
        onSubmit(e)
      }}
      className="space-y-4"
      noValidate
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-64">
          <Field label={t('regions.setup.code')} name="code" error={fieldError(state, 'code')}>
            <input
              id="code"
              name="code"
              inputMode="numeric"
              autoComplete="off"
              className={inputClass}
              onChange={() => setEdited(true)}
              readOnly={created !== null}
              {...invalidProps(state, 'code')}
            />
          </Field>
        </div>
        {created ? null : (
          <PendingButton kind="secondary" name="mode" value="preview" pending={pending} busy={t('regions.setup.previewing')}>
            {t('regions.setup.preview')}
          </PendingButton>
        )}
      </div>
      {state && !state.ok && !fieldError(state, 'code') ? <Alert kind="error">{state.error}</Alert> : null}
      {created ? (
        <>
          <Alert kind="success">{t('regions.setup.done', { townships: created.townships, villages: created.villages })}</Alert>
          <Link className="text-brand-600 underline" href="/regions">
            {t('regions.setup.view')}
          </Link>
        </>
      ) : null}
      {preview ? (
        <section aria-labelledby="setup-preview-title" className="space-y-3">
          <h2 id="setup-preview-title" className="text-base font-medium" data-testid="setup-county">
            {t('regions.setup.heading', {
              prefecture: `${preview.county.province}${preview.county.prefecture}`,
              name: preview.county.name,
              code: preview.county.code,
            })}
          </h2>
          <p data-testid="setup-summary">{t('regions.setup.summary', preview.counts)}</p>
          {preview.county.currentName !== preview.county.name ? (
            <p className="text-sm text-slate-600">{t('regions.setup.rename', { from: preview.county.currentName, to: preview.county.name })}</p>
          ) : null}
          <PendingButton name="mode" value="create" pending={pending} busy={t('regions.setup.creating')}>
            {t('regions.setup.confirm', { townships: preview.counts.townships, villages: preview.counts.villages })}
          </PendingButton>
          <Table>
            <thead>
              <tr>
                <Th>{t('regions.code')}</Th>
                <Th>{t('regions.name')}</Th>
                <Th>{t('regions.setup.villageCount')}</Th>
              </tr>
            </thead>
            <tbody data-testid="setup-townships" className="divide-y divide-slate-100">
              {preview.townships.map((township) => (
                <tr key={township.code}>
                  <Td className="font-mono">{township.code}</Td>
                  <Td>{township.name}</Td>
                  <Td>{township.villages.length}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {preview.townships.map((township) => (
            <details key={township.code} className="rounded border border-slate-200 p-2">
              <summary className="cursor-pointer text-sm font-medium">
                {t('regions.setup.villagesOf', { name: township.name })}
                {t('common.paren', { text: String(township.villages.length) })}
              </summary>
              <ul className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
                {township.villages.map((v) => (
                  <li key={v.code}>
                    <span className="font-mono">{v.code}</span> {v.name}{' '}
                    <Badge tone={v.urban ? 'amber' : 'slate'}>{v.urban ? t('regions.urban') : t('regions.rural')}</Badge>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      ) : null}
    </form>
  )
}
