import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { staff } from './helpers'
import { makeCounty, type MadeRegion } from '@/tests/factories'
import { nameColumns } from '@/lib/registry/columns'
import { toDate } from '@/lib/dates'
import { computeCounts, type FigureScope } from '@/lib/reports/figures'
import { SERVICE_FIGURE_KEYS } from '@/lib/services/report'
import { annualisationFactor, DEFAULT_REPORT_SETTINGS, type ReportKind } from '@/lib/reports/rules'
import { periodOf, type Period } from '@/lib/periods/rules'
import { cellValue, columnsOf, REPORT_SECTIONS, type Counts } from '@/lib/reports/sections'

// A hand-built register in which every figure is known in advance. The expectations below are
// counted by hand from the fixture (person by person, see the comments), never by the code under
// test: if a figure disagrees, either the counting rules in lib/reports/figures.ts or this table
// is wrong, and the comment next to the number says which rule it relies on.
//
// Periods of statistical year 2026 (1 Oct 2025 – 30 Sep 2026, 365 days):
//   M  = month 2026-02    2026-02-01 … 2026-02-28 (28 days)   start-of-period date 2026-01-31
//   H  = half-year 2026H1 2025-10-01 … 2026-03-31 (182 days)  start-of-period date 2025-09-30
//   A  = year 2026        2025-10-01 … 2026-09-30 (365 days)  start-of-period date 2025-09-30
// February's end (28 Feb, a non-leap year) makes the age boundaries interesting: someone born
// 29 Feb 1976 is still 49 on 28 Feb 2026 (the birthday comes on 1 March) but 50 on 31 March.
//
// County 测试县 > T1 (V11, V12), T2 (V21, V22). People live in a village (no group).

type VillageKey = 'V11' | 'V12' | 'V21' | 'V22'
type Res = 'LOCAL' | 'AWAY' | 'INFLOW' | 'OUTFLOW'
type Rel = 'SELF' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'OTHER'

interface PersonSpec {
  /** where the person row is now */
  v: VillageKey
  /** household key (households are per village, named below); none for those who moved out */
  h?: string
  rel?: Rel
  sex: 'MALE' | 'FEMALE'
  born: string
  res?: Res
  since?: string
  died?: string
  movedOut?: boolean
  order?: number
}

