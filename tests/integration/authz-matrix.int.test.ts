import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { NextRequest } from 'next/server'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername, type MadeRegion } from '@/tests/factories'
import { claimTicket, signInWithPassword, validateSession } from '@/lib/access/service'
import { ROLE_REGION_LEVELS, ROLES, type RegionLevel, type Role } from '@/lib/access/roles'
import { DEFAULT_LOCALE, translator, type MessageKey } from '@/lib/i18n/core'
import { AUTHZ_MATRIX, type Fields, type Outcome, type Row, type RouteCall, type Target } from './authz-matrix'

// Every server action and route handler, found by reading the source tree, called as every role
// on a target in the caller's region and in a neighbouring one, against the one table in
// ./authz-matrix.ts. The session comes from a real UserSession row (signInWithPassword, then the
// ticket claimed as Auth.js would): only Auth.js's cookie reading and Next's request APIs are
// replaced, the database is real.

const current = vi.hoisted(() => ({ sid: null as string | null }))

vi.mock('@/lib/server/auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/server/auth')>()),
  auth: async () => (current.sid ? { sid: current.sid } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
}))
vi.mock('next/headers', async (importOriginal) => {
  const jar = new Map<string, string>()
  return {
    ...(await importOriginal<typeof import('next/headers')>()),
    headers: async () => new Headers({ 'user-agent': 'vitest', 'x-forwarded-for': '127.0.0.1' }),
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: () => undefined,
      delete: () => undefined,
    }),
  }
})
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, refresh: () => undefined }))

const ROOT = path.resolve(import.meta.dirname, '../..')
const MATRIX_FILE = 'tests/integration/authz-matrix.ts'
const PASSWORD = 'Correct-horse-42'
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

// ------------------------------------------------------------------ finding the actions and routes

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'generated') out.push(...sourceFiles(rel))
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      out.push(rel)
    }
  }
  return out
}

/** 'use server' as the file's first statement (after comments). */
function isServerModule(text: string): boolean {
  const body = text.replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '')
  return /^['"]use server['"]/.test(body)
}

const USE_SERVER_LINE = /^\s*['"]use server['"];?\s*$/m

interface Callable {
  name: string
  file: string
  kind: 'action' | 'route'
  fn: (...args: never[]) => unknown
}

/** lib/registry/actions.ts -> registry; anything else: its path without the extension. */
function moduleName(file: string): string {
  const m = /^lib\/([^/]+)\/actions\.tsx?$/.exec(file)
  return m ? m[1] : file.replace(/\.tsx?$/, '').replaceAll('/', '.')
}

async function findCallables(): Promise<{ callables: Callable[]; inline: string[] }> {
  const files = [...sourceFiles('lib'), ...sourceFiles('app')]
  const callables: Callable[] = []
  const inline: string[] = []
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8')
    if (isServerModule(text)) {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>
      for (const [name, value] of Object.entries(mod)) {
        callables.push({ name: `${moduleName(file)}.${name}`, file, kind: 'action', fn: value as Callable['fn'] })
      }
    } else if (USE_SERVER_LINE.test(text)) {
      inline.push(file)
    }
    if (/^app\/(.*\/)?route\.tsx?$/.test(file)) {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>
      const url =
        '/' +
        path
          .dirname(file)
          .replace(/^app\//, '')
          .replace(/(^|\/)\([^)]*\)/g, '')
      for (const method of HTTP_METHODS) {
        if (typeof mod[method] === 'function') callables.push({ name: `${method} ${url}`, file, kind: 'route', fn: mod[method] as Callable['fn'] })
      }
    }
  }
  return { callables, inline }
}

// ------------------------------------------------------------------ the callers and their targets

const t = translator(DEFAULT_LOCALE)

interface Caller {
  label: string
  role: Role
  level: RegionLevel
  user: { id: number; username: string }
  sid: string
  own: Target
  other: Target
}

interface World {
  callers: Caller[]
  anonymous: Target
}

async function signedIn(username: string): Promise<string> {
  const result = await signInWithPassword({ username, password: PASSWORD }, { ip: '127.0.0.1', userAgent: 'vitest' })
  if (!result.ok) throw new Error(`cannot sign in ${username}: ${result.reason}`)
  const claimed = await claimTicket(result.ticket)
  if (!claimed) throw new Error(`cannot claim the ticket of ${username}`)
  return claimed.sessionId
}

