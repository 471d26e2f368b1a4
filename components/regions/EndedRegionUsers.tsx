import Link from 'next/link'
import { getT } from '@/lib/i18n/server'
import type { EndedRegionUser } from '@/lib/regions/history'
import { Alert, Table, Td, Th } from '@/components/ui'

/** Users whose region a change ended, each linked to the page where they are reassigned. */
export async function EndedRegionUsers({ users }: { users: EndedRegionUser[] }) {
  if (users.length === 0) return null
  const t = await getT()
  return (
    <section aria-labelledby="ended-users-title" className="mb-4 space-y-2" data-testid="ended-region-users">
      <Alert kind="warning">
        <h2 id="ended-users-title" className="font-medium">
          {t('regionHistory.endedUsers.title')}
        </h2>
        <p>{t('regionHistory.endedUsers.intro')}</p>
      </Alert>
      <Table>
        <thead>
          <tr>
            <Th>{t('users.username')}</Th>
            <Th>{t('users.name')}</Th>
            <Th>{t('regionHistory.endedUsers.region')}</Th>
            <Th>{t('regionHistory.endedUsers.endedOn')}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id}>
              <Td>
                <Link className="text-brand-600 hover:underline" href={`/users/${u.id}`}>
                  {u.username}
                </Link>
              </Td>
              <Td>{u.name}</Td>
              <Td>{u.regionName}</Td>
              <Td>{u.endedOn}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  )
}
