'use server'
import { defineAction } from '@/lib/server/action'
import {
  createInstitutionSchema,
  createItemSchema,
  createStationSchema,
  findAttendeesSchema,
  recordCheckSchema,
  updateInstitutionSchema,
  updateItemSchema,
  updateStationSchema,
} from './schemas'
import { findResidents } from './queries'
import { createChecklistItem, createInstitution, createStation, recordCheck, updateChecklistItem, updateInstitution, updateStation } from './service'

export const createStationAction = defineAction({
  schema: createStationSchema,
  permission: 'service.station.manage',
  run: (input, ctx) => createStation(ctx, input),
  revalidate: ['/services/stations'],
  success: 'stations.saved',
})

export const updateStationAction = defineAction({
  schema: updateStationSchema,
  permission: 'service.station.manage',
  run: (input, ctx) => updateStation(ctx, input),
  revalidate: ['/services/stations'],
  success: 'stations.saved',
})

export const recordCheckAction = defineAction({
  schema: recordCheckSchema,
  permission: 'service.station.manage',
  run: (input, ctx) => recordCheck(ctx, input),
  revalidate: ['/services/stations', '/services'],
  success: 'stations.check.saved',
})

export const createChecklistItemAction = defineAction({
  schema: createItemSchema,
  permission: 'service.catalogue',
  run: (input, ctx) => createChecklistItem(ctx, input),
  revalidate: ['/services/stations/checklist'],
  success: 'stations.checklist.saved',
})

export const updateChecklistItemAction = defineAction({
  schema: updateItemSchema,
  permission: 'service.catalogue',
  run: (input, ctx) => updateChecklistItem(ctx, input),
  revalidate: ['/services/stations/checklist'],
  success: 'stations.checklist.saved',
})

export const createInstitutionAction = defineAction({
  schema: createInstitutionSchema,
  permission: 'service.childcare',
  run: (input, ctx) => createInstitution(ctx, input),
  revalidate: ['/services/childcare', '/services'],
  success: 'stations.childcare.saved',
})

export const updateInstitutionAction = defineAction({
  schema: updateInstitutionSchema,
  permission: 'service.childcare',
  run: (input, ctx) => updateInstitution(ctx, input),
  revalidate: ['/services/childcare', '/services'],
  success: 'stations.childcare.saved',
})

/** Residents of the caller's area by name, for a group activity's attendee list (names, place, year of birth). */
export const findAttendeesAction = defineAction({
  schema: findAttendeesSchema,
  permission: 'service.record',
  run: async (input, ctx) => (await findResidents(ctx.subject, input.q)).map(({ birthDate: _b, ...r }) => r),
})
