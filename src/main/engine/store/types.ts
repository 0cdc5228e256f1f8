// The shapes that cross the QueueStore interface. Times are scenario seconds
// chosen by the caller; the store never reads a clock for them.
import type { AttemptOutcome, JobState } from '../../../shared/job/states.ts';
import type { RetryDelay } from '../../../shared/retry/backoff.ts';
import type { FailureCause, TransitionEvent } from '../../../shared/lifecycle/reasons.ts';
import type { DeadJobRow, JobRow, RunRow } from '../../../shared/tables/index.ts';

/** What a store method returns: SQLite answers at once, a networked store (PostgreSQL) later. */
export type Awaitable<T> = T | Promise<T>;

export type RunMode = RunRow['mode'];
export type RunStatus = RunRow['status'];
export type StoreLevel = RunRow['storeLevel'];

export interface NewRun {
  id: string;
  /** The scenario's name. */
  scenario: string;
  scenarioJson: string;
  mode: RunMode;
  seed: number;
  storeLevel?: StoreLevel;
  /** Wall clock, ISO 8601; defaults to now (metadata, not scenario time). */
  createdAt?: string;
}

/** A row of `runs` (src/shared/tables/runs.ts). */
export type RunRecord = RunRow;

export interface EnqueueInput {
  queue: string;
  type: string;
  /** Opaque text (usually JSON) handed to the worker as is. */
  payload?: string | null;
  /** Lower is served first. */
  priority: number;
  maxAttempts: number;
  now: number;
  /** Seconds before the job may be claimed. */
  delay?: number;
  idempotencyKey?: string | null;
  /** jobs.id of a job that must succeed first. */
  parentId?: number | null;
  batchId?: number | null;
  /** The key of the job's seeded draws (src/shared/sim/draw-key.ts); null: drawn by seq. */
  drawKey?: number | null;
}

export interface EnqueueResult {
  jobId: number;
  seq: number;
  state: JobState;
  deduplicated: boolean;
}

export interface ClaimOptions {
  worker: string;
  /** Served in this order: a due job of an earlier queue beats any job of a later one. */
  queues: readonly string[];
  now: number;
  /** Visibility timeout; null means the lease never expires (the "no visibility timeout" switch). */
  leaseSeconds: number | null;
}

/** The jobs columns a claim hands the worker (besides the attempt). */
export const CLAIMED_FIELDS = [
  'jobId', 'seq', 'queue', 'type', 'payload', 'priority', 'maxAttempts', 'enqueuedAt', 'dueAt', 'leaseExpiresAt', 'parentId', 'batchId', 'drawKey',
] as const satisfies readonly (keyof JobRow)[];

/** A claimed job: its jobs row as the worker needs it. */
export type ClaimedJob = Pick<JobRow, (typeof CLAIMED_FIELDS)[number]> & {
  /** The fencing token: pass it back to complete, fail and heartbeat. Equals attempts.attempt. */
  attempt: number;
};

/** The caller's retry policy, already evaluated: when and why. */
export interface RetryDecision extends RetryDelay {
  dueAt: number;
}

export interface FailInput {
  outcome: 'failed' | 'timeout';
  error: string;
  now: number;
  /** null: do not retry, the job goes to the dead-letter table. */
  retry: RetryDecision | null;
  /** Why it died, for dead_jobs.reason; by default "attempts exhausted (n of max)" or "not retried". */
  reason?: string;
  /** Why the attempt failed, for events.reason. */
  cause?: FailureCause | null;
  /**
   * The lifecycle's dead event, written as it is (a retry refused by the retry
   * budget has reason retry_budget, which the store cannot tell from the row);
   * without it the store writes deadEvent() from the job's own count.
   */
  deadEvent?: TransitionEvent;
}

export interface LeaseLost {
  ok: false;
  reason: 'lease lost';
}

export type CompleteResult = { ok: true; state: 'succeeded'; completions: number } | LeaseLost;
export type FailResult = { ok: true; state: 'retrying' | 'dead' } | LeaseLost;
export type HeartbeatResult = { ok: true; leaseExpiresAt: number | null } | LeaseLost;
export type ProgressResult = { ok: true } | LeaseLost;

export interface CompleteOptions {
  /**
   * Teaching switch, for jobs taken with unsafeClaim: no fence on the lease,
   * so a second worker finishing the same job is counted in jobs.completions
   * (a duplicate) instead of being turned away as "lease lost".
   */
  unsafe?: boolean;
}

export interface CompleteAndClaimResult {
  completed: CompleteResult;
  next: ClaimedJob | null;
}

/** One attempt a worker has run and now reports: a success (fail null) or a failure as fail() takes it. */
export interface FinishedAttempt {
  jobId: number;
  attempt: number;
  /** When it finished (scenario seconds); for a failure, fail.now. */
  now: number;
  fail: FailInput | null;
}

export interface FinishAndClaimResult {
  /** One per finished attempt, in order: ok false when its lease was lost. */
  results: (CompleteResult | FailResult)[];
  claimed: ClaimedJob[];
}

/** A processing job whose lease ran out, as shown to the caller's retry policy. */
export interface ExpiredLease {
  jobId: number;
  seq: number;
  queue: string;
  type: string;
  worker: string | null;
  attempt: number;
  /** Attempts in this round (compared with maxAttempts). */
  attempts: number;
  maxAttempts: number;
  outcome: Extract<AttemptOutcome, 'lost' | 'crashed'>;
}

export type RetryDecider = (job: ExpiredLease) => RetryDecision | null;

export interface Recovered {
  jobId: number;
  seq: number;
  worker: string | null;
  outcome: Extract<AttemptOutcome, 'lost' | 'crashed'>;
  state: 'pending' | 'retrying' | 'dead';
}

/** A row of `dead_jobs` as the store lists it: with the job's seq, the errors parsed. */
export type DeadJob = Omit<DeadJobRow, 'runId' | 'errors'> & {
  seq: number;
  /** Every attempt's error, first attempt first. */
  errors: (string | null)[];
};

export interface DeadFilter {
  queue?: string;
  type?: string;
}

export type DeadActionResult = { ok: true } | { ok: false; reason: 'not dead' };

export interface RateLimit {
  /** Tokens in a full bucket, i.e. claims allowed in a burst. */
  max: number;
  /** Seconds to refill a whole bucket. */
  per: number;
}

/** A row of `jobs` (src/shared/tables/jobs.ts) of the store's run. */
export type JobRecord = Omit<JobRow, 'runId'>;
