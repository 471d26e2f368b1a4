import type { Metadata } from 'next'
import { randomUUID } from 'node:crypto'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { personForCase } from '@/lib/cases/queries'
import { ButtonLink, Card, PageTitle } from '@/components/ui'
import { ReceiveCaseForm } from '@/components/cases/CaseForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('cases.new') }
}

/** Intake of a complaint or inquiry; from a person's page the resident comes chosen (?personId=). */
export default async function NewCasePage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('case.receive')
  const t = await getT()
  const personId = routeId((await searchParams).personId)
  const person = personId ? await personForCase(user, personId) : null
  return (
    <>
      <PageTitle actions={<ButtonLink href="/cases">{t('cases.back')}</ButtonLink>}>{t('cases.new')}</PageTitle>
      <Card>
        <ReceiveCaseForm today={todayIso()} formKey={randomUUID()} person={person ? { id: person.id, name: person.name } : null} />
      </Card>
    </>
  )
}
