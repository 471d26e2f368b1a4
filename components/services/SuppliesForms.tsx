'use client'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import {
  createItemAction,
  dispenseSuppliesAction,
  receiveSuppliesAction,
  stocktakeAction,
  transferSuppliesAction,
  writeOffSuppliesAction,
} from '@/lib/services/supplies/actions'
import { useT } from '@/lib/i18n/client'
import { Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import type { ActionState } from '@/lib/server/action'

export interface ItemChoice {
  id: number
  name: string
  unit: string
}
export interface BatchChoice {
  batchId: number
  itemId: number
  batchNo: string
  expiresOn: string
  quantity: number
  expired: boolean
  suggested: boolean
}
export interface StationChoice {
  id: number
  name: string
}

const WRITE_OFF_REASONS = ['EXPIRED', 'DAMAGED'] as const

function useResetOnSuccess(state: ActionState<unknown>) {
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state?.ok) form.current?.reset()
  }, [state])
  return form
}

function Shell({
  id,
  title,
  state,
  onSubmit,
  onReset,
  form,
  children,
}: {
  id: string
  title: string
  state: ActionState<unknown>
  onSubmit: (e: React.FormEvent<HTMLFormElement>) => void
  onReset?: () => void
  form: React.RefObject<HTMLFormElement | null>
  children: ReactNode
}) {
  return (
    <form method="post" ref={form} onSubmit={onSubmit} onReset={onReset} className="space-y-3" noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-medium text-slate-800">
        {title}
      </h3>
      <ActionMessage state={state} />
      {children}
    </form>
  )
}

function QuantityAndDate({ prefix, state, today, dateLabel }: { prefix: string; state: ActionState<unknown>; today: string; dateLabel?: string }) {
  const t = useT()
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label={t('supplies.dispense.quantity')} name={`${prefix}-quantity`} error={fieldError(state, 'quantity')}>
        <input id={`${prefix}-quantity`} name="quantity" inputMode="numeric" className={inputClass} {...invalidProps(state, 'quantity')} />
      </Field>
      <Field label={dateLabel ?? t('supplies.dispense.occurredOn')} name={`${prefix}-occurredOn`} error={fieldError(state, 'occurredOn')}>
        <input
          id={`${prefix}-occurredOn`}
          name="occurredOn"
          type="date"
          max={today}
          defaultValue={today}
          className={inputClass}
          {...invalidProps(state, 'occurredOn')}
        />
      </Field>
    </div>
  )
}

function ItemAndBatch({ prefix, items, batches, state }: { prefix: string; items: ItemChoice[]; batches: BatchChoice[]; state: ActionState<unknown> }) {
  const t = useT()
  const [itemId, setItemId] = useState('')
  const own = batches.filter((b) => String(b.itemId) === itemId && !b.expired)
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label={t('supplies.dispense.item')} name={`${prefix}-itemId`} error={fieldError(state, 'itemId')}>
        <select
          id={`${prefix}-itemId`}
          name="itemId"
          value={itemId}
          onChange={(e) => setItemId(e.target.value)}
          className={inputClass}
          {...invalidProps(state, 'itemId')}
        >
          <option value="">{t('supplies.dispense.chooseItem')}</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}（{i.unit}）
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('supplies.dispense.batch')} name={`${prefix}-batchId`} error={fieldError(state, 'batchId')}>
        <select id={`${prefix}-batchId`} name="batchId" key={itemId} defaultValue="" className={inputClass} {...invalidProps(state, 'batchId')}>
          <option value="">{t('supplies.dispense.batchAuto')}</option>
          {own.map((b) => (
            <option key={b.batchId} value={b.batchId}>
              {b.batchNo} · {b.expiresOn} · {b.quantity}
              {b.suggested ? ` · ${t('supplies.stock.suggested')}` : ''}
            </option>
          ))}
        </select>
      </Field>
    </div>
  )
}

