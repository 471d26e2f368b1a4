import type { DbClient } from '@/lib/server/db'
import { toIso } from '@/lib/dates'
import { bornOnOrBefore, tallyStock, type StockCell } from './rules'
import { type Period } from '@/lib/periods/rules'
import type { Counts } from './sections'
import { villageMapFor } from '@/lib/regions/history-map'

// Not server-only: it only builds SQL for the client it is given, and the demo generator (run
// outside Next.js) computes its report history with it.
//
// Figures computed from the register, for a region and everything below it, per child region
// (townships of a county, villages of a township) and in total. Totals are computed by PostgreSQL
// over the same rows (GROUPING SETS), not added up here, so the tests that compare a county with
// the sum of its townships check the attribution of every person and event.
//
// Stock at a date D is reconstructed from the register and its dated events (口径, printed with
// the report):
// - alive: born on or before D, and not died on or before D;
// - in the county: arrived by a move-in dated on or before D; a move-out on or before D (not
//   followed by a return) takes a person out; someone marked moved out with no dated move-out is
//   not counted; an inflow migrant counts from the date they came (migrationSince);
// - place: where they live now, unless a move within the county after D: then where they left from;
// - residence: as now, except an outflow migrant who left after D was living here (local), and
//   someone who returned after D was away as they were before returning.
// An edit made without an event (a corrected sex, say) applies to every period; that is why an
// approved report keeps a frozen copy of its figures.

export type ScopeLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'

export interface FigureScope {
  level: ScopeLevel
  regionId: number
  countyId: number
}

/** Counts per child region id, and the total under the key 'total'. */
export interface ScopeCounts {
  total: Counts
  byChild: Map<number, Counts>
}

/** Columns of the register rows: the scope's own and its children's. */
const COLUMNS: Record<ScopeLevel, { own: string; child: string | null }> = {
  COUNTY: { own: 'countyId', child: 'townshipId' },
  TOWNSHIP: { own: 'townshipId', child: 'villageId' },
  VILLAGE: { own: 'villageId', child: null },
}

/**
 * How rows that name a village not valid on the period's last day are counted (region changes,
 * docs/decisions/0011-effective-dated-regions.md): each such village row (`cur`) stands for the
 * village and township valid then; `extra` lists the rows that stand for a place inside the scope.
 * Empty in a county whose regions never changed, and then the queries are exactly as before.
 */
export interface Attribution {
  cur: number[]
  village: number[]
  township: number[]
  extra: number[]
}
export const NO_ATTRIBUTION: Attribution = { cur: [], village: [], township: [], extra: [] }

/** The attribution of a scope for a period: the regions valid on its last day. */
export async function attributionFor(client: DbClient, scope: FigureScope, period: Period): Promise<Attribution> {
  const map = await villageMapFor(client, scope.countyId, period.end)
  if (map.cur.length === 0) return NO_ATTRIBUTION
  const target = scope.level === 'TOWNSHIP' ? map.township : scope.level === 'VILLAGE' ? map.village : null
  return { ...map, extra: target ? map.cur.filter((_, i) => target[i] === scope.regionId) : [] }
}

/** A column of a register row as it was on the period's last day: through the village map `vm` when one applies. */
function placeExpr(col: string, own: string, vm: string | null): string {
  if (!vm) return own
  if (col === 'villageId') return `COALESCE(${vm}.village, ${own})`
  if (col === 'townshipId') return `(CASE WHEN ${vm}.cur IS NULL THEN ${own} ELSE ${vm}.township END)`
  return own
}

export interface FigureSource {
  /** the count keys it produces */
  keys: readonly string[]
  compute(client: DbClient, scope: FigureScope, period: Period, attribution?: Attribution): Promise<ScopeCounts>
}

type Row = Record<string, unknown> & { child: number | null; grouped: number }

/** Rows of a GROUPING SETS ((child), ()) query into totals and children. */
function collect(rows: Row[], keys: readonly string[], hasChild: boolean): ScopeCounts {
  const out: ScopeCounts = { total: Object.fromEntries(keys.map((k) => [k, 0])), byChild: new Map() }
  for (const row of rows) {
    const counts: Counts = Object.fromEntries(keys.map((k) => [k, Number(row[k] ?? 0)]))
    if (!hasChild || row.grouped === 1) out.total = counts
    else if (row.child !== null) out.byChild.set(Number(row.child), counts)
  }
  return out
}

