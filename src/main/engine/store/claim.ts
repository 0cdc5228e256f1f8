// The atomic claim. One statement both picks the best due job and takes it,
// inside BEGIN IMMEDIATE: the write lock is held from the first read, so two
// workers (threads or processes) can never pick the same row, and SQLite's
// busy timeout queues them instead of failing. The attempt row and the event
// commit in the same transaction as the state change.
//
// Order: the worker's queue list first (a worker on [high, low] takes any due
// high job before any low one, as Laravel's --queue=high,low does), then
// priority (lower first), then due_at (oldest first), then id. Each queue is
// one indexed lookup (jobs_claim_queue), tried in the worker's order inside
// the one transaction; a single `queue IN (...)` ordered by the position in
// the list could not use an index and would sort every due job on each claim.
//
// unsafeClaim is the teaching counterpart: read first, update later in a
// separate transaction without looking at the state, so two workers that
// read the same row both take it.
import { FINAL_STATES, type JobState } from '../../../shared/job/states.ts';
import { jobsTable, selectList } from '../../../shared/tables/index.ts';
import type { AttemptRows } from './attempts.ts';
import type { Batches } from './batches.ts';
import type { AppendEvent } from './events.ts';
import { StoreError, type DB } from './open-database.ts';
import type { RateLimits } from './rate-limits.ts';
import { CLAIMED_FIELDS, type ClaimOptions, type ClaimedJob, type CompleteAndClaimResult, type CompleteResult } from './types.ts';

export interface Claims {
  claim(options: ClaimOptions): ClaimedJob | null;
  /** Up to n jobs in one transaction, each chosen as claim() would. */
  claimBatch(n: number, options: ClaimOptions): ClaimedJob[];
  /** claimBatch for a caller that already holds a write transaction (finishAndClaim). */
  claimBatchInTransaction(n: number, options: ClaimOptions): ClaimedJob[];
  /** Finishes the worker's current job and takes the next in one transaction: one lock round trip instead of two. */
  completeAndClaim(done: { jobId: number; attempt: number }, next: ClaimOptions): CompleteAndClaimResult;
  unsafeClaim(options: ClaimOptions): ClaimedJob | null;
  /** unsafeClaim's two halves, so a lesson (or a test) can step through the race by hand. */
  unsafeRead(options: ClaimOptions): UnsafeRead | null;
  unsafeWrite(read: UnsafeRead, options: ClaimOptions): ClaimedJob | null;
}

/** What the read half of unsafeClaim saw. */
export interface UnsafeRead {
  jobId: number;
  queue: string;
}

/** complete() without its own transaction, so that completeAndClaim can share one. */
export type CompleteInTransaction = (jobId: number, worker: string, attempt: number, now: number) => CompleteResult;

// Columns aliased to ClaimedJob's fields: a returned row is the claimed job.
const RETURNING = `RETURNING ${selectList(jobsTable, CLAIMED_FIELDS)}, attempt_base + attempts AS attempt`;
const TAKE = `UPDATE jobs SET state = 'processing', lease_owner = ?, lease_expires_at = ?, heartbeat_at = ?,
                   attempts = attempts + 1, first_claimed_at = COALESCE(first_claimed_at, ?)`;

