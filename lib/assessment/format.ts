import { z } from 'zod'
import { buildScheme, type FlatNode, type SchemeProblem, type SchemeTree, type VetoRule } from './rules'

// The exchange format of a scheme (docs/assessment-scheme-format.md): JSON, validated with zod and
// then by the engine's own checks (points add up, no cycle, …). Pure: used by the import action,
// the export route, the demo generator and the tests.

export const SCHEME_FORMAT = 'xiangzhen.assessment-scheme/1'
export const METHOD_KINDS = ['proportional', 'deduction', 'threshold', 'penalty', 'manual'] as const

const better = z.enum(['higher', 'lower'])
const points = z.number().finite().min(0).max(1_000_000)

const method = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('proportional'), better: better.default('higher') }).strict(),
  z.object({ kind: z.literal('deduction'), target: z.number().finite(), perUnit: points, better: better.default('higher') }).strict(),
  z
    .object({
      kind: z.literal('threshold'),
      target: z.number().finite(),
      partial: z.enum(['none', 'proportional']).default('none'),
      better: better.default('higher'),
    })
    .strict(),
  z.object({ kind: z.literal('penalty'), perUnit: points }).strict(),
  z.object({ kind: z.literal('manual') }).strict(),
])

const node = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
    name: z.string().trim().min(1).max(120),
    parent: z.string().max(40).nullable().default(null),
    maxPoints: points,
    combine: z.enum(['sum', 'normalise']).optional(),
    method: method.optional(),
    source: z.string().max(60).optional(),
    unit: z.string().max(20).default(''),
    description: z.string().max(1000).default(''),
  })
  .strict()

const veto = z.discriminatedUnion('effect', [
  z.object({ effect: z.literal('dropPlaces'), places: z.number().int().min(0).max(1000) }).strict(),
  z.object({ effect: z.literal('excludeFromAwards') }).strict(),
])

export const schemeFileSchema = z
  .object({
    format: z.literal(SCHEME_FORMAT),
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/),
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).default(''),
    maxPoints: points,
    veto,
    nodes: z.array(node).min(1).max(500),
  })
  .strict()

export type SchemeFile = z.output<typeof schemeFileSchema>

/** A node as stored: the engine's flat node, with where its value comes from. */
export type StoredNode = FlatNode & { source: string | null; unit: string; description: string }

export type FormatProblem =
  | SchemeProblem
  | { kind: 'notJson' }
  | { kind: 'field'; path: string }
  | { kind: 'unknownMethod'; code: string; method: string }
  | { kind: 'unknownSource'; code: string; source: string }
  | { kind: 'groupWithSource'; code: string }

export interface ParsedScheme {
  file: SchemeFile
  nodes: StoredNode[]
  tree: SchemeTree
}

function describePath(path: PropertyKey[], raw: unknown): string {
  // nodes.3.maxPoints reads better as the node's code when it has one
  if (path[0] === 'nodes' && typeof path[1] === 'number') {
    const code = (raw as { nodes?: { code?: unknown }[] })?.nodes?.[path[1]]?.code
    const rest = path.slice(2).map(String).join('.')
    return `${typeof code === 'string' ? code : `#${path[1] + 1}`}${rest ? `.${rest}` : ''}`
  }
  return path.map(String).join('.') || '(root)'
}

/**
 * Parses a scheme file: JSON syntax, the format (zod), methods the engine knows, sources the
 * registry knows, then the engine's checks. Every problem is listed; nothing is partial.
 */
export function parseSchemeFile(
  text: string,
  isKnownSource: (key: string) => boolean,
): { ok: true; scheme: ParsedScheme } | { ok: false; problems: FormatProblem[] } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, problems: [{ kind: 'notJson' }] }
  }
  const problems: FormatProblem[] = []
  const rawNodes = (raw as { nodes?: unknown })?.nodes
  if (Array.isArray(rawNodes)) {
    for (const [i, n] of rawNodes.entries()) {
      const kind = (n as { method?: { kind?: unknown } })?.method?.kind
      if (kind !== undefined && !METHOD_KINDS.includes(kind as (typeof METHOD_KINDS)[number])) {
        const code = (n as { code?: unknown }).code
        problems.push({ kind: 'unknownMethod', code: typeof code === 'string' ? code : `#${i + 1}`, method: String(kind) })
      }
    }
  }
  const parsed = schemeFileSchema.safeParse(raw)
  if (!parsed.success) {
    const unknownMethodAt = new Set(problems.map((p) => ('code' in p ? p.code : '')))
    for (const issue of parsed.error.issues) {
      const path = describePath(issue.path, raw)
      if ([...unknownMethodAt].some((code) => path.startsWith(`${code}.method`))) continue
      if (!problems.some((p) => p.kind === 'field' && p.path === path)) problems.push({ kind: 'field', path })
    }
    return { ok: false, problems }
  }
  if (problems.length) return { ok: false, problems }
  const file = parsed.data
  const nodes: StoredNode[] = file.nodes.map((n) => ({
    code: n.code,
    name: n.name,
    parent: n.parent,
    maxPoints: n.maxPoints,
    combine: n.method ? undefined : (n.combine ?? 'sum'),
    method: n.method,
    source: n.method ? (n.source ?? 'manual') : null,
    unit: n.unit,
    description: n.description,
  }))
  for (const n of file.nodes) {
    if (!n.method && n.source) problems.push({ kind: 'groupWithSource', code: n.code })
    if (n.method && n.source && !isKnownSource(n.source)) problems.push({ kind: 'unknownSource', code: n.code, source: n.source })
  }
  const built = buildScheme(nodes, file.maxPoints, file.veto as VetoRule)
  if (!built.ok) problems.push(...built.problems)
  if (problems.length || !built.ok) return { ok: false, problems }
  return { ok: true, scheme: { file, nodes, tree: built.scheme } }
}

/** The file of a stored scheme (the export). */
export function schemeToFile(scheme: { key: string; name: string; description: string; maxPoints: number; veto: VetoRule; nodes: StoredNode[] }): SchemeFile {
  return {
    format: SCHEME_FORMAT,
    key: scheme.key,
    name: scheme.name,
    description: scheme.description,
    maxPoints: scheme.maxPoints,
    veto: scheme.veto,
    nodes: scheme.nodes.map((n) => ({
      code: n.code,
      name: n.name,
      parent: n.parent,
      maxPoints: n.maxPoints,
      ...(n.method ? { method: n.method, source: n.source ?? 'manual' } : { combine: n.combine ?? 'sum' }),
      unit: n.unit,
      description: n.description,
    })) as SchemeFile['nodes'],
  }
}