function groupBy(childExpr: string | null): { select: string; group: string } {
  return childExpr
    ? { select: `${childExpr} AS child, GROUPING(${childExpr})::int AS grouped`, group: `GROUP BY GROUPING SETS ((${childExpr}), ())` }
    : { select: 'NULL::int AS child, 1 AS grouped', group: '' }
}

const dayBefore = (iso: string) => toIso(new Date(new Date(`${iso}T00:00:00Z`).getTime() - 86_400_000))

// ------------------------------------------------------------------ stock at the end, and at the start

const STOCK_KEYS = [
  'households',
  'registered',
  'registeredMale',
  'registeredFemale',
  'resident',
  'residentMale',
  'residentFemale',
  'inflow',
  'inflowMale',
  'inflowFemale',
  'outflow',
  'outflowMale',
  'outflowFemale',
  'age0_2',
  'age3_6',
  'age7_14',
  'age15_59',
  'age60plus',
  'age80plus',
  'women15_49',
  'registeredStart',
] as const

/**
 * The population on the period's last day ($1) and the registered population on the day before it
 * began ($4), in one pass over the register (the rules at the top of this file). $2 county, $3 the
 * scope's region, $5… the latest birth dates of 3, 7, 15, 50, 60 and 80 year-olds on $1.
 *
 * The answer is a small histogram, not the figures: people counted by child region at the end
 * and at the start (they differ only for those who moved within the county in the period), whether
 * they count on each date, residence, sex, head of household and age band. Grouping evaluates the
 * reconstruction once per person; rules.tallyStock turns the histogram into the figures.
 */
