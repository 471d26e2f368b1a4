import type { NextRequest } from 'next/server'
import { exportRegister, MAX_EXPORT_ROWS } from '@/lib/imports/export'
import { searchSchema } from '@/lib/registry/schemas'
import { fieldErrorsOf } from '@/lib/server/action'
import { downloadRequest, textResponse, xlsxResponse } from '@/lib/server/download'

/**
 * GET /api/register/export?q=…&regionId=…: the register search's list as .xlsx (see lib/imports/export),
 * for the roles that maintain the register (`register.export`); a refusal is audited.
 */
export async function GET(request: NextRequest) {
  const allowed = await downloadRequest('register.export')
  if (!allowed.ok) return allowed.response
  const { t } = allowed
  // The search's own schema, so the export lists exactly the rows the page shows. A repeated
  // parameter is kept as a list, which the schema refuses like any other malformed value.
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(request.nextUrl.searchParams.keys())) {
    const values = request.nextUrl.searchParams.getAll(key)
    query[key] = values.length === 1 ? values[0] : values
  }
  const parsed = searchSchema.safeParse(query)
  if (!parsed.success) return textResponse(400, Object.values(fieldErrorsOf(parsed.error, t)).join(' '))
  const { page: _page, ...filter } = parsed.data
  void _page
  const started = await exportRegister(allowed, filter)
  if (!started.ok) return textResponse(413, t('imports.export.tooMany', { count: started.count, max: MAX_EXPORT_ROWS }))
  const date = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  return xlsxResponse(started.stream, `register-${date}.xlsx`, `人口信息-${date}.xlsx`, {
    'X-Export-Count': String(started.count),
    'X-Export-Full-Ids': started.fullIds ? '1' : '0',
  })
}
