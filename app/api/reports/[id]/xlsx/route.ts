import { downloadRequest, textResponse, xlsxResponse } from '@/lib/server/download'
import { reportWorkbook } from '@/lib/reports/export'
import { routeId } from '@/lib/reports/schemas'

/** GET /api/reports/:id/xlsx: the report's tables as .xlsx (see lib/reports/export). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const request = await downloadRequest('report.view')
  if (!request.ok) return request.response
  const { t } = request
  const id = routeId((await params).id)
  const file = id ? await reportWorkbook(request, id, t) : null
  if (!file) return textResponse(404, t('errors.notFound'))
  return xlsxResponse(file.buffer, `report-${id}.xlsx`, file.filename)
}
