'use server'
import { defineAction } from '@/lib/server/action'
import { AppError } from '@/lib/server/errors'
import {
  adjustmentFormSchema,
  publishFormSchema,
  removeEntryFormSchema,
  runFormSchema,
  schemeFormSchema,
  valuesFormSchema,
  valuesImportSchema,
  vetoFormSchema,
} from './schemas'
import { addAdjustment, addVeto, createRun, importValues, publish, removeEntry, saveScheme, saveValues, SchemeInvalidError } from './service'
import { problemText } from './present'

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

// Thin: pipeline -> schema -> permission -> service (which scopes to the user's county and audits).

/** Creates a scheme or a new version of one, from the JSON typed in or a file; every problem listed, nothing written. */
export const saveSchemeAction = defineAction({
  schema: schemeFormSchema,
  permission: 'assessment.configure',
  run: async (input, { user, actor, t }) => {
    const file = input.file && input.file.size > 0 ? input.file : null
    if (file && file.size > 2 * 1024 * 1024) throw new AppError('assessment.errors.fileTooLarge')
    const text = file ? await file.text() : (input.json ?? '')
    if (!text.trim()) throw new AppError('assessment.errors.schemeRequired', undefined, { json: 'errors.required' })
    try {
      return await saveScheme({ actor, subject: user }, text)
    } catch (error) {
      if (error instanceof SchemeInvalidError) {
        throw new AppError('assessment.errors.schemeInvalid', { problems: error.problems.map((p) => problemText(t, p)).join(t('common.clauseSep')) })
      }
      throw error
    }
  },
  revalidate: ['/assessment/schemes'],
  success: 'assessment.schemes.saved',
})

export const saveValuesAction = defineAction({
  schema: valuesFormSchema,
  permission: 'assessment.run',
  run: (input, { user, actor }) => saveValues({ actor, subject: user }, input),
  revalidate: ['/assessment/values'],
  success: 'assessment.values.saved',
})

export const importValuesAction = defineAction({
  schema: valuesImportSchema,
  permission: 'assessment.run',
  run: async (input, { user, actor }) =>
    importValues(
      { actor, subject: user },
      {
        schemeId: input.schemeId,
        periodKey: input.periodKey,
        bytes: new Uint8Array(await input.file.arrayBuffer()),
        evidence: input.evidence ?? input.file.name,
      },
    ),
  revalidate: ['/assessment/values'],
  success: 'assessment.values.imported',
})

export const createRunAction = defineAction({
  schema: runFormSchema,
  permission: 'assessment.run',
  run: async (input, { user, actor }) => ({ id: await createRun({ actor, subject: user }, input) }),
  revalidate: ['/assessment/runs'],
  success: 'assessment.runs.created',
})

export const addAdjustmentAction = defineAction({
  schema: adjustmentFormSchema,
  permission: 'assessment.run',
  run: (input, { user, actor }) => addAdjustment({ actor, subject: user }, input),
  revalidate: ['/assessment/runs'],
  success: 'assessment.run.adjustmentAdded',
})

export const addVetoAction = defineAction({
  schema: vetoFormSchema,
  permission: 'assessment.run',
  run: (input, { user, actor }) => addVeto({ actor, subject: user }, input),
  revalidate: ['/assessment/runs'],
  success: 'assessment.run.vetoAdded',
})

export const removeEntryAction = defineAction({
  schema: removeEntryFormSchema,
  permission: 'assessment.run',
  run: (input, { user, actor }) => removeEntry({ actor, subject: user }, input),
  revalidate: ['/assessment/runs'],
  success: 'assessment.run.entryRemoved',
})

export const publishRunAction = defineAction({
  schema: publishFormSchema,
  permission: 'assessment.run',
  run: (input, { user, actor }) => publish({ actor, subject: user }, input.runId),
  revalidate: ['/assessment', '/assessment/runs'],
  success: 'assessment.run.publishedDone',
})

// --- inspections (督查), rectification (整改台账) and sample verification (抽样核查)

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
