'use server'
import { randomUUID } from 'node:crypto'
import { defineAction } from '@/lib/server/action'
import { importRegisterSchema } from './schemas'
import { importRegister } from './service'

export const importRegisterAction = defineAction({
  schema: importRegisterSchema,
  permission: 'register.edit',
  run: async (input, ctx) => {
    const result = await importRegister(ctx, new Uint8Array(await input.file.arrayBuffer()), input.mode === 'commit', input.formKey)
    // a check hands out the key its commit button sends
    return { ...result, commitKey: randomUUID() }
  },
})
