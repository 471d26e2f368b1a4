import { can } from '@/lib/access/permissions'
import { templateWorkbook } from '@/lib/imports/sheet'
import { db } from '@/lib/server/db'
import { getSessionUser } from '@/lib/server/session'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The import template; its example rows use the first village the user may enter people in. */
export async function GET() {
  const user = await getSessionUser()
  if (!user) return new Response('Unauthorized', { status: 401 })
  if (!can(user, 'register.edit')) return new Response('Forbidden', { status: 403 })
  const village = await db.region.findFirst({
    where: { level: 'VILLAGE', active: true, OR: [{ id: user.regionId }, { ancestorIds: { has: user.regionId } }] },
    orderBy: { code: 'asc' },
    select: { code: true },
  })
  const body = await templateWorkbook(village?.code)
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="register-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('人口导入模板.xlsx')}`,
      'Cache-Control': 'no-store',
    },
  })
}
