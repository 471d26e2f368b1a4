import { attachmentResponse } from '@/lib/attachments/service'
import { visibleTaskAttachment } from '@/lib/work/queries'
import { audit, auditDenied } from '@/lib/server/audit'
import { db } from '@/lib/server/db'
import { downloadRequest, textResponse } from '@/lib/server/download'
import { routeId } from '@/lib/validation/fields'

// A file of a task (evidence) or of an agreement (the signed scan): only for someone who sees the
// task or agreement; every download is audited.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const checked = await downloadRequest('work.view')
  if (!checked.ok) return checked.response
  const { user, actor, t } = checked
  const id = routeId((await params).id)
  const row = id ? await visibleTaskAttachment(user, id) : null
  if (!row) {
    if (id && (await db.attachment.findUnique({ where: { id }, select: { id: true } }))) await auditDenied(actor, 'work.view', { attachmentId: id })
    return textResponse(404, t('errors.notFound'))
  }
  const response = await attachmentResponse(row, 'original')
  if (!response) return textResponse(404, t('errors.notFound'))
  await audit(db, actor, {
    action: 'work.attachment.download',
    entity: row.ownerType,
    entityId: row.ownerId,
    regionId: row.regionId,
    after: { attachmentId: row.id },
  })
  return response
}
