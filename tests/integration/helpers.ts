import type { Actor } from '@/lib/server/audit'
import type { Subject } from '@/lib/access/permissions'
import type { ServiceContext } from '@/lib/server/context'
import type { RegionLevel, Role } from '@/lib/access/roles'
import { makeUser, uniqueUsername } from '@/tests/factories'
import { db } from '../setup/db'

/** A user as services see them: `level` is their region's, which some grants depend on. */
export function asActor(user: { id: number; username: string; role: Role; regionId: number }, level: RegionLevel): Actor & Subject {
  return { id: user.id, username: user.username, role: user.role, regionId: user.regionId, regionLevel: level, ip: '127.0.0.1' }
}

/** The context a service takes, for a test user that is both the actor and the subject. */
export function ctxOf(user: Actor & Subject): ServiceContext {
  return { actor: user, subject: user }
}

export const meta = { ip: '127.0.0.1', userAgent: 'vitest' }

export const minutes = (date: Date, n: number) => new Date(date.getTime() + n * 60_000)

/** A user of `role` in `region`, as services see them: actor and leveled subject in one. */
export async function staff(role: Role, region: { id: number; level: RegionLevel }, name?: string) {
  const user = await makeUser(db, { username: uniqueUsername(role.slice(0, 2).toLowerCase()), name, role, regionId: region.id, password: 'Correct-horse-42' })
  return { id: user.id, username: user.username, role, regionId: region.id, regionLevel: region.level, ip: '127.0.0.1' }
}

/**
 * A user as both the actor and the signed-in SessionUser the report services take (as
 * validateSession would build it): `region` needs its ancestors for the scope checks.
 */
export async function sessionStaff(role: Role, region: { id: number; level: RegionLevel; ancestorIds: number[]; name?: string }, name?: string) {
  const user = await staff(role, region, name)
  return {
    ...user,
    sessionId: `test-${user.id}`,
    name: name ?? user.username,
    regionName: region.name ?? '',
    regionAncestorIds: region.ancestorIds,
    mustChangePassword: false,
  }
}
