import { attachmentResponse, ATTACHMENT_SELECT } from '@/lib/attachments/service'
import { attachmentOwnerVisible } from '@/lib/assessment/inspection-queries'
import { RECTIFICATION_EVIDENCE, SCORE_PHOTO } from '@/lib/assessment/inspections'
import { can } from '@/lib/access/permissions'
import { audit, auditDenied } from '@/lib/server/audit'
import { db } from '@/lib/server/db'
import { getT } from '@/lib/i18n/server'
import { actorOf, getSessionUser } from '@/lib/server/session'
import { textResponse } from '@/lib/server/download'
import { routeId } from '@/lib/validation/fields'

// A photo of an inspection score or a rectification's evidence: only for someone who may see the
// row it belongs to (the county's inspectors and officials; a township its own, once published).
// Every download is audited. ?thumb=1 sends an image's thumbnail.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const t = await getT()
  const user = await getSessionUser()
  if (!user) return textResponse(401, t('errors.sessionExpired'))
  const actor = await actorOf(user)
  if (user.mustChangePassword) return textResponse(403, t('errors.forbidden'))
  if (!can(user, 'assessment.inspect') && !can(user, 'assessment.rectify') && !can(user, 'assessment.run')) {
    await auditDenied(actor, 'assessment.inspect', { download: true })
    return textResponse(403, t('errors.forbidden'))
  }
  const id = routeId((await params).id)
  const row = id
    ? await db.attachment.findFirst({
        where: { id, ownerType: { in: [SCORE_PHOTO, RECTIFICATION_EVIDENCE] } },
        select: { ...ATTACHMENT_SELECT, ownerType: true, ownerId: true },
      })
    : null
  if (!row || !(await attachmentOwnerVisible(user, row.ownerType, row.ownerId))) {
    if (id && (await db.attachment.findUnique({ where: { id }, select: { id: true } }))) await auditDenied(actor, 'assessment.inspect', { attachmentId: id })
    return textResponse(404, t('errors.notFound'))
  }
  const thumb = new URL(request.url).searchParams.get('thumb') === '1'
  const response = await attachmentResponse(row, thumb ? 'thumbnail' : 'original')
  if (!response) return textResponse(404, t('errors.notFound'))
  await audit(db, actor, {
    action: thumb ? 'inspection.attachment.thumbnail' : 'inspection.attachment.download',
    entity: row.ownerType,
    entityId: row.ownerId,
    after: { attachmentId: row.id },
  })
  return response
}
