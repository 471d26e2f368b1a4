import type { Metadata } from 'next'
import { randomUUID } from 'node:crypto'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { can } from '@/lib/access/permissions'
import { routeId } from '@/lib/validation/fields'
import { scoreSheet } from '@/lib/assessment/inspection-queries'
import { points } from '@/lib/assessment/present'
import { Alert, ButtonLink, Card, PageTitle, Table, Td, Th } from '@/components/ui'
import { RectificationOpenForm, ScoreSheetForm } from '@/components/assessment/InspectionForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inspections.scores.sheet') }
}

/** One township's score sheet: the form for an inspector of its team while the round is open, the table otherwise. */
export default async function ScoreSheetPage({ params }: { params: Promise<{ id: string; townshipId: string }> }) {
  const user = await requireUser()
  const t = await getT()
  const p = await params
  const [roundId, townshipId] = [routeId(p.id), routeId(p.townshipId)]
  const sheet = roundId && townshipId ? await scoreSheet(user, roundId, townshipId) : null
  if (!sheet) notFound()
  const mayScore = sheet.mayScore && can(user, 'assessment.inspect')
  return (
    <>
      <PageTitle actions={<ButtonLink href={`/assessment/inspections/${sheet.round.id}`}>{t('common.back')}</ButtonLink>}>
        {t('inspections.scores.title', { township: sheet.township.name, round: sheet.round.title })}
      </PageTitle>
      <p className="mb-4 text-lg font-medium tabular-nums" data-testid="sheet-total">
        {t('inspections.scores.total', { total: points(sheet.total.total), max: points(sheet.maximum) })}
      </p>
      {mayScore ? (
        <>
          <ScoreSheetForm
            roundId={sheet.round.id}
            townshipId={sheet.township.id}
            items={sheet.items}
            scores={Object.fromEntries(
              [...sheet.scores].map(([code, s]) => [
                code,
                { points: s.points, note: s.note, photos: s.photos.map((ph) => ({ id: ph.id, name: ph.name, thumbnail: ph.thumbnail })) },
              ]),
            )}
          />
          <Card className="mt-6">
            <h2 className="mb-3 text-lg font-medium">{t('inspections.rectifications.new')}</h2>
            <RectificationOpenForm roundId={sheet.round.id} townshipId={sheet.township.id} items={sheet.items} owners={sheet.owners} formKey={randomUUID()} />
          </Card>
        </>
      ) : (
        <>
          {user.regionLevel === 'COUNTY' ? <Alert>{t('inspections.scores.readOnly')}</Alert> : null}
          <Table>
            <thead>
              <tr>
                <Th>{t('inspections.rectifications.item')}</Th>
                <Th>{t('inspections.rounds.total')}</Th>
                <Th>{t('inspections.scores.sheet')}</Th>
              </tr>
            </thead>
            <tbody data-testid="sheet" className="divide-y divide-slate-100">
              {sheet.items.map((i) => {
                const s = sheet.scores.get(i.code)
                return (
                  <tr key={i.code}>
                    <Td>
                      {i.group} · {i.code} {i.name}
                    </Td>
                    <Td className="tabular-nums">
                      {s ? points(s.points) : '—'} / {points(i.maxPoints)}
                    </Td>
                    <Td>
                      {s?.note}
                      {s?.photos.map((ph) => (
                        <a key={ph.id} href={`/api/assessment/attachments/${ph.id}`} className="ml-2 text-brand-600 underline">
                          {ph.name}
                        </a>
                      ))}
                    </Td>
                  </tr>
                )
              })}
            </tbody>
          </Table>
        </>
      )}
    </>
  )
}