// The people. p-numbers are referred to in the comments of the expected table.
const PEOPLE: Record<string, PersonSpec> = {
  // ---- V11
  p1: { v: 'V11', h: 'HA', rel: 'SELF', sex: 'MALE', born: '1970-05-10' },
  p2: { v: 'V11', h: 'HA', rel: 'SPOUSE', sex: 'FEMALE', born: '1990-06-01' },
  p3: { v: 'V11', h: 'HA', rel: 'CHILD', sex: 'MALE', born: '2026-02-10', order: 1 }, // born in M
  p4: { v: 'V11', h: 'HA', rel: 'CHILD', sex: 'FEMALE', born: '2026-02-20', order: 2 }, // born in M
  p5: { v: 'V11', h: 'HA', rel: 'PARENT', sex: 'MALE', born: '1950-01-01', died: '2026-05-01' }, // dies after H, in A
  p6: { v: 'V11', h: 'HB', rel: 'SELF', sex: 'FEMALE', born: '1985-03-03' }, // divorced 2026-02-25, recorded 2026-03-02
  p7: { v: 'V11', h: 'HC', rel: 'SELF', sex: 'MALE', born: '1990-09-09' }, // returned from outflow 2026-03-15 (now LOCAL)
  p8: { v: 'V11', h: 'HA', rel: 'CHILD', sex: 'FEMALE', born: '1994-04-04', res: 'OUTFLOW', since: '2023-03-01' },
  p9: { v: 'V11', h: 'HA', rel: 'CHILD', sex: 'MALE', born: '2011-02-28' }, // exactly 15 on 28 Feb 2026
  p10: { v: 'V11', h: 'HA', rel: 'OTHER', sex: 'MALE', born: '1975-07-07' }, // moved here from V22 on 2026-10-10, after every period
  // ---- V12
  p11: { v: 'V12', h: 'HD', rel: 'SELF', sex: 'MALE', born: '1972-08-08' },
  p12: { v: 'V12', h: 'HD', rel: 'PARENT', sex: 'FEMALE', born: '1940-01-01', died: '2026-02-14' }, // dies in M
  p13: { v: 'V12', h: 'HD', rel: 'CHILD', sex: 'MALE', born: '1995-05-05' }, // married in M
  p14: { v: 'V12', sex: 'MALE', born: '1988-08-08', movedOut: true }, // moved out of the county 2026-03-10 (after M, in H)
  p15: { v: 'V12', h: 'HE', rel: 'OTHER', sex: 'FEMALE', born: '2000-12-12' }, // moved here from V11 on 2026-03-20 (after M, in H)
  p16: { v: 'V12', h: 'HF', rel: 'SELF', sex: 'FEMALE', born: '1998-01-01', res: 'INFLOW', since: '2024-05-01' }, // inflow head: not a registered household
  p17: { v: 'V12', h: 'HD', rel: 'SPOUSE', sex: 'FEMALE', born: '1977-02-28' }, // exactly 49 on 28 Feb 2026
  p18: { v: 'V12', h: 'HE', rel: 'SELF', sex: 'FEMALE', born: '1976-02-28' }, // exactly 50 on 28 Feb 2026
  p19: { v: 'V12', h: 'HD', rel: 'CHILD', sex: 'MALE', born: '2020-06-01' }, // 5: age 3–6
  p20: { v: 'V12', h: 'HD', rel: 'CHILD', sex: 'FEMALE', born: '2025-11-15', order: 1 }, // born in H before M
  // ---- V21
  p21: { v: 'V21', h: 'HG', rel: 'SELF', sex: 'MALE', born: '1980-01-20' },
  p22: { v: 'V21', h: 'HG', rel: 'CHILD', sex: 'MALE', born: '2026-02-05', order: 3 }, // born in M, recorded late in April
  p23: { v: 'V21', h: 'HG', rel: 'SPOUSE', sex: 'FEMALE', born: '1982-02-02' }, // divorced 2026-07-01 (A only)
  p24: { v: 'V21', h: 'HH', rel: 'SELF', sex: 'FEMALE', born: '1985-01-15' }, // moved out 2025-08-01, came back 2026-02-20
  p25: { v: 'V21', h: 'HH', rel: 'OTHER', sex: 'FEMALE', born: '1980-04-04' }, // moved here from V12 (other township) on 2026-02-10, in M
  p26: { v: 'V21', h: 'HG', rel: 'CHILD', sex: 'MALE', born: '1996-06-06', res: 'OUTFLOW', since: '2026-03-10' }, // left after M
  p27: { v: 'V21', h: 'HG', rel: 'PARENT', sex: 'MALE', born: '1966-02-28' }, // exactly 60 on 28 Feb 2026
  p28: { v: 'V21', h: 'HH', rel: 'OTHER', sex: 'FEMALE', born: '1976-02-29' }, // 49 on 28 Feb 2026, 50 on 31 Mar 2026
  // ---- V22
  p29: { v: 'V22', h: 'HI', rel: 'SELF', sex: 'MALE', born: '1960-12-12' },
  p30: { v: 'V22', h: 'HI', rel: 'PARENT', sex: 'MALE', born: '1935-05-05', died: '2025-12-01' }, // death first entered as 2026-02-03, corrected
  p31: { v: 'V22', h: 'HI', rel: 'CHILD', sex: 'MALE', born: '2026-06-01', order: 2 }, // born after H, in A
  p32: { v: 'V22', h: 'HI', rel: 'CHILD', sex: 'FEMALE', born: '1997-07-07' }, // married 2026-03-08 (H, A)
  p33: { v: 'V22', h: 'HI', rel: 'OTHER', sex: 'FEMALE', born: '1992-03-03' }, // moved into the county 2026-02-18, in M
  p34: { v: 'V22', h: 'HJ', rel: 'SELF', sex: 'MALE', born: '1993-05-05', res: 'INFLOW', since: '2026-02-15' }, // inflow arriving in M
  p35: { v: 'V22', h: 'HI', rel: 'PARENT', sex: 'FEMALE', born: '1946-02-28' }, // exactly 80 on 28 Feb 2026
  p36: { v: 'V22', h: 'HI', rel: 'CHILD', sex: 'FEMALE', born: '2015-01-01' }, // 11: age 7–14
  p37: { v: 'V22', sex: 'MALE', born: '1960-10-10', movedOut: true }, // marked moved out, no dated event: never counted
  p38: { v: 'V22', h: 'HI', rel: 'SPOUSE', sex: 'MALE', born: '1970-03-03', res: 'AWAY' }, // registered here, living away
}

