// Register import benchmark: `npm run bench:import [-- --rows=100000] [--csv]` (the commit runs the
// register's after-write hook, quality's on-save check, so the modules are composed: lib/modules
// loads server modules, hence node --conditions=react-server).
// Generates a file of households (about 3.3 people each, every tenth child without ID number),
// starts a throwaway PostgreSQL with the demo county, and times what the import page does: a dry
// run (read + check) and a commit (read + check + write), as a township clerk of 宁城街道.
import { performance } from 'node:perf_hooks'
import ExcelJS from 'exceljs'
import { createClient } from '@/lib/db/client'
import { applyMigrations } from '@/lib/db/schema-engine'
import { startTemporaryPostgres } from '@/lib/db/temporary'
import { buildDemoCounty } from '@/prisma/seed/demo'
import { COLUMNS, HEADER_ZH, type Column } from '@/lib/imports/columns'
import { runImport } from '@/lib/imports/engine'
import { readSheet } from '@/lib/imports/sheet'
import { childRegions, existingRegionByCode } from '@/lib/regions/lookups'
import { generateRows } from '@/tests/factories/imports'
import '@/lib/modules'

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]))
const ROWS = Number(args.get('rows') ?? 100_000)
const CSV = args.has('csv')

process.env.XZ_ID_KEY ??= Buffer.alloc(32, 9).toString('base64')

async function toFile(rows: Record<Column, string>[]): Promise<Uint8Array> {
  if (CSV) {
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
    const lines = [COLUMNS.map((c) => HEADER_ZH[c]).join(','), ...rows.map((r) => COLUMNS.map((c) => quote(r[c])).join(','))]
    return new TextEncoder().encode('\uFEFF' + lines.join('\r\n'))
  }
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('人口导入')
  sheet.addRow(COLUMNS.map((c) => HEADER_ZH[c]))
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => r[c]))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2)

const server = await startTemporaryPostgres('xz-bench-')
try {
  await server.createDatabase('bench')
  const url = server.url('bench')
  await applyMigrations(url)
  const db = createClient(url)
  await buildDemoCounty(db, { residents: 0 }) // regions and users; the file brings the people
  const township = await existingRegionByCode(db, '371422001000')
  const villages = await childRegions(db, township.id, { levels: ['VILLAGE'] })
  const subject = { id: 0, role: 'TOWNSHIP_STAFF' as const, regionId: township.id, regionLevel: 'TOWNSHIP' as const }
  const audit = async (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], summary: object) => {
    await tx.auditEvent.create({ data: { actorName: 'bench', action: 'register.import', entity: 'Household', regionId: township.id, after: { ...summary } } })
  }

  const file = await toFile(
    generateRows(
      ROWS,
      villages.map((v) => v.code),
    ),
  )
  console.log(`file: ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB ${CSV ? 'CSV' : 'xlsx'}, ${villages.length} villages of 宁城街道`)

  const step = async (commit: boolean) => {
    const started = performance.now()
    const sheet = await readSheet(file)
    if (!sheet.ok) throw new Error(`file not read: ${sheet.error}`)
    const read = seconds(started)
    const phases: string[] = []
    let last = performance.now()
    const result = await runImport(db, subject, sheet.rows, commit, audit, (name) => {
      phases.push(`${name} ${((performance.now() - last) / 1000).toFixed(2)} s`)
      last = performance.now()
    })
    return { result, read, total: seconds(started), phases: phases.join(', ') }
  }

  const dry = await step(false)
  if (dry.result.errorCount > 0) throw new Error(`dry run found errors: ${JSON.stringify(dry.result.errors.slice(0, 5))}`)
  console.log(`dry run: ${dry.total} s (read ${dry.read} s, ${dry.phases}) — ${dry.result.households} households, ${dry.result.persons} people to create`)
  const commit = await step(true)
  console.log(`commit:  ${commit.total} s (read ${commit.read} s, ${commit.phases}) — committed ${commit.result.committed}, ${commit.result.persons} people`)
  console.log(`total:   ${(Number(dry.total) + Number(commit.total)).toFixed(2)} s for ${ROWS} rows (limit 60 s)`)
  const again = await step(false)
  console.log(`re-import check: ${again.result.skipped} already registered, ${again.result.persons} new (expected ${ROWS} and 0)`)
  console.log(`people in the register: ${await db.person.count()}`)
  await db.$disconnect()
} finally {
  await server.dispose()
}
