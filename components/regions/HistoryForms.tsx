'use client'
import { useState, type ReactNode } from 'react'
import { recordRegionChangeAction } from '@/lib/regions/history-actions'
import type { ChangeResult } from '@/lib/regions/history'
import { useT } from '@/lib/i18n/client'
import { Alert, Card, Field, inputClass, Table, Td, Th } from '@/components/ui'
import { Combobox, type ComboboxOption } from '@/components/ui/Combobox'
import { fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

export interface CurrentTownship {
  id: number
  code: string
  name: string
  villages: { id: number; code: string; name: string }[]
}

/** The searchable lists, with their pinyin keys made on the server (regionComboboxOptions). */
export interface ChangeOptions {
  townships: ComboboxOption[]
  villages: ComboboxOption[]
  regions: ComboboxOption[]
}

type Kind = 'SPLIT' | 'MERGE' | 'RENAME' | 'MOVE'

/**
 * One region-change form: its own fields, the document fields, Preview (nothing written) and,
 * after a preview without problems, Record. The server checks everything again on Record.
 */
function ChangeForm({
  kind,
  title,
  children,
}: {
  kind: Kind
  title: string
  children: (state: ReturnType<typeof useActionForm<ChangeResult>>['state']) => ReactNode
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordRegionChangeAction)
  const result = state?.ok ? state.data : null
  const p = (name: string) => `${kind.toLowerCase()}-${name}`
  const titleId = p('title')
  return (
    <Card className="no-print">
      <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby={titleId}>
        <h2 id={titleId} className="text-base font-medium">
          {title}
        </h2>
        <input type="hidden" name="kind" value={kind} />
        {children(state)}
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label={t('regionHistory.effectiveOn')} name={p('effectiveOn')} error={fieldError(state, 'effectiveOn')}>
            <input id={p('effectiveOn')} name="effectiveOn" type="date" className={inputClass} {...invalidProps(state, 'effectiveOn')} />
          </Field>
          <Field label={t('regionHistory.documentNo')} name={p('documentNo')} error={fieldError(state, 'documentNo')}>
            <input id={p('documentNo')} name="documentNo" maxLength={100} className={inputClass} {...invalidProps(state, 'documentNo')} />
          </Field>
          <Field label={t('regionHistory.documentTitle')} name={p('documentTitle')} error={fieldError(state, 'documentTitle')}>
            <input id={p('documentTitle')} name="documentTitle" maxLength={200} className={inputClass} {...invalidProps(state, 'documentTitle')} />
          </Field>
        </div>
        <div className="flex flex-wrap gap-2">
          <PendingButton kind="secondary" name="mode" value="preview" pending={pending} busy={t('regionHistory.previewing')}>
            {t('regionHistory.preview')}
          </PendingButton>
          {result && result.changeId === null ? (
            <PendingButton name="mode" value="commit" pending={pending} busy={t('regionHistory.recording')}>
              {t('regionHistory.confirm')}
            </PendingButton>
          ) : null}
        </div>
        {state && !state.ok ? <Alert kind="error">{state.error}</Alert> : null}
        {result ? <Preview result={result} /> : null}
      </form>
    </Card>
  )
}

function Preview({ result }: { result: ChangeResult }) {
  const t = useT()
  const { preview } = result
  return (
    <div className="space-y-2" data-testid="change-preview">
      {result.changeId !== null ? <Alert kind="success">{t('regionHistory.recorded')}</Alert> : <Alert kind="info">{t('regionHistory.previewTitle')}</Alert>}
      {preview.renamed ? <p className="text-sm">{t('regionHistory.willRename', preview.renamed)}</p> : null}
      {preview.ended.length > 0 ? (
        <p className="text-sm">{t('regionHistory.willEnd', { names: preview.ended.map((r) => `${r.name}（${r.code}）`).join('、') })}</p>
      ) : null}
      {preview.created.length > 0 ? (
        <Table>
          <thead>
            <tr>
              <Th>{t('regionHistory.willCreate')}</Th>
              <Th>{t('regions.code')}</Th>
              <Th>{t('regions.level')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {preview.created.map((r) => (
              <tr key={r.code}>
                <Td>{r.fromName ? `${r.fromName} / ${r.name}` : r.name}</Td>
                <Td className="font-mono">{r.code}</Td>
                <Td>{t(`levels.${r.level}`)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {preview.groups > 0 ? <p className="text-sm">{t('regionHistory.groups', { count: preview.groups })}</p> : null}
      {preview.ended.length > 0 ? <p className="text-sm">{t('regionHistory.register', { households: preview.households, people: preview.people })}</p> : null}
      {preview.users.length > 0 ? (
        <Alert kind="warning">
          {t('regionHistory.usersToReassign', { names: preview.users.map((u) => `${u.name}（${u.username}，${u.region}）`).join('、') })}
        </Alert>
      ) : null}
    </div>
  )
}

const MAX_PARTS = 3

export function SplitForm({ townships, options: lists }: { townships: CurrentTownship[]; options: ChangeOptions }) {
  const t = useT()
  const [chosen, setChosen] = useState<number | null>(null)
  const [names, setNames] = useState<string[]>(Array(MAX_PARTS).fill(''))
  const township = townships.find((x) => x.id === chosen)
  const options = lists.townships
  return (
    <ChangeForm kind="SPLIT" title={t('regionHistory.split.title')}>
      {(state) => (
        <>
          <p className="text-sm text-slate-600">{t('regionHistory.split.chooseTownship')}</p>
          <Field label={t('regionHistory.split.township')} name="split-townshipId" error={fieldError(state, 'townshipId')}>
            <Combobox
              id="split-townshipId"
              name="townshipId"
              options={options}
              onChange={(v) => setChosen(v ? Number(v) : null)}
              invalid={!!fieldError(state, 'townshipId')}
            />
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            {names.map((name, i) => (
              <fieldset key={i} className="grid grid-cols-2 gap-2 rounded border border-slate-200 p-2">
                <legend className="px-1 text-sm font-medium text-slate-700">{t('regionHistory.newTownship', { n: i + 1 })}</legend>
                <Field label={t('regionHistory.newName')} name={`split-name${i}`} error={fieldError(state, `name${i}`)}>
                  <input
                    id={`split-name${i}`}
                    name={`name${i}`}
                    value={name}
                    onChange={(e) => setNames(names.map((n, j) => (j === i ? e.target.value : n)))}
                    className={inputClass}
                    {...invalidProps(state, `name${i}`)}
                  />
                </Field>
                <Field label={t('regionHistory.newCode')} name={`split-code${i}`} error={fieldError(state, `code${i}`)}>
                  <input
                    id={`split-code${i}`}
                    name={`code${i}`}
                    inputMode="numeric"
                    maxLength={12}
                    className={inputClass}
                    {...invalidProps(state, `code${i}`)}
                  />
                </Field>
              </fieldset>
            ))}
          </div>
          {township ? (
            <Table>
              <thead>
                <tr>
                  <Th>{t('regionHistory.village')}</Th>
                  <Th>{t('regionHistory.assignTo')}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {township.villages.map((v) => (
                  <tr key={v.id}>
                    <Td>
                      <label htmlFor={`assign-${v.id}`}>{v.name}</label>
                    </Td>
                    <Td>
                      <select id={`assign-${v.id}`} name={`assign_${v.id}`} defaultValue="" className={inputClass}>
                        <option value="">{t('regionHistory.choose')}</option>
                        {names.map((n, i) => (
                          <option key={i} value={i}>
                            {n.trim() || t('regionHistory.newTownship', { n: i + 1 })}
                          </option>
                        ))}
                      </select>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
        </>
      )}
    </ChangeForm>
  )
}

export function MergeForm({ townships }: { townships: CurrentTownship[] }) {
  const t = useT()
  return (
    <ChangeForm kind="MERGE" title={t('regionHistory.merge.title')}>
      {(state) => (
        <>
          <fieldset className="rounded border border-slate-200 p-2">
            <legend className="px-1 text-sm font-medium text-slate-700">{t('regionHistory.merged')}</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {townships.map((x) => (
                <label key={x.id} className="inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" name={`merge_${x.id}`} /> {x.name}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('regionHistory.newName')} name="merge-name" error={fieldError(state, 'name')}>
              <input id="merge-name" name="name" className={inputClass} {...invalidProps(state, 'name')} />
            </Field>
            <Field label={t('regionHistory.newCode')} name="merge-code" error={fieldError(state, 'code')}>
              <input id="merge-code" name="code" inputMode="numeric" maxLength={12} className={inputClass} {...invalidProps(state, 'code')} />
            </Field>
          </div>
        </>
      )}
    </ChangeForm>
  )
}

export function RenameForm({ options: lists }: { options: ChangeOptions }) {
  const t = useT()
  const options = lists.regions
  return (
    <ChangeForm kind="RENAME" title={t('regionHistory.rename.title')}>
      {(state) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('regionHistory.region')} name="rename-regionId" error={fieldError(state, 'regionId')}>
            <Combobox id="rename-regionId" name="regionId" options={options} invalid={!!fieldError(state, 'regionId')} />
          </Field>
          <Field label={t('regionHistory.newName')} name="rename-name" error={fieldError(state, 'name')}>
            <input id="rename-name" name="name" className={inputClass} {...invalidProps(state, 'name')} />
          </Field>
        </div>
      )}
    </ChangeForm>
  )
}

export function MoveForm({ options: lists }: { options: ChangeOptions }) {
  const t = useT()
  const villages = lists.villages
  const targets = lists.townships
  return (
    <ChangeForm kind="MOVE" title={t('regionHistory.move.title')}>
      {(state) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('regionHistory.village')} name="move-villageId" error={fieldError(state, 'villageId')}>
            <Combobox id="move-villageId" name="villageId" options={villages} invalid={!!fieldError(state, 'villageId')} />
          </Field>
          <Field label={t('regionHistory.toTownship')} name="move-toTownshipId" error={fieldError(state, 'toTownshipId')}>
            <Combobox id="move-toTownshipId" name="toTownshipId" options={targets} invalid={!!fieldError(state, 'toTownshipId')} />
          </Field>
        </div>
      )}
    </ChangeForm>
  )
}