interface EventSpec {
  p: string
  type: 'BIRTH' | 'DEATH' | 'MARRIAGE' | 'DIVORCE' | 'MOVE_WITHIN' | 'MOVE_OUT' | 'MOVE_IN' | 'RETURN'
  /** the event's own village columns (a move within the county: where the person left) */
  v: VillageKey
  on: string
  rec: string
  late?: boolean
  details?: Record<string, string>
  /** key of this row, for a correction to point at */
  id?: string
  corrected?: boolean
  corrects?: string
}

const EVENTS: EventSpec[] = [
  { p: 'p3', type: 'BIRTH', v: 'V11', on: '2026-02-10', rec: '2026-02-12' },
  { p: 'p4', type: 'BIRTH', v: 'V11', on: '2026-02-20', rec: '2026-02-25' },
  { p: 'p5', type: 'DEATH', v: 'V11', on: '2026-05-01', rec: '2026-05-02' },
  { p: 'p6', type: 'DIVORCE', v: 'V11', on: '2026-02-25', rec: '2026-03-02' },
  { p: 'p7', type: 'RETURN', v: 'V11', on: '2026-03-15', rec: '2026-03-16', details: { returnedFrom: 'OUTFLOW' } },
  { p: 'p10', type: 'MOVE_WITHIN', v: 'V22', on: '2026-10-10', rec: '2026-10-11', details: { fromRegionId: 'V22', toRegionId: 'V11' } },
  { p: 'p12', type: 'DEATH', v: 'V12', on: '2026-02-14', rec: '2026-02-16' },
  { p: 'p13', type: 'MARRIAGE', v: 'V12', on: '2026-02-14', rec: '2026-02-14' },
  { p: 'p14', type: 'MOVE_OUT', v: 'V12', on: '2026-03-10', rec: '2026-03-12', details: { destination: '北京市朝阳区' } },
  { p: 'p15', type: 'MOVE_WITHIN', v: 'V11', on: '2026-03-20', rec: '2026-03-21', details: { fromRegionId: 'V11', toRegionId: 'V12' } },
  { p: 'p20', type: 'BIRTH', v: 'V12', on: '2025-11-15', rec: '2025-11-20' },
  { p: 'p22', type: 'BIRTH', v: 'V21', on: '2026-02-05', rec: '2026-04-10', late: true },
  { p: 'p23', type: 'DIVORCE', v: 'V21', on: '2026-07-01', rec: '2026-07-02' },
  { p: 'p24', type: 'MOVE_OUT', v: 'V21', on: '2025-08-01', rec: '2025-08-02', details: { destination: '天津市' } },
  { p: 'p24', type: 'RETURN', v: 'V21', on: '2026-02-20', rec: '2026-02-21', details: { returnedFrom: 'MOVED_OUT' } },
  { p: 'p25', type: 'MOVE_WITHIN', v: 'V12', on: '2026-02-10', rec: '2026-02-11', details: { fromRegionId: 'V12', toRegionId: 'V21' } },
  // entered with the wrong date (in M), corrected to 2025-12-01 the same day it was recorded
  { p: 'p30', type: 'DEATH', v: 'V22', on: '2026-02-03', rec: '2026-02-05', id: 'd2', corrected: true },
  { p: 'p30', type: 'DEATH', v: 'V22', on: '2025-12-01', rec: '2026-02-05', late: true, corrects: 'd2' },
  { p: 'p31', type: 'BIRTH', v: 'V22', on: '2026-06-01', rec: '2026-06-03' },
  { p: 'p32', type: 'MARRIAGE', v: 'V22', on: '2026-03-08', rec: '2026-03-09' },
  { p: 'p33', type: 'MOVE_IN', v: 'V22', on: '2026-02-18', rec: '2026-02-19', details: { origin: '河北省沧州市' } },
]

