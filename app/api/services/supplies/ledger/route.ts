import { downloadRequest, textResponse, xlsxResponse } from '@/lib/server/download'
import { getLocale } from '@/lib/i18n/server'
import { todayIso } from '@/lib/dates'
import { ledgerWorkbook } from '@/lib/services/supplies/export'
import { ledgerFilterSchema } from '@/lib/services/supplies/schemas'

/** GET /api/services/supplies/ledger?unit=…&month=yyyy-mm: the monthly supplies ledger as .xlsx. */
export async function GET(request: Request) {
  const download = await downloadRequest('supply.view')
  if (!download.ok) return download.response
  const { t } = download
  const params = new URL(request.url).searchParams
  const month = ledgerFilterSchema.parse({ month: params.get('month') ?? undefined }).month ?? todayIso().slice(0, 7)
  const file = await ledgerWorkbook(download, params.get('unit') ?? undefined, month, t, await getLocale())
  if (!file) return textResponse(404, t('errors.notFound'))
  return xlsxResponse(file.buffer, `supplies-ledger-${month}.xlsx`, file.filename)
}
