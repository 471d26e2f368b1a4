import { cellValue, columnsOf, isGroup, type Counts, type DeriveContext, type SectionLayout } from './sections'

// One report table as screen, paper and Excel show it: two header rows with merged cells (a
// group's label spans its columns; a lone column spans both rows), then a row per child region and
// the total. Shared by the page, the print view and the .xlsx export, so all three agree.

export interface HeaderCellView {
  label: string
  colSpan: number
  rowSpan: number
  /** first column (0-based, after the unit column) */
  column: number
}

export interface TableView {
  key: string
  title: string
  formNo: string
  note: string | null
  /** [top row, second row]; the unit column spans both and is not listed */
  header: [HeaderCellView[], HeaderCellView[]]
  /** in column order, for number formatting: derived columns have two decimals */
  derived: boolean[]
  /** in column order: the count key whose records a cell opens (lib/reports/trace.ts), null for a rate */
  traceKeys: (string | null)[]
  rows: { label: string; regionId: number | null; values: (number | null)[]; total: boolean }[]
}

export interface SnapshotLike {
  children: { id: number; name: string }[]
  total: Counts
  byChild: Record<string, Counts>
}

export function buildTable(
  section: SectionLayout,
  snapshot: SnapshotLike,
  context: DeriveContext,
  text: { label: (key: string) => string; total: string; note?: string | null },
): TableView {
  const top: HeaderCellView[] = []
  const second: HeaderCellView[] = []
  let column = 0
  for (const cell of section.header) {
    if (isGroup(cell)) {
      top.push({ label: text.label(cell.label), colSpan: cell.columns.length, rowSpan: 1, column })
      for (const c of cell.columns) second.push({ label: text.label(c.label), colSpan: 1, rowSpan: 1, column: column++ })
    } else {
      top.push({ label: text.label(cell.label), colSpan: 1, rowSpan: 2, column: column++ })
    }
  }
  const columns = columnsOf(section)
  const values = (counts: Counts) => columns.map((c) => cellValue(c, counts, context))
  const rows: TableView['rows'] = snapshot.children.map((child) => ({
    label: child.name,
    regionId: child.id,
    values: values(snapshot.byChild[String(child.id)] ?? {}),
    total: false,
  }))
  rows.push({ label: text.total, regionId: null, values: values(snapshot.total), total: true })
  return {
    key: section.key,
    title: text.label(section.title),
    formNo: section.formNo,
    note: text.note ?? null,
    header: [top, second],
    derived: columns.map((c) => !!c.derive && !c.whole),
    traceKeys: columns.map((c) => (c.derive ? (c.trace ?? null) : c.key)),
    rows,
  }
}

/** A figure as printed: counts as whole numbers, derived figures with two decimals, "—" when undefined. */
export function formatValue(value: number | null, derived: boolean): string {
  if (value === null) return '—'
  return derived ? value.toFixed(2) : String(value)
}
