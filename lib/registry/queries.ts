import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/server/db'
import { registerScope, type Subject } from '@/lib/access/permissions'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import { regionById, regionsWithin } from '@/lib/regions/lookups'
import { regionOptions } from '@/lib/regions/queries'
import { hashIdNumber } from './crypto'
import { classifySearch } from './pinyin'
import { toDate, todayIso, toIso } from '@/lib/dates'
import type { SearchFilter } from './schemas'

export const SEARCH_PAGE_SIZE = 20
/** An address that matches more households than this is too vague to list by. */
const ADDRESS_MATCHES = 2000

export interface PersonRow {
  id: number
  name: string
  sex: 'MALE' | 'FEMALE'
  birthDate: string
  idMasked: string | null
  phone: string | null
  residence: 'LOCAL' | 'AWAY' | 'INFLOW' | 'OUTFLOW'
  alive: boolean
  movedOut: boolean
  householdId: number | null
  address: string | null
  regionName: string
}

/** yyyy-mm-dd of the day someone born on it turns `years` on `today`. */
function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number)
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The where-clause of a register search, scoped to the subject's region. */
export async function searchWhere(subject: Subject, filter: Omit<SearchFilter, 'page'>): Promise<Prisma.PersonWhereInput> {
  const and: Prisma.PersonWhereInput[] = [registerScope(subject)]
  const term = classifySearch(filter.q)
  switch (term.kind) {
    case 'idNumber':
      and.push({ idHash: hashIdNumber(term.value) })
      break
    case 'idLast4':
      and.push({ idLast4: term.value })
      break
    case 'phone':
      and.push({ phone: { startsWith: term.value } })
      break
    case 'latin':
      and.push({ OR: [{ namePinyin: { startsWith: term.value } }, { nameInitials: { startsWith: term.value } }] })
      break
    case 'text': {
      // A trigram index serves LIKE only through a whole trigram of the pattern: "王伟%" and
      // "%建军" have one (the anchored end is padded), "%建军%" has none and would scan everyone.
      // So one character matches a surname, two the start or the end of a name (a two-character
      // name, or the given name of a three-character one); three or more match anywhere in a name
      // or an address.
      const length = [...term.value].length
      if (length === 1) {
        and.push({ name: { startsWith: term.value } })
        break
      }
      if (length === 2) {
        and.push({ OR: [{ name: { startsWith: term.value } }, { name: { endsWith: term.value } }] })
        break
      }
      // Households by address first, then people by name or household: each side uses its own
      // trigram index (a join inside the OR would make PostgreSQL scan every person in scope).
      const households = await db.household.findMany({
        where: { ...registerScope(subject), address: { contains: term.value } },
        select: { id: true },
        take: ADDRESS_MATCHES,
      })
      and.push({ OR: [{ name: { contains: term.value } }, ...(households.length > 0 ? [{ householdId: { in: households.map((h) => h.id) } }] : [])] })
      break
    }
    case 'empty':
      break
  }
  if (filter.regionId) {
    const region = await regionById(db, filter.regionId)
    const column = { COUNTY: 'countyId', TOWNSHIP: 'townshipId', VILLAGE: 'villageId', GROUP: 'groupId' }[region?.level ?? 'COUNTY']
    and.push({ [column]: filter.regionId })
  }
  if (filter.residence) and.push({ residence: filter.residence })
  if (filter.sex) and.push({ sex: filter.sex })
  const today = todayIso()
  if (filter.ageMin !== undefined) and.push({ birthDate: { lte: toDate(yearsBefore(today, filter.ageMin)) } })
  if (filter.ageMax !== undefined) and.push({ birthDate: { gt: toDate(yearsBefore(today, filter.ageMax + 1)) } })
  if (filter.alive === 'yes') and.push({ alive: true, movedOut: false })
  if (filter.alive === 'no') and.push({ alive: false })
  return { AND: and }
}

const placeSelect = { select: { name: true, level: true, parent: { select: { name: true } } } } as const

/** A village, or "village group" for someone registered in a village group. */
export function placeName(region: { name: string; level: string; parent: { name: string } | null }): string {
  return region.level === 'GROUP' && region.parent ? `${region.parent.name} ${region.name}` : region.name
}

const personRowSelect = {
  id: true,
  name: true,
  sex: true,
  birthDate: true,
  idMasked: true,
  phone: true,
  residence: true,
  alive: true,
  movedOut: true,
  householdId: true,
  household: { select: { address: true } },
  region: placeSelect,
} as const

type SelectedRow = Prisma.PersonGetPayload<{ select: typeof personRowSelect }>

function toRow(p: SelectedRow): PersonRow {
  const { region, household, ...rest } = p
  return { ...rest, birthDate: toIso(p.birthDate), address: household?.address ?? null, regionName: placeName(region) }
}

export async function searchPersons(subject: Subject, filter: SearchFilter): Promise<Page<PersonRow>> {
  const where = await searchWhere(subject, filter)
  const args = pageArgs(filter.page, SEARCH_PAGE_SIZE)
  const [rows, total] = await Promise.all([
    db.person.findMany({ where, select: personRowSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }], ...args }),
    db.person.count({ where }),
  ])
  return toPage(rows.map(toRow), total, filter.page, SEARCH_PAGE_SIZE)
}

