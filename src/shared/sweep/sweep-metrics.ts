// The summary metrics a sweep is usually about, one definition for the CLI's
// table and CSV (src/main/sweep/sweep-table.ts) and the lab's Sweep view, so
// a cell in the grid and a row of `queue-lab sweep` quote the same number.
import type { RunSummary } from '../metrics/run-summary.ts';

export interface SweepMetric {
  key: string;
  /** Column title in the terminal table. */
  title: string;
  /** What the number is, with its unit, for a legend or a cell's label. */
  label: string;
  get(s: RunSummary): number;
  digits: number;
  /** Whether a larger value is the better outcome (decides which end of the colour scale is "good"). */
  higherIsBetter: boolean;
}

export const SWEEP_METRICS: readonly SweepMetric[] = [
  { key: 'succeeded', title: 'succeeded', label: 'jobs succeeded', get: (s) => s.jobs.succeeded, digits: 0, higherIsBetter: true },
  { key: 'dead', title: 'dead', label: 'dead jobs', get: (s) => s.jobs.dead, digits: 0, higherIsBetter: false },
  { key: 'cancelled', title: 'cancelled', label: 'cancelled jobs', get: (s) => s.jobs.cancelled, digits: 0, higherIsBetter: false },
  { key: 'retries', title: 'retries', label: 'retries', get: (s) => s.attempts.retries, digits: 0, higherIsBetter: false },
  { key: 'wait_mean_s', title: 'wait mean s', label: 'mean wait (s)', get: (s) => s.latency_s.wait_mean, digits: 2, higherIsBetter: false },
  { key: 'wait_p95_s', title: 'wait p95 s', label: 'p95 wait (s)', get: (s) => s.latency_s.wait_p95, digits: 2, higherIsBetter: false },
  { key: 'total_p95_s', title: 'total p95 s', label: 'p95 time in system (s)', get: (s) => s.latency_s.total_p95, digits: 2, higherIsBetter: false },
  { key: 'throughput_per_s', title: 'jobs/s', label: 'throughput (jobs/s)', get: (s) => s.throughput_per_s, digits: 3, higherIsBetter: true },
  { key: 'success_rate', title: 'success %', label: 'success rate (%)', get: (s) => s.stats.success_rate * 100, digits: 1, higherIsBetter: true },
  { key: 'duplicates', title: 'dupes', label: 'duplicate completions', get: (s) => s.duplicates, digits: 0, higherIsBetter: false },
  { key: 'lost', title: 'lost', label: 'lost jobs', get: (s) => s.lost, digits: 0, higherIsBetter: false },
  // Runs whose jobs call services: the work (Brooker's "calls") and the time the last call ended (his "time to finish").
  { key: 'calls', title: 'calls', label: 'service calls', get: (s) => s.downstream?.calls ?? 0, digits: 0, higherIsBetter: false },
  {
    key: 'last_call_s', title: 'last call s', label: 'last service call ended (s)', digits: 2, higherIsBetter: false,
    get: (s) => Math.max(0, ...Object.values(s.downstream?.services ?? {}).map((f) => f.last_call_s)),
  },
  { key: 'sim_duration_s', title: 'sim s', label: 'scenario time (s)', get: (s) => s.sim_duration_s, digits: 1, higherIsBetter: false },
];

export function findSweepMetric(key: string): SweepMetric | undefined {
  return SWEEP_METRICS.find((m) => m.key === key);
}