function stockSql(scope: FigureScope, mapped: boolean, people = false): string {
  const { own, child } = COLUMNS[scope.level]
  // The first move within the county after a date tells where someone lived on it.
  const moves = (name: string, date: string) => `${name} AS (
      SELECT DISTINCT ON (e."personId") e."personId", e."townshipId", e."villageId"
      FROM "LifeEvent" e
      WHERE e."countyId" = $2 AND e.status = 'ACTIVE' AND e.type = 'MOVE_WITHIN' AND e."occurredOn" > ${date}
      ORDER BY e."personId", e."occurredOn", e.id
    )`
  const presence = (suffix: string, date: string) => `
        (ARRAY_AGG(e.type::text ORDER BY e."occurredOn" DESC, e.id DESC) FILTER (WHERE e.type IN ('MOVE_OUT','RETURN') AND e."occurredOn" <= ${date}))[1] AS last_before_${suffix},
        BOOL_OR(e.type IN ('MOVE_OUT','RETURN') AND e."occurredOn" > ${date}) AS change_after_${suffix}`
  const present = (suffix: string, date: string) => `(
          p."birthDate" <= ${date}
          AND ((p.alive AND p."deathDate" IS NULL) OR p."deathDate" > ${date})
          AND (pr.arrived IS NULL OR pr.arrived <= ${date})
          AND NOT (p.residence = 'INFLOW' AND p."migrationSince" > ${date})
          AND CASE pr.last_before_${suffix}
                WHEN 'MOVE_OUT' THEN FALSE
                WHEN 'RETURN' THEN TRUE
                ELSE NOT p."movedOut" OR COALESCE(pr.change_after_${suffix}, FALSE)
              END
        ) AS in_${suffix}`
  // with a village map ($11 cur, $12 village, $13 township, $14 the rows inside the scope), a place
  // is taken through the map: ve for the place at the end, vs at the start
  const place = (alias: string, col: string, suffix: string) =>
    `${placeExpr(col, `COALESCE(${alias}."${col}", p."${col}")`, mapped ? (suffix === 'end' ? 've' : 'vs') : null)} AS "${col}_${suffix}"`
  const places = child ? [place('me', child, 'end'), place('ms', child, 'start')] : []
  if (scope.level !== 'COUNTY') places.push(place('me', own, 'end'), place('ms', own, 'start'))
  const extra = mapped ? ` OR "villageId" = ANY ($14::int[])` : ''
  // Nobody leaves the county by a move within it; below the county, add those who lived here on
  // either date. "= ANY (ARRAY(…))" rather than "IN (…)", so both halves use an index (BitmapOr).
  const candidates =
    scope.level === 'COUNTY'
      ? `p."countyId" = $3`
      : `(p."${own}" = $3${mapped ? ` OR p."villageId" = ANY ($14::int[])` : ''} OR p.id = ANY (ARRAY(SELECT "personId" FROM moves_end WHERE "${own}" = $3${extra} UNION SELECT "personId" FROM moves_start WHERE "${own}" = $3${extra})))`
  const atEnd = scope.level === 'COUNTY' ? 'in_end' : `in_end AND "${own}_end" = $3`
  const atStart = scope.level === 'COUNTY' ? 'in_start' : `in_start AND "${own}_start" = $3`
  return `
    WITH ${moves('moves_end', '$1::date')}, ${moves('moves_start', '$4::date')},${
      mapped ? `\n    vmap AS (SELECT * FROM unnest($11::int[], $12::int[], $13::int[]) AS m(cur, village, township)),` : ''
    }
    presence AS (
      SELECT e."personId",
        MIN(e."occurredOn") FILTER (WHERE e.type = 'MOVE_IN') AS arrived,
        (ARRAY_AGG(e.details->>'returnedFrom' ORDER BY e."occurredOn", e.id) FILTER (WHERE e.type = 'RETURN' AND e."occurredOn" > $1::date))[1] AS returned_from_end,
        ${presence('end', '$1::date')},
        ${presence('start', '$4::date')}
      FROM "LifeEvent" e
      WHERE e."countyId" = $2 AND e.status = 'ACTIVE' AND e.type IN ('MOVE_IN','MOVE_OUT','RETURN')
      GROUP BY e."personId"
    ),
    people AS (
      SELECT p.id AS pid, p.sex, p."birthDate" AS born, p.relation, ${places.join(', ')}${places.length ? ',' : ''}
        ${present('end', '$1::date')},
        ${present('start', '$4::date')},
        CASE
          WHEN p.residence = 'OUTFLOW' AND p."migrationSince" > $1::date THEN 'LOCAL'
          WHEN p.residence = 'LOCAL' AND pr.returned_from_end IN ('OUTFLOW','AWAY') THEN pr.returned_from_end
          ELSE p.residence::text
        END AS res,
        p.residence <> 'INFLOW' AS hukou_here
      FROM "Person" p
      LEFT JOIN moves_end me ON me."personId" = p.id
      LEFT JOIN moves_start ms ON ms."personId" = p.id
      LEFT JOIN presence pr ON pr."personId" = p.id${
        mapped
          ? `
      LEFT JOIN vmap ve ON ve.cur = COALESCE(me."villageId", p."villageId")
      LEFT JOIN vmap vs ON vs.cur = COALESCE(ms."villageId", p."villageId")`
          : ''
      }
      WHERE p."countyId" = $2 AND ${candidates}
        AND p."birthDate" <= $1::date
        AND ((p.alive AND p."deathDate" IS NULL) OR p."deathDate" > $4::date)
    )
    SELECT ${people ? 'pid, ' : ''}${child ? `"${child}_end" AS child_end, "${child}_start" AS child_start` : 'NULL::int AS child_end, NULL::int AS child_start'},
      -- one integer per combination (decodeCell): grouping by three integers is much cheaper than by eight mixed keys
      (CASE WHEN ${atEnd} THEN 1024 ELSE 0 END) + (CASE WHEN ${atStart} THEN 512 ELSE 0 END)
      + (CASE res WHEN 'LOCAL' THEN 0 WHEN 'AWAY' THEN 128 WHEN 'INFLOW' THEN 256 ELSE 384 END)
      + (CASE WHEN sex = 'MALE' THEN 0 ELSE 64 END) + (CASE WHEN relation = 'SELF' THEN 32 ELSE 0 END)
      + CASE WHEN born > $5::date THEN 0 WHEN born > $6::date THEN 1 WHEN born > $7::date THEN 2 WHEN born > $8::date THEN 3
             WHEN born > $9::date THEN 4 WHEN born > $10::date THEN 5 ELSE 6 END AS code,
      ${people ? '1' : 'COUNT(*)::int'} AS n
    FROM people
    WHERE in_end OR in_start
    ${people ? '' : 'GROUP BY 1, 2, 3'}`
}

