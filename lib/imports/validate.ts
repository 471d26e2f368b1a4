import { z } from 'zod'
import { isMessageKey, type MessageKey, type MessageParams } from '@/lib/i18n/core'
import { idNumberInput, memberSchema, HOUSEHOLD_TYPES, type PersonInput } from '@/lib/registry/schemas'
import type { Relation } from '@/lib/registry/rules'
import { choice, freeText } from '@/lib/validation/fields'
import { ALLOWED, CHOICE_COLUMNS, choiceCode, HEADER_ZH, normaliseDate, type Column } from './columns'
import type { RawCell, SheetRow } from './sheet'

// The rules a file must pass before anything touches the database: each row through the
// register's own member schema, then the households the rows form (one head, the same place on
// every row), then duplicates inside the file. Pure, so the rules are unit-tested.

export interface RowError {
  line: number
  column: Column | 'file'
  key: MessageKey
  params?: MessageParams
  /** what the cell held, shortened */
  value: string
}

export interface PlannedMember {
  line: number
  person: PersonInput & { relation: Relation }
  /** the parents' ID numbers the file gives (母亲身份证号 / 父亲身份证号) */
  motherIdNumber?: string
  fatherIdNumber?: string
}

export interface PlannedHousehold {
  key: string
  /** the first row of the household: its errors about place and head are reported there */
  line: number
  regionCode: string
  /** a village group of the village `regionCode`, by number or name, when the file names one */
  group?: string
  address: string
  type: (typeof HOUSEHOLD_TYPES)[number]
  members: PlannedMember[]
}

export const MAX_MEMBERS = 30

const householdKeySchema = freeText(50)
const regionCodeSchema = z.string().regex(/^(\d{12}|\d{15})$/, { error: 'regions.errors.format' })
const groupSchema = freeText(50)
const addressSchema = freeText(100)
const householdTypeSchema = choice(HOUSEHOLD_TYPES)

/** The message of a zod issue: our key when the schema gave one, else the generic one. */
export function issueKey(issue: z.core.$ZodIssue): { key: MessageKey; params?: MessageParams } {
  if (isMessageKey(issue.message)) {
    return issue.code === 'too_big' ? { key: issue.message, params: { max: String(issue.maximum) } } : { key: issue.message }
  }
  if (issue.code === 'too_big') return { key: 'errors.tooLong', params: { max: String(issue.maximum) } }
  if (issue.code === 'too_small') return { key: 'errors.required' }
  return { key: 'errors.invalid' }
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

/** A cell as text, the way a clerk meant it. */
export function cellText(cell: RawCell | undefined): string | undefined {
  if (cell === undefined) return undefined
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell)
  return cell.trim()
}

/** A date cell: a real spreadsheet date, an 8-digit number (19850302), an Excel day count, or text. */
export function dateText(cell: RawCell | undefined): string | undefined {
  if (cell === undefined) return undefined
  if (cell instanceof Date) return cellText(cell)
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 10_000_101 && cell <= 99_991_231) return normaliseDate(String(cell))
    if (Number.isInteger(cell) && cell > 0 && cell < 80_000) return new Date(EXCEL_EPOCH + cell * 86_400_000).toISOString().slice(0, 10)
    return String(cell)
  }
  return normaliseDate(cell)
}

const short = (v: RawCell | undefined) => (v === undefined ? '' : (cellText(v) ?? '').slice(0, 60))

/** One row: the person as the member schema reads them, plus the household cells. */
export function readRow(row: SheetRow, errors: RowError[]) {
  const c = row.cells
  const failed = new Set<Column>()
  const fail = (column: Column, key: MessageKey, params?: MessageParams) => {
    failed.add(column)
    errors.push({ line: row.line, column, key, params, value: short(c[column]) })
  }
  const before = errors.length

  const input: Record<string, unknown> = {}
  for (const column of ['name', 'migrationPlace', 'occupation', 'hukouText', 'hukouCode'] as const) input[column] = cellText(c[column])
  input.birthDate = dateText(c.birthDate)
  input.migrationSince = dateText(c.migrationSince)
  input.phone = cellText(c.phone)
  if (typeof c.idNumber === 'number') fail('idNumber', 'imports.errors.idAsNumber')
  else input.idNumber = cellText(c.idNumber)?.toUpperCase()

  let householdType: (typeof HOUSEHOLD_TYPES)[number] | undefined
  for (const kind of CHOICE_COLUMNS) {
    const text = cellText(c[kind])
    if (text === undefined || text === '') continue
    const code = choiceCode(kind, text)
    if (code === undefined) {
      fail(kind, 'imports.errors.unknownValue', { value: text.slice(0, 30), allowed: ALLOWED[kind] })
      continue
    }
    if (kind === 'householdType') householdType = code as typeof householdType
    else input[kind] = code
  }

  const parsed = memberSchema.safeParse(input)
  let person: PlannedMember['person'] | undefined
  if (parsed.success) person = parsed.data
  else {
    for (const issue of parsed.error.issues) {
      const column = String(issue.path[0] ?? 'name') as Column
      // one message per cell: a choice we could not map was reported already
      if (failed.has(column)) continue
      const { key, params } = issueKey(issue)
      fail(column, key, params)
    }
  }

  const parents: { motherIdNumber?: string; fatherIdNumber?: string } = {}
  for (const column of ['motherIdNumber', 'fatherIdNumber'] as const) {
    const cell = c[column]
    if (typeof cell === 'number') {
      fail(column, 'imports.errors.idAsNumber')
      continue
    }
    const text = cellText(cell)
    if (!text) continue
    const parsedId = idNumberInput.safeParse(text)
    if (parsedId.success) parents[column] = parsedId.data
    else fail(column, issueKey(parsedId.error.issues[0]).key)
  }

  const household: { key?: string; regionCode?: string; group?: string; address?: string; type?: typeof householdType } = { type: householdType }
  const key = householdKeySchema.safeParse(cellText(c.householdKey) ?? '')
  if (key.success) household.key = key.data
  else fail('householdKey', issueKey(key.error.issues[0]).key, issueKey(key.error.issues[0]).params)
  const code = cellText(c.regionCode)
  if (code !== undefined) {
    const parsedCode = regionCodeSchema.safeParse(code)
    if (parsedCode.success) household.regionCode = parsedCode.data
    else fail('regionCode', 'regions.errors.format')
  }
  const groupText = cellText(c.group)
  if (groupText !== undefined) {
    const parsedGroup = groupSchema.safeParse(groupText)
    if (parsedGroup.success) household.group = parsedGroup.data
    else fail('group', issueKey(parsedGroup.error.issues[0]).key, issueKey(parsedGroup.error.issues[0]).params)
  }
  const address = cellText(c.address)
  if (address !== undefined) {
    const parsedAddress = addressSchema.safeParse(address)
    if (parsedAddress.success) household.address = parsedAddress.data
    else fail('address', issueKey(parsedAddress.error.issues[0]).key, issueKey(parsedAddress.error.issues[0]).params)
  }
  if (householdType !== undefined && !householdTypeSchema.safeParse(householdType).success) fail('householdType', 'errors.invalid')
  return { ok: errors.length === before, person, household, parents }
}

