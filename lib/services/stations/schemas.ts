import { z } from 'zod'
import {
  choice,
  dateText,
  formKey,
  freeText,
  id,
  nameText,
  optional,
  optionalChoice,
  optionalId,
  page,
  queryText,
  requiredInt,
  version,
} from '@/lib/validation/fields'
import { optionalFile } from '../schemas'
import { CHECK_SCORES } from './rules'

export const STATION_KINDS = ['TOWNSHIP_STATION', 'VILLAGE_ROOM'] as const
export type StationKind = (typeof STATION_KINDS)[number]
export const CHILDCARE_OPERATORS = ['PUBLIC', 'INCLUSIVE_PRIVATE', 'PRIVATE', 'EMPLOYER', 'KINDERGARTEN'] as const
export type ChildcareOperator = (typeof CHILDCARE_OPERATORS)[number]

/** A checkbox: present ("on") is true, absent false. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean())

/** One name per line (or separated by 、，,): trimmed, no empties, no repeats, at most `max` of them. */
function lines(maxEach: number, maxCount: number) {
  return z.preprocess(
    (v) => v ?? '',
    z
      .string({ error: 'errors.invalid' })
      .transform((s) => [
        ...new Set(
          s
            .split(/[\n\r、，,;；]+/)
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(freeText(maxEach)).max(maxCount, { error: 'stations.errors.tooMany' })),
  )
}

/** A telephone number as written in China: digits, dashes, spaces, an optional leading +. */
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,28}$/, { error: 'stations.errors.phone' })

const stationFields = {
  name: nameText(100),
  address: freeText(200),
  openingHours: freeText(100),
  phone: optional(phone),
  staff: lines(50, 30),
  equipment: lines(100, 100),
}

/** A new station or room: a county's administrator chooses the township; a room names its village. */
export const createStationSchema = z
  .object({
    ...stationFields,
    kind: choice(STATION_KINDS),
    townshipId: optionalId,
    villageId: optionalId,
    formKey: formKey.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'VILLAGE_ROOM' && !input.villageId) ctx.addIssue({ code: 'custom', path: ['villageId'], message: 'stations.errors.villageRequired' })
  })
export type CreateStationInput = z.output<typeof createStationSchema>

/** An edit: where a station is (its township, village and kind) is fixed once registered. */
export const updateStationSchema = z.object({ ...stationFields, stationId: id, version, active: checkbox })
export type UpdateStationInput = z.output<typeof updateStationSchema>

/** The list's filters; anything malformed is "no filter". */
export const stationFilterSchema = z.object({
  townshipId: optionalId.catch(undefined),
  kind: optionalChoice(STATION_KINDS).catch(undefined),
  standard: optionalChoice(['yes', 'no', 'unchecked'] as const).catch(undefined),
  q: queryText(50).catch(''),
  page,
})
export type StationFilter = z.output<typeof stationFilterSchema>

// ------------------------------------------------------------------ the checklist

const itemFields = {
  code: z
    .string({ error: 'errors.required' })
    .trim()
    .toUpperCase()
    .min(1, { error: 'errors.required', abort: true })
    .regex(/^[A-Z][A-Z0-9_]{1,19}$/, { error: 'services.errors.code' }),
  nameZh: freeText(50),
  nameEn: freeText(100),
  core: checkbox,
  sortOrder: requiredInt(0, 999),
}
export const createItemSchema = z.object(itemFields)
export type CreateItemInput = z.output<typeof createItemSchema>
export const updateItemSchema = z.object({ ...itemFields, itemId: id, active: checkbox })
export type UpdateItemInput = z.output<typeof updateItemSchema>

export const PHOTO_FIELDS = ['photo1', 'photo2', 'photo3'] as const

/**
 * A check of a station: the date, who checked, a score for each item (fields "score:<itemId>",
 * with an optional "note:<itemId>"), notes, and up to three photos as evidence.
 */
export const recordCheckSchema = z
  .looseObject({
    stationId: id,
    checkedOn: z.preprocess((v) => v ?? '', z.string().trim().min(1, { error: 'errors.required', abort: true }).pipe(dateText)),
    checkedBy: nameText(50),
    notes: optional(freeText(500)),
    photo1: optionalFile,
    photo2: optionalFile,
    photo3: optionalFile,
    formKey: formKey.optional(),
  })
  .transform((input, ctx) => {
    const scores: { itemId: number; score: (typeof CHECK_SCORES)[number]; note?: string }[] = []
    for (const [key, value] of Object.entries(input)) {
      const m = /^score:([1-9]\d{0,9})$/.exec(key)
      if (!m) continue
      const parsed = optionalChoice(CHECK_SCORES).safeParse(value)
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'errors.invalid' })
        continue
      }
      if (!parsed.data) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'stations.errors.scoreRequired' })
        continue
      }
      const note = optional(freeText(200)).safeParse(input[`note:${m[1]}`])
      if (!note.success) {
        ctx.addIssue({ code: 'custom', path: [`note:${m[1]}`], message: 'errors.tooLong' })
        continue
      }
      scores.push({ itemId: Number(m[1]), score: parsed.data, note: note.data })
    }
    const photos = PHOTO_FIELDS.flatMap((f) => (input[f] ? [{ field: f, file: input[f] }] : []))
    return {
      stationId: input.stationId,
      checkedOn: input.checkedOn,
      checkedBy: input.checkedBy,
      notes: input.notes,
      formKey: input.formKey,
      scores,
      photos,
    }
  })
export type RecordCheckInput = z.output<typeof recordCheckSchema>

// ------------------------------------------------------------------ childcare institutions

const institutionFields = {
  name: nameText(100),
  licence: z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required', abort: true })
    .max(50, { error: 'errors.tooLong', abort: true })
    .regex(/^[\p{Script=Han}A-Za-z0-9()（）\-〔〕[\]第号]+$/u, { error: 'stations.errors.licence' }),
  operator: choice(CHILDCARE_OPERATORS),
  places: requiredInt(0, 100_000),
  placesInUse: requiredInt(0, 100_000),
  address: freeText(200),
}
const placesFit = (input: { places: number; placesInUse: number }, ctx: z.RefinementCtx) => {
  if (input.placesInUse > input.places) ctx.addIssue({ code: 'custom', path: ['placesInUse'], message: 'stations.errors.placesInUse' })
}
export const createInstitutionSchema = z.object({ ...institutionFields, townshipId: optionalId, formKey: formKey.optional() }).superRefine(placesFit)
export type CreateInstitutionInput = z.output<typeof createInstitutionSchema>
export const updateInstitutionSchema = z.object({ ...institutionFields, institutionId: id, version, active: checkbox }).superRefine(placesFit)
export type UpdateInstitutionInput = z.output<typeof updateInstitutionSchema>

/** A name to look up in the register (an activity's attendees): at least one character. */
export const findAttendeesSchema = z.object({ q: queryText(50).pipe(z.string().min(1, { error: 'errors.required' })) })

/** The station page's day list and person search: a day (default today) and a name. */
export const dayListSchema = z.object({
  day: optional(dateText).catch(undefined),
  q: queryText(50).catch(''),
})
