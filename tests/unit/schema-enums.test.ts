import { describe, expect, it } from 'vitest'
import { RegionLevel, Role } from '@/lib/generated/prisma/enums'
import { REGION_LEVELS, ROLES } from '@/lib/access/roles'

describe('shared enums', () => {
  it('match the database schema', () => {
    expect([...ROLES].sort()).toEqual(Object.values(Role).sort())
    expect([...REGION_LEVELS].sort()).toEqual(Object.values(RegionLevel).sort())
  })
})
