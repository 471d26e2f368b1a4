'use server'
import { defineAction } from '@/lib/server/action'
import {
  advanceSchema,
  applySchema,
  categorySchema,
  exitSchema,
  noticeSchema,
  objectionSchema,
  programSchema,
  refuseSchema,
  resolveObjectionSchema,
  returnSchema,
  standardSchema,
  updateProgramSchema,
} from './schemas'
import {
  addCategory,
  addStandard,
  advance,
  apply,
  createProgram,
  exitEnrollment,
  publishNotice,
  raiseObjection,
  refuseApplication,
  resolveObjection,
  returnApplication,
  updateProgram,
} from './service'

export const createProgramAction = defineAction({
  schema: programSchema,
  permission: 'benefit.configure',
  run: (input, ctx) => createProgram(ctx, input),
  revalidate: ['/benefits/programs'],
  success: 'benefits.programs.saved',
})

export const updateProgramAction = defineAction({
  schema: updateProgramSchema,
  permission: 'benefit.configure',
  run: (input, ctx) => updateProgram(ctx, input),
  revalidate: ['/benefits/programs'],
  success: 'benefits.programs.saved',
})

export const addCategoryAction = defineAction({
  schema: categorySchema,
  permission: 'benefit.configure',
  run: (input, ctx) => addCategory(ctx, input),
  revalidate: ['/benefits/programs'],
  success: 'benefits.programs.categorySaved',
})

export const addStandardAction = defineAction({
  schema: standardSchema,
  permission: 'benefit.configure',
  run: (input, ctx) => addStandard(ctx, input),
  revalidate: ['/benefits/programs'],
  success: 'benefits.programs.standardSaved',
})

export const applyAction = defineAction({
  schema: applySchema,
  permission: 'benefit.apply',
  run: (input, ctx) => apply(ctx, input),
  revalidate: ['/benefits', '/register'],
  success: 'benefits.apply.saved',
})

/** A forward step: which permission it needs (process or approve) the service decides from the step. */
export const advanceAction = defineAction({
  schema: advanceSchema,
  run: (input, ctx) => advance(ctx, input),
  revalidate: ['/benefits'],
  success: 'benefits.done.step',
})

export const returnAction = defineAction({
  schema: returnSchema,
  run: (input, ctx) => returnApplication(ctx, input),
  revalidate: ['/benefits'],
  success: 'benefits.done.returned',
})

export const refuseAction = defineAction({
  schema: refuseSchema,
  run: (input, ctx) => refuseApplication(ctx, input),
  revalidate: ['/benefits'],
  success: 'benefits.done.refused',
})

export const publishNoticeAction = defineAction({
  schema: noticeSchema,
  permission: 'benefit.process',
  run: (input, ctx) => publishNotice(ctx, input),
  revalidate: ['/benefits'],
  success: 'benefits.notice.published',
})

export const raiseObjectionAction = defineAction({
  schema: objectionSchema,
  permission: 'benefit.process',
  run: (input, ctx) => raiseObjection(ctx, input),
  revalidate: ['/benefits'],
  success: 'benefits.done.objection',
})

export const resolveObjectionAction = defineAction({
  schema: resolveObjectionSchema,
  permission: 'benefit.process',
  run: (input, ctx) => resolveObjection(ctx, input),
  revalidate: ['/benefits'],
  success: 'benefits.done.resolved',
})

export const exitEnrollmentAction = defineAction({
  schema: exitSchema,
  permission: 'benefit.process',
  run: (input, ctx) => exitEnrollment(ctx, input),
  revalidate: ['/benefits'],
  success: 'benefits.done.exit',
})
