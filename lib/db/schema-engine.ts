import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils'

// Prisma's schema engine compiled to WebAssembly, driven over the pg driver adapter. The Prisma
// CLI would download a native engine, which is impossible offline; this runs the same engine and
// records migrations in _prisma_migrations exactly as `prisma migrate deploy` does, so a machine
// with internet access can use the ordinary CLI on the same database.
// See docs/decisions/0001-prisma-offline.md.

const require = createRequire(import.meta.url)

export const PRISMA_DIR = path.resolve('prisma')
export const SCHEMA_FILE = path.join(PRISMA_DIR, 'schema.prisma')
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations')

interface WasmSchemaEngine {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>
  diff(input: unknown): Promise<{ exitCode: number; stdout?: string }>
}

interface PgField {
  dataTypeID: number
}
interface EngineFacingAdapter {
  client: { query: (sql: string) => Promise<unknown> }
  onError: (error: unknown) => never
  executeScript: (script: string) => Promise<void>
  performIO: (query: object) => Promise<{ fields: PgField[] }>
  queryRaw: (query: object) => Promise<{ columnTypes: number[] }>
}

const PG_INTERNAL_CHAR_OID = 18
const TEXT_OID = 25

/**
 * Two gaps between the pg driver adapter and the schema engine, closed for this tooling only:
 * - The adapter runs a migration script by splitting it on every ';', which breaks dollar-quoted
 *   function bodies (our audit trigger). The native engine sends a script whole; so do we, over
 *   PostgreSQL's simple query protocol, which accepts many statements in one message.
 * - The engine reads the catalog, whose one-byte type "char" (pg_constraint.contype and the like)
 *   the adapter refuses. We let the adapter read it as text and then report it as the engine's
 *   Character type, which is what the describer asks for.
 */
function adaptForSchemaEngine<F>(factory: F): F {
  const patch = <T>(adapter: T): T => {
    const a = adapter as unknown as EngineFacingAdapter
    a.executeScript = async (script: string) => {
      try {
        await a.client.query(script)
      } catch (error) {
        a.onError(error)
      }
    }
    const charColumns = new WeakMap<object, number[]>()
    const performIO = a.performIO.bind(a)
    const queryRaw = a.queryRaw.bind(a)
    a.performIO = async (query) => {
      const result = await performIO(query)
      const columns: number[] = []
      result.fields.forEach((field, i) => {
        if (field.dataTypeID === PG_INTERNAL_CHAR_OID) {
          field.dataTypeID = TEXT_OID
          columns.push(i)
        }
      })
      if (columns.length > 0) charColumns.set(query, columns)
      return result
    }
    a.queryRaw = async (query) => {
      const result = await queryRaw(query)
      for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character
      return result
    }
    return adapter
  }
  const inner = factory as unknown as { connect: () => Promise<unknown>; connectToShadowDb: () => Promise<unknown> }
  const connect = inner.connect.bind(inner)
  const connectToShadowDb = inner.connectToShadowDb.bind(inner)
  inner.connect = async () => patch(await connect())
  inner.connectToShadowDb = async () => patch(await connectToShadowDb())
  return factory
}

let bindingsReady: Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> | undefined

async function loadBindings() {
  bindingsReady ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const wasmFile = require.resolve('@prisma/schema-engine-wasm').replace(/schema_engine\.js$/, 'schema_engine_bg.wasm')
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), { './schema_engine_bg.js': bg })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports as { __wbindgen_start: () => void }).__wbindgen_start()
    return bg
  })()
  return bindingsReady
}

async function openEngine(connectionString: string): Promise<WasmSchemaEngine> {
  const bg = await loadBindings()
  const schemaText = fs.readFileSync(SCHEMA_FILE, 'utf8')
  const adapter = bindMigrationAwareSqlAdapterFactory(adaptForSchemaEngine(new PrismaPg({ connectionString })))
  return (await bg.SchemaEngine.new({ datamodels: [[SCHEMA_FILE, schemaText]] }, () => {}, adapter)) as unknown as WasmSchemaEngine
}

function migrationDirectories() {
  if (!fs.existsSync(MIGRATIONS_DIR)) return []
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: fs.readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8') },
      },
    }))
}

function migrationsList() {
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml')
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: migrationDirectories(),
  }
}

const noFilters = { externalTables: [], externalEnums: [] }

/** Applies every pending migration in prisma/migrations; returns the names it applied. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const engine = await openEngine(connectionString)
  const result = await engine.applyMigrations({ migrationsList: migrationsList(), filters: noFilters })
  return result.appliedMigrationNames
}

/** SQL that takes the schema produced by the migrations to the one in schema.prisma. */
export async function diffMigrationsToSchema(shadowConnectionString: string): Promise<string> {
  const engine = await openEngine(shadowConnectionString)
  const result = await engine.diff({
    from: { tag: 'migrations', ...migrationsList() },
    to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_FILE, content: fs.readFileSync(SCHEMA_FILE, 'utf8') }] },
    script: true,
    shadowDatabaseUrl: null,
    exitCode: null,
    filters: noFilters,
  })
  return (result.stdout ?? '').trim()
}

/** True when the diff has no statements (Prisma prints a comment for an empty migration). */
export function isEmptyMigration(sql: string): boolean {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'))
}
