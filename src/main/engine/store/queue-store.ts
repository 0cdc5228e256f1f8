// The queue operations behind one interface, so that a PostgreSQL store
// (claims with FOR UPDATE SKIP LOCKED, workers on many machines) can join
// later without the engine changing. Methods return Awaitable<T>: the SQLite
// store answers synchronously (a caller holding a SqliteQueueStore gets plain
// values, which instant mode's hot loop needs), a networked store with a
// Promise, and code written against QueueStore simply awaits.
//
// The store is policy-free: every time is the caller's scenario clock (`now`),
// and retry delays arrive already decided. It never reads a wall clock for
// them. Every state change writes exactly one row in `events`, in the same
// transaction as the change.
import { prepareAttemptRows } from './attempts.ts';
import { prepareBatches, type Batches } from './batches.ts';
import { prepareClaims, type Claims, type UnsafeRead } from './claim.ts';
import { prepareCompletions, type Completions } from './complete.ts';
import { prepareDeadLetters, type DeadLetters } from './dead-letters.ts';
import { prepareDependencies } from './dependencies.ts';
import { prepareEnqueue, type Enqueue } from './enqueue.ts';
import { prepareFinishAndClaim, type FinishAndClaim } from './finish-and-claim.ts';
import { prepareAppendEvent } from './events.ts';
import type { LabEvent } from '../../../shared/events.ts';
import { prepareJobLookup } from './reads/sqlite-job-lookup.ts';
import { prepareEventReads } from './reads/sqlite-event-reads.ts';
import type { DB } from './open-database.ts';
import { prepareRateLimits, type RateLimits } from './rate-limits.ts';
import { prepareRecovery, type Recovery } from './recovery.ts';
import { prepareRuns, type Runs } from './runs.ts';
import type {
  Awaitable, ClaimedJob, ClaimOptions, CompleteAndClaimResult, CompleteOptions, CompleteResult, DeadActionResult,
  DeadFilter, DeadJob, EnqueueInput, EnqueueResult, FailInput, FailResult, FinishAndClaimResult, FinishedAttempt, HeartbeatResult, JobRecord, NewRun,
  ProgressResult, RateLimit, Recovered, RetryDecider, RunRecord, RunStatus,
} from './types.ts';

export interface QueueStore {
  /** The run every job operation below belongs to. */
  readonly runId: string;

  // runs
  createRun(run: NewRun): Awaitable<void>;
  finishRun(id: string, status: Exclude<RunStatus, 'running'>, summary: unknown, simTime: number, error?: string | null): Awaitable<void>;
  getRun(id: string): Awaitable<RunRecord | undefined>;
  listRuns(): Awaitable<RunRecord[]>;

  // producing
  createBatch(size: number): Awaitable<number>;
  enqueue(input: EnqueueInput): Awaitable<EnqueueResult>;
  /** null removes the limit. Setting one starts with a full bucket. */
  setRateLimit(queue: string, limit: RateLimit | null, now: number): Awaitable<void>;

  // consuming
  claim(options: ClaimOptions): Awaitable<ClaimedJob | null>;
  claimBatch(n: number, options: ClaimOptions): Awaitable<ClaimedJob[]>;
  completeAndClaim(done: { jobId: number; attempt: number }, next: ClaimOptions): Awaitable<CompleteAndClaimResult>;
  /** Reports several finished attempts and claims up to n more (0: none) in one transaction. */
  finishAndClaim(finished: readonly FinishedAttempt[], n: number, next: ClaimOptions): Awaitable<FinishAndClaimResult>;
  /** Teaching only: read, then update without a state check, so two workers can take one job. */
  unsafeClaim(options: ClaimOptions): Awaitable<ClaimedJob | null>;
  complete(jobId: number, worker: string, attempt: number, now: number, options?: CompleteOptions): Awaitable<CompleteResult>;
  fail(jobId: number, worker: string, attempt: number, input: FailInput): Awaitable<FailResult>;
  heartbeat(jobId: number, worker: string, attempt: number, now: number, leaseSeconds: number | null): Awaitable<HeartbeatResult>;
  progress(jobId: number, worker: string, value: number): Awaitable<ProgressResult>;

  // time-driven
  recoverExpiredLeases(now: number, decide: RetryDecider, crashedWorkers?: ReadonlySet<string>): Awaitable<Recovered[]>;
  promoteDue(now: number): Awaitable<number>;

  // dead letters
  listDead(filter?: DeadFilter): Awaitable<DeadJob[]>;
  retryOne(jobId: number, now: number): Awaitable<DeadActionResult>;
  retryAll(now: number): Awaitable<number>;
  forget(jobId: number, now: number): Awaitable<DeadActionResult>;
  flush(now: number): Awaitable<number>;

  // reading
  getJob(jobId: number): Awaitable<JobRecord | undefined>;
  /** The run's events after a seq, oldest first, with their outcome and reason. */
  eventsAfter(afterSeq: number, limit: number): Awaitable<LabEvent[]>;
}

export class SqliteQueueStore implements QueueStore {
  private readonly runs: Runs;
  private readonly batches: Batches;
  private readonly producer: Enqueue;
  private readonly rateLimits: RateLimits;
  private readonly claims: Claims;
  private readonly completions: Completions;
  private readonly finishAndClaimTx: FinishAndClaim;
  private readonly recovery: Recovery;
  private readonly deadLetters: DeadLetters;
  private readonly lookup: ReturnType<typeof prepareJobLookup>;
  private readonly events: ReturnType<typeof prepareEventReads>;

