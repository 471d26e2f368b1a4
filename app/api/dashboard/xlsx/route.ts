import { downloadRequest, textResponse, xlsxResponse } from '@/lib/server/download'
import { dashboardWorkbook } from '@/lib/dashboard/export'
import { dashboardQuerySchema } from '@/lib/dashboard/schemas'

/** GET /api/dashboard/xlsx?chart=…&region=…&period=…: one chart's table as .xlsx (lib/dashboard/export). */
export async function GET(request: Request) {
  const download = await downloadRequest('dashboard.view')
  if (!download.ok) return download.response
  const query = dashboardQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const file = query.chart ? await dashboardWorkbook({ actor: download.actor, subject: download.user }, download.t, query) : null
  if (!file) return textResponse(404, download.t('errors.notFound'))
  return xlsxResponse(file.buffer, `dashboard-${query.chart}.xlsx`, file.filename)
}
