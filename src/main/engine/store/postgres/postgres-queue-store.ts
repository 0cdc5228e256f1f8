// The QueueStore on PostgreSQL: the same operations, tables and events as the
// SQLite store, for workers on many machines. Every method is one
// transaction (or one autocommit statement) on a pooled connection; the SQL
// lives beside it, one file per concern, named as the SQLite store's files.
// Like the SQLite store it decides nothing: retry times, dead-letter reasons
// and the events' wording come from src/shared/lifecycle through the caller.
import type { LabEvent } from '../../../../shared/events.ts';
import { check as checkClaim, checkCount, type UnsafeRead } from '../claim.ts';
import { checkFail } from '../complete.ts';
import type { QueueStore } from '../queue-store.ts';
import type {
  ClaimedJob, ClaimOptions, CompleteAndClaimResult, CompleteOptions, CompleteResult, DeadActionResult, DeadFilter, DeadJob,
  EnqueueInput, EnqueueResult, FailInput, FailResult, FinishAndClaimResult, FinishedAttempt, HeartbeatResult, JobRecord, NewRun,
  ProgressResult, RateLimit, Recovered, RetryDecider, RunRecord, RunStatus,
} from '../types.ts';
import { createBatch } from './batches.ts';
import { claimIn, unsafeReadIn, unsafeWriteIn, type ClaimStrategy } from './claim.ts';
import { completeIn, failIn, heartbeat, progress } from './complete.ts';
import { completeMany } from './complete-many.ts';
import { everyDead, forgetDead, listDead, retryDead } from './dead-letters.ts';
import { enqueueIn, enqueueManyIn, lockJobNumbers } from './enqueue.ts';
import { eventsAfter, getJob, getJobBySeq } from './job-reads.ts';
import { StoreError, type PgDatabase, type Tx } from './pg-database.ts';
import { setRateLimit } from './rate-limits.ts';
import { anyDue, anyExpired, promoteIn, recoverIn } from './recovery.ts';
import * as runs from './runs.ts';

export interface PostgresStoreOptions {
  /** skipLocked (default): workers claim side by side. forUpdate: they queue behind one another (claim-race). */
  claimStrategy?: ClaimStrategy;
}

export class PostgresQueueStore implements QueueStore {
  readonly claimStrategy: ClaimStrategy;

  constructor(
    readonly db: PgDatabase,
    readonly runId: string,
    options: PostgresStoreOptions = {},
  ) {
    this.claimStrategy = options.claimStrategy ?? 'skipLocked';
  }