// ------------------------------------------------------------------ expected figures, by hand

/** Stock: households, registered/resident/inflow/outflow [total, male, female], ages [0–2, 3–6, 7–14, 15–59, 60+, 80+], women 15–49, registered at the start. */
function stock(
  households: number,
  reg: number[],
  res: number[],
  inf: number[],
  out: number[],
  ages: number[],
  women15_49: number,
  registeredStart: number,
): Counts {
  return {
    households,
    registered: reg[0],
    registeredMale: reg[1],
    registeredFemale: reg[2],
    resident: res[0],
    residentMale: res[1],
    residentFemale: res[2],
    inflow: inf[0],
    inflowMale: inf[1],
    inflowFemale: inf[2],
    outflow: out[0],
    outflowMale: out[1],
    outflowFemale: out[2],
    age0_2: ages[0],
    age3_6: ages[1],
    age7_14: ages[2],
    age15_59: ages[3],
    age60plus: ages[4],
    age80plus: ages[5],
    women15_49,
    registeredStart,
  }
}

/** Flows: births [total, male, female, order 1, 2, 3+], deaths, marriages, divorces, moves [in, out, within]; timeliness [recorded, late]. */
function flows(births: number[], deaths: number, marriages: number, divorces: number, moves: number[], timeliness: number[]): Counts {
  return {
    births: births[0],
    birthsMale: births[1],
    birthsFemale: births[2],
    birthOrder1: births[3],
    birthOrder2: births[4],
    birthOrder3plus: births[5],
    deaths,
    marriages,
    divorces,
    movesIn: moves[0],
    movesOut: moves[1],
    movesWithin: moves[2],
    eventsRecorded: timeliness[0],
    eventsLate: timeliness[1],
  }
}

const O = [0, 0, 0]
const NONE = [0, 0, 0, 0, 0, 0]
type Scope = VillageKey | 'T1' | 'T2' | 'C'