async function makeWorld(): Promise<World> {
  const home = await makeCounty(db, '矩阵')
  const away = await makeCounty(db, '邻县')
  const [t1, t2] = home.townships
  // home.villages: t1's two, then t2's two
  const [v11, v12] = home.villages
  const within = (r: MadeRegion, tree: typeof home) => ({
    township: r.level === 'TOWNSHIP' ? r : r.level === 'COUNTY' ? tree.townships[0] : tree.townships.find((x) => r.ancestorIds.includes(x.id))!,
    village: r.level === 'VILLAGE' ? r : tree.villages.find((v) => v.ancestorIds.includes(r.id))!,
  })
  const target = (region: MadeRegion, tree: typeof home, me: Target['me']): Target => {
    const { township, village } = within(region, tree)
    return { region, county: tree.county, township, village, unit: region.level === 'COUNTY' || region.level === 'TOWNSHIP' ? region : township, me }
  }
  // the caller's own region at each level, and the sibling a neighbour's call is aimed at
  const places: Partial<Record<RegionLevel, { own: MadeRegion; ownTree: typeof home; other: MadeRegion; otherTree: typeof home }>> = {
    COUNTY: { own: home.county, ownTree: home, other: away.county, otherTree: away },
    TOWNSHIP: { own: t1, ownTree: home, other: t2, otherTree: home },
    VILLAGE: { own: v11, ownTree: home, other: v12, otherTree: home },
  }
  const callers: Caller[] = []
  for (const role of ROLES) {
    for (const level of ROLE_REGION_LEVELS[role]) {
      const place = places[level]
      if (!place) throw new Error(`no fixture for a ${role} at ${level}: add the level to makeWorld in authz-matrix.int.test.ts`)
      const user = await makeUser(db, { username: uniqueUsername('mx'), role, regionId: place.own.id, password: PASSWORD })
      const me = { id: user.id, username: user.username, password: PASSWORD }
      callers.push({
        label: ROLE_REGION_LEVELS[role].length > 1 ? `${role}@${level}` : role,
        role,
        level,
        user,
        sid: await signedIn(user.username),
        own: target(place.own, place.ownTree, me),
        other: target(place.other, place.otherTree, me),
      })
    }
  }
  const nobody = await makeUser(db, { username: uniqueUsername('mxa'), role: 'VILLAGE_OFFICER', regionId: v11.id, password: PASSWORD })
  return { callers, anonymous: target(v11, home, { id: nobody.id, username: nobody.username, password: PASSWORD }) }
}

// ------------------------------------------------------------------ calling and judging

function formData(fields: Fields): FormData {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return form
}

function redirectTarget(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest
  if (typeof digest !== 'string' || !digest.startsWith('NEXT_REDIRECT')) return null
  return digest.split(';')[2] ?? ''
}

async function call(callable: Callable, input: Fields | RouteCall): Promise<Outcome> {
  try {
    if (callable.kind === 'route') {
      const { url, params = {} } = input as RouteCall
      const response = (await (callable.fn as (r: NextRequest, c: unknown) => Promise<Response>)(
        new NextRequest(new URL(url, 'http://localhost:3000'), { method: callable.name.split(' ')[0] }),
        {
          params: Promise.resolve(params),
        },
      )) as Response
      await response.arrayBuffer() // read to the end: an export streams its rows after answering
      return { kind: 'response', status: response.status, headers: response.headers }
    }
    const form = formData(input as Fields)
    // the pipeline's actions take (previous state, form); a few plain ones take the form or nothing
    const fn = callable.fn as (...args: unknown[]) => Promise<unknown>
    const result = fn.length >= 2 ? await fn(null, form) : fn.length === 1 ? await fn(form) : await fn()
    if (result === undefined || result === null) return { kind: 'void' }
    const state = result as { ok: boolean; data?: unknown; error?: string }
    return { kind: 'state', ok: state.ok, data: state.data, error: state.error }
  } catch (error) {
    const to = redirectTarget(error)
    if (to !== null) return { kind: 'redirect', to }
    throw error
  }
}

const REFUSALS: MessageKey[] = ['errors.forbidden', 'errors.notFound', 'errors.sessionExpired', 'password.mustChange']

function refused(row: Row, outcome: Outcome): boolean {
  if (row.refusedWhen?.(outcome)) return true
  switch (outcome.kind) {
    case 'state':
      return !outcome.ok && [...REFUSALS, ...(row.refusedAs ?? [])].some((key) => t(key) === outcome.error)
    case 'response':
      return outcome.status === 401 || outcome.status === 403 || outcome.status === 404
    case 'redirect':
      return outcome.to === '/login'
    case 'void':
      return false
  }
}

