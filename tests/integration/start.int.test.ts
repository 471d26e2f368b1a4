import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '@/lib/db/embedded'
import { freePort } from '@/lib/db/temporary'
import { demoMarker, openDatabase } from '@/lib/db/runtime'
import { migrate } from '@/lib/db/roles'
import { createClient } from '@/lib/db/client'
import { isEmptyDatabase } from '@/prisma/seed/demo'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-start-'))
fs.chmodSync(dir, 0o755)
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** `npm start` as a user runs it; resolves with its exit code and everything it printed. */
function npmStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  return fn().finally(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
}

describe('npm start next to another instance', () => {
  it('names the web port in use and exits cleanly', async () => {
    const busy = net.createServer()
    const port = await freePort()
    await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve))
    try {
      const { code, output } = await npmStart({ PORT: String(port), XZ_DATA_DIR: path.join(dir, 'web'), XZ_PG_PORT: String(await freePort()) })
      expect(code).toBe(1)
      expect(output).toContain(`could not start: port ${port} (PORT, the web server) is already in use`)
      expect(output).not.toMatch(/triggerUncaughtException|at .*\.ts:\d+/)
    } finally {
      busy.close()
    }
  }, 60_000)

  it('names the data folder in use and exits cleanly, leaving the running instance alone', async () => {
    const data = path.join(dir, 'shared')
    const running = await startEmbeddedPostgres(path.join(data, 'pg'), await freePort())
    try {
      const { code, output } = await npmStart({ PORT: String(await freePort()), XZ_DATA_DIR: data, XZ_PG_PORT: String(await freePort()) })
      expect(code).toBe(1)
      expect(output).toMatch(/could not start: the data folder .*shared\/pg is in use by another running instance \(PostgreSQL process \d+\)/)
      expect(output).not.toMatch(/triggerUncaughtException|at .*\.ts:\d+/)
      expect(await running.databaseExists('postgres')).toBe(true)
    } finally {
      await running.stop()
    }
  }, 60_000)
})

describe('a first start that was interrupted', () => {
  it('while loading the demo: the next start begins again on an empty database', async () => {
    const data = path.join(dir, 'interrupted')
    await withEnv({ DATABASE_URL: undefined, XZ_DATA_DIR: data, XZ_PG_PORT: String(await freePort()) }, async () => {
      const first = await openDatabase()
      await migrate({ migrateUrl: first.migrateUrl, appUrl: first.url })
      // What npm start does before loading the demo, then the first part of the load, then a kill.
      fs.writeFileSync(demoMarker(), '')
      const owner = createClient(first.migrateUrl)
      await owner.region.create({ data: { code: '371422000000', name: '宁津县', level: 'COUNTY', ancestorIds: [] } })
      expect(await isEmptyDatabase(owner)).toBe(false)
      await owner.$disconnect()
      await first.embedded!.stop()

      const second = await openDatabase()
      try {
        await migrate({ migrateUrl: second.migrateUrl, appUrl: second.url })
        const again = createClient(second.migrateUrl)
        expect(await isEmptyDatabase(again)).toBe(true)
        await again.$disconnect()
      } finally {
        await second.embedded!.stop()
      }
    })
  }, 120_000)

  it('while initialising the database folder: the next start makes it anew', async () => {
    const data = path.join(dir, 'half-made')
    fs.mkdirSync(path.join(data, 'pg'), { recursive: true })
    fs.writeFileSync(path.join(data, 'pg', 'PG_VERSION'), '18\n') // initdb got this far
    fs.writeFileSync(path.join(data, 'pg.initialising'), '')
    await withEnv({ DATABASE_URL: undefined, XZ_DATA_DIR: data, XZ_PG_PORT: String(await freePort()) }, async () => {
      const database = await openDatabase()
      await database.embedded!.stop()
      expect(fs.existsSync(path.join(data, 'pg.initialising'))).toBe(false)
    })
  }, 120_000)
})
