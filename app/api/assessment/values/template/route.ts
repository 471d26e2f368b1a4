import { auditIfHidden } from '@/lib/assessment/service'
import { downloadRequest, textResponse, xlsxResponse } from '@/lib/server/download'
import { routeId } from '@/lib/validation/fields'
import { valuesGrid } from '@/lib/assessment/queries'
import { valueTemplate } from '@/lib/assessment/sheet'

/** GET /api/assessment/values/template?schemeId=&period=: the sheet to fill in, with the values already entered. */
export async function GET(request: Request) {
  const download = await downloadRequest('assessment.run')
  if (!download.ok) return download.response
  const { user, actor, t } = download
  const url = new URL(request.url)
  const schemeId = routeId(url.searchParams.get('schemeId'))
  const period = url.searchParams.get('period') ?? ''
  const grid = schemeId && /^\d{4}$/.test(period) ? await valuesGrid(user, schemeId, period) : null
  if (!grid) {
    if (schemeId) await auditIfHidden(actor, 'assessment.run', 'scheme', schemeId)
    return textResponse(404, t('errors.notFound'))
  }
  const buffer = await valueTemplate(grid.indicators, grid.townships, grid.values, t('assessment.township'))
  return xlsxResponse(new Uint8Array(buffer), `values-${grid.scheme.key}-${period}.xlsx`, `${grid.scheme.name}-${period}.xlsx`)
}