const RESIDENCES = ['LOCAL', 'AWAY', 'INFLOW', 'OUTFLOW'] as const

/** The inverse of the code stockSql computes. */
function decodeCell(row: { child_end: number | null; child_start: number | null; code: number; n: number }): StockCell {
  const code = Number(row.code)
  return {
    child_end: row.child_end,
    child_start: row.child_start,
    at_end: (code & 1024) !== 0,
    at_start: (code & 512) !== 0,
    res: RESIDENCES[(code >> 7) & 3],
    sex: code & 64 ? 'FEMALE' : 'MALE',
    head: (code & 32) !== 0,
    age: code & 31,
    n: Number(row.n),
  }
}

/** Stock at the end of the period and the registered population the day before it began (for rates). */
export const stockSource: FigureSource = {
  keys: STOCK_KEYS,
  async compute(client, scope, period, attribution = NO_ATTRIBUTION) {
    const cutoffs = [3, 7, 15, 50, 60, 80].map((years) => bornOnOrBefore(period.end, years))
    const mapped = attribution.cur.length > 0
    const rows = await client.$queryRawUnsafe<{ child_end: number | null; child_start: number | null; code: number; n: number }[]>(
      stockSql(scope, mapped),
      period.end,
      scope.countyId,
      scope.regionId,
      dayBefore(period.start),
      ...cutoffs,
      ...attributionParams(scope, attribution),
    )
    return tallyStock(rows.map(decodeCell), STOCK_KEYS)
  },
}

/**
 * The people behind the stock figures of a scope (the trace, 追溯): the same reconstruction as
 * stockSource, one row per person instead of the histogram, and a person is behind `key` when the
 * figure's own tally (rules.tallyStock) counts their cell under it. So the list's length is the
 * figure by construction, whatever the rules at the top of this file become.
 */
export async function stockPeople(client: DbClient, scope: FigureScope, period: Period, key: string, attribution = NO_ATTRIBUTION): Promise<number[]> {
  if (!(STOCK_KEYS as readonly string[]).includes(key)) return []
  const cutoffs = [3, 7, 15, 50, 60, 80].map((years) => bornOnOrBefore(period.end, years))
  const rows = await client.$queryRawUnsafe<{ pid: number; child_end: number | null; child_start: number | null; code: number; n: number }[]>(
    stockSql(scope, attribution.cur.length > 0, true),
    period.end,
    scope.countyId,
    scope.regionId,
    dayBefore(period.start),
    ...cutoffs,
    ...attributionParams(scope, attribution),
  )
  // the scope's total does not depend on the child columns: one decision per code
  const counts = new Map<number, boolean>()
  const out: number[] = []
  for (const row of rows) {
    const code = Number(row.code)
    let counted = counts.get(code)
    if (counted === undefined) {
      counted = tallyStock([decodeCell({ ...row, child_end: null, child_start: null, n: 1 })], [key]).total[key] > 0
      counts.set(code, counted)
    }
    if (counted) out.push(Number(row.pid))
  }
  return out.sort((a, b) => a - b)
}

/** Whether a key is one of the stock figures (the people behind it come from stockPeople). */
export const isStockKey = (key: string) => (STOCK_KEYS as readonly string[]).includes(key)

// ------------------------------------------------------------------ events in the period

/**
 * The join, scope condition and child expression of an events query, through the village map
 * when one applies ($5 cur, $6 village, $7 township, $8 the rows inside the scope).
 */
