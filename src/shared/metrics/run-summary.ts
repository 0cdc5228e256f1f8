// The run summary: what `queue-lab run --json` prints, what reports quote and
// what the UI's stats panel shows. The keys in docs/architecture.md "Contracts" are a
// public contract; the rest are welcome extras. Times are scenario seconds.

import type { DownstreamSummary } from '../overload/downstream-summary.ts';
import type { Verdict } from '../overload/verdict.ts';

export interface RunSummary {
  scenario: string;
  mode: 'instant' | 'live';
  seed: number;
  run_id: string;
  store: 'full' | 'none';
  status: 'completed' | 'stopped' | 'failed' | 'interrupted';
  jobs: {
    total: number;
    succeeded: number;
    dead: number;
    cancelled: number;
    /** Still waiting to run when the run ended: pending + scheduled + retrying. */
    pending: number;
    scheduled: number;
    retrying: number;
    processing: number;
    /** Enqueues answered with an existing job (idempotency keys). */
    deduplicated: number;
  };
  attempts: {
    total: number;
    /** Attempts after the first, over all jobs. */
    retries: number;
    mean_per_succeeded: number;
    by_outcome: Record<'succeeded' | 'failed' | 'timeout' | 'crashed' | 'lost', number>;
  };
  latency_s: {
    wait_mean: number;
    wait_p50: number;
    wait_p95: number;
    wait_p99: number;
    total_mean: number;
    total_p50: number;
    total_p95: number;
    total_p99: number;
  };
  throughput_per_s: number;
  sim_duration_s: number;
  wall_s: number;
  events: number;
  event_log_sha256: string;
  /** Jobs completed more than once (double processing). */
  duplicates: number;
  /** Jobs that ended in no final state and that nothing would ever move again. */
  lost: number;
  /** Completions refused because the worker no longer held the lease. */
  lease_lost: number;
  /** The Laravel notification worker's /stats keys (seed 2), for comparison. */
  stats: {
    pending: number;
    retry: number;
    processing: number;
    success: number;
    failed: number;
    avg_attempts_success: number;
    success_rate: number;
    mean_processing_s: number;
  };
  /** Little's law: L (time-average jobs in the system) against lambda x W. */
  littles_law: { L: number; lambda: number; W: number; lambda_W: number };
  /** Present when the scenario is an M/M/c queue: Erlang C's prediction. */
  theory?: { model: string; c: number; lambda: number; mu: number; rho: number; wait_mean: number; queue_length_mean: number };
  /** Present when the scenario has services (README.md "Services"). */
  downstream?: DownstreamSummary;
  /** Did goodput come back after the trigger (README.md "The verdict")? kind none when the run has no trigger. */
  verdict?: Verdict;
}