/**
 * Checks every row and groups the rows into households. Returns the households that passed and
 * every problem found; a file with any problem is imported not at all, so the caller only needs
 * the households when `errors` is empty.
 */
export function validateRows(rows: SheetRow[]): { households: PlannedHousehold[]; errors: RowError[] } {
  const errors: RowError[] = []
  const groups = new Map<
    string,
    { line: number; regionCode?: string; group?: string; address?: string; type?: PlannedHousehold['type']; members: PlannedMember[]; broken: boolean }
  >()

  for (const row of rows) {
    const { ok, person, household, parents } = readRow(row, errors)
    if (household.key === undefined) continue
    let group = groups.get(household.key)
    if (!group) {
      group = { line: row.line, members: [], broken: false }
      groups.set(household.key, group)
    }
    for (const field of ['regionCode', 'group', 'address', 'type'] as const) {
      const value = household[field]
      if (value === undefined) continue
      if (group[field] === undefined) (group as Record<string, unknown>)[field] = value
      else if (group[field] !== value) {
        const column = field === 'type' ? 'householdType' : field
        errors.push({ line: row.line, column, key: 'imports.errors.householdMismatch', params: { column: HEADER_ZH[column] }, value: short(row.cells[column]) })
      }
    }
    if (ok && person) group.members.push({ line: row.line, person, ...parents })
    else group.broken = true
  }

  const households: PlannedHousehold[] = []
  const idLines = new Map<string, number>()
  const personLines = new Map<string, number>()
  for (const [key, group] of groups) {
    if (group.regionCode === undefined) errors.push({ line: group.line, column: 'regionCode', key: 'errors.required', value: '' })
    if (group.address === undefined) errors.push({ line: group.line, column: 'address', key: 'errors.required', value: '' })
    if (!group.broken) {
      const heads = group.members.filter((m) => m.person.relation === 'SELF').length
      if (heads !== 1) errors.push({ line: group.line, column: 'relation', key: heads === 0 ? 'imports.errors.noHead' : 'imports.errors.twoHeads', value: '' })
    }
    if (group.members.length > MAX_MEMBERS)
      errors.push({ line: group.line, column: 'householdKey', key: 'imports.errors.tooManyMembers', value: key.slice(0, 60) })
    for (const m of group.members) {
      if (m.person.idNumber) {
        const first = idLines.get(m.person.idNumber)
        if (first !== undefined)
          errors.push({ line: m.line, column: 'idNumber', key: 'imports.errors.duplicateIdInFile', params: { line: first }, value: m.person.idNumber })
        else idLines.set(m.person.idNumber, m.line)
      } else if (group.regionCode !== undefined && group.address !== undefined) {
        const same = noIdKey(group.regionCode, m.person.name, m.person.birthDate, group.address)
        const first = personLines.get(same)
        if (first !== undefined)
          errors.push({ line: m.line, column: 'name', key: 'imports.errors.duplicatePersonInFile', params: { line: first }, value: m.person.name })
        else personLines.set(same, m.line)
      }
    }
    if (group.regionCode !== undefined && group.address !== undefined) {
      households.push({
        key,
        line: group.line,
        regionCode: group.regionCode,
        ...(group.group !== undefined ? { group: group.group } : {}),
        address: group.address,
        type: group.type ?? 'FAMILY',
        members: group.members,
      })
    }
  }
  errors.sort((a, b) => a.line - b.line)
  return { households, errors }
}

/**
 * Who counts as the same person when there is no ID number: the same name and birth date at the
 * same household address in the same place (village, or the village code given in the file).
 */
export function noIdKey(place: string | number, name: string, birthDate: string, address: string): string {
  return `${place}\u0000${name}\u0000${birthDate}\u0000${address.replace(/\s+/g, '')}`
}
