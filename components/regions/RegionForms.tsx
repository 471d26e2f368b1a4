'use client'
import { useEffect, useRef } from 'react'
import { createRegionAction, renameRegionAction, setRegionActiveAction } from '@/lib/regions/actions'
import { useT } from '@/lib/i18n/client'
import { Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

export function AddRegionForm({ parentId, levelLabel, codeHint }: { parentId: number; levelLabel: string; codeHint?: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(createRegionAction)
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) form.current?.reset()
  }, [state])
  return (
    <form method="post" ref={form} onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="add-region-title">
      <h2 id="add-region-title" className="text-sm font-medium text-slate-700">
        {t('regions.addChild', { level: levelLabel })}
      </h2>
      <ActionMessage state={state} />
      <input type="hidden" name="parentId" value={parentId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('regions.code')} name="code" hint={codeHint} error={fieldError(state, 'code')}>
          <input id="code" name="code" inputMode="numeric" className={inputClass} {...invalidProps(state, 'code')} />
        </Field>
        <Field label={t('regions.name')} name="name" error={fieldError(state, 'name')}>
          <input id="name" name="name" className={inputClass} {...invalidProps(state, 'name')} />
        </Field>
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('regions.add')}
      </PendingButton>
    </form>
  )
}

export function RenameRegionForm({ id, version, name }: { id: number; version: number; name: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(renameRegionAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <Field label={t('regions.name')} name="rename" error={fieldError(state, 'name')}>
            <input id="rename" name="name" defaultValue={name} key={`${id}-${version}`} className={inputClass} {...invalidProps(state, 'name')} />
          </Field>
        </div>
        <PendingButton kind="secondary" pending={pending} busy={t('common.saving')}>
          {t('regions.rename')}
        </PendingButton>
      </div>
    </form>
  )
}

export function RegionActiveButton({ id, version, name, active }: { id: number; version: number; name: string; active: boolean }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(setRegionActiveAction)
  return (
    <form
      method="post"
      onSubmit={(e) => {
        if (active && !window.confirm(t('regions.confirmDeactivate', { name }))) return e.preventDefault()
        onSubmit(e)
      }}
      className="inline-flex flex-col gap-1"
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <PendingButton kind={active ? 'danger' : 'secondary'} pending={pending}>
        {active ? t('regions.deactivate') : t('regions.activate')}
      </PendingButton>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  )
}
