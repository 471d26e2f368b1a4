import 'server-only'
import { can, type Action } from '@/lib/access/permissions'
import type { Translate } from '@/lib/i18n/core'
import { getT } from '@/lib/i18n/server'
import { auditDenied } from './audit'
import type { ServiceContext } from './context'
import { actorOf, getSessionUser, type SessionUser } from './session'

// What every download route (app/api/…) checks before it answers: a session, no pending password
// change, the permission (a refusal is audited). Plain-text errors in the user's language.

export function textResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}

/** The signed-in user allowed `permission` (or any one of a list), or the error response to send instead. */
export async function downloadRequest(
  permission: Action | readonly Action[],
): Promise<({ ok: true; user: SessionUser; t: Translate } & ServiceContext) | { ok: false; response: Response }> {
  const t = await getT()
  const user = await getSessionUser()
  if (!user) return { ok: false, response: textResponse(401, t('errors.sessionExpired')) }
  const actor = await actorOf(user)
  if (user.mustChangePassword) return { ok: false, response: textResponse(403, t('errors.forbidden')) }
  const any = typeof permission === 'string' ? [permission] : permission
  if (!any.some((p) => can(user, p))) {
    await auditDenied(actor, any.join('|'), { download: true })
    return { ok: false, response: textResponse(403, t('errors.forbidden')) }
  }
  return { ok: true, user, actor, subject: user, t }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** An .xlsx attachment: an ASCII file name for old clients, the real (Chinese) one for the rest. */
export function xlsxResponse(body: BodyInit, asciiName: string, name: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'no-store',
      ...headers,
    },
  })
}
