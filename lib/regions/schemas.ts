import { z } from 'zod'
import { id, nameText, version } from '@/lib/validation/fields'
import { REGION_IMPORT_MAX_BYTES } from '@/lib/uploads'

/** 12 digits, or 15 for a village group (its village's 12 and a 3-digit group number). */
export const regionCode = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { error: 'errors.required' })
  .max(15, { error: 'regions.errors.format' })
  .regex(/^(\d{12}|\d{15})$/, { error: 'regions.errors.format' })

export const regionName = nameText(50)

/** A new region's code; under a village also just the group number (1–999), which becomes the village's code and the number. */
export const newRegionCode = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { error: 'errors.required' })
  .max(15, { error: 'regions.errors.format' })
  .regex(/^(\d{1,3}|\d{12}|\d{15})$/, { error: 'regions.errors.format' })

export const createRegionSchema = z.object({ parentId: id, code: newRegionCode, name: regionName })
export const renameRegionSchema = z.object({ id, version, name: regionName })
export const setRegionActiveSchema = z.object({ id, version, active: z.enum(['true', 'false']).transform((v) => v === 'true') })

/** The uploaded CSV: up to 1 MB, the first 5,000 data rows. */
export const MAX_IMPORT_BYTES = REGION_IMPORT_MAX_BYTES
export const MAX_IMPORT_ROWS = 5_000

export const importRegionsSchema = z.object({
  file: z
    .instanceof(File, { error: 'regions.import.noFile' })
    .refine((f) => f.size > 0, { error: 'regions.import.noFile' })
    .refine((f) => f.size <= MAX_IMPORT_BYTES, { error: 'regions.import.tooLarge' }),
  mode: z.enum(['check', 'commit']).default('check'),
})

/** County setup from the national list: preview first (reads only), then create. */
export const setupCountySchema = z.object({
  code: z.string({ error: 'errors.required' }).trim().min(1, { error: 'errors.required' }).max(20, { error: 'regions.setup.errors.format' }),
  mode: z.enum(['preview', 'create']).default('preview'),
})
