'use server'
import { defineAction } from '@/lib/server/action'
import { AppError } from '@/lib/server/errors'
import {
  parseTemplateLines,
  publishRoundSchema,
  rectificationFormSchema,
  rectificationMeasuresSchema,
  rectificationReviewSchema,
  roundFormSchema,
  sampleFormSchema,
  sampleRecordSchema,
  scoresFormSchema,
  teamFormSchema,
  templateFormSchema,
} from './inspection-schemas'
import {
  addTeam,
  createRound,
  createSample,
  createTemplate,
  openRectification,
  publishRound,
  recordSampleHousehold,
  reviewRectification,
  saveScores,
  submitMeasures,
} from './inspections'

// Thin: pipeline -> schema -> permission -> service (which scopes to the user's county or township and audits).

export const createTemplateAction = defineAction({
  schema: templateFormSchema,
  permission: 'assessment.run',
  run: async (input, ctx) => {
    const parsed = parseTemplateLines(input.lines)
    if (!parsed.ok) throw new AppError('inspections.errors.templateLine', { line: parsed.line }, { lines: 'inspections.errors.templateLineShort' })
    return { id: await createTemplate(ctx, { name: input.name, items: parsed.items }) }
  },
  revalidate: ['/assessment/inspections'],
  success: 'inspections.templates.saved',
})

export const createRoundAction = defineAction({
  schema: roundFormSchema,
  permission: 'assessment.run',
  run: async (input, ctx) => ({ id: await createRound(ctx, input) }),
  revalidate: ['/assessment/inspections'],
  success: 'inspections.rounds.created',
})

export const addTeamAction = defineAction({
  schema: teamFormSchema,
  permission: 'assessment.run',
  run: async (input, ctx) => ({ id: await addTeam(ctx, input) }),
  revalidate: ['/assessment/inspections'],
  success: 'inspections.teams.added',
})

export const saveScoresAction = defineAction({
  schema: scoresFormSchema,
  permission: 'assessment.inspect',
  run: (input, ctx) => saveScores(ctx, input),
  revalidate: ['/assessment/inspections'],
  success: 'inspections.scores.saved',
})

export const openRectificationAction = defineAction({
  schema: rectificationFormSchema,
  permission: 'assessment.inspect',
  run: async (input, ctx) => ({ id: await openRectification(ctx, input) }),
  revalidate: ['/assessment/inspections'],
  success: 'inspections.rectifications.opened',
})

export const submitMeasuresAction = defineAction({
  schema: rectificationMeasuresSchema,
  permission: 'assessment.rectify',
  run: (input, ctx) => submitMeasures(ctx, input),
  revalidate: ['/assessment/inspections'],
  success: 'inspections.rectifications.submitted',
})

export const reviewRectificationAction = defineAction({
  schema: rectificationReviewSchema,
  permission: 'assessment.inspect',
  run: (input, ctx) => reviewRectification(ctx, input),
  revalidate: ['/assessment/inspections'],
  success: 'inspections.rectifications.reviewed',
})

export const publishRoundAction = defineAction({
  schema: publishRoundSchema,
  permission: 'assessment.run',
  run: (input, ctx) => publishRound(ctx, input.roundId),
  revalidate: ['/assessment/inspections'],
  success: 'inspections.rounds.published',
})

export const createSampleAction = defineAction({
  schema: sampleFormSchema,
  permission: 'assessment.sample',
  run: async (input, ctx) => ({ id: await createSample(ctx, input) }),
  revalidate: ['/assessment/samples'],
  success: 'inspections.samples.created',
})

export const recordSampleAction = defineAction({
  schema: sampleRecordSchema,
  permission: 'assessment.sample',
  run: (input, ctx) => recordSampleHousehold(ctx, input),
  revalidate: ['/assessment/samples'],
  success: 'inspections.samples.recorded',
})
