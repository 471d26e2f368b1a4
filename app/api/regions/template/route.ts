import { TEMPLATE_CSV } from '@/lib/regions/csv'
import { downloadRequest } from '@/lib/server/download'

/** GET /api/regions/template: the CSV template of the region import, for those who import regions. */
export async function GET() {
  const request = await downloadRequest('region.manage')
  if (!request.ok) return request.response
  return new Response(TEMPLATE_CSV, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="regions-template.csv"; filename*=UTF-8''${encodeURIComponent('区划导入模板.csv')}`,
      'Cache-Control': 'no-store',
    },
  })
}