const EXPECTED: Record<'M' | 'H' | 'A', Record<Scope, Counts>> = {
  M: {
    // On 28 Feb: p1 p2 p3 p4 p5 p6 p7 p8 p9, and p15 (her move to V12 on 20 Mar is after M: she
    // counts where she left from). p7 returned from outflow after M, so on 28 Feb he was outflow.
    // Heads: p1 p6 p7. 15–59: p1 p2 p6 p7 p8 p9 (15 today) p15; 60+: p5. Women 15–49: p2 p6 p8 p15.
    // On 31 Jan: the same minus the babies p3 p4 = 8.
    V11: { ...stock(3, [10, 5, 5], [8, 4, 4], O, [2, 1, 1], [2, 0, 0, 7, 1, 0], 4, 8), ...flows([2, 1, 1, 1, 1, 0], 0, 0, 1, O, [2, 0]) },
    // On 28 Feb: p11 p13 p14 (moves out only on 10 Mar) p16 (inflow: resident, not registered)
    // p17 p18 p19 p20. p12 died 14 Feb, p25 left for V21 on 10 Feb. Women 15–49: only p17 —
    // p18 turned 50 on 28 Feb. Start (31 Jan): p11 p12 p13 p14 p17 p18 p19 p20 and p25 = 9.
    // Flows: p12's death, p13's marriage, p25's move within (counted where she left).
    V12: { ...stock(2, [7, 4, 3], [8, 4, 4], [1, 0, 1], O, [1, 1, 0, 5, 0, 0], 1, 9), ...flows(NONE, 1, 1, 0, [0, 0, 1], [3, 0]) },
    // On 28 Feb: p21 p22 p23 p24 (back 20 Feb) p25 (arrived 10 Feb) p26 (left for outflow only on
    // 10 Mar: local) p27 (60 today) p28 (49: a 29 Feb birthday comes on 1 Mar). Start: p21 p23 p26
    // p27 p28 — p24 had moved out, p25 was in V12. The late birth of p22 is recorded in April.
    V21: { ...stock(2, [8, 4, 4], [8, 4, 4], O, O, [1, 0, 0, 6, 1, 0], 4, 5), ...flows([1, 1, 0, 0, 0, 1], 0, 0, 0, [1, 0, 0], [1, 0]) },
    // On 28 Feb: p29 p32 p33 (moved in 18 Feb) p34 (inflow since 15 Feb) p35 (80 today) p36 p38
    // (away: registered, not resident) and p10 (moves to V11 only in October). p30 died 1 Dec (the
    // corrected date); his death's first version, dated 3 Feb, no longer counts, but the
    // correction was recorded on 5 Feb and is late. Start: p29 p32 p35 p36 p38 p10.
    V22: { ...stock(1, [7, 3, 4], [7, 3, 4], [1, 1, 0], O, [0, 0, 1, 4, 2, 1], 2, 6), ...flows(NONE, 0, 0, 0, [1, 0, 0], [2, 1]) },
    T1: { ...stock(5, [17, 9, 8], [16, 8, 8], [1, 0, 1], [2, 1, 1], [3, 1, 0, 12, 1, 0], 5, 17), ...flows([2, 1, 1, 1, 1, 0], 1, 1, 1, [0, 0, 1], [5, 0]) },
    T2: { ...stock(3, [15, 7, 8], [15, 7, 8], [1, 1, 0], O, [1, 0, 1, 10, 3, 1], 6, 11), ...flows([1, 1, 0, 0, 0, 1], 0, 0, 0, [2, 0, 0], [3, 1]) },
    C: { ...stock(8, [32, 16, 16], [31, 15, 16], [2, 1, 1], [2, 1, 1], [4, 1, 1, 22, 4, 1], 11, 28), ...flows([3, 2, 1, 1, 1, 1], 1, 1, 1, [2, 0, 1], [8, 1]) },
  },
  H: {
    // On 31 Mar: p15 is now in V12; p7 is back (local); p5 still alive. Women: p2 p6 p8.
    // Start (30 Sep 2025): p1 p2 p5 p6 p7 p8 p9 p15. Flows: p3 p4 born, p6 divorced, p15's move
    // within; p7's return from outflow is not a move into the county. Recorded: p3 p4 p6 p7 p15.
    V11: { ...stock(3, [9, 5, 4], [8, 5, 3], O, [1, 0, 1], [2, 0, 0, 6, 1, 0], 3, 8), ...flows([2, 1, 1, 1, 1, 0], 0, 0, 1, [0, 0, 1], [5, 0]) },
    // On 31 Mar: p11 p13 p15 p16 p17 p18 p19 p20; p14 moved out 10 Mar. Start: p11 p12 p13 p14 p17
    // p18 p19 p25 (p20 born in November). Flows: p20 born (order 1), p12 died, p13 married, p14
    // moved out, p25 moved within. Recorded: p12 p13 p14 p20 and p25's move.
    V12: { ...stock(2, [7, 3, 4], [8, 3, 5], [1, 0, 1], O, [1, 1, 0, 5, 0, 0], 2, 8), ...flows([1, 0, 1, 1, 0, 0], 1, 1, 0, [0, 1, 1], [5, 0]) },
    // p26 is outflow since 10 Mar; p28 is 50 now. Start as in M (p24 had moved out in August).
    V21: { ...stock(2, [8, 4, 4], [7, 3, 4], O, [1, 1, 0], [1, 0, 0, 6, 1, 0], 3, 5), ...flows([1, 1, 0, 0, 0, 1], 0, 0, 0, [1, 0, 0], [1, 0]) },
    // Stock as in M. Start: also p30 (alive on 30 Sep 2025). Flows: p30's death (1 Dec), p32's
    // marriage, p33's move in. Recorded: p33, p30's correction (late), p32.
    V22: { ...stock(1, [7, 3, 4], [7, 3, 4], [1, 1, 0], O, [0, 0, 1, 4, 2, 1], 2, 7), ...flows(NONE, 1, 1, 0, [1, 0, 0], [3, 1]) },
    T1: { ...stock(5, [16, 8, 8], [16, 8, 8], [1, 0, 1], [1, 0, 1], [3, 1, 0, 11, 1, 0], 5, 16), ...flows([3, 1, 2, 2, 1, 0], 1, 1, 1, [0, 1, 2], [10, 0]) },
    T2: { ...stock(3, [15, 7, 8], [14, 6, 8], [1, 1, 0], [1, 1, 0], [1, 0, 1, 10, 3, 1], 5, 12), ...flows([1, 1, 0, 0, 0, 1], 1, 1, 0, [2, 0, 0], [4, 1]) },
    C: {
      ...stock(8, [31, 15, 16], [30, 14, 16], [2, 1, 1], [2, 1, 1], [4, 1, 1, 21, 4, 1], 10, 28),
      ...flows([4, 2, 2, 2, 1, 1], 2, 2, 1, [2, 1, 2], [14, 1]),
    },
  },
  A: {
    // On 30 Sep 2026: p5 died in May. Recorded also: p5's death.
    V11: { ...stock(3, [8, 4, 4], [7, 4, 3], O, [1, 0, 1], [2, 0, 0, 6, 0, 0], 3, 8), ...flows([2, 1, 1, 1, 1, 0], 1, 0, 1, [0, 0, 1], [6, 0]) },
    V12: { ...stock(2, [7, 3, 4], [8, 3, 5], [1, 0, 1], O, [1, 1, 0, 5, 0, 0], 2, 8), ...flows([1, 0, 1, 1, 0, 0], 1, 1, 0, [0, 1, 1], [5, 0]) },
    // Also p23's divorce; recorded also p22's late birth (in April) and the divorce.
    V21: { ...stock(2, [8, 4, 4], [7, 3, 4], O, [1, 1, 0], [1, 0, 0, 6, 1, 0], 3, 5), ...flows([1, 1, 0, 0, 0, 1], 0, 0, 1, [1, 0, 0], [3, 1]) },
    // Also p31, born 1 June (order 2). p10 is still counted here: his move is in October.
    V22: { ...stock(1, [8, 4, 4], [8, 4, 4], [1, 1, 0], O, [1, 0, 1, 4, 2, 1], 2, 7), ...flows([1, 1, 0, 0, 1, 0], 1, 1, 0, [1, 0, 0], [4, 1]) },
    T1: { ...stock(5, [15, 7, 8], [15, 7, 8], [1, 0, 1], [1, 0, 1], [3, 1, 0, 11, 0, 0], 5, 16), ...flows([3, 1, 2, 2, 1, 0], 2, 1, 1, [0, 1, 2], [11, 0]) },
    T2: { ...stock(3, [16, 8, 8], [15, 7, 8], [1, 1, 0], [1, 1, 0], [2, 0, 1, 10, 3, 1], 5, 12), ...flows([2, 2, 0, 0, 1, 1], 1, 1, 1, [2, 0, 0], [7, 2]) },
    C: {
      ...stock(8, [31, 15, 16], [30, 14, 16], [2, 1, 1], [2, 1, 1], [5, 1, 1, 21, 3, 1], 10, 28),
      ...flows([5, 3, 2, 2, 2, 1], 3, 2, 2, [2, 1, 2], [18, 2]),
    },
  },
}

