'use server'
import { defineAction } from '@/lib/server/action'
import { regionChangeSchema } from './history-schemas'
import { recordRegionChange } from './history'

/** Previews (mode=preview) or records (mode=commit) a region change: split, merger, rename, village moved. */
export const recordRegionChangeAction = defineAction({
  schema: regionChangeSchema,
  permission: 'region.change',
  run: ({ mode, ...input }, { user, actor }) => recordRegionChange({ actor, subject: user }, input, mode === 'commit'),
  revalidate: ['/regions', '/regions/history', '/users', '/'],
})
