import { auditIfHidden } from '@/lib/assessment/service'
import { downloadRequest, textResponse } from '@/lib/server/download'
import { routeId } from '@/lib/validation/fields'
import { getScheme } from '@/lib/assessment/queries'
import { schemeToFile } from '@/lib/assessment/format'

/** GET /api/assessment/schemes/:id: the scheme version as a JSON file (docs/assessment-scheme-format.md). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const request = await downloadRequest('assessment.configure')
  if (!request.ok) return request.response
  const { user, actor, t } = request
  const id = routeId((await params).id)
  const scheme = id ? await getScheme(user, id) : null
  if (!scheme) {
    if (id) await auditIfHidden(actor, 'assessment.configure', 'scheme', id)
    return textResponse(404, t('errors.notFound'))
  }
  const name = `${scheme.key}-v${scheme.version}.json`
  return new Response(JSON.stringify(schemeToFile(scheme), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  })
}
