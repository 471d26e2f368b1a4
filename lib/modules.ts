import { onRegisterWrite } from '@/lib/registry/hooks'
import { checkOnSave } from '@/lib/quality/service'

/**
 * The composition root: where higher modules plug into the hooks of lower ones, so that no lower
 * module imports a higher one (docs/decisions/0006). Imported once by every entry point that can
 * write: the Next.js server (instrumentation.ts), scripts, and the integration tests' setup.
 */
export function composeModules(): void {
  // quality re-checks the people and households each register write touched (decision 0003)
  onRegisterWrite('quality', checkOnSave)
  // Modules above assessment (services, benefits, work, cases) publish their figures here as
  // indicator sources: registerIndicatorSource({ key: 'services.coverage', … }) from
  // lib/assessment/sources.ts; reports and quality are built in (docs/decisions/0010).
}

composeModules()
