'use server'
import { defineAction } from '@/lib/server/action'
import {
  correctRecordSchema,
  createTypeSchema,
  recordActivitySchema,
  recordServiceSchema,
  specialFamilySchema,
  updateTypeSchema,
  withdrawConsentSchema,
} from './schemas'
import { correctRecord, createType, recordActivity, recordService, setSpecialFamily, updateType, withdrawConsent } from './service'

export const createTypeAction = defineAction({
  schema: createTypeSchema,
  permission: 'service.catalogue',
  run: (input, ctx) => createType(ctx, input),
  revalidate: ['/services/catalogue'],
  success: 'services.catalogue.created',
})

export const updateTypeAction = defineAction({
  schema: updateTypeSchema,
  permission: 'service.catalogue',
  run: (input, ctx) => updateType(ctx, input),
  revalidate: ['/services/catalogue'],
  success: 'services.catalogue.updated',
})

export const recordServiceAction = defineAction({
  schema: recordServiceSchema,
  permission: 'service.record',
  run: (input, ctx) => recordService(ctx, input),
  revalidate: ['/register', '/services'],
  success: 'services.record.saved',
})

export const recordActivityAction = defineAction({
  schema: recordActivitySchema,
  permission: 'service.record',
  run: (input, ctx) => recordActivity(ctx, input),
  revalidate: ['/services'],
  success: 'services.activity.saved',
})

export const correctRecordAction = defineAction({
  schema: correctRecordSchema,
  permission: 'service.record',
  run: (input, ctx) => correctRecord(ctx, input),
  revalidate: ['/register', '/services'],
  success: 'services.record.corrected',
})

export const withdrawConsentAction = defineAction({
  schema: withdrawConsentSchema,
  permission: 'service.sensitive',
  run: (input, ctx) => withdrawConsent(ctx, input),
  revalidate: ['/register', '/services'],
  success: 'services.record.withdrawn',
})

export const setSpecialFamilyAction = defineAction({
  schema: specialFamilySchema,
  permission: 'service.families',
  run: (input, ctx) => setSpecialFamily(ctx, input),
  revalidate: ['/register', '/services'],
  success: 'services.family.saved',
})
