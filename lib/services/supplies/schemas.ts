import { z } from 'zod'
import { choice, dateText, formKey, freeText, id, isBlank, nameText, optional, optionalId, requiredInt } from '@/lib/validation/fields'

export const WRITE_OFF_REASONS = ['EXPIRED', 'DAMAGED'] as const

/** A checkbox: present ("on") is true, absent false. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean())
const requiredDate = z.preprocess((v) => v ?? '', z.string().trim().min(1, { error: 'errors.required', abort: true }).pipe(dateText))
/** How many units move at once: a positive whole number (an empty field is "required", never 0). */
const quantity = requiredInt(1, 1_000_000, { invalid: 'supplies.errors.quantity' })

/** A catalogue item of the county (the county's officials keep it). */
export const itemSchema = z.object({
  code: z
    .string({ error: 'errors.required' })
    .trim()
    .toUpperCase()
    .min(1, { error: 'errors.required', abort: true })
    .regex(/^[A-Z][A-Z0-9_]{1,19}$/, { error: 'supplies.errors.code' }),
  nameZh: freeText(50),
  nameEn: freeText(100),
  unitZh: nameText(10),
  unitEn: nameText(20),
  sensitive: checkbox,
})
export type ItemInput = z.output<typeof itemSchema>

/** The county's allocation to a township station: a batch (new or known) with its expiry. */
export const receiveSchema = z.object({
  stationId: id,
  itemId: id,
  batchNo: z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required', abort: true })
    .max(40, { error: 'errors.tooLong', abort: true })
    .regex(/^[A-Za-z0-9._\-/]+$/, { error: 'supplies.errors.batchNo' }),
  expiresOn: requiredDate,
  quantity,
  occurredOn: requiredDate,
  formKey: formKey.optional(),
})
export type ReceiveInput = z.output<typeof receiveSchema>

/** Township station → one of its village rooms; the batch chosen, or first-expiring-first. */
export const transferSchema = z.object({
  fromStationId: id,
  toStationId: id,
  itemId: id,
  batchId: optionalId,
  quantity,
  occurredOn: requiredDate,
  formKey: formKey.optional(),
})
export type TransferInput = z.output<typeof transferSchema>

/**
 * A day's count given out of an item at a station. A person is named only when they asked for the
 * dispensing to be recorded (the box is off by default); then their ID number finds them.
 */
export const dispenseSchema = z
  .object({
    stationId: id,
    itemId: id,
    batchId: optionalId,
    quantity: requiredInt(1, 10_000, { invalid: 'supplies.errors.quantity' }),
    occurredOn: requiredDate,
    recordPerson: checkbox,
    idNumber: optional(z.string().trim().toUpperCase().max(18, { error: 'errors.tooLong' })),
    formKey: formKey.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.recordPerson && !input.idNumber) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'errors.required' })
  })
  .transform(({ idNumber, ...rest }) => ({ ...rest, idNumber: rest.recordPerson ? idNumber : undefined }))
export type DispenseInput = z.output<typeof dispenseSchema>

export const writeOffSchema = z.object({
  stationId: id,
  batchId: id,
  quantity,
  reason: choice(WRITE_OFF_REASONS),
  note: optional(freeText(200)),
  occurredOn: requiredDate,
  formKey: formKey.optional(),
})
export type WriteOffInput = z.output<typeof writeOffSchema>

/**
 * A stocktake: the counted quantity of each batch the station holds (fields count_<batchId>). An
 * empty count means "not counted" (never 0); a difference needs a reason.
 */
export const stocktakeSchema = z
  .record(z.string(), z.unknown())
  .transform((raw, ctx) => {
    const counts: { batchId: number; counted: number }[] = []
    for (const [key, value] of Object.entries(raw)) {
      const m = /^count_([1-9]\d{0,9})$/.exec(key)
      if (!m || isBlank(value)) continue
      const text = String(value).trim()
      if (!/^\d{1,7}$/.test(text)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'supplies.errors.count' })
        continue
      }
      counts.push({ batchId: Number(m[1]), counted: Number(text) })
    }
    return { raw, counts }
  })
  .pipe(
    z
      .object({
        raw: z.object({
          stationId: id,
          occurredOn: requiredDate,
          reason: optional(freeText(200)),
          formKey: formKey.optional(),
        }),
        counts: z.array(z.object({ batchId: z.number(), counted: z.number() })),
      })
      .transform(({ raw, counts }) => ({ ...raw, counts })),
  )
  .superRefine((input, ctx) => {
    if (input.counts.length === 0) ctx.addIssue({ code: 'custom', path: ['counts'], message: 'supplies.errors.noCounts' })
  })
export type StocktakeInput = z.output<typeof stocktakeSchema>

/** The supplies pages' filter: a station and a month (yyyy-mm); malformed values are ignored. */
export const ledgerFilterSchema = z.object({
  month: z
    .string()
    .regex(/^(19\d\d|20\d\d)-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  stationId: optionalId.catch(undefined),
  regionId: optionalId.catch(undefined),
})
