import type { NextRequest } from 'next/server'
import { can } from '@/lib/access/permissions'
import { exportRegister, MAX_EXPORT_ROWS } from '@/lib/imports/export'
import { searchSchema } from '@/lib/registry/schemas'
import { getT } from '@/lib/i18n/server'
import { auditDenied } from '@/lib/server/audit'
import { actorOf, getSessionUser } from '@/lib/server/session'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** GET /api/register/export?q=…&regionId=…: the register search's list as .xlsx (see lib/imports/export). */
export async function GET(request: NextRequest) {
  const t = await getT()
  const text = (status: number, message: string) => new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  const user = await getSessionUser()
  if (!user) return text(401, t('errors.sessionExpired'))
  const actor = await actorOf(user)
  if (user.mustChangePassword) return text(403, t('errors.forbidden'))
  if (!can(user, 'register.view')) {
    await auditDenied(actor, 'register.view', { export: true })
    return text(403, t('errors.forbidden'))
  }
  const { page: _page, ...filter } = searchSchema.parse(Object.fromEntries(request.nextUrl.searchParams))
  void _page
  const started = await exportRegister(actor, user, filter)
  if (!started.ok) return text(413, t('imports.export.tooMany', { count: started.count, max: MAX_EXPORT_ROWS }))
  const date = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  return new Response(started.stream, {
    headers: {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="register-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(`人口信息-${date}.xlsx`)}`,
      'Cache-Control': 'no-store',
      'X-Export-Count': String(started.count),
      'X-Export-Full-Ids': started.fullIds ? '1' : '0',
    },
  })
}
