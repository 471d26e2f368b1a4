'use server'
import { z } from 'zod'
import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/server/action'
import { freeText, id } from '@/lib/validation/fields'
import {
  addMemberSchema,
  correctEventSchema,
  createHouseholdSchema,
  personRefSchema,
  recordEventSchema,
  setHeadSchema,
  setParentsSchema,
  updatePersonSchema,
} from './schemas'
import {
  addMember,
  answerChange,
  checkChanges,
  correctEvent,
  createHousehold,
  recordEvent,
  revealIdNumber,
  reviewChange,
  setHead,
  setParents,
  updatePerson,
} from './service'

export const createHouseholdAction = defineAction({
  schema: createHouseholdSchema,
  permission: 'register.edit',
  run: async (input, ctx) => {
    const { householdId } = await createHousehold(ctx, input.household, input.formKey)
    redirect(`/register/households/${householdId}?created=1`)
  },
})

export const addMemberAction = defineAction({
  schema: addMemberSchema,
  permission: 'register.edit',
  run: (input, ctx) => addMember(ctx, input, input.formKey),
  revalidate: ['/register'],
  success: 'registry.householdPage.memberAdded',
})

export const updatePersonAction = defineAction({
  schema: updatePersonSchema,
  permission: 'register.edit',
  run: (input, ctx) => updatePerson(ctx, input),
  revalidate: ['/register'],
  success: 'registry.person.saved',
})

export const revealIdAction = defineAction({
  schema: personRefSchema,
  permission: 'register.revealId',
  run: (input, ctx) => revealIdNumber(ctx, input.personId),
})

export const recordEventAction = defineAction({
  schema: recordEventSchema,
  permission: 'register.edit',
  run: ({ formKey, ...input }, ctx) => recordEvent(ctx, input, formKey),
  revalidate: ['/register'],
  success: 'registry.events.recorded',
})

export const setParentsAction = defineAction({
  schema: setParentsSchema,
  permission: 'register.edit',
  run: (input, ctx) => setParents(ctx, input),
  revalidate: ['/register'],
  success: 'registry.person.parentsSaved',
})

export const setHeadAction = defineAction({
  schema: setHeadSchema,
  permission: 'register.edit',
  run: (input, ctx) => setHead(ctx, input),
  revalidate: ['/register'],
  success: 'registry.householdPage.headSaved',
})

export const correctEventAction = defineAction({
  schema: correctEventSchema,
  permission: 'register.edit',
  run: (input, ctx) => correctEvent(ctx, input),
  revalidate: ['/register'],
  success: 'registry.events.correctedOk',
})

export const reviewChangeAction = defineAction({
  schema: z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('check'), changeId: id }),
    z.object({ decision: z.literal('question'), changeId: id, question: freeText(500) }),
  ]),
  permission: 'register.review',
  run: (input, ctx) => reviewChange(ctx, input),
  revalidate: ['/register/review', '/'],
  success: 'registry.review.reviewed',
})

/** "Check all shown": the ids of the changes on the page, comma-separated in one field. */
export const checkChangesAction = defineAction({
  schema: z.object({
    changeIds: z
      .string({ error: 'errors.required' })
      .regex(/^[1-9]\d{0,9}(,[1-9]\d{0,9}){0,999}$/, { error: 'errors.invalid' })
      .transform((s) => s.split(',').map(Number)),
  }),
  permission: 'register.review',
  run: (input, ctx) => checkChanges(ctx, input),
  revalidate: ['/register/review', '/'],
})

export const answerChangeAction = defineAction({
  schema: z.object({ changeId: id, answer: freeText(500) }),
  permission: 'register.edit',
  run: (input, ctx) => answerChange(ctx, input),
  revalidate: ['/register/review', '/'],
  success: 'registry.review.answered',
})
