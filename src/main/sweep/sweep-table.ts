// A sweep's results as rows: one per run for CSV and JSON (every seed kept),
// and one per combination for the terminal (means over its seeds), with the
// summary metrics a what-if is usually about.
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import { SWEEP_METRICS } from '../../shared/sweep/sweep-metrics.ts';
import type { SweepTask } from './sweep-plan.ts';

export interface SweepRow {
  values: Record<string, string | number | boolean>;
  seed: number;
  run_id: string;
  metrics: Record<string, number>;
  event_log_sha256: string;
}

export function sweepRows(tasks: readonly SweepTask[], summaries: readonly RunSummary[]): SweepRow[] {
  return tasks.map((t, i) => {
    const s = summaries[i]!;
    return {
      values: t.values,
      seed: t.seed,
      run_id: s.run_id,
      metrics: Object.fromEntries(SWEEP_METRICS.map((m) => [m.key, m.get(s)])),
      event_log_sha256: s.event_log_sha256,
    };
  });
}

/** Per combination, the mean of each metric over its seeds. */
export function combinationMeans(paths: readonly string[], rows: readonly SweepRow[]): { values: SweepRow['values']; runs: number; metrics: Record<string, number> }[] {
  const groups = new Map<string, SweepRow[]>();
  for (const r of rows) {
    const key = JSON.stringify(paths.map((p) => r.values[p]));
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => ({
    values: g[0]!.values,
    runs: g.length,
    metrics: Object.fromEntries(SWEEP_METRICS.map((m) => [m.key, g.reduce((sum, r) => sum + r.metrics[m.key]!, 0) / g.length])),
  }));
}

export function formatSweepTable(paths: readonly string[], rows: readonly SweepRow[]): string[] {
  const means = combinationMeans(paths, rows);
  const header = [...paths, 'seeds', ...SWEEP_METRICS.map((m) => m.title)];
  const body = means.map((c) => [
    ...paths.map((p) => String(c.values[p])),
    String(c.runs),
    ...SWEEP_METRICS.map((m) => c.metrics[m.key]!.toFixed(m.digits)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < paths.length ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

export function sweepCsv(paths: readonly string[], rows: readonly SweepRow[]): string {
  const header = [...paths, 'seed', 'run_id', ...SWEEP_METRICS.map((m) => m.key), 'event_log_sha256'];
  const lines = rows.map((r) =>
    [...paths.map((p) => String(r.values[p])), String(r.seed), r.run_id, ...SWEEP_METRICS.map((m) => String(r.metrics[m.key])), r.event_log_sha256]
      .map(csvCell)
      .join(','),
  );
  return `${[header.map(csvCell).join(','), ...lines].join('\n')}\n`;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
