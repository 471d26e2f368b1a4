import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Lower modules never import higher ones (DESIGN.md §5, docs/decisions/0006): a module may import
 * its own files, the modules of lower layers, and the members of its own layer's group. A new
 * folder under lib/ must be placed here, or this test fails naming it.
 */
const LAYERS: readonly (readonly string[])[] = [
  // Prisma's generated client, then the database and plain helpers
  ['generated'],
  ['db', 'dates', 'i18n', 'validation', 'pagination', 'uploads'],
  // the shared kernel: the action pipeline, sessions and permissions lean on each other, and the
  // region tree they scope by (user administration places users in regions: lib/regions' reads);
  // stored files; the inbox registry every module offers its waiting work to
  ['server', 'access', 'audit', 'navigation', 'regions', 'attachments', 'inbox'],
  ['periods', 'workdays'],
  ['registry'],
  ['migration', 'quality', 'imports'],
  ['reports'],
  // services stand on the register and plug a section into the reports (through lib/modules.ts)
  ['services'],
  // assessment scores townships on indicators the modules below publish (services' figure sources among them)
  ['assessment'],
  // agreements and tasks, complaints, benefit programs: they stand on assessment (an agreement
  // names a scheme) and publish indicator sources and inbox items through lib/modules.ts
  ['work', 'cases', 'benefits'],
  // read-only views over the others: the home page's work lists
  ['dashboard'],
  // the composition root plugs higher modules into lower modules' hooks
  ['modules'],
]
/** Layers whose members may import each other. */
const GROUPS = new Set([2])

const root = path.resolve(import.meta.dirname, '../..')
const layerOf = new Map(LAYERS.flatMap((names, layer) => names.map((name) => [name, layer] as const)))

function moduleOf(file: string): string {
  return path
    .relative(path.join(root, 'lib'), file)
    .split(path.sep)[0]
    .replace(/\.tsx?$/, '')
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

function importedModules(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1])
  return specifiers.flatMap((spec) => {
    if (spec.startsWith('@/lib/')) return [spec.slice('@/lib/'.length).split('/')[0]]
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(file), spec)
      return target.startsWith(path.join(root, 'lib') + path.sep) ? [moduleOf(target)] : []
    }
    return []
  })
}

describe('module layers', () => {
  const files = sourceFiles(path.join(root, 'lib'))

  it('places every module of lib/ in a layer', () => {
    const unplaced = [...new Set(files.map(moduleOf))].filter((m) => !layerOf.has(m))
    expect(unplaced, 'add these lib/ modules to LAYERS in tests/unit/module-layers.test.ts').toEqual([])
  })

  it('has no import from a higher layer or a sibling module of the same layer', () => {
    const wrong: string[] = []
    for (const file of files) {
      const from = moduleOf(file)
      const fromLayer = layerOf.get(from) ?? -1
      for (const to of importedModules(file)) {
        if (to === from) continue
        const toLayer = layerOf.get(to) ?? Infinity
        if (toLayer > fromLayer || (toLayer === fromLayer && !GROUPS.has(fromLayer))) wrong.push(`${path.relative(root, file)} imports lib/${to}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('notices an upward import', () => {
    // the check itself: registry (layer 3) importing reports (layer 5) is refused
    expect((layerOf.get('reports') ?? 0) > (layerOf.get('registry') ?? 0)).toBe(true)
    expect(importedModules(path.join(root, 'lib/modules.ts'))).toContain('quality')
  })

  it('has no read (queries.ts) importing its module’s writes (service.ts): what both need sits in a lower file of the module', () => {
    const importsOwnService = (file: string) => new RegExp(`'(?:\\./service|@/lib/${moduleOf(file)}/service)'`).test(fs.readFileSync(file, 'utf8'))
    const wrong = files.filter((file) => path.basename(file) === 'queries.ts' && importsOwnService(file)).map((file) => path.relative(root, file))
    expect(wrong).toEqual([])
  })
})