function expectedAllowed(row: Row, caller: Caller | null, scope: 'own' | 'other'): boolean {
  if (row.roles.includes('public')) return true
  if (!caller) return false
  const holds = row.roles.includes(caller.role) || row.roles.includes(`${caller.role}@${caller.level}`)
  return holds && (row.scope === 'none' || scope === 'own')
}

const lastAuditId = async () => (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0

function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'state':
      return o.ok ? 'ok' : `error "${o.error}"`
    case 'response':
      return `HTTP ${o.status}`
    case 'redirect':
      return `redirect to ${o.to}`
    case 'void':
      return 'done'
  }
}

/** Calls `callable` as every caller on both targets, and as nobody; answers the disagreements. */
async function check(world: World, callable: Callable, row: Row): Promise<string[]> {
  const problems: string[] = []
  const runs: { caller: Caller | null; scope: 'own' | 'other' }[] = [{ caller: null, scope: 'own' }]
  for (const caller of world.callers) runs.push({ caller, scope: 'other' }, { caller, scope: 'own' })
  for (const { caller, scope } of runs) {
    if (caller && !(await validateSession(caller.sid))) caller.sid = await signedIn(caller.user.username) // signed out by a previous call
    current.sid = caller?.sid ?? null
    const target = caller ? caller[scope] : world.anonymous
    const input = await row.input(target)
    const before = await lastAuditId()
    const outcome = await call(callable, input)
    const wasRefused = refused(row, outcome)
    const expected = expectedAllowed(row, caller, scope)
    const who = caller ? `${caller.label} (${scope} region)` : 'signed out'
    if (expected && wasRefused) problems.push(`${who}: expected allowed, was refused (${describeOutcome(outcome)})`)
    if (!expected && !wasRefused) problems.push(`${who}: expected refused, was allowed (${describeOutcome(outcome)})`)
    // a signed-in caller refused a row that exists (every target here does) is audited; a filter
    // that simply shows nothing (refusedWhen) is not a refusal of one row
    if (!expected && wasRefused && caller && !row.refusedWhen?.(outcome)) {
      const denied = await db.auditEvent.count({ where: { id: { gt: before }, action: 'permission.denied', actorId: caller.user.id } })
      if (denied === 0) problems.push(`${who}: refused (${describeOutcome(outcome)}), but the refusal was not audited as permission.denied`)
    }
    if (!expected && wasRefused) {
      const written = await db.auditEvent.findMany({
        where: { id: { gt: before }, action: { notIn: ['permission.denied', ...(row.refusalAudits ?? [])] } },
        select: { action: true },
      })
      if (written.length > 0) problems.push(`${who}: refused, but wrote ${written.map((w) => w.action).join(', ')}`)
    }
  }
  current.sid = null
  return problems
}

// ------------------------------------------------------------------ the tests

const found = await findCallables()

describe('the authorisation matrix', () => {
  let world: World
  beforeAll(async () => {
    world = await makeWorld()
  })

  it('finds the server actions and route handlers by reading the tree', () => {
    expect(found.callables.filter((c) => c.kind === 'action').length).toBeGreaterThan(20)
    expect(found.callables.filter((c) => c.kind === 'route').length).toBeGreaterThan(3)
    expect(found.callables.map((c) => c.name)).toContain('registry.recordEventAction')
  })

  it('has a row for every action and route, and none for one that is gone', () => {
    const names = new Set(found.callables.map((c) => c.name))
    const missing = [...names].filter((n) => !(n in AUTHZ_MATRIX)).map((n) => `action ${n} is not in the authorisation matrix: add a row to ${MATRIX_FILE}`)
    const stale = Object.keys(AUTHZ_MATRIX)
      .filter((n) => !names.has(n))
      .map((n) => `${MATRIX_FILE} has a row for ${n}, which no 'use server' module or route exports: remove it`)
    expect([...missing, ...stale]).toEqual([])
  })

  it("has no inline 'use server' functions, which the matrix could not see", () => {
    expect(found.inline.map((f) => `${f} declares a server action inline: move it to its module's actions.ts`)).toEqual([])
  })

  for (const callable of found.callables) {
    const row = AUTHZ_MATRIX[callable.name]
    if (!row) continue
    it(
      `${callable.name}: ${row.roles.join(', ')} (${row.scope === 'own' ? 'in their own region' : 'anywhere'}), nobody else`,
      { timeout: 120_000 },
      async () => {
        expect(await check(world, callable, row)).toEqual([])
      },
    )
  }
})