function eventPlace(scope: FigureScope, mapped: boolean): { join: string; where: string; child: string | null } {
  const { own, child } = COLUMNS[scope.level]
  if (!mapped) return { join: '', where: `e."${own}" = $2`, child: child ? `e."${child}"` : null }
  const vm = 'vm'
  return {
    join: `LEFT JOIN unnest($5::int[], $6::int[], $7::int[]) AS vm(cur, village, township) ON vm.cur = e."villageId"`,
    where: scope.level === 'COUNTY' ? `e."${own}" = $2` : `(e."${own}" = $2 OR e."villageId" = ANY ($8::int[])) AND ${placeExpr(own, `e."${own}"`, vm)} = $2`,
    child: child ? placeExpr(child, `e."${child}"`, vm) : null,
  }
}
/** The map's parameters; `extra` only below the county (the county's own condition needs no map). */
const attributionParams = (scope: FigureScope, a: Attribution) =>
  a.cur.length === 0 ? [] : scope.level === 'COUNTY' ? [a.cur, a.village, a.township] : [a.cur, a.village, a.township, a.extra]

const FLOW_KEYS = [
  'births',
  'birthsMale',
  'birthsFemale',
  'birthOrder1',
  'birthOrder2',
  'birthOrder3plus',
  'deaths',
  'marriages',
  'divorces',
  'movesIn',
  'movesOut',
  'movesWithin',
] as const

/**
 * Life events dated in the period (the current version of each; corrected ones are replaced by
 * their correction), counted where they were recorded: a birth in the mother's village, a move
 * within the county where the person left. Moves into the county include returns of people who
 * had moved out.
 */
const BIRTH = `e.type = 'BIRTH'`
/** Each flow figure's condition on an event `e` of the person `p`: the count and its trace read the same one. */
const FLOW_FILTERS: Record<(typeof FLOW_KEYS)[number], string> = {
  births: BIRTH,
  birthsMale: `${BIRTH} AND p.sex = 'MALE'`,
  birthsFemale: `${BIRTH} AND p.sex = 'FEMALE'`,
  birthOrder1: `${BIRTH} AND COALESCE(p."birthOrder", 1) = 1`,
  birthOrder2: `${BIRTH} AND p."birthOrder" = 2`,
  birthOrder3plus: `${BIRTH} AND p."birthOrder" >= 3`,
  deaths: `e.type = 'DEATH'`,
  marriages: `e.type = 'MARRIAGE'`,
  divorces: `e.type = 'DIVORCE'`,
  movesIn: `e.type = 'MOVE_IN' OR (e.type = 'RETURN' AND e.details->>'returnedFrom' = 'MOVED_OUT')`,
  movesOut: `e.type = 'MOVE_OUT'`,
  movesWithin: `e.type = 'MOVE_WITHIN'`,
}

export const flowSource: FigureSource = {
  keys: FLOW_KEYS,
  async compute(client, scope, period, attribution = NO_ATTRIBUTION) {
    const place = eventPlace(scope, attribution.cur.length > 0)
    const g = groupBy(place.child)
    const rows = await client.$queryRawUnsafe<Row[]>(
      `SELECT ${g.select},
        ${FLOW_KEYS.map((k) => `COUNT(*) FILTER (WHERE ${FLOW_FILTERS[k]})::int AS "${k}"`).join(',\n        ')}
      FROM "LifeEvent" e JOIN "Person" p ON p.id = e."personId" ${place.join}
      WHERE e."countyId" = $1 AND ${place.where} AND e.status = 'ACTIVE'
        AND e."occurredOn" BETWEEN $3::date AND $4::date
      ${g.group}`,
      scope.countyId,
      scope.regionId,
      period.start,
      period.end,
      ...attributionParams(scope, attribution),
    )
    return collect(rows, FLOW_KEYS, place.child !== null)
  },
}

/**
 * The life events behind a flow or timeliness figure of a scope (the trace, 追溯): the figure's own
 * query with its own condition, listing the events instead of counting them. [] for another key.
 */
