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
import { addInboxSource } from '@/lib/inbox/registry'
import { inspectionInbox } from '@/lib/assessment/inspection-inbox'
import { registerIndicatorSource } from '@/lib/assessment/sources'
import { taskCompletionSource } from '@/lib/work/indicators'
import { workInbox } from '@/lib/work/inbox'
import { withinDeadlineSource } from '@/lib/cases/indicators'
import { casesInbox } from '@/lib/cases/inbox'
import { suppliesInbox } from '@/lib/services/supplies/inbox'
import { stationIndicatorSources } from '@/lib/services/stations/sources'
import { proposeExits } from '@/lib/benefits/service'
import { benefitsInbox } from '@/lib/benefits/queries'
import { reportsInbox } from '@/lib/reports/inbox'
import { registryInbox } from '@/lib/registry/inbox'
import { qualityInbox } from '@/lib/quality/inbox'
import { migrationInbox } from '@/lib/migration/inbox'
import { servicesInbox } from '@/lib/services/inbox'
import { addTraceSource } from '@/lib/reports/trace'
import { servicesTraceSource } from '@/lib/services/trace'
import { markStaleAfterRemap, markStaleAfterWrite } from '@/lib/dashboard/store'
import { addDashboardWidget } from '@/lib/inbox/widgets'
import { serviceCoverageWidget } from '@/lib/services/widget'
import { inspectionWidget } from '@/lib/assessment/inspection-widget'
import { workWidget } from '@/lib/work/widget'
import { casesWidget } from '@/lib/cases/widget'
import { benefitsWidget } from '@/lib/benefits/widget'

/**
 * The composition root: where higher modules plug into the hooks of lower ones, so that no lower
 * module imports a higher one (docs/decisions/0006). Imported once by every entry point that can
 * write: the Next.js server (instrumentation.ts), scripts, and the integration tests' setup.
 */
export function composeModules(): void {
  // quality re-checks the people and households each register write touched (decision 0003)
  onRegisterWrite('quality', checkOnSave)
  // a death or move-out of an enrolled person proposes the exit for the township to confirm
  onRegisterWrite('benefits', proposeExits)
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
  // inspections: rectification items near due or overdue, close-outs to review, sheets to score
  addInboxSource('inspections', inspectionInbox)
  // the supplies ledger offers its expiry warnings to the township staff who manage the stock
  addInboxSource('supplies', suppliesInbox)
  // benefits: overdue application steps and proposed exits wait in the responsible people's inbox
  addInboxSource('benefits', benefitsInbox)
  // …and the people behind each of its counts (追溯)
  addTraceSource(servicesTraceSource)
  // one inbox per person (issue 13): each module offers what waits for the signed-in user, scoped in its own query
  addInboxSource('reports', reportsInbox)
  addInboxSource('registry', registryInbox)
  addInboxSource('quality', qualityInbox)
  addInboxSource('migration', migrationInbox)
  addInboxSource('services', servicesInbox)
  // dashboard widgets (lib/inbox/widgets.ts): each module's figures per child region, scoped in its own queries
  addDashboardWidget(serviceCoverageWidget)
  addDashboardWidget(inspectionWidget)
  addDashboardWidget(workWidget)
  addDashboardWidget(casesWidget)
  addDashboardWidget(benefitsWidget)
  // Modules above assessment (services, benefits, work, cases) publish their figures here as
  // indicator sources: registerIndicatorSource({ key: 'services.coverage', … }) from
  // lib/assessment/sources.ts; reports and quality are built in (docs/decisions/0010).
  registerIndicatorSource(taskCompletionSource)
  registerIndicatorSource(withinDeadlineSource)
  // what waits for a person: tasks (to report, warned, overdue, to check) and cases near their deadline
  addInboxSource('work', workInbox)
  addInboxSource('cases', casesInbox)
  // services: stations meeting the standard, childcare places per 1,000 residents
  for (const source of stationIndicatorSources) registerIndicatorSource(source)
}

composeModules()
