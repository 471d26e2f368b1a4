import type { Translate } from '@/lib/i18n/core'
import type { ServiceContext } from '@/lib/server/context'

/**
 * Dashboard widgets (issue 13): a module's figures shown on the dashboards, drawn generically as a
 * chart with its table and exported to .xlsx. The registry lives in the kernel beside the inbox's,
 * so a module (services, work, cases, benefits) offers a widget without importing the dashboard,
 * which stands above all of them; lib/modules.ts registers each, the dashboard renders them all.
 */
export interface WidgetColumn {
  key: string
  /** the column's heading, in the reader's language */
  label: string
  /** 'text' for the row's name; 'number' a count; 'percent' a share 0–100 */
  kind: 'text' | 'number' | 'percent'
}

export interface WidgetData {
  /** stable and unique across modules, e.g. 'services.coverage' */
  key: string
  /** in the reader's language */
  title: string
  columns: WidgetColumn[]
  /** one row per child region (or item); cells by column key; null: not known or not shown */
  rows: Record<string, string | number | null>[]
  /** how the numeric columns are drawn: bars per row, a line over the rows, or the table only */
  chart: 'bar' | 'line' | 'table'
  /** a note under the table (a small-cell rule, a definition), in the reader's language */
  note?: string
}

export interface WidgetRequest {
  ctx: ServiceContext
  t: Translate
  /** the region the dashboard shows (inside the viewer's scope: the dashboard checked it) */
  region: { id: number; level: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'; countyId: number }
  /** the dashboard's period */
  period: { key: string; start: string; end: string }
  today: string
}

export interface DashboardWidget {
  key: string
  module: string
  /** who sees it: false leaves it out (not an empty state) */
  visible(request: WidgetRequest): boolean
  /** the widget's data; rows [] when the module has nothing yet (the dashboard says what to do) */
  load(request: WidgetRequest): Promise<WidgetData>
  /** shown when rows is empty, in the reader's language: what to do to see something here */
  empty(t: Translate): string
}

// On globalThis, like the register's hooks: every bundle of the process sees the widgets added at start-up.
const KEY = Symbol.for('xiangzhen.inbox.widgets')
type Holder = { [KEY]?: Map<string, DashboardWidget> }
const widgets = () => ((globalThis as Holder)[KEY] ??= new Map())

/** Adds (or replaces) a module's widget. Called at start-up by lib/modules.ts. */
export function addDashboardWidget(widget: DashboardWidget): void {
  widgets().set(widget.key, widget)
}

/** Every widget, in the order they were added. */
export function dashboardWidgets(): DashboardWidget[] {
  return [...widgets().values()]
}
