import { zhCN } from '@/lib/i18n/messages/zh-CN'
import { en } from '@/lib/i18n/messages/en'
import { importsZhCN } from '@/lib/i18n/messages/modules/imports.zh-CN'
import { importsEn } from '@/lib/i18n/messages/modules/imports.en'
import { ETHNICITIES } from '@/lib/registry/ethnicities'
import { EDUCATIONS, HOUSEHOLD_TYPES, MARITAL_STATUSES, RELATIONS, RESIDENCES, SEXES } from '@/lib/registry/schemas'

// The columns of the register import file and how a clerk's values ("男", "汉族", "本人", "已婚")
// become the register's codes. Labels come from the register's own messages, so the template,
// the export and the forms say the same thing; a few common synonyms are accepted as well.

export const COLUMNS = [
  'householdKey',
  'regionCode',
  /** optional: a village group by its number or name, with the village's 12-digit code in regionCode */
  'group',
  'address',
  'householdType',
  'relation',
  'name',
  'sex',
  'birthDate',
  'ethnicity',
  'idNumber',
  'phone',
  'residence',
  'migrationPlace',
  'migrationSince',
  'maritalStatus',
  'education',
  'occupation',
  'hukouText',
  'hukouCode',
  /** optional: a child's parents by ID number; without them a child of the head and spouse is theirs */
  'motherIdNumber',
  'fatherIdNumber',
] as const
export type Column = (typeof COLUMNS)[number]

/** Columns the header must have. The others may be missing (their values are then empty). */
export const REQUIRED_COLUMNS: readonly Column[] = ['householdKey', 'regionCode', 'address', 'relation', 'name', 'sex', 'birthDate', 'ethnicity']

/** The Chinese header of each column, as in the template. */
export const HEADER_ZH: Record<Column, string> = Object.fromEntries(COLUMNS.map((c) => [c, importsZhCN.columns[c]])) as Record<Column, string>

/** Header text → column: the Chinese and English headers, the field names, and loose spellings. */
const HEADER_LOOKUP = new Map<string, Column>()
function normHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/[*＊\s]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase()
}
for (const c of COLUMNS) {
  for (const label of [importsZhCN.columns[c], importsEn.columns[c], c]) HEADER_LOOKUP.set(normHeader(label), c)
}
for (const [label, c] of [
  ['户编号', 'householdKey'],
  ['户号', 'householdKey'],
  ['区划代码', 'regionCode'],
  ['村(组)代码', 'regionCode'],
  ['村民小组', 'group'],
  ['组', 'group'],
  ['组号', 'group'],
  ['居民小组', 'group'],
  ['家庭住址', 'address'],
  ['户籍地', 'hukouText'],
  ['户籍地(县外时填写)', 'hukouText'],
  ['户籍地代码', 'hukouCode'],
  ['电话', 'phone'],
  ['手机号', 'phone'],
  ['身份证号码', 'idNumber'],
  ['公民身份号码', 'idNumber'],
  ['流入来源地/流出去向地', 'migrationPlace'],
] as const) {
  HEADER_LOOKUP.set(normHeader(label), c)
}

export function columnOfHeader(header: string): Column | undefined {
  return HEADER_LOOKUP.get(normHeader(header))
}

// ------------------------------------------------------------------ values

type Choice = 'sex' | 'relation' | 'residence' | 'maritalStatus' | 'education' | 'householdType' | 'ethnicity'

function labels<T extends string>(codes: readonly T[], ...maps: Readonly<Record<T, string>>[]): [string, T][] {
  return codes.flatMap((code) => [[code, code] as [string, T], ...maps.map((m) => [m[code], code] as [string, T])])
}

