'use server'
import { randomUUID } from 'node:crypto'
import { defineAction } from '@/lib/server/action'
import { recordAnswerSchema, recordNoticeSchema } from './schemas'
import { recordAnswer, recordNotice } from './service'

export const recordNoticeAction = defineAction({
  schema: recordNoticeSchema,
  permission: 'register.edit',
  // the form stays on the page: each success hands it the key for its next submit
  run: async (input, ctx) => ({ ...(await recordNotice(ctx, input)), nextFormKey: randomUUID() }),
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