/** A day's dispensing; the person's ID number field shows only when the box is ticked. */
export function DispenseForm({
  stationId,
  items,
  batches,
  today,
  formKey,
}: {
  stationId: number
  items: ItemChoice[]
  batches: BatchChoice[]
  today: string
  formKey: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(dispenseSuppliesAction)
  const form = useResetOnSuccess(state)
  const [recordPerson, setRecordPerson] = useState(false)
  return (
    // a saved dispensing resets the form, and with it the box: the next one names nobody again
    <Shell id="dispense" title={t('supplies.dispense.title')} state={state} onSubmit={onSubmit} onReset={() => setRecordPerson(false)} form={form}>
      <input type="hidden" name="stationId" value={stationId} />
      <input type="hidden" name="formKey" value={formKey} />
      <ItemAndBatch prefix="dispense" items={items} batches={batches} state={state} />
      <QuantityAndDate prefix="dispense" state={state} today={today} />
      <div>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="recordPerson" checked={recordPerson} onChange={(e) => setRecordPerson(e.target.checked)} />
          {t('supplies.dispense.recordPerson')}
        </label>
        <p className="text-xs text-slate-600">{t('supplies.dispense.recordPersonHint')}</p>
        {fieldError(state, 'recordPerson') ? (
          <p className="text-sm text-red-700" role="alert">
            {fieldError(state, 'recordPerson')}
          </p>
        ) : null}
      </div>
      {recordPerson ? (
        <Field label={t('supplies.dispense.idNumber')} name="dispense-idNumber" error={fieldError(state, 'idNumber')}>
          <input id="dispense-idNumber" name="idNumber" maxLength={18} autoComplete="off" className={inputClass} {...invalidProps(state, 'idNumber')} />
        </Field>
      ) : null}
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('supplies.dispense.save')}
      </PendingButton>
    </Shell>
  )
}

/** The counted quantity per batch, beside the book's. */
export function StocktakeForm({
  stationId,
  batches,
  itemNames,
  today,
  formKey,
}: {
  stationId: number
  batches: BatchChoice[]
  itemNames: Record<number, string>
  today: string
  formKey: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(stocktakeAction)
  const form = useResetOnSuccess(state)
  return (
    <Shell id="stocktake" title={t('supplies.stocktake.title')} state={state} onSubmit={onSubmit} form={form}>
      <p className="text-sm text-slate-600">{t('supplies.stocktake.intro')}</p>
      <input type="hidden" name="stationId" value={stationId} />
      <input type="hidden" name="formKey" value={formKey} />
      {fieldError(state, 'counts') ? (
        <p className="text-sm text-red-700" role="alert">
          {fieldError(state, 'counts')}
        </p>
      ) : null}
      <div className="space-y-2">
        {batches.map((b) => {
          const name = `count_${b.batchId}`
          return (
            <div key={b.batchId} className="grid items-end gap-2 sm:grid-cols-[1fr_8rem]">
              <Field
                label={t('supplies.stocktake.countFor', { item: itemNames[b.itemId] ?? '', batch: b.batchNo })}
                name={`stocktake-${name}`}
                error={fieldError(state, name)}
                hint={`${t('supplies.stocktake.book')}: ${b.quantity}`}
              >
                <input id={`stocktake-${name}`} name={name} inputMode="numeric" className={inputClass} {...invalidProps(state, name)} />
              </Field>
            </div>
          )
        })}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('supplies.stocktake.reason')} name="stocktake-reason" error={fieldError(state, 'reason')}>
          <input id="stocktake-reason" name="reason" maxLength={200} className={inputClass} {...invalidProps(state, 'reason')} />
        </Field>
        <Field label={t('supplies.dispense.occurredOn')} name="stocktake-occurredOn" error={fieldError(state, 'occurredOn')}>
          <input
            id="stocktake-occurredOn"
            name="occurredOn"
            type="date"
            max={today}
            defaultValue={today}
            className={inputClass}
            {...invalidProps(state, 'occurredOn')}
          />
        </Field>
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('supplies.stocktake.save')}
      </PendingButton>
    </Shell>
  )
}

