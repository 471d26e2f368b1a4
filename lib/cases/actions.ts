'use server'
import { defineAction } from '@/lib/server/action'
import { assignCaseSchema, closeCaseSchema, departmentSchema, receiveCaseSchema, replyCaseSchema } from './schemas'
import { addDepartment, assignCase, closeCase, receiveCase, replyCase } from './service'

export const receiveCaseAction = defineAction({
  schema: receiveCaseSchema,
  permission: 'case.receive',
  run: (input, ctx) => receiveCase(ctx, input),
  revalidate: ['/cases', '/'],
  success: 'cases.received',
})

export const assignCaseAction = defineAction({
  schema: assignCaseSchema,
  permission: 'case.receive',
  run: (input, ctx) => assignCase(ctx, input),
  revalidate: ['/cases', '/'],
  success: 'cases.assigned',
})

export const replyCaseAction = defineAction({
  schema: replyCaseSchema,
  permission: 'case.handle',
  run: (input, ctx) => replyCase(ctx, input),
  revalidate: ['/cases', '/'],
  success: 'cases.replied',
})

export const closeCaseAction = defineAction({
  schema: closeCaseSchema,
  permission: 'case.handle',
  run: (input, ctx) => closeCase(ctx, input),
  revalidate: ['/cases', '/'],
  success: 'cases.closedMessage',
})

export const addDepartmentAction = defineAction({
  schema: departmentSchema,
  permission: 'case.departments',
  run: (input, ctx) => addDepartment(ctx, input),
  revalidate: ['/cases/departments'],
  success: 'cases.departmentAdded',
})