export async function figureEvents(client: DbClient, scope: FigureScope, period: Period, key: string, attribution = NO_ATTRIBUTION): Promise<number[]> {
  const place = eventPlace(scope, attribution.cur.length > 0)
  const flow = (FLOW_FILTERS as Record<string, string>)[key]
  const timely = key === 'eventsRecorded' ? 'TRUE' : key === 'eventsLate' ? 'e.late' : null
  if (!flow && !timely) return []
  const rows = await client.$queryRawUnsafe<{ id: number }[]>(
    `SELECT e.id
      FROM "LifeEvent" e JOIN "Person" p ON p.id = e."personId" ${place.join}
      WHERE e."countyId" = $1 AND ${place.where} AND e.status = 'ACTIVE'
        AND e."${flow ? 'occurredOn' : 'recordedOn'}" BETWEEN $3::date AND $4::date
        AND (${flow ?? timely})
      ORDER BY e.id`,
    scope.countyId,
    scope.regionId,
    period.start,
    period.end,
    ...attributionParams(scope, attribution),
  )
  return rows.map((r) => Number(r.id))
}

// ------------------------------------------------------------------ timeliness of the register

const TIMELINESS_KEYS = ['eventsRecorded', 'eventsLate'] as const

/** Events recorded in the period, and how many of them more than 30 days after they happened. */
export const timelinessSource: FigureSource = {
  keys: TIMELINESS_KEYS,
  async compute(client, scope, period, attribution = NO_ATTRIBUTION) {
    const place = eventPlace(scope, attribution.cur.length > 0)
    const g = groupBy(place.child)
    const rows = await client.$queryRawUnsafe<Row[]>(
      `SELECT ${g.select},
        COUNT(*)::int AS "eventsRecorded",
        COUNT(*) FILTER (WHERE e.late)::int AS "eventsLate"
      FROM "LifeEvent" e ${place.join}
      WHERE e."countyId" = $1 AND ${place.where} AND e.status = 'ACTIVE'
        AND e."recordedOn" BETWEEN $3::date AND $4::date
      ${g.group}`,
      scope.countyId,
      scope.regionId,
      period.start,
      period.end,
      ...attributionParams(scope, attribution),
    )
    return collect(rows, TIMELINESS_KEYS, place.child !== null)
  },
}

// On globalThis, like REPORT_SECTIONS: every bundle of the process sees the sources added at start-up.
const SOURCES = Symbol.for('xiangzhen.reports.figureSources')
type SourceHolder = { [SOURCES]?: FigureSource[] }

/** Every source of counts; a later module adds its own through addFigureSource (see sections.ts). */
export const FIGURE_SOURCES: FigureSource[] = ((globalThis as SourceHolder)[SOURCES] ??= [stockSource, flowSource, timelinessSource])

/** Adds a higher module's source (lib/modules.ts); a source producing the same keys is replaced. */
export function addFigureSource(source: FigureSource): void {
  const at = FIGURE_SOURCES.findIndex((s) => s.keys[0] === source.keys[0])
  if (at >= 0) FIGURE_SOURCES[at] = source
  else FIGURE_SOURCES.push(source)
}

/** The register's own sources: what the statistics store keeps (lib/dashboard/store.ts). */
export const REGISTER_SOURCES: readonly FigureSource[] = [stockSource, flowSource]

/** All counts of a scope for a period, merged across the sources (every source unless told which). */
export async function computeCounts(
  client: DbClient,
  scope: FigureScope,
  period: Period,
  sources: readonly FigureSource[] = FIGURE_SOURCES,
): Promise<ScopeCounts> {
  const attribution = await attributionFor(client, scope, period)
  const results = await Promise.all(sources.map((source) => source.compute(client, scope, period, attribution)))
  const total: Counts = {}
  const byChild = new Map<number, Counts>()
  for (const [index, result] of results.entries()) {
    const zero = Object.fromEntries(sources[index].keys.map((k) => [k, 0]))
    Object.assign(total, zero, result.total)
    for (const [id, counts] of result.byChild) byChild.set(id, { ...byChild.get(id), ...counts })
  }
  // every child has every key, zero where a source had no rows for it
  const allZero = Object.fromEntries(sources.flatMap((s) => s.keys).map((k) => [k, 0]))
  for (const [id, counts] of byChild) byChild.set(id, { ...allZero, ...counts })
  return { total, byChild }
}
