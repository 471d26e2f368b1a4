'use server'
import { defineAction } from '@/lib/server/action'
import { analysisSchema, reportIdSchema, reportSettingsSchema, reportTargetSchema, returnSchema, signSchema, unlockSchema } from './schemas'
import {
  approveReport,
  prepareReport,
  recomputeReport,
  returnReport,
  saveAnalysis,
  saveReportSettings,
  signReport,
  submitReport,
  unlockPeriod,
} from './service'

// Thin: the pipeline checks the permission; the service checks the unit, the region and the
// report's status inside its transaction, and writes the history and the audit event.

/** Answers the new report's id; the form opens it. */
export const prepareReportAction = defineAction({
  schema: reportTargetSchema,
  permission: 'report.prepare',
  run: (input, ctx) => prepareReport(ctx, input),
  revalidate: ['/reports', '/'],
})

export const recomputeReportAction = defineAction({
  schema: reportIdSchema,
  permission: 'report.prepare',
  run: (input, ctx) => recomputeReport(ctx, input),
  revalidate: ['/reports'],
  success: 'reports.detail.recomputed',
})

export const saveAnalysisAction = defineAction({
  schema: analysisSchema,
  permission: 'report.prepare',
  run: (input, ctx) => saveAnalysis(ctx, input),
  revalidate: ['/reports'],
  success: 'reports.detail.analysisSaved',
})

export const signReportAction = defineAction({
  schema: signSchema,
  permission: 'report.sign',
  run: (input, ctx) => signReport(ctx, input),
  revalidate: ['/reports'],
  success: 'reports.detail.signed',
})

export const submitReportAction = defineAction({
  schema: reportIdSchema,
  permission: 'report.sign',
  run: (input, ctx) => submitReport(ctx, input),
  revalidate: ['/reports', '/'],
  success: 'reports.detail.submitted',
})

export const approveReportAction = defineAction({
  schema: reportIdSchema,
  permission: 'report.approve',
  run: (input, ctx) => approveReport(ctx, input),
  revalidate: ['/reports', '/'],
  success: 'reports.detail.approved',
})

export const returnReportAction = defineAction({
  schema: returnSchema,
  permission: 'report.approve',
  run: (input, ctx) => returnReport(ctx, input),
  revalidate: ['/reports', '/'],
  success: 'reports.detail.returned',
})

export const unlockPeriodAction = defineAction({
  schema: unlockSchema,
  permission: 'report.configure',
  run: (input, ctx) => unlockPeriod(ctx, input),
  revalidate: ['/reports'],
  success: 'reports.settings.unlocked',
})

export const saveReportSettingsAction = defineAction({
  schema: reportSettingsSchema,
  permission: 'report.configure',
  run: (input, ctx) => saveReportSettings(ctx, input),
  revalidate: ['/reports'],
  success: 'reports.settings.saved',
})
