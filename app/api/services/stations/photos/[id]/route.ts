import { attachmentResponse } from '@/lib/attachments/service'
import { visibleCheckPhoto } from '@/lib/services/stations/queries'
import { audit, auditDenied } from '@/lib/server/audit'
import { db } from '@/lib/server/db'
import { downloadRequest, textResponse } from '@/lib/server/download'
import { routeId } from '@/lib/validation/fields'

// A photo of a station's check: only for someone who may see the station (a village officer their
// own room's), and every download is audited. ?thumb=1 sends the thumbnail.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const checked = await downloadRequest(['service.view', 'service.station.manage'])
  if (!checked.ok) return checked.response
  const { user, actor, t } = checked
  const id = routeId((await params).id)
  const row = id ? await visibleCheckPhoto(user, id) : null
  if (!row) {
    if (id && (await db.attachment.findUnique({ where: { id }, select: { id: true } }))) await auditDenied(actor, 'service.view', { attachmentId: id })
    return textResponse(404, t('errors.notFound'))
  }
  const thumb = new URL(request.url).searchParams.get('thumb') === '1'
  const response = await attachmentResponse(row, thumb ? 'thumbnail' : 'original')
  if (!response) return textResponse(404, t('errors.notFound'))
  await audit(db, actor, {
    action: thumb ? 'service.station.photo.thumbnail' : 'service.station.photo.download',
    entity: 'StationCheck',
    entityId: row.checkId,
    regionId: row.regionId,
    after: { attachmentId: row.id },
  })
  return response
}
