// Fenced transitions out of `processing`. A worker may report on a job only
// while it still holds the lease it was given: same lease_owner and the same
// attempt number (the fencing token). A worker that stalled past its lease
// may find the job recovered and claimed by someone else; its late UPDATE
// then matches zero rows and it is told "lease lost", which is counted (an
// event) but changes nothing, so a job is never completed twice by a slow
// worker and a stale failure never overwrites a newer attempt.
// The store decides nothing: the caller brings the lifecycle's decision
// (retry, and when, or dead), and the events and dead-letter reasons are the
// ones src/shared/lifecycle words, the same as instant mode's.
import type { AttemptRows } from './attempts.ts';
import type { DeadLetters } from './dead-letters.ts';
import type { Dependencies } from './dependencies.ts';
import { completedAgainEvent, deadEvent, deadLetterReason, leaseLostEvent, retryEvent, SUCCEEDED_EVENT } from '../../../shared/lifecycle/after-attempt.ts';
import { decidedEvent, type AppendEvent } from './events.ts';
import { StoreError, type DB } from './open-database.ts';
import type { CompleteOptions, CompleteResult, FailInput, FailResult, HeartbeatResult, LeaseLost, ProgressResult } from './types.ts';

export interface Completions {
  complete(jobId: number, worker: string, attempt: number, now: number, options?: CompleteOptions): CompleteResult;
  /** The same, for a caller that already holds a write transaction (completeAndClaim). */
  completeInTransaction(jobId: number, worker: string, attempt: number, now: number, options?: CompleteOptions): CompleteResult;
  fail(jobId: number, worker: string, attempt: number, input: FailInput): FailResult;
  /** The same, for a caller that already holds a write transaction (finishAndClaim). */
  failInTransaction(jobId: number, worker: string, attempt: number, input: FailInput): FailResult;
  heartbeat(jobId: number, worker: string, attempt: number, now: number, leaseSeconds: number | null): HeartbeatResult;
  progress(jobId: number, worker: string, value: number): ProgressResult;
}

const LEASE_LOST: LeaseLost = { ok: false, reason: 'lease lost' };
const CLEAR_LEASE = 'lease_owner = NULL, lease_expires_at = NULL';
const FENCE = `id = ? AND run_id = ? AND state = 'processing' AND lease_owner = ? AND attempt_base + attempts = ?`;

/** The row a fenced complete reads back (shared with the PostgreSQL store). */
export interface Done {
  id: number;
  seq: number;
  batch_id: number | null;
  completions: number;
}
/** The row a failed attempt that dies reads back (shared with the PostgreSQL store). */
export interface Dying {
  id: number;
  seq: number;
  queue: string;
  type: string;
  payload: string | null;
  attempts: number;
  attempt_base: number;
  max_attempts: number;
  batch_id: number | null;
}

