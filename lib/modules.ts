import { onRegisterWrite } from '@/lib/registry/hooks'
import { checkOnSave } from '@/lib/quality/service'
import { onRegionRemap } from '@/lib/regions/history-hooks'
import { remapRegisterRows } from '@/lib/registry/region-remap'
import { remapFindings } from '@/lib/quality/region-remap'
import { remapExchanges } from '@/lib/migration/region-remap'
import { addReportSection } from '@/lib/reports/sections'
import { addFigureSource } from '@/lib/reports/figures'
import { serviceCoverageSource, servicesSection } from '@/lib/services/report'
import { remapServiceRows } from '@/lib/services/region-remap'
import { markStaleAfterRemap, markStaleAfterWrite } from '@/lib/dashboard/store'
import { addDashboardWidget } from '@/lib/inbox/widgets'
import { serviceCoverageWidget } from '@/lib/services/widget'

/**
 * The composition root: where higher modules plug into the hooks of lower ones, so that no lower
 * module imports a higher one (docs/decisions/0006). Imported once by every entry point that can
 * write: the Next.js server (instrumentation.ts), scripts, and the integration tests' setup.
 */
export function composeModules(): void {
  // quality re-checks the people and households each register write touched (decision 0003)
  onRegisterWrite('quality', checkOnSave)
  // the statistics store marks the months a write reaches stale (decision 0014)
  onRegisterWrite('dashboard', markStaleAfterWrite)
  // a region change moves the rows that name an ended village to its new row (decision 0011)
  onRegionRemap('registry', remapRegisterRows)
  onRegionRemap('quality', remapFindings)
  onRegionRemap('migration', remapExchanges)
  onRegionRemap('services', remapServiceRows)
  onRegionRemap('dashboard', markStaleAfterRemap)
  // services add their coverage table to the monthly, half-year and annual reports
  addReportSection(servicesSection)
  addFigureSource(serviceCoverageSource)
  // dashboard widgets (lib/inbox/widgets.ts): work, cases and benefits add theirs here
  addDashboardWidget(serviceCoverageWidget)
  // Modules above assessment (services, benefits, work, cases) publish their figures here as
  // indicator sources: registerIndicatorSource({ key: 'services.coverage', … }) from
  // lib/assessment/sources.ts; reports and quality are built in (docs/decisions/0010).
}

composeModules()