  private tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(this.runId, fn);
  }

  createRun(run: NewRun): Promise<void> {
    return runs.createRun(this.db, run);
  }
  finishRun(id: string, status: Exclude<RunStatus, 'running'>, summary: unknown, simTime: number, error?: string | null): Promise<void> {
    return runs.finishRun(this.db, id, status, summary, simTime, error);
  }
  getRun(id: string): Promise<RunRecord | undefined> {
    return runs.getRun(this.db, id);
  }
  listRuns(): Promise<RunRecord[]> {
    return runs.listRuns(this.db);
  }

  createBatch(size: number): Promise<number> {
    return createBatch(this.db, this.runId, size);
  }
  async enqueue(input: EnqueueInput): Promise<EnqueueResult> {
    return this.tx(async (tx) => {
      await lockJobNumbers(tx, this.runId);
      return enqueueIn(tx, this.runId, input);
    });
  }
  /** Many jobs in one transaction, in order (a producer's due arrivals); plain ones in multi-row INSERTs. */
  async enqueueMany(inputs: readonly EnqueueInput[]): Promise<EnqueueResult[]> {
    if (inputs.length === 0) return [];
    return this.tx(async (tx) => {
      await lockJobNumbers(tx, this.runId);
      return enqueueManyIn(tx, this.runId, inputs);
    });
  }
  setRateLimit(queue: string, limit: RateLimit | null, now: number): Promise<void> {
    return setRateLimit(this.db, this.runId, queue, limit, now);
  }

  async claim(options: ClaimOptions): Promise<ClaimedJob | null> {
    checkClaim(options);
    return (await this.tx((tx) => claimIn(tx, this.runId, this.claimStrategy, 1, options)))[0] ?? null;
  }
  async claimBatch(n: number, options: ClaimOptions): Promise<ClaimedJob[]> {
    checkClaim(options);
    checkCount(n);
    return this.tx((tx) => claimIn(tx, this.runId, this.claimStrategy, n, options));
  }
  async completeAndClaim(done: { jobId: number; attempt: number }, o: ClaimOptions): Promise<CompleteAndClaimResult> {
    checkClaim(o);
    return this.tx(async (tx) => {
      const completed = await this.completeOne(tx, done.jobId, o.worker, done.attempt, o.now);
      const next = (await claimIn(tx, this.runId, this.claimStrategy, 1, o))[0] ?? null;
      return { completed, next };
    });
  }
  async finishAndClaim(finished: readonly FinishedAttempt[], n: number, o: ClaimOptions): Promise<FinishAndClaimResult> {
    if (!Number.isInteger(n) || n < 0) throw new StoreError(`finishAndClaim: n must be an integer >= 0 (got ${n})`, 2);
    checkClaim(o);
    for (const f of finished) if (f.fail) checkFail(f.fail);
    return this.tx(async (tx) => {
      const succeeded = await completeMany(tx, this.runId, o.worker, finished.filter((f) => f.fail === null));
      const results: (CompleteResult | FailResult)[] = [];
      for (const f of finished) {
        results.push(
          f.fail === null
            ? ((await succeeded(f)) ?? (await completeIn(tx, this.runId, f.jobId, o.worker, f.attempt, f.now)))
            : await failIn(tx, this.runId, f.jobId, o.worker, f.attempt, f.fail),
        );
      }
      const claimed = n === 0 ? [] : await claimIn(tx, this.runId, this.claimStrategy, n, o);
      return { results, claimed };
    });
  }
  async unsafeClaim(options: ClaimOptions): Promise<ClaimedJob | null> {
    const read = await this.unsafeRead(options);
    return read && this.unsafeWrite(read, options);
  }
  /** unsafeClaim's read half: which job this worker believes is free. */
  async unsafeRead(options: ClaimOptions): Promise<UnsafeRead | null> {
    checkClaim(options);
    return this.tx((tx) => unsafeReadIn(tx, this.runId, options));
  }
  /** unsafeClaim's write half: takes the job read earlier, whatever happened since. */
  async unsafeWrite(read: UnsafeRead, options: ClaimOptions): Promise<ClaimedJob | null> {
    checkClaim(options);
    return this.tx((tx) => unsafeWriteIn(tx, this.runId, read, options));
  }
  complete(jobId: number, worker: string, attempt: number, now: number, options?: CompleteOptions): Promise<CompleteResult> {
    return this.tx((tx) => (options?.unsafe ? completeIn(tx, this.runId, jobId, worker, attempt, now, options) : this.completeOne(tx, jobId, worker, attempt, now)));
  }
  /** A fenced success in one statement (complete-many.ts); the one-job path only to say "lease lost". */
  private async completeOne(tx: Tx, jobId: number, worker: string, attempt: number, now: number): Promise<CompleteResult> {
    const success = { jobId, attempt, now };
    const settle = await completeMany(tx, this.runId, worker, [success]);
    return (await settle(success)) ?? completeIn(tx, this.runId, jobId, worker, attempt, now);
  }
  async fail(jobId: number, worker: string, attempt: number, input: FailInput): Promise<FailResult> {
    checkFail(input);
    return this.tx((tx) => failIn(tx, this.runId, jobId, worker, attempt, input));
  }
  heartbeat(jobId: number, worker: string, attempt: number, now: number, leaseSeconds: number | null): Promise<HeartbeatResult> {
    return heartbeat(this.db, this.runId, jobId, worker, attempt, now, leaseSeconds);
  }
  progress(jobId: number, worker: string, value: number): Promise<ProgressResult> {
    return progress(this.db, this.runId, jobId, worker, value);
  }

  // A plain read first: workers poll these often and usually find nothing.
  async recoverExpiredLeases(now: number, decide: RetryDecider, crashedWorkers: ReadonlySet<string> = new Set()): Promise<Recovered[]> {
    if (!(await anyExpired(this.db, this.runId, now))) return [];
    return this.tx((tx) => recoverIn(tx, this.runId, now, decide, crashedWorkers));
  }
  async promoteDue(now: number): Promise<number> {
    if (!(await anyDue(this.db, this.runId, now))) return 0;
    return this.tx((tx) => promoteIn(tx, this.runId, now));
  }

  listDead(filter?: DeadFilter): Promise<DeadJob[]> {
    return listDead(this.db, this.runId, filter);
  }
  retryOne(jobId: number, now: number): Promise<DeadActionResult> {
    return this.tx((tx) => retryDead(tx, this.runId, jobId, now));
  }
  retryAll(now: number): Promise<number> {
    return this.tx((tx) => everyDead(tx, this.runId, now, retryDead));
  }
  forget(jobId: number, now: number): Promise<DeadActionResult> {
    return this.tx((tx) => forgetDead(tx, this.runId, jobId, now));
  }
  flush(now: number): Promise<number> {
    return this.tx((tx) => everyDead(tx, this.runId, now, forgetDead));
  }

  getJob(jobId: number): Promise<JobRecord | undefined> {
    return getJob(this.db, this.runId, jobId);
  }
  getJobBySeq(seq: number): Promise<JobRecord | undefined> {
    return getJobBySeq(this.db, this.runId, seq);
  }
  eventsAfter(afterSeq: number, limit: number): Promise<LabEvent[]> {
    return eventsAfter(this.db, this.runId, afterSeq, limit);
  }
}
