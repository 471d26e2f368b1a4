import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { can } from '@/lib/access/permissions'
import { placeName, REVIEW_STATUSES, reviewList } from '@/lib/registry/queries'
import { todayIso } from '@/lib/dates'
import { isMessageKey, type MessageKey, type Translate } from '@/lib/i18n/core'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { optionalChoice, optionalMonth } from '@/lib/validation/fields'
import { Badge, buttonClass, EmptyState, Field, formatDateTime, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { AnswerForm, CheckAllForm, ReviewButtons, ReviewNoticeProvider } from '@/components/registry/ReviewForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('registry.review.title') }
}

const STATUSES = ['TODO', ...REVIEW_STATUSES] as const
const query = z.object({ status: optionalChoice(STATUSES).catch(undefined) })

/**
 * The month to list: none in the address is this month; an emptied month field means "not given",
 * every month; a month that is not a real one (0000-01, 2026-13) or a repeated one is this month.
 * Read outside the object schema: zod reports an absent key whose schema transforms as missing.
 */
function monthOf(value: unknown): string | null {
  if (value === undefined) return todayIso().slice(0, 7)
  const parsed = optionalMonth.safeParse(value)
  return parsed.success ? (parsed.data ?? null) : todayIso().slice(0, 7)
}

function kindLabel(t: Translate, kind: string) {
  const key = `audit.actions.${kind.replace(/\./g, '_')}`
  return isMessageKey(key) ? t(key) : kind
}

// The facts a change records, with their labels; ids and internal keys are left out.
const FACTS: Record<string, MessageKey> = {
  occurredOn: 'registry.events.occurredOn',
  name: 'registry.fields.name',
  sex: 'registry.fields.sex',
  birthDate: 'registry.fields.birthDate',
  birthOrder: 'registry.fields.birthOrder',
  spouseName: 'registry.events.spouseName',
  destination: 'registry.events.destination',
  origin: 'registry.events.origin',
  address: 'registry.fields.address',
  members: 'registry.fields.members',
  relation: 'registry.fields.relation',
  residence: 'registry.fields.residence',
  reason: 'registry.events.reason',
  from: 'registry.review.from',
  to: 'registry.review.to',
  type: 'registry.events.type',
}

function factValue(t: Translate, key: string, value: unknown): string {
  if (Array.isArray(value)) return value.join(t('common.listSep'))
  const text = String(value)
  const enumKey = {
    sex: `registry.sex.${text}`,
    relation: `registry.relation.${text}`,
    residence: `registry.residence.${text}`,
    type: `registry.events.types.${text}`,
  }[key]
  return enumKey && isMessageKey(enumKey) ? t(enumKey) : text
}

/** A line a reviewer can check against the paper: what was entered, never an ID number. */
function describe(t: Translate, summary: unknown): string {
  if (!summary || typeof summary !== 'object') return ''
  const s = summary as Record<string, unknown>
  const facts = (o: Record<string, unknown>) => Object.entries(o).filter(([k, v]) => k in FACTS && v !== null && v !== undefined && v !== '')
  if (s.before && s.after && typeof s.before === 'object' && typeof s.after === 'object') {
    const before = s.before as Record<string, unknown>
    return facts(s.after as Record<string, unknown>)
      .filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))
      .map(([k, v]) => `${t(FACTS[k])}${t('common.colon')}${before[k] == null ? '—' : factValue(t, k, before[k])} → ${factValue(t, k, v)}`)
      .join(t('common.clauseSep'))
  }
  return facts(s)
    .map(([k, v]) => `${t(FACTS[k])}${t('common.colon')}${factValue(t, k, v)}`)
    .join(t('common.clauseSep'))
}

/** 变更信息核查: township staff check each change the villages made in a month; villages answer questions. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('register.view')
  const review = can(user, 'register.review')
  const answer = can(user, 'register.edit') && !review
  if (!review && !answer) notFound()
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const params = await searchParams
  const { status } = query.parse(params)
  const month = monthOf(params.month)
  const { rows: changes, total } = await reviewList(user, month, status)
  const tone = { PENDING: 'slate', CHECKED: 'green', QUESTIONED: 'red', ANSWERED: 'amber' } as const
  const toCheck = review ? changes.filter((c) => c.reviewStatus === 'PENDING' || c.reviewStatus === 'ANSWERED').map((c) => c.id) : []
  return (
    <ReviewNoticeProvider>
      <PageTitle>{t('registry.review.title')}</PageTitle>
      <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search">
        <Field label={t('registry.review.month')} name="month" hint={t('registry.review.allMonths')}>
          <input id="month" name="month" type="month" defaultValue={month ?? ''} className={inputClass} />
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
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="review-count">
          {total > changes.length ? t('registry.review.countLimited', { count: total, shown: changes.length }) : t('registry.review.count', { count: total })}
        </p>
        {toCheck.length > 0 ? <CheckAllForm key={toCheck.join(',')} changeIds={toCheck} /> : null}
      </div>
      {changes.length === 0 ? (
        <EmptyState>{t(status || !month ? 'registry.review.noneFiltered' : 'registry.review.none')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('registry.fields.village')}</Th>
              <Th>{t('registry.review.change')}</Th>
              <Th>{t('registry.fields.name')}</Th>
              <Th>{t('registry.review.details')}</Th>
              <Th>{t('registry.review.enteredAt')}</Th>
              <Th>{t('registry.review.status')}</Th>
              <Th>{t('common.actions')}</Th>
            </tr>
          </thead>
          <tbody data-testid="review-rows" className="divide-y divide-slate-100">
            {changes.map((c) => (
              <tr key={c.id}>
                <Td>{c.person ? placeName(c.person.region) : '—'}</Td>
                <Td className="whitespace-nowrap">{kindLabel(t, c.kind)}</Td>
                <Td>
                  {c.person ? (
                    <Link className="text-brand-600 hover:underline" href={`/register/persons/${c.person.id}`}>
                      {c.person.name}
                    </Link>
                  ) : c.householdId ? (
                    <Link className="text-brand-600 hover:underline" href={`/register/households/${c.householdId}`}>
                      {t('registry.household')} {c.householdId}
                    </Link>
                  ) : (
                    '—'
                  )}
                </Td>
                <Td className="max-w-sm text-xs">{describe(t, c.summary)}</Td>
                <Td className="whitespace-nowrap text-xs">{formatDateTime(c.createdAt, locale)}</Td>
                <Td>
                  <Badge tone={tone[c.reviewStatus]}>{t(`registry.review.statuses.${c.reviewStatus}`)}</Badge>
                  {c.reviewQuestion ? (
                    <p className="mt-1 text-xs">
                      {t('registry.review.questionLabel')}
                      {t('common.colon')}
                      {c.reviewQuestion}
                    </p>
                  ) : null}
                  {c.reviewAnswer ? <p className="mt-1 text-xs">↳ {c.reviewAnswer}</p> : null}
                </Td>
                <Td>
                  {review && c.reviewStatus !== 'CHECKED' ? <ReviewButtons changeId={c.id} /> : null}
                  {answer && c.reviewStatus === 'QUESTIONED' ? <AnswerForm changeId={c.id} /> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </ReviewNoticeProvider>
  )
}
