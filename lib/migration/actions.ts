'use server'
import { defineAction } from '@/lib/server/action'
import { recordAnswerSchema, recordNoticeSchema } from './schemas'
import { recordAnswer, recordNotice } from './service'

export const recordNoticeAction = defineAction({
  schema: recordNoticeSchema,
  permission: 'register.edit',
  run: (input, ctx) => recordNotice(ctx, input),
  revalidate: ['/register/migrants'],
  success: 'migration.exchange.noticeRecorded',
})

export const recordAnswerAction = defineAction({
  schema: recordAnswerSchema,
  permission: 'register.edit',
  run: (input, ctx) => recordAnswer(ctx, input),
  revalidate: ['/register/migrants'],
  success: 'migration.exchange.answerRecorded',
})
