// The summary of a run computed from its rows in the lab database: what live
// runs report (their workers are other processes; the database is the only
// place that saw everything), with the same keys as an instant run's.
import { sampleStats } from '../../../shared/metrics/percentiles.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { EventLogHash } from '../recorder/event-log-hash.ts';
import { EVENT_PAGE } from '../store/reads/fold-events.ts';
import type { RunReads } from '../store/reads/run-reads.ts';
import { mmcTheory } from './mmc-theory.ts';
import { overloadSummary } from './overload-summary.ts';
import type { DownstreamCounts } from '../../../shared/overload/downstream-summary.ts';

export interface StoredSummaryContext {
  runId: string;
  mode: 'instant' | 'live';
  wallSeconds: number;
  status: RunSummary['status'];
  /** What the run's services counted (live mode: the host's HTTP service); the rows do not hold it. */
  downstream?: DownstreamCounts | null;
}

export async function storedSummary(reads: RunReads, scenario: Scenario, ctx: StoredSummaryContext): Promise<RunSummary> {
  const jobs = await reads.jobTimes(ctx.runId);
  // The event log is the biggest read (3 rows a job): one pass over raw rows
  // hashes it and counts what the summary needs, with no object per row.
  const log = await eventLogDigest(reads, ctx.runId);
  const outcomes = await reads.attemptOutcomes(ctx.runId);
  const processing = await reads.jobCounts(ctx.runId);

  const count = (state: string): number => jobs.filter((j) => j.state === state).length;
  const duration = log.lastT;
  const waits = Float64Array.from(jobs.filter((j) => j.firstClaimedAt !== null).map((j) => j.firstClaimedAt! - j.enqueuedAt));
  const totals = Float64Array.from(jobs.filter((j) => j.finishedAt !== null).map((j) => j.finishedAt! - j.enqueuedAt));
  const wait = sampleStats(waits);
  const total = sampleStats(totals);
  const succeeded = jobs.filter((j) => j.state === 'succeeded');
  const attempts = jobs.reduce((n, j) => n + j.tries, 0);
  const triedJobs = jobs.filter((j) => j.tries > 0).length;
  const perSucceeded = succeeded.length ? succeeded.reduce((n, j) => n + j.tries, 0) / succeeded.length : 0;
  const open = count('pending') + count('scheduled') + count('retrying');
  const area = jobs.reduce((a, j) => a + ((j.finishedAt ?? duration) - j.enqueuedAt), 0);
  const lambda = duration > 0 ? jobs.length / duration : 0;
  const dead = count('dead');
  return {
    scenario: scenario.name,
    mode: ctx.mode,
    seed: scenario.seed,
    run_id: ctx.runId,
    store: 'full',
    status: ctx.status,
    jobs: {
      total: jobs.length, succeeded: succeeded.length, dead, cancelled: count('cancelled'), pending: open,
      scheduled: count('scheduled'), retrying: count('retrying'), processing: count('processing'),
      deduplicated: log.deduplicated,
    },
    attempts: {
      total: attempts,
      retries: attempts - triedJobs,
      mean_per_succeeded: perSucceeded,
      by_outcome: { succeeded: outcomes.succeeded ?? 0, failed: outcomes.failed ?? 0, timeout: outcomes.timeout ?? 0, crashed: outcomes.crashed ?? 0, lost: outcomes.lost ?? 0 },
    },
    latency_s: {
      wait_mean: wait.mean, wait_p50: wait.p50, wait_p95: wait.p95, wait_p99: wait.p99,
      total_mean: total.mean, total_p50: total.p50, total_p95: total.p95, total_p99: total.p99,
    },
    throughput_per_s: duration > 0 ? succeeded.length / duration : 0,
    sim_duration_s: duration,
    wall_s: ctx.wallSeconds,
    events: log.events,
    event_log_sha256: log.sha256,
    duplicates: jobs.filter((j) => j.completions > 1).length,
    // A finished live run leaves open only jobs nothing will move again.
    lost: ctx.status === 'completed' ? open + count('processing') : count('processing'),
    lease_lost: log.leaseLost,
    stats: {
      pending: count('pending') + count('scheduled'),
      retry: count('retrying'),
      processing: count('processing'),
      success: succeeded.length,
      failed: dead,
      avg_attempts_success: perSucceeded,
      success_rate: succeeded.length + dead > 0 ? succeeded.length / (succeeded.length + dead) : 0,
      mean_processing_s: processing.endedAttempts ? processing.attemptSeconds / processing.endedAttempts : 0,
    },
    littles_law: { L: duration > 0 ? area / duration : 0, lambda, W: total.mean, lambda_W: lambda * total.mean },
    ...mmcTheory(scenario),
    ...overloadSummary(
      scenario,
      Float64Array.from(succeeded, (j) => j.finishedAt!),
      Float64Array.from(jobs, (j) => j.enqueuedAt),
      ctx.downstream,
      duration,
    ),
  };
}

interface LogDigest {
  events: number;
  sha256: string;
  lastT: number;
  deduplicated: number;
  leaseLost: number;
}

async function eventLogDigest(reads: RunReads, runId: string): Promise<LogDigest> {
  const hash = new EventLogHash();
  const d = { events: 0, sha256: '', lastT: 0, deduplicated: 0, leaseLost: 0 };
  for (let after = 0; ;) {
    const rows = await reads.rawEventsAfter(runId, after, EVENT_PAGE);
    for (const [, t, job, kind, from, to, worker, detail] of rows) {
      hash.add(t, job, kind, from, to, worker, detail);
      d.events++;
      d.lastT = t;
      if (kind === 'deduplicated') d.deduplicated++;
      else if (kind === 'lease_lost') d.leaseLost++;
    }
    if (rows.length < EVENT_PAGE) break;
    after = rows[rows.length - 1]![0];
  }
  d.sha256 = hash.digest();
  return d;
}
