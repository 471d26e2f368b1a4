import { auditIfHidden } from '@/lib/assessment/service'
import { downloadRequest, textResponse, xlsxResponse } from '@/lib/server/download'
import { routeId } from '@/lib/validation/fields'
import { getRun } from '@/lib/assessment/queries'
import { runWorkbook } from '@/lib/assessment/export'

/** GET /api/assessment/runs/:id/xlsx: the results table and every indicator's points (a township: its own row, once published). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const download = await downloadRequest('assessment.view')
  if (!download.ok) return download.response
  const { user, actor, t } = download
  const id = routeId((await params).id)
  const run = id ? await getRun(user, id) : null
  if (!run) {
    if (id) await auditIfHidden(actor, 'assessment.view', 'run', id)
    return textResponse(404, t('errors.notFound'))
  }
  const buffer = await runWorkbook(run, t)
  return xlsxResponse(new Uint8Array(buffer), `assessment-${run.id}.xlsx`, `${run.title}.xlsx`, { 'X-Result-Count': String(run.results.length) })
}
