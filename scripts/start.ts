// `npm start`: everything a fresh machine needs to run Xiangzhen. Starts the database (embedded
// PostgreSQL in ./.data unless DATABASE_URL is set), applies migrations, loads the demo county into
// an empty embedded database, builds the app when its sources changed, serves it, and stops the
// database cleanly on Ctrl-C or SIGTERM. `npm run dev` does the same with the development server.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createClient } from '../lib/db/client'
import { ensurePortFree, StartupError } from '../lib/db/embedded'
import { demoMarker, openDatabase, type DatabaseHandle } from '../lib/db/runtime'
import { migrate } from '../lib/db/roles'
import { parseEnv } from '../lib/server/env-schema'
import { buildIsStale } from './build-fingerprint'
import { buildDemoCounty, DEMO_PASSWORD, isEmptyDatabase, type DemoAccount } from '../prisma/seed/demo'

const started = performance.now()
const dev = process.argv.includes('--dev')
const port = Number(process.env.PORT ?? 3000)
const seconds = () => ((performance.now() - started) / 1000).toFixed(1)
const log = (message: string) => console.log(`[xiangzhen ${seconds()}s] ${message}`)

let child: ChildProcess | null = null
let stopping = false
let database: DatabaseHandle | null = null

async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  if (database?.embedded) {
    await database.embedded.stop()
    console.log('[xiangzhen] database stopped')
  }
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))

try {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartupError('PORT must be a port number from 1 to 65535')
  // Another instance (or program) on the web port: say which, before touching the database.
  await ensurePortFree(port, 'PORT, the web server')
  database = await openDatabase()
  log(
    database.embedded
      ? `embedded PostgreSQL running (data in ${path.relative(process.cwd(), path.resolve(process.env.XZ_DATA_DIR ?? '.data'))}/pg)`
      : 'using DATABASE_URL',
  )
  const applied = await migrate({ migrateUrl: database.migrateUrl, appUrl: database.url })
  log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'database schema up to date')

  let accounts: DemoAccount[] | null = null
  if (database.embedded) {
    // The demo load runs as the owner; the app itself never does.
    const db = createClient(database.migrateUrl)
    try {
      if (await isEmptyDatabase(db)) {
        log('empty database: loading the demo county 宁津县 …')
        const residents = process.env.XZ_DEMO_RESIDENTS ? Number(process.env.XZ_DEMO_RESIDENTS) : undefined
        // Until the load finishes, the next start begins it again on an empty database.
        fs.writeFileSync(demoMarker(), '')
        const demo = await buildDemoCounty(db, { residents })
        fs.rmSync(demoMarker())
        accounts = demo.accounts
        log(`demo county loaded: ${demo.regions} regions, ${demo.households} households, ${demo.persons} residents, ${demo.events} life events`)
      }
    } finally {
      await db.$disconnect()
    }
  }

  const appEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: database.authSecret,
    XZ_ID_KEY: database.idKey,
    NEXT_TELEMETRY_DISABLED: '1',
  }
  // The app checks its configuration at first use; check it here too, to stop before serving.
  parseEnv(appEnv)
  delete (appEnv as NodeJS.ProcessEnv).MIGRATE_DATABASE_URL
  const nextBin = path.resolve('node_modules/next/dist/bin/next')

  if (!dev && buildIsStale()) {
    log('building the app (first start or changed sources; this takes a minute or two) …')
    const code = await run(process.execPath, ['--import', 'tsx', path.resolve('scripts/build.ts')], appEnv)
    if (code !== 0) throw new Error(`the build failed with exit code ${code}`)
  }

  // The connection's own address for the audit and session tables (lib/server/client-address.mjs);
  // through NODE_OPTIONS so that the development server's worker process has it too.
  const preload = `--import=${pathToFileURL(path.resolve('lib/server/client-address.mjs')).href}`
  child = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...appEnv, NODE_ENV: dev ? 'development' : 'production', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim() },
  })
  child.stdout!.on('data', (chunk: Buffer) => {
    if (process.env.XZ_VERBOSE) process.stdout.write(chunk)
  })
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[xiangzhen] the web server stopped (exit code ${code})`)
      void shutdown(code ?? 1)
    }
  })
  await waitUntilReady(`http://127.0.0.1:${port}/login`)
  printReady(accounts)
} catch (error) {
  const message =
    error instanceof StartupError || (error instanceof Error && error.message.startsWith('Invalid configuration'))
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error)
  console.error(`[xiangzhen] could not start: ${message}`)
  await shutdown(1)
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    child = spawn(command, args, { stdio: 'inherit', env })
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

async function waitUntilReady(url: string) {
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' })
      if (response.status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  throw new Error(`the app did not answer at ${url} within 5 minutes`)
}

function printReady(accounts: DemoAccount[] | null) {
  const lines = ['', `  乡镇人口服务管理平台 is ready (${seconds()} s): http://localhost:${port}`, '']
  if (database?.embedded) {
    lines.push(`  Demo accounts (password for all: ${DEMO_PASSWORD}) — see README for the full list:`)
    const list = accounts ?? [
      { username: 'admin', name: '', role: 'ADMIN', region: '宁津县' },
      { username: 'county.official', name: '', role: 'COUNTY_OFFICIAL', region: '宁津县' },
      { username: 'ncjd.staff', name: '', role: 'TOWNSHIP_STAFF', region: '宁城街道' },
      { username: 'ncjd.v1', name: '', role: 'VILLAGE_OFFICER', region: '宁城街道' },
    ]
    for (const a of list) lines.push(`    ${a.username.padEnd(16)} ${a.role.padEnd(16)} ${a.region}`)
    lines.push('')
  }
  lines.push('  Press Ctrl-C to stop.', '')
  console.log(lines.join('\n'))
}
