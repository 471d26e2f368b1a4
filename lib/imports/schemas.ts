import { z } from 'zod'
import { formKey } from '@/lib/validation/fields'
import { MAX_IMPORT_BYTES } from './sheet'

/** The uploaded file and whether to only check it or import it. */
export const importRegisterSchema = z.object({
  file: z
    .instanceof(File, { error: 'imports.errors.noFile' })
    .refine((f) => f.size > 0, { error: 'imports.errors.noFile' })
    .refine((f) => f.size <= MAX_IMPORT_BYTES, { error: 'imports.errors.tooLarge' }),
  mode: z.enum(['check', 'commit']).default('check'),
  /** a commit's key, handed out by the check before it: a repeated commit imports nothing twice */
  formKey: formKey.optional(),
})
