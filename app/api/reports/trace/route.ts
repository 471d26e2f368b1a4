import { downloadRequest, textResponse, xlsxResponse } from '@/lib/server/download'
import { traceWorkbook } from '@/lib/reports/trace-export'
import { routeId, traceQuerySchema } from '@/lib/reports/schemas'
import { AppError } from '@/lib/server/errors'

/** GET /api/reports/trace?region=&kind=&period=&key=: the records behind one count as .xlsx (lib/reports/trace-export). */
export async function GET(request: Request) {
  const download = await downloadRequest('register.export')
  if (!download.ok) return download.response
  const { t } = download
  const raw = traceQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const regionId = raw.region === undefined ? null : routeId(raw.region)
  if (!regionId || !raw.kind || !raw.period || !raw.key) return textResponse(404, t('errors.notFound'))
  try {
    const file = await traceWorkbook(download, { regionId, kind: raw.kind, periodKey: raw.period, key: raw.key }, t)
    if (!file) return textResponse(404, t('errors.notFound'))
    return xlsxResponse(file.buffer, `trace-${regionId}-${raw.period}-${raw.key}.xlsx`, file.filename, { 'X-Export-Count': String(file.count) })
  } catch (error) {
    if (error instanceof AppError) return textResponse(error.key === 'errors.forbidden' ? 403 : 400, t(error.key, error.params))
    throw error
  }
}
