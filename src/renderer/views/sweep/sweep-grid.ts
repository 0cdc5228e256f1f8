// A sweep's runs as the grid shows them: rows are the first varied key's
// values, columns the second's (one column when only one key was varied),
// each cell the runs of that combination (one per seed) with the chosen
// metric's mean and, once summaries carry one, the verdicts.
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { SweepDetail, SweepRun, SweepValue } from '../../../shared/sweep/sweep-shapes.ts';
import type { SweepMetric } from '../../../shared/sweep/sweep-metrics.ts';

export const VERDICT_KINDS = ['recovered', 'metastable', 'none'] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

export interface SweepCell {
  row: number;
  column: number;
  /** The combination's values, by path. */
  values: Record<string, SweepValue>;
  /** Its runs so far, first seed first. */
  runs: SweepRun[];
  /** The metric's mean over the runs, or null before any has finished. */
  mean: number | null;
  /** How many runs had each verdict (empty when the summaries have none). */
  verdicts: Partial<Record<VerdictKind, number>>;
  /** The most common verdict (ties: the worse one, metastable first), or null. */
  verdict: VerdictKind | null;
}

export interface SweepGrid {
  rowKey: { path: string; values: SweepValue[] };
  columnKey: { path: string; values: SweepValue[] } | null;
  /** cells[row][column] */
  cells: SweepCell[][];
  /** The range of the finished cells' means (for the colour scale), or null before any. */
  range: { min: number; max: number } | null;
  /** Whether any run's summary has a verdict. */
  hasVerdicts: boolean;
}

/** The run summary's verdict kind, when the engine reports one (issue 13's `verdict`). */
export function verdictOf(summary: RunSummary): VerdictKind | null {
  const kind = (summary as { verdict?: { kind?: unknown } }).verdict?.kind;
  return typeof kind === 'string' && (VERDICT_KINDS as readonly string[]).includes(kind) ? (kind as VerdictKind) : null;
}

const WORST_FIRST: readonly VerdictKind[] = ['metastable', 'recovered', 'none'];

export function sweepGrid(sweep: Pick<SweepDetail, 'vary' | 'runs'>, metric: SweepMetric): SweepGrid {
  const [rowKey, columnKey = null] = sweep.vary;
  if (!rowKey) throw new Error('a sweep varies at least one key');
  const cells: SweepCell[][] = rowKey.values.map((rowValue, row) =>
    (columnKey?.values ?? [null]).map((columnValue, column) => ({
      row,
      column,
      values: columnKey ? { [rowKey.path]: rowValue, [columnKey.path]: columnValue! } : { [rowKey.path]: rowValue },
      runs: [],
      mean: null,
      verdicts: {},
      verdict: null,
    })),
  );
  for (const run of sweep.runs) {
    const row = rowKey.values.findIndex((v) => v === run.values[rowKey.path]);
    const column = columnKey ? columnKey.values.findIndex((v) => v === run.values[columnKey.path]) : 0;
    cells[row]?.[column]?.runs.push(run);
  }
  let range: SweepGrid['range'] = null;
  let hasVerdicts = false;
  for (const cell of cells.flat()) {
    cell.runs.sort((a, b) => a.seed - b.seed);
    if (cell.runs.length === 0) continue;
    cell.mean = cell.runs.reduce((sum, r) => sum + metric.get(r.summary), 0) / cell.runs.length;
    range = range ? { min: Math.min(range.min, cell.mean), max: Math.max(range.max, cell.mean) } : { min: cell.mean, max: cell.mean };
    for (const run of cell.runs) {
      const kind = verdictOf(run.summary);
      if (kind) cell.verdicts[kind] = (cell.verdicts[kind] ?? 0) + 1;
    }
    const counted = WORST_FIRST.filter((k) => cell.verdicts[k] !== undefined);
    if (counted.length > 0) {
      hasVerdicts = true;
      cell.verdict = counted.reduce((best, k) => (cell.verdicts[k]! > cell.verdicts[best]! ? k : best));
    }
  }
  return { rowKey, columnKey, cells, range, hasVerdicts };
}

/** `workers.count=2, retry.maxAttempts=3` */
export function cellName(cell: Pick<SweepCell, 'values'>): string {
  return Object.entries(cell.values)
    .map(([path, value]) => `${path}=${String(value)}`)
    .join(', ');
}

/** What a cell says to a screen reader and in its tooltip: where it is, the numbers, what a click does. */
export function cellLabel(cell: SweepCell, metric: SweepMetric): string {
  const where = cellName(cell);
  if (cell.runs.length === 0) return `${where}: not run yet`;
  const seeds = cell.runs.length === 1 ? `seed ${cell.runs[0]!.seed}` : `mean of ${cell.runs.length} seeds`;
  const verdicts = Object.entries(cell.verdicts)
    .map(([kind, n]) => (cell.runs.length === 1 ? kind : `${kind} ${n}/${cell.runs.length}`))
    .join(', ');
  const value = `${metric.label} ${cell.mean!.toFixed(metric.digits)} (${seeds})`;
  return `${where}: ${verdicts ? `verdict ${verdicts}; ` : ''}${value}. Opens run ${cell.runs[0]!.runId}.`;
}
