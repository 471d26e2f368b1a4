import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import { placeableRegions } from '@/lib/registry/queries'
import { regionComboboxOptions } from '@/lib/regions/search-keys'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { ButtonLink, PageTitle } from '@/components/ui'
import { NewHouseholdForm } from '@/components/registry/NewHouseholdForm'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('registry.newHousehold') }
}

export default async function NewHouseholdPage() {
  const user = await requireUser('register.edit')
  const t = await getT()
  return (
    <>
      <PageTitle actions={<ButtonLink href="/register">{t('common.back')}</ButtonLink>}>{t('registry.newHousehold')}</PageTitle>
      <NewHouseholdForm regions={regionComboboxOptions(await placeableRegions(user))} formKey={randomUUID()} />
    </>
  )
}
