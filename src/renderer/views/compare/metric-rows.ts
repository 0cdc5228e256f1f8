// The compare table: one row per metric a student quotes, one value per run,
// and each run's delta against the first run (the baseline), with sign and
// percent. Plain data so it can be tested without React.
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';

export interface MetricDefinition {
  key: string;
  label: string;
  unit: string;
  read(s: RunSummary): number;
  /** Decimals shown; counts are whole numbers. */
  digits: number;
  /** Shown as a percentage of 1 (success rate). */
  percent?: boolean;
}

export const COMPARE_METRICS: readonly MetricDefinition[] = [
  { key: 'succeeded', label: 'Succeeded', unit: 'jobs', digits: 0, read: (s) => s.jobs.succeeded },
  { key: 'dead', label: 'Dead', unit: 'jobs', digits: 0, read: (s) => s.jobs.dead },
  { key: 'retries', label: 'Retries', unit: 'attempts', digits: 0, read: (s) => s.attempts.retries },
  { key: 'wait_mean', label: 'Wait, mean', unit: 's', digits: 2, read: (s) => s.latency_s.wait_mean },
  { key: 'wait_p95', label: 'Wait, p95', unit: 's', digits: 2, read: (s) => s.latency_s.wait_p95 },
  { key: 'total_p95', label: 'Time in system, p95', unit: 's', digits: 2, read: (s) => s.latency_s.total_p95 },
  { key: 'throughput', label: 'Throughput', unit: 'jobs/s', digits: 2, read: (s) => s.throughput_per_s },
  { key: 'success_rate', label: 'Success rate', unit: '%', digits: 1, percent: true, read: (s) => s.stats.success_rate },
  { key: 'duplicates', label: 'Duplicates', unit: 'jobs', digits: 0, read: (s) => s.duplicates },
  { key: 'lost', label: 'Lost', unit: 'jobs', digits: 0, read: (s) => s.lost },
];

export interface MetricDelta {
  /** Run minus baseline, in the metric's unit (percentage points for a rate). */
  difference: number;
  /** difference / baseline; null when the baseline is 0. */
  relative: number | null;
}

export interface MetricRow {
  metric: MetricDefinition;
  /** One per run; null where a run has no summary. */
  values: (number | null)[];
  /** One per run; null for the baseline itself and where either value is missing. */
  deltas: (MetricDelta | null)[];
}

export function metricDelta(value: number | null, baseline: number | null): MetricDelta | null {
  if (value === null || baseline === null || !Number.isFinite(value) || !Number.isFinite(baseline)) return null;
  const difference = value - baseline;
  return { difference, relative: baseline === 0 ? null : difference / Math.abs(baseline) };
}

export function metricRows(summaries: readonly (RunSummary | null)[], metrics: readonly MetricDefinition[] = COMPARE_METRICS): MetricRow[] {
  return metrics.map((metric) => {
    const values = summaries.map((s) => (s ? metric.read(s) : null));
    const base = values[0] ?? null;
    return { metric, values, deltas: values.map((v, i) => (i === 0 ? null : metricDelta(v, base))) };
  });
}

/** A value in the metric's display form (success rate as a percentage, counts grouped). */
export function formatMetric(metric: MetricDefinition, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const shown = metric.percent ? value * 100 : value;
  return shown.toLocaleString('en-US', { minimumFractionDigits: metric.digits, maximumFractionDigits: metric.digits });
}

const MINUS = '\u2212';

function signed(text: string, n: number): string {
  return n > 0 ? `+${text}` : n < 0 ? `${MINUS}${text}` : text;
}

/** "+12 (+5.0 %)", "−0.41 s (−38.2 %)"; "±0" when equal; "(new)" when the baseline is 0. */
export function formatDelta(metric: MetricDefinition, delta: MetricDelta | null): string {
  if (delta === null) return '–';
  const abs = formatMetric(metric, Math.abs(delta.difference));
  const zeroText = formatMetric(metric, 0);
  if (abs === zeroText) return '±0';
  const unit = metric.percent ? ' pp' : metric.unit === 's' ? ' s' : '';
  const head = signed(`${abs}${unit}`, delta.difference);
  if (delta.relative === null) return `${head} (new)`;
  return `${head} (${signed(`${Math.abs(delta.relative * 100).toFixed(1)} %`, delta.relative)})`;
}
