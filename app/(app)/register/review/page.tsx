import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { can } from '@/lib/access/permissions'
import { reviewList } from '@/lib/registry/queries'
import { toIso, todayIso } from '@/lib/registry/rules'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { Badge, buttonClass, EmptyState, Field, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { AnswerForm, ReviewButtons } from '@/components/registry/ReviewForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('registry.review.title') }
}

const STATUSES = ['PENDING', 'CHECKED', 'QUESTIONED', 'ANSWERED'] as const
const query = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).catch(todayIso().slice(0, 7)),
  status: z.enum(STATUSES).optional().catch(undefined),
})

/** 变更信息核查: township staff check each change the villages made in a month; villages answer questions. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('register.view')
  const review = can(user, 'register.review')
  const answer = can(user, 'register.edit') && user.regionLevel !== 'COUNTY' && !review
  if (!review && !answer) notFound()
  const t = await getT()
  const { month, status } = query.parse(await searchParams)
  const events = await reviewList(user, month, status)
  const tone = { PENDING: 'slate', CHECKED: 'green', QUESTIONED: 'red', ANSWERED: 'amber' } as const
  return (
    <>
      <PageTitle>{t('registry.review.title')}</PageTitle>
      <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search">
        <Field label={t('registry.review.month')} name="month">
          <input id="month" name="month" type="month" defaultValue={month} className={inputClass} />
        </Field>
        <Field label={t('registry.review.status')} name="status">
          <select id="status" name="status" defaultValue={status ?? ''} className={inputClass}>
            <option value="">{t('registry.filters.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`registry.review.statuses.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className={buttonClass.secondary}>
          {t('common.search')}
        </button>
      </form>
      {events.length === 0 ? (
        <EmptyState>{t('registry.review.none')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('registry.fields.village')}</Th>
              <Th>{t('registry.events.type')}</Th>
              <Th>{t('registry.fields.name')}</Th>
              <Th>{t('registry.events.occurredOn')}</Th>
              <Th>{t('registry.review.status')}</Th>
              <Th>{t('common.actions')}</Th>
            </tr>
          </thead>
          <tbody data-testid="review-rows" className="divide-y divide-slate-100">
            {events.map((e) => (
              <tr key={e.id}>
                <Td>{e.person.region.name}</Td>
                <Td>
                  {t(`registry.events.types.${e.type}`)}
                  {e.late ? <Badge tone="amber">{t('registry.events.late')}</Badge> : null}
                </Td>
                <Td>
                  <Link className="text-brand-600 hover:underline" href={`/register/persons/${e.person.id}`}>
                    {e.person.name}
                  </Link>
                </Td>
                <Td className="font-mono">{toIso(e.occurredOn)}</Td>
                <Td>
                  <Badge tone={tone[e.reviewStatus]}>{t(`registry.review.statuses.${e.reviewStatus}`)}</Badge>
                  {e.reviewQuestion ? <p className="mt-1 text-xs">？{e.reviewQuestion}</p> : null}
                  {e.reviewAnswer ? <p className="mt-1 text-xs">↳ {e.reviewAnswer}</p> : null}
                </Td>
                <Td>
                  {review && e.reviewStatus !== 'CHECKED' ? <ReviewButtons eventId={e.id} /> : null}
                  {answer && e.reviewStatus === 'QUESTIONED' ? <AnswerForm eventId={e.id} /> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  )
}