export function prepareCompletions(
  db: DB,
  runId: string,
  appendEvent: AppendEvent,
  attempts: AttemptRows,
  deps: Dependencies,
  deadLetters: DeadLetters,
): Completions {
  const succeed = db.prepare<unknown[], Done>(
    `UPDATE jobs SET state = 'succeeded', finished_at = ?, progress = 1, completions = completions + 1, ${CLEAR_LEASE}
      WHERE ${FENCE} RETURNING id, seq, batch_id, completions`,
  );
  // Unsafe mode drops the fence, as a worker that trusts its read-then-update
  // claim would; a finished job's first finish time is kept.
  const succeedUnfenced = db.prepare<unknown[], Done>(
    `UPDATE jobs SET state = 'succeeded', finished_at = CASE state WHEN 'succeeded' THEN finished_at ELSE ? END,
                     progress = 1, completions = completions + 1, ${CLEAR_LEASE}
      WHERE id = ? AND run_id = ? AND state IN ('processing', 'succeeded') RETURNING id, seq, batch_id, completions`,
  );
  const current = db.prepare<[number, string], { seq: number; state: string }>('SELECT seq, state FROM jobs WHERE id = ? AND run_id = ?');
  const toRetrying = db.prepare<unknown[], { id: number; seq: number }>(
    `UPDATE jobs SET state = 'retrying', due_at = ?, last_error = ?, ${CLEAR_LEASE} WHERE ${FENCE} RETURNING id, seq`,
  );
  const toDead = db.prepare<unknown[], Dying>(
    `UPDATE jobs SET state = 'dead', finished_at = ?, last_error = ?, ${CLEAR_LEASE}
      WHERE ${FENCE} RETURNING id, seq, queue, type, payload, attempts, attempt_base, max_attempts, batch_id`,
  );
  const extend = db.prepare(`UPDATE jobs SET heartbeat_at = ?, lease_expires_at = ? WHERE ${FENCE}`);
  const setProgress = db.prepare(
    `UPDATE jobs SET progress = ? WHERE id = ? AND run_id = ? AND state = 'processing' AND lease_owner = ?`,
  );

  /** The attempt's result is refused; its row and an event still say what it was. */
  function leaseLost(jobId: number, worker: string, attempt: number, now: number, outcome: 'succeeded' | 'failed' | 'timeout', error: string | null): LeaseLost {
    const job = current.get(jobId, runId);
    if (!job) throw new StoreError(`no job ${jobId} in run ${runId}`, 2);
    attempts.end(jobId, attempt, { now, outcome, error: error ?? 'lease lost; result discarded' });
    appendEvent(decidedEvent(now, job.seq, leaseLostEvent(attempt, outcome), worker));
    return LEASE_LOST;
  }

  function completeIn(jobId: number, worker: string, attempt: number, now: number, options: CompleteOptions = {}): CompleteResult {
    const before = options.unsafe ? current.get(jobId, runId)?.state : 'processing';
    const done = options.unsafe ? succeedUnfenced.get(now, jobId, runId) : succeed.get(now, jobId, runId, worker, attempt);
    if (!done) return leaseLost(jobId, worker, attempt, now, 'succeeded', null);
    attempts.end(jobId, attempt, { now, outcome: 'succeeded' });
    const times = done.completions > 1 ? `completed ${done.completions} times` : null;
    if (before === 'succeeded') {
      appendEvent(decidedEvent(now, done.seq, completedAgainEvent(done.completions), worker));
    } else {
      appendEvent(decidedEvent(now, done.seq, SUCCEEDED_EVENT, worker, times));
      deps.afterFinal({ id: done.id, seq: done.seq, batchId: done.batch_id }, 'processing', 'succeeded', now);
    }
    return { ok: true, state: 'succeeded', completions: done.completions };
  }

  function failIn(jobId: number, worker: string, attempt: number, f: FailInput): FailResult {
    const { now, outcome, error, retry } = f;
    if (retry) {
      const job = toRetrying.get(retry.dueAt, error, jobId, runId, worker, attempt);
      if (!job) return leaseLost(jobId, worker, attempt, now, outcome, error);
      attempts.end(jobId, attempt, { now, outcome, error, backoff: retry });
      appendEvent(decidedEvent(now, job.seq, retryEvent({ outcome, error, cause: f.cause ?? null }, retry.formula), worker));
      return { ok: true, state: 'retrying' };
    }
    const job = toDead.get(now, error, jobId, runId, worker, attempt);
    if (!job) return leaseLost(jobId, worker, attempt, now, outcome, error);
    attempts.end(jobId, attempt, { now, outcome, error });
    const exhausted = job.attempts >= job.max_attempts;
    appendEvent(decidedEvent(now, job.seq, f.deadEvent ?? deadEvent({ outcome, error, cause: f.cause ?? null }, job.attempts, job.max_attempts, exhausted), worker));
    const reason = f.reason ?? deadLetterReason(job.attempts, job.max_attempts);
    deadLetters.bury(
      { id: job.id, seq: job.seq, queue: job.queue, type: job.type, payload: job.payload, totalAttempts: job.attempt_base + job.attempts, batchId: job.batch_id },
      reason,
      now,
    );
    return { ok: true, state: 'dead' };
  }

  const completeTx = db.transaction(completeIn);
  const failTx = db.transaction(failIn);

  return {
    complete: (jobId, worker, attempt, now, options) => completeTx.immediate(jobId, worker, attempt, now, options),
    completeInTransaction: completeIn,
    fail(jobId, worker, attempt, input) {
      checkFail(input);
      return failTx.immediate(jobId, worker, attempt, input);
    },
    failInTransaction(jobId, worker, attempt, input) {
      checkFail(input);
      return failIn(jobId, worker, attempt, input);
    },
    // One statement each: autocommit takes the write lock for it. A lost
    // lease on a heartbeat is not an event: the worker learns it here and its
    // final report is the one that gets counted.
    heartbeat(jobId, worker, attempt, now, leaseSeconds) {
      if (leaseSeconds !== null && !(leaseSeconds > 0)) throw new StoreError(`heartbeat: leaseSeconds must be > 0 or null (got ${leaseSeconds})`, 2);
      const expires = leaseSeconds === null ? null : now + leaseSeconds;
      return extend.run(now, expires, jobId, runId, worker, attempt).changes === 1 ? { ok: true, leaseExpiresAt: expires } : LEASE_LOST;
    },
    progress(jobId, worker, value) {
      if (!(value >= 0 && value <= 1)) throw new StoreError(`progress: must be between 0 and 1 (got ${value})`, 2);
      return setProgress.run(value, jobId, runId, worker).changes === 1 ? { ok: true } : LEASE_LOST;
    },
  };
}

export function checkFail(input: FailInput): void {
  if (typeof input.error !== 'string') throw new StoreError('fail: error must be a string', 2);
  if (input.retry && !Number.isFinite(input.retry.dueAt)) throw new StoreError(`fail: retry.dueAt must be finite (got ${input.retry.dueAt})`, 2);
}
