import { auditDenied } from '@/lib/server/audit'
import { db } from '@/lib/server/db'
import { downloadRequest, textResponse, xlsxResponse } from '@/lib/server/download'
import { routeId } from '@/lib/validation/fields'
import { todayIso } from '@/lib/dates'
import { roundDetail } from '@/lib/assessment/inspection-queries'
import { roundWorkbook } from '@/lib/assessment/export'

/** GET /api/assessment/inspections/:id/xlsx: a round's scores, places and open rectification items (the county's users). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const download = await downloadRequest('assessment.inspect')
  if (!download.ok) return download.response
  const { user, actor, t } = download
  const id = routeId((await params).id)
  const round = id ? await roundDetail(user, id, todayIso()) : null
  if (!round) {
    if (id && (await db.inspectionRound.findUnique({ where: { id }, select: { id: true } }))) await auditDenied(actor, 'assessment.inspect', { roundId: id })
    return textResponse(404, t('errors.notFound'))
  }
  const buffer = await roundWorkbook(round, t)
  return xlsxResponse(new Uint8Array(buffer), `inspection-${round.id}.xlsx`, `${round.title}.xlsx`, { 'X-Result-Count': String(round.results.length) })
}
