'use server'
import { defineAction } from '@/lib/server/action'
import { assignSchema, resolveSchema, sweepSchema } from './schemas'
import { assignFinding, closeFinding, markFixed, sweep } from './service'

// Thin: pipeline -> schema -> permission -> service (which scopes to the user's region and audits).

export const sweepAction = defineAction({
  schema: sweepSchema,
  permission: 'register.review',
  run: async (_input, ctx) => {
    const { t } = ctx
    const result = await sweep(ctx)
    return t('quality.sweep.done', {
      detected: result.detected,
      opened: result.opened,
      reopened: result.reopened,
      fixed: result.fixed,
      seconds: (result.ms / 1000).toFixed(1),
    })
  },
  revalidate: ['/register/quality'],
})

export const assignFindingAction = defineAction({
  schema: assignSchema,
  permission: 'register.review',
  run: (input, ctx) => assignFinding(ctx, input),
  revalidate: ['/register/quality'],
  success: 'quality.assigned',
})

/** Village officers fix the findings of their own village too. */
export const markFixedAction = defineAction({
  schema: resolveSchema,
  permission: 'register.edit',
  run: (input, ctx) => markFixed(ctx, input),
  revalidate: ['/register/quality'],
  success: 'quality.markedFixed',
})

export const closeFindingAction = defineAction({
  schema: resolveSchema,
  permission: 'register.review',
  run: (input, ctx) => closeFinding(ctx, input),
  revalidate: ['/register/quality'],
  success: 'quality.closedDone',
})
