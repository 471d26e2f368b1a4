'use server'
import { defineAction } from '@/lib/server/action'
import {
  agreementItemSchema,
  agreementSchema,
  checkTaskSchema,
  issueTaskSchema,
  progressSchema,
  reportTaskSchema,
  scanSchema,
  warningDaysSchema,
} from './schemas'
import { addAgreementItem, attachScan, checkTask, createAgreement, issueTask, recordProgress, reportTask, setWarningDays } from './service'

export const issueTaskAction = defineAction({
  schema: issueTaskSchema,
  permission: 'work.task.assign',
  run: (input, ctx) => issueTask(ctx, input),
  revalidate: ['/work', '/'],
  success: 'work.task.issued',
})

export const reportTaskAction = defineAction({
  schema: reportTaskSchema,
  permission: 'work.task.report',
  run: (input, ctx) => reportTask(ctx, input),
  revalidate: ['/work', '/'],
  success: 'work.task.reported',
})

export const checkTaskAction = defineAction({
  schema: checkTaskSchema,
  permission: 'work.task.assign',
  run: (input, ctx) => checkTask(ctx, input),
  revalidate: ['/work', '/'],
  success: 'work.task.checked',
})

export const setWarningDaysAction = defineAction({
  schema: warningDaysSchema,
  permission: 'work.configure',
  run: (input, ctx) => setWarningDays(ctx, input.warningDays),
  revalidate: ['/work'],
  success: 'common.saved',
})

export const createAgreementAction = defineAction({
  schema: agreementSchema,
  permission: 'work.agreement.manage',
  run: (input, ctx) => createAgreement(ctx, input),
  revalidate: ['/work/agreements'],
  success: 'work.agreement.created',
})

export const addAgreementItemAction = defineAction({
  schema: agreementItemSchema,
  permission: 'work.agreement.manage',
  run: (input, ctx) => addAgreementItem(ctx, input),
  revalidate: ['/work/agreements'],
  success: 'work.agreement.itemAdded',
})

export const recordProgressAction = defineAction({
  schema: progressSchema,
  permission: 'work.agreement.manage',
  run: (input, ctx) => recordProgress(ctx, input),
  revalidate: ['/work/agreements'],
  success: 'work.agreement.progressSaved',
})

export const attachScanAction = defineAction({
  schema: scanSchema,
  permission: 'work.agreement.manage',
  run: (input, ctx) => attachScan(ctx, input),
  revalidate: ['/work/agreements'],
  success: 'work.agreement.scanSaved',
})