export async function getPerson(subject: Subject, id: number) {
  const person = await db.person.findFirst({
    where: { id, ...registerScope(subject) },
    omit: { idCipher: true, idHash: true },
    include: {
      region: placeSelect,
      household: {
        select: {
          id: true,
          address: true,
          headId: true,
          members: { select: { id: true, name: true, relation: true, alive: true, sex: true, birthDate: true }, orderBy: { id: 'asc' } },
        },
      },
      mother: { select: { id: true, name: true } },
      father: { select: { id: true, name: true } },
      events: { orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }] },
    },
  })
  if (!person) return null
  // Events where this person is the other party (a mother's births).
  const asOther = await db.lifeEvent.findMany({
    where: { otherPersonId: person.id, ...registerScope(subject) },
    orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }],
  })
  return { ...person, events: [...person.events, ...asOther].sort((a, b) => b.occurredOn.getTime() - a.occurredOn.getTime() || b.id - a.id) }
}

export async function getHousehold(subject: Subject, id: number) {
  const household = await db.household.findFirst({
    where: { id, ...registerScope(subject) },
    include: {
      region: placeSelect,
      members: { select: { ...personRowSelect, relation: true, version: true }, orderBy: { id: 'asc' } },
    },
  })
  if (!household) return null
  const memberIds = household.members.map((m) => m.id)
  const events = await db.lifeEvent.findMany({
    where: { OR: [{ personId: { in: memberIds } }, { otherPersonId: { in: memberIds } }], ...registerScope(subject) },
    include: { person: { select: { name: true } } },
    orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }],
    take: 200,
  })
  return { ...household, members: household.members.map((m) => ({ ...toRow(m), relation: m.relation, version: m.version })), events }
}

/** Villages and groups in the subject's region, for choosing where a household lives. */
export async function placeableRegions(subject: Subject) {
  return (await regionOptions(subject, { levels: PLACES, activeOnly: true })).map(placeLabel)
}

/**
 * Villages and groups anywhere in a county: a move within the county may cross into another
 * township. Region names are not personal data, so this list is not scoped further.
 */
export async function placesInCounty(countyId: number) {
  return (await regionsWithin(db, countyId, { levels: PLACES, activeOnly: true })).map(placeLabel)
}

const PLACES = ['VILLAGE', 'GROUP'] as const

function placeLabel(r: { id: number; name: string; level: string; parentName: string | null }) {
  return { id: r.id, label: r.level === 'GROUP' ? `${r.parentName ?? ''} ${r.name}` : r.name }
}

export const REVIEW_STATUSES = ['PENDING', 'CHECKED', 'QUESTIONED', 'ANSWERED'] as const
/** What the township still has to look at: changes not yet checked, and answers to its questions. */
export const REVIEW_TODO = ['PENDING', 'ANSWERED'] as const
export type ReviewFilterStatus = (typeof REVIEW_STATUSES)[number] | 'TODO'

export const REVIEW_LIST_LIMIT = 1000

function reviewWhere(subject: Subject, month: string | null, status?: ReviewFilterStatus): Prisma.RegisterChangeWhereInput {
  const createdAt = month ? { gte: new Date(`${month}-01T00:00:00+08:00`), lt: monthAfter(month) } : undefined
  return {
    ...registerScope(subject),
    ...(createdAt ? { createdAt } : {}),
    ...(status === 'TODO' ? { reviewStatus: { in: [...REVIEW_TODO] } } : status ? { reviewStatus: status } : {}),
  }
}

function monthAfter(month: string): Date {
  const [y, m] = month.split('-').map(Number)
  return new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`)
}

/**
 * The changes made in the subject's region in a month (yyyy-mm, China time; null: every month),
 * for the review: the first REVIEW_LIST_LIMIT rows and how many there are in all.
 */
export async function reviewList(subject: Subject, month: string | null, status?: ReviewFilterStatus) {
  const where = reviewWhere(subject, month, status)
  const [rows, total] = await Promise.all([
    db.registerChange.findMany({
      where,
      include: { person: { select: { id: true, name: true, region: placeSelect } } },
      orderBy: [{ villageId: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take: REVIEW_LIST_LIMIT,
    }),
    db.registerChange.count({ where }),
  ])
  return { rows, total }
}

/** Changes in the subject's region that the township returned with a question, still unanswered. */
export function openQuestions(subject: Subject): Promise<number> {
  return db.registerChange.count({ where: { ...registerScope(subject), reviewStatus: 'QUESTIONED' } })
}

/** Changes in the subject's region the township still has to look at (not yet checked, or answered). */
export function changesToReview(subject: Subject): Promise<number> {
  return db.registerChange.count({ where: reviewWhere(subject, null, 'TODO') })
}

/** Townships and villages in the subject's region, for the search filter. */
export async function filterRegions(subject: Subject) {
  const regions = await regionOptions(subject, { levels: ['TOWNSHIP', 'VILLAGE'] })
  return regions.map((r) => ({
    id: r.id,
    label: r.level === 'VILLAGE' && subject.regionLevel === 'COUNTY' ? `${r.parentName ?? ''} / ${r.name}` : r.name,
    keys: r.keys,
  }))
}