const r = zhCN.registry
const rEn = en.registry
const CHOICES: Record<Choice, [string, string][]> = {
  sex: [...labels(SEXES, r.sex, rEn.sex), ['男性', 'MALE'], ['女性', 'FEMALE'], ['M', 'MALE'], ['F', 'FEMALE']],
  relation: [
    ...labels(RELATIONS, r.relation, rEn.relation),
    ...(
      [
        ['本人', 'SELF'],
        ['户主', 'SELF'],
        ['本人/户主', 'SELF'],
        ['妻', 'SPOUSE'],
        ['妻子', 'SPOUSE'],
        ['夫', 'SPOUSE'],
        ['丈夫', 'SPOUSE'],
        ['子', 'CHILD'],
        ['女', 'CHILD'],
        ['儿子', 'CHILD'],
        ['女儿', 'CHILD'],
        ['长子', 'CHILD'],
        ['次子', 'CHILD'],
        ['长女', 'CHILD'],
        ['次女', 'CHILD'],
        ['父亲', 'PARENT'],
        ['母亲', 'PARENT'],
        ['父', 'PARENT'],
        ['母', 'PARENT'],
        ['祖父', 'GRANDPARENT'],
        ['祖母', 'GRANDPARENT'],
        ['外祖父', 'GRANDPARENT'],
        ['外祖母', 'GRANDPARENT'],
        ['孙子', 'GRANDCHILD'],
        ['孙女', 'GRANDCHILD'],
        ['外孙子', 'GRANDCHILD'],
        ['外孙女', 'GRANDCHILD'],
        ['兄', 'SIBLING'],
        ['弟', 'SIBLING'],
        ['姐', 'SIBLING'],
        ['妹', 'SIBLING'],
        ['哥哥', 'SIBLING'],
        ['弟弟', 'SIBLING'],
        ['姐姐', 'SIBLING'],
        ['妹妹', 'SIBLING'],
        ['儿媳', 'OTHER'],
        ['女婿', 'OTHER'],
      ] as const
    ).map(([a, b]) => [a, b] as [string, string]),
  ],
  residence: [
    ...labels(RESIDENCES, r.residence, r.residenceShort, rEn.residence, rEn.residenceShort),
    ['流入人口', 'INFLOW'],
    ['流出人口', 'OUTFLOW'],
    ['户籍人口', 'LOCAL'],
    ['常住', 'LOCAL'],
  ],
  maritalStatus: [
    ...labels(MARITAL_STATUSES, r.marital, rEn.marital),
    ['已婚', 'MARRIED'],
    ['初婚', 'MARRIED'],
    ['再婚', 'MARRIED'],
    ['复婚', 'MARRIED'],
    ['离异', 'DIVORCED'],
  ],
  education: [
    ...labels(EDUCATIONS, r.education, rEn.education),
    ['文盲', 'NONE'],
    ['无', 'NONE'],
    ['中专', 'VOCATIONAL'],
    ['职高', 'VOCATIONAL'],
    ['技校', 'VOCATIONAL'],
    ['大学专科', 'COLLEGE'],
    ['专科', 'COLLEGE'],
    ['大学本科', 'BACHELOR'],
    ['大学', 'BACHELOR'],
    ['硕士', 'POSTGRADUATE'],
    ['博士', 'POSTGRADUATE'],
    ['研究生及以上', 'POSTGRADUATE'],
  ],
  householdType: [...labels(HOUSEHOLD_TYPES, r.householdType, rEn.householdType), ['家庭', 'FAMILY'], ['集体', 'COLLECTIVE']],
  ethnicity: ETHNICITIES.flatMap(
    (e) =>
      [
        [e.code, e.code],
        [String(Number(e.code)), e.code],
        [e.zh, e.code],
        [e.zh.replace(/族$/, ''), e.code],
        [e.en, e.code],
      ] as [string, string][],
  ),
}

function normValue(v: string): string {
  return v.normalize('NFKC').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase()
}

const CHOICE_LOOKUP = Object.fromEntries(
  Object.entries(CHOICES).map(([k, pairs]) => [k, new Map(pairs.map(([label, code]) => [normValue(label), code]))]),
) as Record<Choice, Map<string, string>>

/** What the message lists as allowed: the register's Chinese labels. */
export const ALLOWED: Record<Choice, string> = {
  sex: Object.values(r.sex).join('、'),
  relation: ['本人', ...Object.values(r.relation).slice(1)].join('、'),
  residence: Object.values(r.residenceShort).join('、'),
  maritalStatus: [...Object.values(r.marital), '已婚'].join('、'),
  education: Object.values(r.education).join('、'),
  householdType: Object.values(r.householdType).join('、'),
  ethnicity: '汉族、回族、满族……（56 个民族的名称或两位代码）',
}

export const CHOICE_COLUMNS: readonly Choice[] = ['sex', 'relation', 'residence', 'maritalStatus', 'education', 'householdType', 'ethnicity']

/** The code for a clerk's value, or undefined when it is not one we know. */
export function choiceCode(kind: Choice, value: string): string | undefined {
  return CHOICE_LOOKUP[kind].get(normValue(value))
}

/**
 * A date as clerks type it — 1985-03-02, 1985/3/2, 1985.3.2, 19850302, 1985年3月2日 — as
 * yyyy-mm-dd. Anything else is returned unchanged so the schema names the problem.
 */
export function normaliseDate(value: string): string {
  const v = value.trim()
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v)
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(v)
  if (!m) return v
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
}

/** The Chinese label of a code, for the export and the template's example rows. */
export function labelOf(kind: Exclude<Choice, 'ethnicity'>, code: string): string {
  const map: Record<Exclude<Choice, 'ethnicity'>, Record<string, string>> = {
    sex: r.sex,
    relation: { ...r.relation, SELF: '本人' },
    residence: r.residenceShort,
    maritalStatus: r.marital,
    education: r.education,
    householdType: r.householdType,
  }
  return map[kind][code] ?? code
}
