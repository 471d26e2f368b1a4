import 'server-only'
import type { InboxItem, InboxSource } from '@/lib/inbox/registry'
import { sessionUserOf } from '@/lib/inbox/subject'
import { can } from '@/lib/access/permissions'
import { db } from '@/lib/server/db'
import { toDate, toIso } from '@/lib/dates'
import { regionNames } from '@/lib/regions/lookups'
import { computeCoverage } from './coverage'
import { addDays, addMonths } from './rules'
import { visibleRecords } from './visibility'

const LIMIT = 200
/** A follow-up older than this is no longer offered: the record's page still shows it. */
const FOLLOW_UP_WINDOW_DAYS = 90

const monthEnd = (today: string) => addDays(addMonths(`${today.slice(0, 7)}-01`, 1), -1)

/**
 * Services in the inbox, for those who record them (village officers, township service staff):
 * - follow-ups due by the end of this month (up to 90 days late) that no later record of the same
 *   type for the same person has answered, one item per record. Read through visibleRecords, so a
 *   sensitive record is only ever an item for the township service staff who may see it;
 * - children (0–6) whose due check is not done by the end of this month, one item per village.
 */
export const servicesInbox: InboxSource = async ({ ctx, t, today }) => {
  const subject = ctx.subject
  if (!can(subject, 'service.record') || (subject.regionLevel !== 'VILLAGE' && subject.regionLevel !== 'TOWNSHIP')) return []
  const end = monthEnd(today)
  const [followUps, children] = await Promise.all([followUpItems(ctx.subject, t, today, end), childItems(subject, t, today, end)])
  return [...followUps, ...children]
}

async function followUpItems(subject: Parameters<InboxSource>[0]['ctx']['subject'], t: Parameters<InboxSource>[0]['t'], today: string, end: string) {
  const due = await db.serviceRecord.findMany({
    where: {
      AND: [visibleRecords(subject), { personId: { not: null }, followUpOn: { gte: toDate(addDays(today, -FOLLOW_UP_WINDOW_DAYS)), lte: toDate(end) } }],
    },
    select: {
      id: true,
      personId: true,
      typeId: true,
      servedOn: true,
      followUpOn: true,
      villageId: true,
      type: { select: { nameZh: true, nameEn: true } },
    },
    orderBy: [{ followUpOn: 'asc' }, { id: 'asc' }],
    take: LIMIT,
  })
  if (due.length === 0) return []
  // a later record of the same type for the same person answers the follow-up
  const later = await db.serviceRecord.findMany({
    where: {
      AND: [visibleRecords(subject), { personId: { in: [...new Set(due.map((d) => d.personId!))] }, typeId: { in: [...new Set(due.map((d) => d.typeId))] } }],
    },
    select: { personId: true, typeId: true, servedOn: true },
  })
  const answered = (d: (typeof due)[number]) => later.some((l) => l.personId === d.personId && l.typeId === d.typeId && l.servedOn > d.servedOn)
  const open = due.filter((d) => !answered(d))
  const [names, people] = await Promise.all([
    regionNames(db, new Set(open.flatMap((d) => (d.villageId ? [d.villageId] : [])))),
    db.person.findMany({ where: { id: { in: open.map((d) => d.personId!) } }, select: { id: true, name: true } }),
  ])
  const nameOf = new Map(people.map((p) => [p.id, p.name]))
  const en = t('inbox.locale') === 'en'
  return open.map((d): InboxItem => ({
    key: `services.followUp:${d.id}`,
    module: 'services',
    kind: t('inbox.kind.followUp'),
    title: t('inbox.followUp', { name: nameOf.get(d.personId!) ?? '', type: en ? d.type.nameEn : d.type.nameZh, servedOn: toIso(d.servedOn) }),
    dueDate: toIso(d.followUpOn!),
    href: `/register/persons/${d.personId}`,
    regionName: d.villageId ? names.get(d.villageId) : undefined,
  }))
}

async function childItems(subject: Parameters<InboxSource>[0]['ctx']['subject'], t: Parameters<InboxSource>[0]['t'], today: string, end: string) {
  const user = sessionUserOf(subject)
  const level = user.regionLevel as 'VILLAGE' | 'TOWNSHIP'
  const countyId = user.regionAncestorIds[0] ?? user.regionId
  const result = await computeCoverage(db, { level, regionId: user.regionId, countyId }, { start: `${today.slice(0, 7)}-01`, end })
  const perVillage: [number, number][] =
    level === 'VILLAGE'
      ? [[user.regionId, result.total.children.eligible - result.total.children.done]]
      : [...result.byChild.entries()].map(([id, c]) => [id, c.children.eligible - c.children.done])
  const open = perVillage.filter(([, n]) => n > 0)
  const names = await regionNames(db, new Set(open.map(([id]) => id)))
  return open.map(([villageId, count]): InboxItem => {
    const regionName = names.get(villageId) ?? ''
    return {
      key: `services.children:${villageId}:${today.slice(0, 7)}`,
      module: 'services',
      kind: t('inbox.kind.childCheck'),
      title: t('inbox.childCheck', { region: regionName, count }),
      dueDate: end,
      href: `/services?${new URLSearchParams({ regionId: String(villageId), period: today.slice(0, 7) })}`,
      regionName,
    }
  })
}