// The services module (plugged in by lib/modules.ts) adds its coverage counts to every scope; this
// county has no service catalogue, so they are all 0.
for (const byScope of Object.values(EXPECTED)) {
  for (const counts of Object.values(byScope)) Object.assign(counts, Object.fromEntries(SERVICE_FIGURE_KEYS.map((k) => [k, 0])))
}

/**
 * Rates by hand: ‰ of the average registered population ((start + end) / 2), times days of the
 * year over days of the period (365/28 for February, 365/182 for the half-year, 1 for the year).
 * E.g. the county in M: 3 births / ((28 + 32) / 2) × 1000 × 365/28 = 100 × 13.0357 = 1303.57.
 * Natural growth is the difference of the two rounded rates; sex ratio boys per 100 girls (null
 * without girls); timeliness (recorded − late) / recorded in %.
 */
const RATES: Record<'M' | 'H' | 'A', Partial<Record<Scope, Record<string, number | null>>>> = {
  M: {
    C: { birthRate: 1303.57, deathRate: 434.52, naturalGrowthRate: 869.05, sexRatioAtBirth: 200, timelinessPct: 87.5 },
    // 2 / 17 × 1000 × 365/28; 1 / 17 × …
    T1: { birthRate: 1533.61, deathRate: 766.81, naturalGrowthRate: 766.8, sexRatioAtBirth: 100, timelinessPct: 100 },
    // 1 / 13 × 1000 × 365/28; no deaths; one boy, no girls; 2 of 3 on time
    T2: { birthRate: 1002.75, deathRate: 0, naturalGrowthRate: 1002.75, sexRatioAtBirth: null, timelinessPct: 66.67 },
  },
  H: {
    // 4 / 29.5 × 1000 × 365/182; 2 / 29.5 × …; 2 boys 2 girls; 13 of 14
    C: { birthRate: 271.93, deathRate: 135.97, naturalGrowthRate: 135.96, sexRatioAtBirth: 100, timelinessPct: 92.86 },
    T1: { birthRate: 376.03, deathRate: 125.34, naturalGrowthRate: 250.69, sexRatioAtBirth: 50, timelinessPct: 100 },
    T2: { birthRate: 148.56, deathRate: 148.56, naturalGrowthRate: 0, sexRatioAtBirth: null, timelinessPct: 75 },
  },
  A: {
    // 5 / 29.5 × 1000; 3 / 29.5 × 1000; 3 boys 2 girls; 16 of 18
    C: { birthRate: 169.49, deathRate: 101.69, naturalGrowthRate: 67.8, sexRatioAtBirth: 150, timelinessPct: 88.89 },
    // 3 / 15.5 × 1000; 2 / 15.5 × 1000
    T1: { birthRate: 193.55, deathRate: 129.03, naturalGrowthRate: 64.52, sexRatioAtBirth: 50, timelinessPct: 100 },
    // 2 / 14 × 1000; 1 / 14 × 1000; 5 of 7
    T2: { birthRate: 142.86, deathRate: 71.43, naturalGrowthRate: 71.43, sexRatioAtBirth: null, timelinessPct: 71.43 },
  },
}