  /** Prepares every statement once; the run need not exist yet (createRun may follow). */
  constructor(
    readonly db: DB,
    readonly runId: string,
  ) {
    const appendEvent = prepareAppendEvent(db, runId);
    const attempts = prepareAttemptRows(db, runId);
    this.runs = prepareRuns(db);
    this.batches = prepareBatches(db, runId, appendEvent);
    const deps = prepareDependencies(db, appendEvent, this.batches);
    this.deadLetters = prepareDeadLetters(db, runId, appendEvent, attempts, this.batches, deps);
    this.producer = prepareEnqueue(db, runId, appendEvent, this.batches, deps);
    this.rateLimits = prepareRateLimits(db, runId);
    this.completions = prepareCompletions(db, runId, appendEvent, attempts, deps, this.deadLetters);
    this.claims = prepareClaims(db, runId, appendEvent, attempts, this.rateLimits, this.batches, (jobId, worker, attempt, now) =>
      this.completions.completeInTransaction(jobId, worker, attempt, now),
    );
    this.finishAndClaimTx = prepareFinishAndClaim(db, this.claims, this.completions);
    this.recovery = prepareRecovery(db, runId, appendEvent, attempts, this.deadLetters);
    this.lookup = prepareJobLookup(db);
    this.events = prepareEventReads(db);
  }

  createRun(run: NewRun): void {
    this.runs.createRun(run);
  }
  finishRun(id: string, status: Exclude<RunStatus, 'running'>, summary: unknown, simTime: number, error?: string | null): void {
    this.runs.finishRun(id, status, summary, simTime, error);
  }
  getRun(id: string): RunRecord | undefined {
    return this.runs.getRun(id);
  }
  listRuns(): RunRecord[] {
    return this.runs.listRuns();
  }

  createBatch(size: number): number {
    return this.batches.createBatch(size);
  }
  enqueue(input: EnqueueInput): EnqueueResult {
    return this.producer.enqueue(input);
  }
  /** Every enqueue (and createBatch) that `fn` makes goes into one write transaction. */
  enqueueInBulk<T>(fn: () => T): T {
    return this.producer.inBulk(fn);
  }
  setRateLimit(queue: string, limit: RateLimit | null, now: number): void {
    this.rateLimits.set(queue, limit, now);
  }

  claim(options: ClaimOptions): ClaimedJob | null {
    return this.claims.claim(options);
  }
  claimBatch(n: number, options: ClaimOptions): ClaimedJob[] {
    return this.claims.claimBatch(n, options);
  }
  completeAndClaim(done: { jobId: number; attempt: number }, next: ClaimOptions): CompleteAndClaimResult {
    return this.claims.completeAndClaim(done, next);
  }
  finishAndClaim(finished: readonly FinishedAttempt[], n: number, next: ClaimOptions): FinishAndClaimResult {
    return this.finishAndClaimTx(finished, n, next);
  }
  unsafeClaim(options: ClaimOptions): ClaimedJob | null {
    return this.claims.unsafeClaim(options);
  }
  /** unsafeClaim's read half: which job this worker believes is free. */
  unsafeRead(options: ClaimOptions): UnsafeRead | null {
    return this.claims.unsafeRead(options);
  }
  /** unsafeClaim's write half: takes the job read earlier, whatever happened since. */
  unsafeWrite(read: UnsafeRead, options: ClaimOptions): ClaimedJob | null {
    return this.claims.unsafeWrite(read, options);
  }
  complete(jobId: number, worker: string, attempt: number, now: number, options?: CompleteOptions): CompleteResult {
    return this.completions.complete(jobId, worker, attempt, now, options);
  }
  fail(jobId: number, worker: string, attempt: number, input: FailInput): FailResult {
    return this.completions.fail(jobId, worker, attempt, input);
  }
  heartbeat(jobId: number, worker: string, attempt: number, now: number, leaseSeconds: number | null): HeartbeatResult {
    return this.completions.heartbeat(jobId, worker, attempt, now, leaseSeconds);
  }
  progress(jobId: number, worker: string, value: number): ProgressResult {
    return this.completions.progress(jobId, worker, value);
  }

  recoverExpiredLeases(now: number, decide: RetryDecider, crashedWorkers?: ReadonlySet<string>): Recovered[] {
    return this.recovery.recoverExpiredLeases(now, decide, crashedWorkers);
  }
  promoteDue(now: number): number {
    return this.recovery.promoteDue(now);
  }

  listDead(filter?: DeadFilter): DeadJob[] {
    return this.deadLetters.listDead(filter);
  }
  retryOne(jobId: number, now: number): DeadActionResult {
    return this.deadLetters.retryOne(jobId, now);
  }
  retryAll(now: number): number {
    return this.deadLetters.retryAll(now);
  }
  forget(jobId: number, now: number): DeadActionResult {
    return this.deadLetters.forget(jobId, now);
  }
  flush(now: number): number {
    return this.deadLetters.flush(now);
  }

  getJob(jobId: number): JobRecord | undefined {
    return this.lookup.getJob(this.runId, jobId);
  }

  eventsAfter(afterSeq: number, limit: number): LabEvent[] {
    return this.events.eventsAfter(this.runId, afterSeq, limit);
  }
}
