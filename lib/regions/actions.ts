'use server'
import { defineAction } from '@/lib/server/action'
import { AppError } from '@/lib/server/errors'
import { createRegionSchema, importRegionsSchema, MAX_IMPORT_ROWS, renameRegionSchema, setRegionActiveSchema, setupCountySchema } from './schemas'
import { createRegion, importRegions, renameRegion, setRegionActive } from './service'
import { readRegionCsv } from './csv'
import { previewCountySetup, setupCounty, type CountySetupPreview, type CountySetupResult } from './setup'

export const createRegionAction = defineAction({
  schema: createRegionSchema,
  permission: 'region.manage',
  run: (input, ctx) => createRegion(ctx, input),
  revalidate: ['/regions'],
  success: 'regions.created',
})

export const renameRegionAction = defineAction({
  schema: renameRegionSchema,
  permission: 'region.manage',
  run: (input, ctx) => renameRegion(ctx, input),
  revalidate: ['/regions'],
  success: 'common.saved',
})

export const setRegionActiveAction = defineAction({
  schema: setRegionActiveSchema,
  permission: 'region.manage',
  run: (input, ctx) => setRegionActive(ctx, input),
  revalidate: ['/regions'],
  success: 'common.saved',
})

export const importRegionsAction = defineAction({
  schema: importRegionsSchema,
  permission: 'region.manage',
  run: async (input, ctx) => {
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await input.file.arrayBuffer())
    } catch {
      throw new AppError('regions.import.notUtf8')
    }
    const read = readRegionCsv(text, MAX_IMPORT_ROWS)
    if (!read.ok) throw new AppError(read.error, { max: MAX_IMPORT_ROWS })
    return importRegions(ctx, read.rows, input.mode === 'commit')
  },
  revalidate: ['/regions'],
})

/** Preview (reads only) or create the county's tree from the national division list. */
export const setupCountyAction = defineAction({
  schema: setupCountySchema,
  permission: 'region.setup',
  run: async (input, { user, actor }): Promise<{ preview: CountySetupPreview } | { created: CountySetupResult }> => {
    const ctx = { actor, subject: user }
    if (input.mode === 'preview') return { preview: await previewCountySetup(ctx, input) }
    return { created: await setupCounty(ctx, input) }
  },
  revalidate: ['/regions'],
})
