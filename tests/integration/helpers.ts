import type { Actor } from '@/lib/server/audit'
import type { Subject } from '@/lib/access/permissions'
import type { Role } from '@/lib/access/roles'

export function asActor(user: { id: number; username: string; role: Role; regionId: number }): Actor & Subject {
  return { id: user.id, username: user.username, role: user.role, regionId: user.regionId, ip: '127.0.0.1' }
}

export const meta = { ip: '127.0.0.1', userAgent: 'vitest' }

export const minutes = (date: Date, n: number) => new Date(date.getTime() + n * 60_000)
