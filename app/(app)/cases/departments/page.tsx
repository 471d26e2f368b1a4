import type { Metadata } from 'next'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { departmentList } from '@/lib/cases/queries'
import { Card, EmptyState, PageTitle } from '@/components/ui'
import { DepartmentForm } from '@/components/cases/CaseForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('cases.departments.title') }
}

/** The county's departments cases can be assigned to (the county administrator keeps the list). */
export default async function DepartmentsPage() {
  const user = await requireUser('case.departments')
  const t = await getT()
  const rows = await departmentList(user)
  return (
    <>
      <PageTitle>{t('cases.departments.title')}</PageTitle>
      {rows.length === 0 ? (
        <EmptyState>{t('cases.departments.none')}</EmptyState>
      ) : (
        <ul className="mb-4 list-inside list-disc text-sm">
          {rows.map((d) => (
            <li key={d.id}>{d.name}</li>
          ))}
        </ul>
      )}
      <Card>
        <DepartmentForm />
      </Card>
    </>
  )
}
