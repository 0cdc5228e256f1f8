// Fenced transitions out of `processing` (see ../complete.ts): a report
// counts only from the worker holding the lease with the same attempt number
// (the fencing token). The fence is in the UPDATE's WHERE: a worker whose
// lease was recovered and taken by another, on this machine or any other,
// matches no row and is told "lease lost"; PostgreSQL re-checks the WHERE
// on the newest row version after waiting for a lock, so the fence holds
// under any interleaving. The store decides nothing: the caller brings the
// lifecycle's decision.
import { completedAgainEvent, deadEvent, deadLetterReason, leaseLostEvent, retryEvent, SUCCEEDED_EVENT } from '../../../../shared/lifecycle/after-attempt.ts';
import type { Done, Dying } from '../complete.ts';
import { decidedEvent } from '../events.ts';
import type { CompleteOptions, CompleteResult, FailInput, FailResult, HeartbeatResult, LeaseLost, ProgressResult } from '../types.ts';
import { endAttempt } from './attempts.ts';
import { bury } from './dead-letters.ts';
import { afterFinal } from './dependencies.ts';
import { statement, StoreError, type PgDatabase, type Tx } from './pg-database.ts';

const LEASE_LOST: LeaseLost = { ok: false, reason: 'lease lost' };
const CLEAR_LEASE = 'lease_owner = NULL, lease_expires_at = NULL';
const FENCE = `id = $1 AND run_id = $2 AND state = 'processing' AND lease_owner = $3 AND attempt_base + attempts = $4`;

const SUCCEED = statement(
  'complete_succeed',
  `UPDATE jobs SET state = 'succeeded', finished_at = $5, progress = 1, completions = completions + 1, ${CLEAR_LEASE}
    WHERE ${FENCE} RETURNING id, seq, batch_id, completions`,
);
// Unsafe mode drops the fence, as a worker trusting its read-then-update claim would.
const SUCCEED_UNFENCED = statement(
  'complete_succeed_unfenced',
  `UPDATE jobs SET state = 'succeeded', finished_at = CASE state WHEN 'succeeded' THEN finished_at ELSE $3 END,
                   progress = 1, completions = completions + 1, ${CLEAR_LEASE}
    WHERE id = $1 AND run_id = $2 AND state IN ('processing', 'succeeded') RETURNING id, seq, batch_id, completions`,
);
const CURRENT = statement('complete_current', 'SELECT seq, state FROM jobs WHERE id = $1 AND run_id = $2');
const CURRENT_LOCKED = statement('complete_current_locked', 'SELECT seq, state FROM jobs WHERE id = $1 AND run_id = $2 FOR UPDATE');
const TO_RETRYING = statement(
  'complete_to_retrying',
  `UPDATE jobs SET state = 'retrying', due_at = $5, last_error = $6, ${CLEAR_LEASE} WHERE ${FENCE} RETURNING id, seq`,
);
const TO_DEAD = statement(
  'complete_to_dead',
  `UPDATE jobs SET state = 'dead', finished_at = $5, last_error = $6, ${CLEAR_LEASE}
    WHERE ${FENCE} RETURNING id, seq, queue, type, payload, attempts, attempt_base, max_attempts, batch_id`,
);
const EXTEND = statement('complete_heartbeat', `UPDATE jobs SET heartbeat_at = $5, lease_expires_at = $6 WHERE ${FENCE}`);
const PROGRESS = statement(
  'complete_progress',
  `UPDATE jobs SET progress = $1 WHERE id = $2 AND run_id = $3 AND state = 'processing' AND lease_owner = $4`,
);


/** The attempt's result is refused; its row and an event still say what it was. */
async function leaseLost(tx: Tx, runId: string, jobId: number, worker: string, attempt: number, now: number, outcome: 'succeeded' | 'failed' | 'timeout', error: string | null): Promise<LeaseLost> {
  const job = (await tx.q<{ seq: number }>(CURRENT, [jobId, runId]))[0];
  if (!job) throw new StoreError(`no job ${jobId} in run ${runId}`, 2);
  await endAttempt(tx, jobId, attempt, { now, outcome, error: error ?? 'lease lost; result discarded' });
  tx.event(decidedEvent(now, job.seq, leaseLostEvent(attempt, outcome), worker));
  return LEASE_LOST;
}

