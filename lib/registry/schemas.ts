import { z } from 'zod'
import {
  choice,
  formKey,
  freeText,
  id,
  isBlank,
  nameText,
  optional,
  optionalChoice,
  optionalId,
  optionalInt,
  page,
  queryText,
  version,
} from '@/lib/validation/fields'
import { ETHNICITY_CODES } from './ethnicities'
import { idAgreement, parseIdNumber } from './idcard'
import { todayIso } from '@/lib/dates'

export const SEXES = ['MALE', 'FEMALE'] as const
export const RESIDENCES = ['LOCAL', 'AWAY', 'INFLOW', 'OUTFLOW'] as const
export const MARITAL_STATUSES = ['SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED'] as const
export const RELATIONS = ['SELF', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDPARENT', 'GRANDCHILD', 'SIBLING', 'OTHER'] as const
export const HOUSEHOLD_TYPES = ['FAMILY', 'COLLECTIVE'] as const
export const EDUCATIONS = ['NONE', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'COLLEGE', 'BACHELOR', 'POSTGRADUATE'] as const

/** A required calendar date, yyyy-mm-dd, that exists and is not in the future. */
export const pastDate = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { error: 'errors.required', abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'errors.invalidDate', abort: true })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`)
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
    },
    { error: 'errors.invalidDate', abort: true },
  )
  .refine((s) => s >= '1900-01-01', { error: 'registry.errors.dateTooOld' })
  .refine((s) => s <= todayIso(), { error: 'registry.errors.dateInFuture' })

export const idNumberInput = z
  .string()
  .trim()
  .max(18, { error: 'registry.id.length' })
  .superRefine((value, ctx) => {
    const parsed = parseIdNumber(value)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `registry.id.${parsed.problem}` })
  })
  .transform((v) => v.toUpperCase())

export const phoneInput = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { error: 'registry.errors.phone' })

/** The facts of a person, shared by every form that enters or edits one. */
export const personFields = z.object({
  name: nameText(50),
  sex: choice(SEXES),
  birthDate: pastDate,
  ethnicity: choice(ETHNICITY_CODES),
  idNumber: optional(idNumberInput),
  phone: optional(phoneInput),
  residence: choice(RESIDENCES).default('LOCAL'),
  migrationPlace: optional(freeText(100)),
  migrationSince: optional(pastDate),
  maritalStatus: choice(MARITAL_STATUSES).default('SINGLE'),
  education: optional(choice(EDUCATIONS)),
  occupation: optional(nameText(50)),
  hukouText: optional(freeText(100)),
  /** the hukou place's division code when known: 6 digits (county) or 12 */
  hukouCode: optional(
    z
      .string()
      .trim()
      .regex(/^(\d{6}|\d{12})$/, { error: 'registry.errors.hukouCode' }),
  ),
})

/** Birth date and sex must agree with the ID number; the message says which does not. */
function checkIdAgreement(value: { idNumber?: string; birthDate: string; sex: 'MALE' | 'FEMALE' }, ctx: z.RefinementCtx) {
  if (!value.idNumber) return
  const parsed = parseIdNumber(value.idNumber)
  if (!parsed.ok) return
  const problem = idAgreement(parsed, value.birthDate, value.sex)
  if (problem === 'birthDateMismatch') ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'registry.id.birthDateMismatch' })
  if (problem === 'sexMismatch') ctx.addIssue({ code: 'custom', path: ['sex'], message: 'registry.id.sexMismatch' })
}

export const personSchema = personFields.superRefine(checkIdAgreement)
export type PersonInput = z.output<typeof personSchema>

export const memberSchema = personFields.extend({ relation: choice(RELATIONS) }).superRefine(checkIdAgreement)

export const householdSchema = z
  .object({
    regionId: id,
    address: freeText(100),
    type: choice(HOUSEHOLD_TYPES).default('FAMILY'),
    members: z.array(memberSchema).min(1, { error: 'registry.errors.noMembers', abort: true }).max(30, { error: 'registry.errors.tooManyMembers' }),
  })
  .superRefine((value, ctx) => {
    const heads = value.members.filter((m) => m.relation === 'SELF').length
    if (heads !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: heads === 0 ? 'registry.errors.noHead' : 'registry.errors.twoHeads' })
    const ids = value.members.map((m) => m.idNumber).filter(Boolean)
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['members'], message: 'registry.errors.duplicateIdInForm' })
  })
export type HouseholdInput = z.output<typeof householdSchema>

/** A form that sends a structured value (a household with its members) as JSON in one field. */
export function jsonField<T extends z.ZodType>(schema: T) {
  return z
    .string({ error: 'errors.required' })
    .max(200_000, { error: 'errors.tooLong' })
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        ctx.addIssue({ code: 'custom', message: 'errors.invalid' })
        return z.NEVER
      }
    })
    .pipe(schema)
}

export const createHouseholdSchema = z.object({ household: jsonField(householdSchema), formKey })

export const addMemberSchema = z.object({ householdId: id, member: jsonField(memberSchema), formKey })

/** The clerk's word on a person's parents: a person in the register, or none. */
export const setParentsSchema = z.object({ personId: id, version, motherId: optional(id), fatherId: optional(id) })

/** A household's new head, from its living members. */
export const setHeadSchema = z.object({ householdId: id, headId: id })

export const updatePersonSchema = z.object({ personId: id, version, person: jsonField(personSchema) })

export const personRefSchema = z.object({ personId: id })

// ------------------------------------------------------------------ life events

const occurredOn = pastDate
const base = { occurredOn, version }

export const birthSchema = z.object({
  type: z.literal('BIRTH'),
  motherId: id,
  version,
  occurredOn,
  name: nameText(50),
  sex: choice(SEXES),
  ethnicity: optional(choice(ETHNICITY_CODES)),
  idNumber: optional(idNumberInput),
  /** a clerk's correction when elder children are not in the register; otherwise counted */
  birthOrder: optionalInt(1, 20),
})

/** The new head when the deceased headed the household; without one the household needs a head. */
export const deathSchema = z.object({ type: z.literal('DEATH'), personId: id, ...base, newHeadId: optional(id) })
export const marriageSchema = z.object({ type: z.literal('MARRIAGE'), personId: id, ...base, spouseName: optional(nameText(50)) })
export const divorceSchema = z.object({ type: z.literal('DIVORCE'), personId: id, ...base })
export const moveWithinSchema = z.object({
  type: z.literal('MOVE_WITHIN'),
  personId: id,
  ...base,
  toRegionId: id,
  toHouseholdId: optional(id),
  relation: optional(choice(RELATIONS)),
})
export const moveOutSchema = z.object({ type: z.literal('MOVE_OUT'), personId: id, ...base, destination: freeText(100) })
export const returnSchema = z.object({ type: z.literal('RETURN'), personId: id, ...base, toHouseholdId: optional(id), relation: optional(choice(RELATIONS)) })
export const moveInSchema = z.object({
  type: z.literal('MOVE_IN'),
  householdId: id,
  occurredOn,
  origin: freeText(100),
  relation: choice(RELATIONS),
  person: jsonField(personSchema),
})

export const eventSchema = z.discriminatedUnion(
  'type',
  [birthSchema, deathSchema, marriageSchema, divorceSchema, moveWithinSchema, moveOutSchema, returnSchema, moveInSchema],
  {
    error: 'errors.invalid',
  },
)
export type EventInput = z.output<typeof eventSchema>

/** What the form sends: the event and the key of the form render. */
export const recordEventSchema = z.intersection(eventSchema, z.object({ formKey }))

/** A correction gives the right date and, where the type has them, the right place. */
export const correctEventSchema = z.object({
  eventId: id,
  occurredOn,
  reason: freeText(200),
  destination: optional(freeText(100)),
  origin: optional(freeText(100)),
})

const age = optionalInt(0, 130, { invalid: 'registry.errors.ageRange', range: 'registry.errors.ageRange' })

/**
 * The register search as the form sends it: every empty field means "no filter". A value the form
 * cannot send (an age of 200, a minimum above the maximum, a foreign choice) is an error with a
 * message, shown above the results, never a silent "age 0 to 0".
 */
export const searchSchema = z
  .object({
    q: queryText(50),
    regionId: optionalId,
    residence: optionalChoice(RESIDENCES),
    sex: optionalChoice(SEXES),
    ageMin: age,
    ageMax: age,
    alive: z.preprocess((v) => (isBlank(v) ? 'yes' : v), z.enum(['yes', 'no', 'all'], { error: 'errors.invalid' })),
    page,
  })
  .superRefine((value, ctx) => {
    if (value.ageMin !== undefined && value.ageMax !== undefined && value.ageMin > value.ageMax)
      ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'registry.errors.ageOrder' })
  })
export type SearchFilter = z.output<typeof searchSchema>
