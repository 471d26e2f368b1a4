import type { Metadata } from 'next'
import { browseAudit } from '@/lib/audit/queries'
import { AUDIT_ENTITIES, auditFilterSchema } from '@/lib/audit/schemas'
import { isMessageKey, type Translate } from '@/lib/i18n/core'
import { changeLine, fieldLabel } from '@/lib/audit/present'
import { getLocale, getT } from '@/lib/i18n/server'
import { fieldErrorsOf } from '@/lib/server/action'
import { requireUser } from '@/lib/server/session'
import { Alert, buttonClass, EmptyState, Field, formatDateTime, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('audit.title') }
}

/** The event's action in the user's language; an action without a label shows as recorded. */
function actionLabel(t: Translate, action: string) {
  const key = `audit.actions.${action.replace(/\./g, '_')}`
  return isMessageKey(key) ? t(key) : action
}

function entityLabel(t: Translate, entity: string) {
  const key = `audit.entities.${entity}`
  return isMessageKey(key) ? t(key) : entity
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('audit.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const raw = await searchParams
  const parsed = auditFilterSchema.safeParse(raw)
  const filter = parsed.success ? parsed.data : { user: '', entity: '', from: undefined, to: undefined, page: 1 }
  const events = await browseAudit(user, filter)
  const href = (page: number) =>
    `/audit?${new URLSearchParams({ user: filter.user, entity: filter.entity, from: filter.from ?? '', to: filter.to ?? '', page: String(page) })}`
  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <form className="no-print mb-4 grid gap-3 sm:grid-cols-5 sm:items-end" role="search">
        <Field label={t('audit.user')} name="user">
          <input id="user" name="user" defaultValue={filter.user} maxLength={32} className={inputClass} />
        </Field>
        <Field label={t('audit.entity')} name="entity">
          <select id="entity" name="entity" defaultValue={filter.entity} className={inputClass}>
            <option value="">{t('audit.anyEntity')}</option>
            {AUDIT_ENTITIES.map((e) => (
              <option key={e} value={e}>
                {entityLabel(t, e)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('audit.from')} name="from">
          <input id="from" name="from" type="date" defaultValue={filter.from} className={inputClass} />
        </Field>
        <Field label={t('audit.to')} name="to">
          <input id="to" name="to" type="date" defaultValue={filter.to} className={inputClass} />
        </Field>
        <button type="submit" className={buttonClass.secondary}>
          {t('common.search')}
        </button>
      </form>
      {!parsed.success ? (
        <div className="mb-3">
          <Alert kind="error">{Object.values(fieldErrorsOf(parsed.error, t)).join(' ')}</Alert>
        </div>
      ) : null}
      {events.total === 0 ? (
        <EmptyState>{t('audit.noEvents')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('audit.at')}</Th>
                <Th>{t('audit.actor')}</Th>
                <Th>{t('audit.ip')}</Th>
                <Th>{t('audit.action')}</Th>
                <Th>{t('audit.entity')}</Th>
                <Th>{t('audit.region')}</Th>
                <Th>{t('audit.changes')}</Th>
              </tr>
            </thead>
            <tbody data-testid="audit-rows" className="divide-y divide-slate-100">
              {events.rows.map((e) => (
                <tr key={e.id}>
                  <Td className="whitespace-nowrap">{formatDateTime(e.at, locale)}</Td>
                  <Td className="font-mono">{e.actorName ?? '—'}</Td>
                  <Td className="font-mono text-xs">{e.ip ?? ''}</Td>
                  <Td className="whitespace-nowrap">{actionLabel(t, e.action)}</Td>
                  <Td className="text-xs">
                    {entityLabel(t, e.entity)}
                    {e.entityId ? ` ${e.entityId}` : ''}
                  </Td>
                  <Td>{e.regionName ?? ''}</Td>
                  <Td className="max-w-md text-xs break-words">
                    {e.redacted ? (
                      <>
                        <div>{e.changes.map((c) => fieldLabel(t, c.field, e.entity)).join(t('audit.listSeparator'))}</div>
                        <div className="text-slate-500">{t('audit.withheld')}</div>
                      </>
                    ) : (
                      <ul>
                        {e.changes.map((c) => (
                          <li key={c.field}>{changeLine(t, c, e.entity)}</li>
                        ))}
                      </ul>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={events} href={href} />
        </>
      )}
    </>
  )
}