export async function completeIn(tx: Tx, runId: string, jobId: number, worker: string, attempt: number, now: number, options: CompleteOptions = {}): Promise<CompleteResult> {
  // Unsafe: the state before is read under the row lock, so two late finishers tell their stories in order.
  const before = options.unsafe ? (await tx.q<{ state: string }>(CURRENT_LOCKED, [jobId, runId]))[0]?.state : 'processing';
  const done = options.unsafe
    ? (await tx.q<Done>(SUCCEED_UNFENCED, [jobId, runId, now]))[0]
    : (await tx.q<Done>(SUCCEED, [jobId, runId, worker, attempt, now]))[0];
  if (!done) return leaseLost(tx, runId, jobId, worker, attempt, now, 'succeeded', null);
  await endAttempt(tx, jobId, attempt, { now, outcome: 'succeeded' });
  const times = done.completions > 1 ? `completed ${done.completions} times` : null;
  if (before === 'succeeded') {
    tx.event(decidedEvent(now, done.seq, completedAgainEvent(done.completions), worker));
  } else {
    tx.event(decidedEvent(now, done.seq, SUCCEEDED_EVENT, worker, times));
    await afterFinal(tx, { id: done.id, seq: done.seq, batchId: done.batch_id }, 'processing', 'succeeded', now);
  }
  return { ok: true, state: 'succeeded', completions: done.completions };
}

export async function failIn(tx: Tx, runId: string, jobId: number, worker: string, attempt: number, f: FailInput): Promise<FailResult> {
  const { now, outcome, error, retry } = f;
  if (retry) {
    const job = (await tx.q<{ id: number; seq: number }>(TO_RETRYING, [jobId, runId, worker, attempt, retry.dueAt, error]))[0];
    if (!job) return leaseLost(tx, runId, jobId, worker, attempt, now, outcome, error);
    await endAttempt(tx, jobId, attempt, { now, outcome, error, backoff: retry });
    tx.event(decidedEvent(now, job.seq, retryEvent({ outcome, error, cause: f.cause ?? null }, retry.formula), worker));
    return { ok: true, state: 'retrying' };
  }
  const job = (await tx.q<Dying>(TO_DEAD, [jobId, runId, worker, attempt, now, error]))[0];
  if (!job) return leaseLost(tx, runId, jobId, worker, attempt, now, outcome, error);
  await endAttempt(tx, jobId, attempt, { now, outcome, error });
  const exhausted = job.attempts >= job.max_attempts;
  tx.event(decidedEvent(now, job.seq, f.deadEvent ?? deadEvent({ outcome, error, cause: f.cause ?? null }, job.attempts, job.max_attempts, exhausted), worker));
  const reason = f.reason ?? deadLetterReason(job.attempts, job.max_attempts);
  await bury(
    tx, runId,
    { id: job.id, seq: job.seq, queue: job.queue, type: job.type, payload: job.payload, totalAttempts: job.attempt_base + job.attempts, batchId: job.batch_id },
    reason,
    now,
  );
  return { ok: true, state: 'dead' };
}

// One autocommit statement each. A lost lease on a heartbeat is not an event:
// the worker learns it here and its final report is the one that gets counted.
export async function heartbeat(db: PgDatabase, runId: string, jobId: number, worker: string, attempt: number, now: number, leaseSeconds: number | null): Promise<HeartbeatResult> {
  if (leaseSeconds !== null && !(leaseSeconds > 0)) throw new StoreError(`heartbeat: leaseSeconds must be > 0 or null (got ${leaseSeconds})`, 2);
  const expires = leaseSeconds === null ? null : now + leaseSeconds;
  return (await db.run(EXTEND, [jobId, runId, worker, attempt, now, expires])) === 1 ? { ok: true, leaseExpiresAt: expires } : LEASE_LOST;
}

export async function progress(db: PgDatabase, runId: string, jobId: number, worker: string, value: number): Promise<ProgressResult> {
  if (!(value >= 0 && value <= 1)) throw new StoreError(`progress: must be between 0 and 1 (got ${value})`, 2);
  return (await db.run(PROGRESS, [value, jobId, runId, worker])) === 1 ? { ok: true } : LEASE_LOST;
}
