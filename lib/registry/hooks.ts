import type { Tx } from '@/lib/server/db'

/**
 * The register's after-write hook (docs/decisions/0006). Higher modules that must see every change
 * to the register (quality re-checks the records a save touched) register a function here; the
 * register calls them inside the transaction of the write, so their work commits or rolls back with
 * it. The register itself imports no higher module.
 */
export interface RegisterWrite {
  personIds?: (number | null | undefined)[]
  householdIds?: (number | null | undefined)[]
}
export type AfterRegisterWrite = (tx: Tx, write: RegisterWrite) => Promise<unknown>

// On globalThis: Next.js may load this file in more than one bundle of the same process
// (instrumentation, pages, actions); all of them must see the same hooks.
const KEY = Symbol.for('xiangzhen.registry.afterWrite')
type Holder = { [KEY]?: Map<string, AfterRegisterWrite> }

function hooks(): Map<string, AfterRegisterWrite> {
  const holder = globalThis as Holder
  return (holder[KEY] ??= new Map())
}

/** Registers (or replaces) the hook of one module. Called once at start-up by lib/modules.ts. */
export function onRegisterWrite(module: string, hook: AfterRegisterWrite): void {
  hooks().set(module, hook)
}

/**
 * Runs every registered hook for a write. Refuses when none is registered: a process that writes
 * to the register without composing the modules (lib/modules.ts) would silently skip the quality
 * checks decision 0003 promises on every save.
 */
export async function afterRegisterWrite(tx: Tx, write: RegisterWrite): Promise<void> {
  const registered = hooks()
  if (registered.size === 0) throw new Error('The register was written to before the modules were composed: import "@/lib/modules" at the entry point.')
  for (const hook of registered.values()) await hook(tx, write)
}
