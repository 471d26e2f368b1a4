import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { auditDenied } from '@/lib/server/audit'
import { actorOf, getSessionUser } from '@/lib/server/session'
import { reportWorkbook } from '@/lib/reports/export'
import { routeId } from '@/lib/reports/schemas'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** GET /api/reports/:id/xlsx: the report's tables as .xlsx (see lib/reports/export). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const t = await getT()
  const text = (status: number, message: string) => new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  const user = await getSessionUser()
  if (!user) return text(401, t('errors.sessionExpired'))
  const actor = await actorOf(user)
  if (user.mustChangePassword) return text(403, t('errors.forbidden'))
  if (!can(user, 'report.view')) {
    await auditDenied(actor, 'report.view', { export: true })
    return text(403, t('errors.forbidden'))
  }
  const id = routeId((await params).id)
  const file = id ? await reportWorkbook(actor, user, id, t) : null
  if (!file) return text(404, t('errors.notFound'))
  return new Response(file.buffer, {
    headers: {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="report-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'Cache-Control': 'no-store',
    },
  })
}
