import { TEMPLATE_CSV } from '@/lib/regions/csv'
import { getSessionUser } from '@/lib/server/session'

export async function GET() {
  if (!(await getSessionUser())) return new Response('Unauthorized', { status: 401 })
  return new Response(TEMPLATE_CSV, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="regions-template.csv"; filename*=UTF-8''${encodeURIComponent('区划导入模板.csv')}`,
    },
  })
}