export function WriteOffForm({
  stationId,
  batches,
  itemNames,
  today,
  formKey,
}: {
  stationId: number
  batches: BatchChoice[]
  itemNames: Record<number, string>
  today: string
  formKey: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(writeOffSuppliesAction)
  const form = useResetOnSuccess(state)
  return (
    <Shell id="writeoff" title={t('supplies.writeOff.title')} state={state} onSubmit={onSubmit} form={form}>
      <input type="hidden" name="stationId" value={stationId} />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('supplies.dispense.batch')} name="writeoff-batchId" error={fieldError(state, 'batchId')}>
          <select id="writeoff-batchId" name="batchId" defaultValue="" className={inputClass} {...invalidProps(state, 'batchId')}>
            <option value="">{t('supplies.dispense.chooseItem')}</option>
            {batches.map((b) => (
              <option key={b.batchId} value={b.batchId}>
                {itemNames[b.itemId]} · {b.batchNo} · {b.expiresOn} · {b.quantity}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('supplies.writeOff.reason')} name="writeoff-reason" error={fieldError(state, 'reason')}>
          <select id="writeoff-reason" name="reason" defaultValue="" className={inputClass} {...invalidProps(state, 'reason')}>
            <option value="">{t('supplies.dispense.chooseItem')}</option>
            {WRITE_OFF_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`supplies.writeOff.reasons.${r}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <QuantityAndDate prefix="writeoff" state={state} today={today} />
      <Field label={t('supplies.writeOff.note')} name="writeoff-note" error={fieldError(state, 'note')}>
        <input id="writeoff-note" name="note" maxLength={200} className={inputClass} {...invalidProps(state, 'note')} />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('supplies.writeOff.save')}
      </PendingButton>
    </Shell>
  )
}

export function TransferForm({
  fromStationId,
  rooms,
  items,
  batches,
  today,
  formKey,
}: {
  fromStationId: number
  rooms: StationChoice[]
  items: ItemChoice[]
  batches: BatchChoice[]
  today: string
  formKey: string
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(transferSuppliesAction)
  const form = useResetOnSuccess(state)
  return (
    <Shell id="transfer" title={t('supplies.transfer.title')} state={state} onSubmit={onSubmit} form={form}>
      <input type="hidden" name="fromStationId" value={fromStationId} />
      <input type="hidden" name="formKey" value={formKey} />
      <Field label={t('supplies.transfer.to')} name="transfer-toStationId" error={fieldError(state, 'toStationId')}>
        <select id="transfer-toStationId" name="toStationId" defaultValue="" className={inputClass} {...invalidProps(state, 'toStationId')}>
          <option value="">{t('supplies.chooseStation')}</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </Field>
      <ItemAndBatch prefix="transfer" items={items} batches={batches} state={state} />
      <QuantityAndDate prefix="transfer" state={state} today={today} />
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('supplies.transfer.save')}
      </PendingButton>
    </Shell>
  )
}

export function ReceiveForm({ stationId, items, today, formKey }: { stationId: number; items: ItemChoice[]; today: string; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(receiveSuppliesAction)
  const form = useResetOnSuccess(state)
  return (
    <Shell id="receive" title={t('supplies.receive.title')} state={state} onSubmit={onSubmit} form={form}>
      <input type="hidden" name="stationId" value={stationId} />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t('supplies.dispense.item')} name="receive-itemId" error={fieldError(state, 'itemId')}>
          <select id="receive-itemId" name="itemId" defaultValue="" className={inputClass} {...invalidProps(state, 'itemId')}>
            <option value="">{t('supplies.dispense.chooseItem')}</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}（{i.unit}）
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('supplies.receive.batchNo')} name="receive-batchNo" error={fieldError(state, 'batchNo')}>
          <input id="receive-batchNo" name="batchNo" maxLength={40} className={inputClass} {...invalidProps(state, 'batchNo')} />
        </Field>
        <Field label={t('supplies.receive.expiresOn')} name="receive-expiresOn" error={fieldError(state, 'expiresOn')}>
          <input id="receive-expiresOn" name="expiresOn" type="date" className={inputClass} {...invalidProps(state, 'expiresOn')} />
        </Field>
      </div>
      <QuantityAndDate prefix="receive" state={state} today={today} />
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('supplies.receive.save')}
      </PendingButton>
    </Shell>
  )
}

export function ItemForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(createItemAction)
  const form = useResetOnSuccess(state)
  const text = (name: string, label: string, max: number) => (
    <Field label={label} name={`item-${name}`} error={fieldError(state, name)}>
      <input id={`item-${name}`} name={name} maxLength={max} className={inputClass} {...invalidProps(state, name)} />
    </Field>
  )
  return (
    <Shell id="item" title={t('supplies.item.add')} state={state} onSubmit={onSubmit} form={form}>
      <div className="grid gap-3 sm:grid-cols-3">
        {text('code', t('supplies.item.code'), 20)}
        {text('nameZh', t('supplies.item.nameZh'), 50)}
        {text('nameEn', t('supplies.item.nameEn'), 100)}
        {text('unitZh', t('supplies.item.unitZh'), 10)}
        {text('unitEn', t('supplies.item.unitEn'), 20)}
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="sensitive" />
        {t('supplies.item.sensitive')}
      </label>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('supplies.item.save')}
      </PendingButton>
    </Shell>
  )
}
