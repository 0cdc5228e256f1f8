// The summary of an instant run, computed from the simulator's own tables so
// that `--store none` reports exactly what a stored run reports.
import { sampleStats } from '../../../shared/metrics/percentiles.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import { STATE_CODE } from '../../../shared/job/states.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { SimResult } from '../instant/sim-result.ts';
import { mmcTheory } from './mmc-theory.ts';
import { overloadSummary } from './overload-summary.ts';

const S = STATE_CODE;

export interface SummaryContext {
  runId: string;
  store: 'full' | 'none';
  wallSeconds: number;
}

export function instantSummary(scenario: Scenario, result: SimResult, ctx: SummaryContext): RunSummary {
  const sim = result;
  const jobs = sim.jobs;
  const n = jobs.size;
  const waits = new Float64Array(n);
  const totals = new Float64Array(n);
  const arrivals = new Float64Array(n);
  const successes = new Float64Array(n);
  let nSucceeded = 0;
  const processing = { sum: 0, count: 0 };
  let nWait = 0;
  let nTotal = 0;
  let attempts = 0;
  let attemptsOfSucceeded = 0;
  let duplicates = 0;
  let stuck = 0;
  const count = [0, 0, 0, 0, 0, 0, 0];
  for (let j = 1; j <= n; j++) {
    const state = jobs.state[j]!;
    count[state]!++;
    attempts += jobs.attempts[j]!;
    arrivals[j - 1] = jobs.enqueuedAt[j]!;
    if (state === S.succeeded) {
      attemptsOfSucceeded += jobs.attempts[j]!;
      successes[nSucceeded++] = jobs.finishedAt[j]!;
    }
    if (jobs.completions[j]! > 1) duplicates++;
    if (state === S.processing) stuck++;
    const first = jobs.firstClaimAt[j]!;
    if (!Number.isNaN(first)) waits[nWait++] = first - jobs.enqueuedAt[j]!;
    const end = jobs.finishedAt[j]!;
    if (!Number.isNaN(end)) totals[nTotal++] = end - jobs.enqueuedAt[j]!;
  }
  processing.sum = sim.outcomes.processingSeconds;
  processing.count = sim.outcomes.ended;
  const wait = sampleStats(waits.subarray(0, nWait));
  const total = sampleStats(totals.subarray(0, nTotal));
  const duration = sim.now;
  const succeeded = count[S.succeeded]!;
  const dead = count[S.dead]!;
  const open = count[S.pending]! + count[S.scheduled]! + count[S.retrying]!;
  // A natural end with jobs still open means nothing would ever move them;
  // a run cut by stopAt leaves waiting jobs waiting, not lost.
  const lost = sim.stoppedEarly ? (sim.leaseEnabled ? 0 : stuck) : stuck + open;
  const lambda = duration > 0 ? n / duration : 0;
  return {
    scenario: scenario.name,
    mode: 'instant',
    seed: scenario.seed,
    run_id: ctx.runId,
    store: ctx.store,
    status: sim.stoppedEarly ? 'stopped' : 'completed',
    jobs: {
      total: n, succeeded, dead, cancelled: count[S.cancelled]!, pending: open,
      scheduled: count[S.scheduled]!, retrying: count[S.retrying]!, processing: count[S.processing]!,
      deduplicated: sim.deduplicated,
    },
    attempts: {
      total: attempts,
      retries: attempts - countClaimed(jobs.attempts, n),
      mean_per_succeeded: succeeded ? attemptsOfSucceeded / succeeded : 0,
      by_outcome: { ...sim.outcomes.byOutcome },
    },
    latency_s: {
      wait_mean: wait.mean, wait_p50: wait.p50, wait_p95: wait.p95, wait_p99: wait.p99,
      total_mean: total.mean, total_p50: total.p50, total_p95: total.p95, total_p99: total.p99,
    },
    throughput_per_s: duration > 0 ? succeeded / duration : 0,
    sim_duration_s: duration,
    wall_s: ctx.wallSeconds,
    events: result.events,
    event_log_sha256: result.sha256,
    duplicates,
    lost,
    lease_lost: sim.leaseLost,
    stats: {
      pending: count[S.pending]! + count[S.scheduled]!,
      retry: count[S.retrying]!,
      processing: count[S.processing]!,
      success: succeeded,
      failed: dead,
      avg_attempts_success: succeeded ? attemptsOfSucceeded / succeeded : 0,
      success_rate: succeeded + dead > 0 ? succeeded / (succeeded + dead) : 0,
      mean_processing_s: processing.count ? processing.sum / processing.count : 0,
    },
    littles_law: { L: duration > 0 ? sim.systemArea / duration : 0, lambda, W: total.mean, lambda_W: lambda * total.mean },
    ...mmcTheory(scenario),
    ...overloadSummary(scenario, successes.subarray(0, nSucceeded), arrivals, sim.downstream, duration),
  };
}

function countClaimed(attempts: Uint16Array, n: number): number {
  let claimed = 0;
  for (let j = 1; j <= n; j++) if (attempts[j]! > 0) claimed++;
  return claimed;
}
