'use server'
import { defineAction } from '@/lib/server/action'
import { importRegisterSchema } from './schemas'
import { importRegister } from './service'

export const importRegisterAction = defineAction({
  schema: importRegisterSchema,
  permission: 'register.edit',
  run: async (input, ctx) => importRegister(ctx, new Uint8Array(await input.file.arrayBuffer()), input.mode === 'commit'),
})
