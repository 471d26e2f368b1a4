import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Role } from '@/lib/access/roles'
import { db, type DbClient } from './db'

/** Who did something, and from where. `id` is null for an anonymous request (a failed sign-in). */
export interface Actor {
  id: number | null
  username: string | null
  role: Role | null
  regionId: number | null
  ip: string | null
}

export interface AuditInput {
  action: string
  entity: string
  entityId?: string | number | null
  regionId?: number | null
  before?: Prisma.InputJsonValue | null
  after?: Prisma.InputJsonValue | null
}

/** Appends one audit event. Call it with the transaction that makes the change it describes. */
export async function audit(client: DbClient, actor: Actor, input: AuditInput): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: actor.id,
      actorName: actor.username?.slice(0, 64) ?? null,
      ip: actor.ip?.slice(0, 64) ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId == null ? null : String(input.entityId).slice(0, 64),
      regionId: input.regionId ?? actor.regionId ?? null,
      before: input.before ?? undefined,
      after: input.after ?? undefined,
    },
  })
}

/** Records a refused permission check (outside any transaction, so it survives the refusal). */
export async function auditDenied(actor: Actor, permission: string, details?: Prisma.InputJsonValue): Promise<void> {
  await audit(db, actor, { action: 'permission.denied', entity: 'Permission', entityId: permission, after: details ?? null })
}
