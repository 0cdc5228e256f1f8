// The compare table: one row per metric a student quotes, one value per run,
// and each run's delta against the first run (the baseline), with sign and
// percent. Plain data so it can be tested without React.
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';

export interface MetricDefinition<T = RunSummary> {
  key: string;
  label: string;
  unit: string;
  read(s: T): number;
  /** Which way is better, for the conclusion sentence; absent: neither (duplicates of a policy change are still facts). */
  better?: 'lower' | 'higher';
  /** Decimals shown; counts are whole numbers. */
  digits: number;
  /** Shown as a percentage of 1 (success rate). */
  percent?: boolean;
}

export const COMPARE_METRICS: readonly MetricDefinition[] = [
  { key: 'succeeded', better: 'higher', label: 'Succeeded', unit: 'jobs', digits: 0, read: (s) => s.jobs.succeeded },
  { key: 'dead', better: 'lower', label: 'Dead', unit: 'jobs', digits: 0, read: (s) => s.jobs.dead },
  { key: 'retries', better: 'lower', label: 'Retries', unit: 'attempts', digits: 0, read: (s) => s.attempts.retries },
  { key: 'wait_mean', better: 'lower', label: 'Wait, mean', unit: 's', digits: 2, read: (s) => s.latency_s.wait_mean },
  { key: 'wait_p95', better: 'lower', label: 'Wait, p95', unit: 's', digits: 2, read: (s) => s.latency_s.wait_p95 },
  { key: 'total_p95', better: 'lower', label: 'Time in system, p95', unit: 's', digits: 2, read: (s) => s.latency_s.total_p95 },
  { key: 'throughput', better: 'higher', label: 'Throughput', unit: 'jobs/s', digits: 2, read: (s) => s.throughput_per_s },
  { key: 'success_rate', better: 'higher', label: 'Success rate', unit: '%', digits: 1, percent: true, read: (s) => s.stats.success_rate },
  { key: 'duplicates', better: 'lower', label: 'Duplicates', unit: 'jobs', digits: 0, read: (s) => s.duplicates },
  { key: 'lost', better: 'lower', label: 'Lost', unit: 'jobs', digits: 0, read: (s) => s.lost },
];

export interface MetricDelta {
  /** Run minus baseline, in the metric's unit (percentage points for a rate). */
  difference: number;
  /** difference / baseline; null when the baseline is 0. */
  relative: number | null;
}

export interface MetricRow<T = RunSummary> {
  metric: MetricDefinition<T>;
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

export function metricRows<T = RunSummary>(
  summaries: readonly (T | null)[],
  metrics: readonly MetricDefinition<T>[] = COMPARE_METRICS as unknown as readonly MetricDefinition<T>[],
): MetricRow<T>[] {
  return metrics.map((metric) => {
    const values = summaries.map((s) => {
      const v = s === null ? null : metric.read(s);
      return v === null || Number.isNaN(v) ? null : v;
    });
    const base = values[0] ?? null;
    return { metric, values, deltas: values.map((v, i) => (i === 0 ? null : metricDelta(v, base))) };
  });
}

/** A value in the metric's display form (success rate as a percentage, counts grouped). */
export function formatMetric<T>(metric: MetricDefinition<T>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const shown = metric.percent ? value * 100 : value;
  return shown.toLocaleString('en-US', { minimumFractionDigits: metric.digits, maximumFractionDigits: metric.digits });
}

const MINUS = '\u2212';

function signed(text: string, n: number): string {
  return n > 0 ? `+${text}` : n < 0 ? `${MINUS}${text}` : text;
}

/** "+12 (+5.0 %)", "−0.41 s (−38.2 %)"; "±0" when equal; "(new)" when the baseline is 0. */
export function formatDelta<T>(metric: MetricDefinition<T>, delta: MetricDelta | null): string {
  if (delta === null) return '–';
  const abs = formatMetric(metric, Math.abs(delta.difference));
  const zeroText = formatMetric(metric, 0);
  if (abs === zeroText) return '±0';
  const unit = metric.percent ? ' pp' : metric.unit === 's' ? ' s' : '';
  const head = signed(`${abs}${unit}`, delta.difference);
  if (delta.relative === null) return `${head} (new)`;
  return `${head} (${signed(`${Math.abs(delta.relative * 100).toFixed(1)} %`, delta.relative)})`;
}
