import { attachmentResponse } from '@/lib/attachments/service'
import { visibleAttachment } from '@/lib/services/queries'
import { audit, auditDenied } from '@/lib/server/audit'
import { db } from '@/lib/server/db'
import { downloadRequest, textResponse } from '@/lib/server/download'
import { routeId } from '@/lib/validation/fields'

// A file attached to a service record: only for someone who may see the record (its region and,
// for a sensitive record, its township's service staff), and every download is audited.
// ?thumb=1 sends an image's thumbnail.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const checked = await downloadRequest('service.view')
  if (!checked.ok) return checked.response
  const { user, actor, t } = checked
  const id = routeId((await params).id)
  const row = id ? await visibleAttachment(user, id) : null
  if (!row) {
    if (id && (await db.attachment.findUnique({ where: { id }, select: { id: true } }))) await auditDenied(actor, 'service.view', { attachmentId: id })
    return textResponse(404, t('errors.notFound'))
  }
  const thumb = new URL(request.url).searchParams.get('thumb') === '1'
  const response = await attachmentResponse(row, thumb ? 'thumbnail' : 'original')
  if (!response) return textResponse(404, t('errors.notFound'))
  await audit(db, actor, {
    action: thumb ? 'service.attachment.thumbnail' : 'service.attachment.download',
    entity: 'ServiceRecord',
    entityId: row.recordId,
    regionId: row.regionId,
    after: { attachmentId: row.id },
  })
  return response
}