// ------------------------------------------------------------------ the fixture

const PERIODS: Record<'M' | 'H' | 'A', { kind: ReportKind; key: string; factor: number; start: string; end: string }> = {
  M: { kind: 'MONTHLY', key: '2026-02', factor: 365 / 28, start: '2026-02-01', end: '2026-02-28' },
  H: { kind: 'HALF_YEAR', key: '2026H1', factor: 365 / 182, start: '2025-10-01', end: '2026-03-31' },
  A: { kind: 'ANNUAL', key: '2026', factor: 1, start: '2025-10-01', end: '2026-09-30' },
}

let regions: Record<Scope, MadeRegion>
let countyId: number

beforeAll(async () => {
  const tree = await makeCounty(db, '口径')
  countyId = tree.county.id
  const [t1, t2] = tree.townships
  const [v11, v12, v21, v22] = tree.villages
  regions = { C: tree.county, T1: t1, T2: t2, V11: v11, V12: v12, V21: v21, V22: v22 }
  const clerk = await staff('TOWNSHIP_STAFF', t1)
  const place = (v: VillageKey) => ({ countyId, townshipId: regions[v].ancestorIds[1], villageId: regions[v].id, groupId: null, regionId: regions[v].id })

  const households = new Map<string, number>()
  for (const spec of Object.values(PEOPLE)) {
    if (spec.h && !households.has(spec.h)) households.set(spec.h, (await db.household.create({ data: { ...place(spec.v), address: `口径路${spec.h}号` } })).id)
  }
  const ids = new Map<string, number>()
  for (const [key, spec] of Object.entries(PEOPLE)) {
    const person = await db.person.create({
      data: {
        ...place(spec.v),
        ...nameColumns(`口径${key}`),
        sex: spec.sex,
        birthDate: toDate(spec.born),
        ethnicity: '01',
        residence: spec.res ?? 'LOCAL',
        migrationSince: spec.since ? toDate(spec.since) : null,
        migrationPlace: spec.since ? '外地' : null,
        alive: !spec.died,
        deathDate: spec.died ? toDate(spec.died) : null,
        movedOut: spec.movedOut ?? false,
        householdId: spec.h ? households.get(spec.h)! : null,
        relation: spec.rel ?? null,
        birthOrder: spec.order ?? null,
      },
    })
    ids.set(key, person.id)
    if (spec.rel === 'SELF') await db.household.update({ where: { id: households.get(spec.h!)! }, data: { headId: person.id } })
  }
  const eventIds = new Map<string, number>()
  for (const e of EVENTS) {
    // move details name villages by key; the register stores region ids
    const details = Object.fromEntries(Object.entries(e.details ?? {}).map(([k, v]) => [k, k.endsWith('RegionId') ? regions[v as VillageKey].id : v]))
    const row = await db.lifeEvent.create({
      data: {
        countyId,
        townshipId: regions[e.v].ancestorIds[1],
        villageId: regions[e.v].id,
        type: e.type,
        personId: ids.get(e.p)!,
        occurredOn: toDate(e.on),
        recordedOn: toDate(e.rec),
        late: e.late ?? false,
        details,
        status: e.corrected ? 'CORRECTED' : 'ACTIVE',
        correctsId: e.corrects ? eventIds.get(e.corrects)! : null,
        recordedById: clerk.id,
      },
    })
    if (e.id) eventIds.set(e.id, row.id)
  }
})