export function prepareClaims(
  db: DB,
  runId: string,
  appendEvent: AppendEvent,
  attempts: AttemptRows,
  rateLimits: RateLimits,
  batches: Batches,
  completeInTransaction: CompleteInTransaction,
): Claims {
  const claimOne = db.prepare<unknown[], ClaimedJob>(
    `${TAKE}
      WHERE id = (SELECT id FROM jobs
                   WHERE run_id = ? AND state = 'pending' AND due_at <= ? AND queue = ?
                   ORDER BY priority, due_at, id LIMIT 1)
     ${RETURNING}`,
  );
  const peek = db
    .prepare<unknown[], number>(
      `SELECT id FROM jobs WHERE run_id = ? AND state = 'pending' AND due_at <= ? AND queue = ?
        ORDER BY priority, due_at, id LIMIT 1`,
    )
    .pluck();
  const stateOf = db.prepare<[number], { state: JobState; batch_id: number | null }>('SELECT state, batch_id FROM jobs WHERE id = ?');
  const takeBlindly = db.prepare<unknown[], ClaimedJob>(`${TAKE} WHERE id = ? ${RETURNING}`);

  function claimInTransaction(o: ClaimOptions): ClaimedJob | null {
    const lease = o.leaseSeconds === null ? null : o.now + o.leaseSeconds;
    for (const queue of o.queues) {
      // A queue out of tokens is skipped, not waited for: a later queue may have work.
      if (!rateLimits.has(queue, o.now)) continue;
      const row = claimOne.get(o.worker, lease, o.now, o.now, runId, o.now, queue);
      if (!row) continue;
      rateLimits.take(queue, o.now);
      attempts.start(row.jobId, row.attempt, o.worker, o.now);
      appendEvent({ t: o.now, job: row.seq, kind: 'claimed', from: 'pending', to: 'processing', worker: o.worker });
      return row;
    }
    return null;
  }

  function claimBatchInTransaction(n: number, o: ClaimOptions): ClaimedJob[] {
    const jobs: ClaimedJob[] = [];
    while (jobs.length < n) {
      const job = claimInTransaction(o);
      if (!job) break;
      jobs.push(job);
    }
    return jobs;
  }

  const claimTx = db.transaction(claimInTransaction);
  const claimBatchTx = db.transaction(claimBatchInTransaction);
  const completeAndClaimTx = db.transaction((done: { jobId: number; attempt: number }, o: ClaimOptions) => ({
    completed: completeInTransaction(done.jobId, o.worker, done.attempt, o.now),
    next: claimInTransaction(o),
  }));
  const unsafeWriteTx = db.transaction(({ jobId, queue }: UnsafeRead, o: ClaimOptions): ClaimedJob | null => {
    const before = stateOf.get(jobId);
    if (!before || !rateLimits.take(queue, o.now)) return null;
    const lease = o.leaseSeconds === null ? null : o.now + o.leaseSeconds;
    const row = takeBlindly.get(o.worker, lease, o.now, o.now, jobId)!;
    attempts.start(row.jobId, row.attempt, o.worker, o.now);
    // `before` is read only to tell the story in the event; the UPDATE above did not look at it.
    const doubled = before.state !== 'pending';
    appendEvent({
      t: o.now, job: row.seq, kind: 'claimed', from: before.state, to: 'processing', worker: o.worker,
      detail: doubled ? 'double claim: read-then-update race' : null, reason: doubled ? 'double_claim' : null,
    });
    if (FINAL_STATES.has(before.state)) batches.moved(before.batch_id, before.state, 'processing', o.now);
    return row;
  });

  return {
    claim(o) {
      check(o);
      return claimTx.immediate(o);
    },
    claimBatch(n, o) {
      check(o);
      checkCount(n);
      return claimBatchTx.immediate(n, o);
    },
    claimBatchInTransaction(n, o) {
      check(o);
      if (n === 0) return [];
      checkCount(n);
      return claimBatchInTransaction(n, o);
    },
    completeAndClaim(done, o) {
      check(o);
      return completeAndClaimTx.immediate(done, o);
    },
    unsafeClaim(o) {
      const read = this.unsafeRead(o);
      return read && this.unsafeWrite(read, o);
    },
    // Step 1, a plain read in its own implicit transaction: the race window opens here.
    unsafeRead(o) {
      check(o);
      for (const queue of o.queues) {
        if (!rateLimits.has(queue, o.now)) continue;
        const jobId = peek.get(runId, o.now, queue);
        if (jobId !== undefined) return { jobId, queue };
      }
      return null;
    },
    // Step 2, a separate write transaction that trusts the read.
    unsafeWrite(read, o) {
      check(o);
      return unsafeWriteTx.immediate(read, o);
    },
  };
}

/** Shared with the PostgreSQL store: the same input, the same message. */
export function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new StoreError(`claimBatch: n must be an integer >= 1 (got ${n})`, 2);
}

export function check(o: ClaimOptions): void {
  if (typeof o.worker !== 'string' || o.worker === '') throw new StoreError('claim: worker must be a non-empty name', 2);
  if (!Array.isArray(o.queues) || o.queues.length === 0) throw new StoreError('claim: queues must list at least one queue', 2);
  if (!Number.isFinite(o.now)) throw new StoreError(`claim: now must be a finite number (got ${o.now})`, 2);
  if (o.leaseSeconds !== null && !(o.leaseSeconds > 0)) {
    throw new StoreError(`claim: leaseSeconds must be > 0 or null for no lease (got ${o.leaseSeconds})`, 2);
  }
}
