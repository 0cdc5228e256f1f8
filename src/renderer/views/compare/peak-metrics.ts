// The compare table's rows that come from each run's timeline rather than
// its summary: peaks and drain time (src/shared/metrics/run-peaks.ts). They
// are what a retry policy changes most, and what the summary's means hide.
import type { RunPeaks } from '../../../shared/metrics/run-peaks.ts';
import type { MetricDefinition } from './metric-rows.ts';

export const PEAK_METRICS: readonly MetricDefinition<RunPeaks>[] = [
  { key: 'peak_retries', label: 'Peak retries in one second', unit: 'retries/s', digits: 0, better: 'lower', read: (p) => p.peakRetriesPerSecond },
  {
    key: 'peak_retries_after_faults', label: 'Peak retries after the faults end', unit: 'retries/s', digits: 0, better: 'lower',
    read: (p) => p.peakRetriesAfterFaults ?? Number.NaN,
  },
  { key: 'peak_depth', label: 'Peak depth (jobs in the system)', unit: 'jobs', digits: 0, better: 'lower', read: (p) => p.peakDepth },
  { key: 'drain', label: 'Drain time after the last arrival', unit: 's', digits: 1, better: 'lower', read: (p) => p.drainSeconds },
];

/** The peak rows worth showing: "after the faults" only when a compared run has a fault window. */
export function peakMetricsFor(peaks: readonly (RunPeaks | null)[]): MetricDefinition<RunPeaks>[] {
  const windows = peaks.some((p) => p?.peakRetriesAfterFaults !== null && p?.peakRetriesAfterFaults !== undefined);
  return PEAK_METRICS.filter((m) => windows || m.key !== 'peak_retries_after_faults');
}