function periodFor(which: 'M' | 'H' | 'A'): Period {
  const spec = PERIODS[which]
  const period = periodOf(spec.kind, spec.key, DEFAULT_REPORT_SETTINGS)!
  return period
}

const scopeOf = (s: Scope): FigureScope => ({ level: s === 'C' ? 'COUNTY' : s.startsWith('T') ? 'TOWNSHIP' : 'VILLAGE', regionId: regions[s].id, countyId })

describe.each(['M', 'H', 'A'] as const)('figures of the hand-built county, period %s', (which) => {
  it('the period runs over the days the table was counted for', () => {
    const period = periodFor(which)
    expect({ start: period.start, end: period.end }).toEqual({ start: PERIODS[which].start, end: PERIODS[which].end })
    expect(annualisationFactor(period, DEFAULT_REPORT_SETTINGS)).toBeCloseTo(PERIODS[which].factor, 10)
  })

  it('each village, computed on its own, has every count of the table', async () => {
    const period = periodFor(which)
    for (const v of ['V11', 'V12', 'V21', 'V22'] as const) {
      const counts = await computeCounts(db, scopeOf(v), period)
      expect(counts.total, v).toEqual(EXPECTED[which][v])
      expect(counts.byChild.size, v).toBe(0)
    }
  })

  it('each township has every count, in total and by village', async () => {
    const period = periodFor(which)
    for (const [t, villages] of [
      ['T1', ['V11', 'V12']],
      ['T2', ['V21', 'V22']],
    ] as const) {
      const counts = await computeCounts(db, scopeOf(t), period)
      expect(counts.total, t).toEqual(EXPECTED[which][t])
      for (const v of villages) expect(counts.byChild.get(regions[v].id), `${t} ${v}`).toEqual(EXPECTED[which][v])
      // no village of the other township shows up in the breakdown
      expect([...counts.byChild.keys()].sort(), t).toEqual(villages.map((v) => regions[v].id).sort())
    }
  })

  it('the county has every count, in total and by township', async () => {
    const period = periodFor(which)
    const counts = await computeCounts(db, scopeOf('C'), period)
    expect(counts.total).toEqual(EXPECTED[which].C)
    expect(counts.byChild.get(regions.T1.id)).toEqual(EXPECTED[which].T1)
    expect(counts.byChild.get(regions.T2.id)).toEqual(EXPECTED[which].T2)
    expect(counts.byChild.size).toBe(2)
  })

  it('rates, sex ratio and timeliness are derived from the counts with the annualisation factor', async () => {
    const columns = new Map(REPORT_SECTIONS.flatMap(columnsOf).map((c) => [c.key, c]))
    for (const [scope, rates] of Object.entries(RATES[which]) as [Scope, Record<string, number | null>][]) {
      const counts = (await computeCounts(db, scopeOf(scope), periodFor(which))).total
      for (const [key, expected] of Object.entries(rates)) {
        const value = cellValue(columns.get(key)!, counts, { factor: PERIODS[which].factor })
        if (expected === null) expect(value, `${scope} ${key}`).toBeNull()
        else expect(value, `${scope} ${key}`).toBeCloseTo(expected, 2)
      }
    }
  })
})
