// Time-driven transitions (see ../recovery.ts): leases that ran out and jobs
// whose delay or backoff is over, at the caller's scenario clock. Both lock
// the rows they move with SKIP LOCKED: a job a worker is completing right
// now is left to that worker (its fenced UPDATE decides), and two hosts
// recovering at once never recover one job twice.
import { leaseDeadLetterReason, leaseExpiredError, recoveredEvent } from '../../../../shared/lifecycle/after-attempt.ts';
import { decidedEvent } from '../events.ts';
import type { ExpiredLease, Recovered, RetryDecider } from '../types.ts';
import { endAttempt } from './attempts.ts';
import { bury } from './dead-letters.ts';
import { statement, StoreError, type PgDatabase, type Tx } from './pg-database.ts';

const EXPIRED = statement(
  'recover_expired',
  `SELECT id, seq, queue, type, payload, lease_owner, attempts, attempt_base, max_attempts, heartbeat_at, lease_expires_at, batch_id
     FROM jobs WHERE run_id = $1 AND state = 'processing' AND lease_expires_at < $2
    ORDER BY lease_expires_at, id FOR UPDATE SKIP LOCKED`,
);
const ANY_EXPIRED = statement(
  'recover_any_expired',
  `SELECT 1 AS one FROM jobs WHERE run_id = $1 AND state = 'processing' AND lease_expires_at < $2 LIMIT 1`,
);
const REQUEUE = statement(
  'recover_requeue',
  'UPDATE jobs SET state = $1, due_at = $2, last_error = $3, lease_owner = NULL, lease_expires_at = NULL WHERE id = $4',
);
const KILL = statement(
  'recover_kill',
  `UPDATE jobs SET state = 'dead', finished_at = $1, last_error = $2, lease_owner = NULL, lease_expires_at = NULL WHERE id = $3`,
);
const DUE = `FROM jobs j WHERE run_id = $1 AND state IN ('scheduled', 'retrying') AND due_at <= $2
               AND (parent_id IS NULL OR EXISTS (SELECT 1 FROM jobs p WHERE p.id = j.parent_id AND p.state = 'succeeded'))`;
const ANY_DUE = statement('recover_any_due', `SELECT 1 AS one ${DUE} LIMIT 1`);
// The old state is read in the locking CTE: the event says where each job came from.
const PROMOTE = statement(
  'recover_promote',
  `WITH due AS (SELECT id, seq, state, due_at ${DUE} FOR UPDATE OF j SKIP LOCKED)
   UPDATE jobs SET state = 'pending' FROM due WHERE jobs.id = due.id
   RETURNING due.id, due.seq, due.state AS was, due.due_at`,
);

interface ExpiredRow {
  id: number;
  seq: number;
  queue: string;
  type: string;
  payload: string | null;
  lease_owner: string | null;
  attempts: number;
  attempt_base: number;
  max_attempts: number;
  heartbeat_at: number | null;
  lease_expires_at: number;
  batch_id: number | null;
}

export async function anyExpired(db: PgDatabase, runId: string, now: number): Promise<boolean> {
  return (await db.q(ANY_EXPIRED, [runId, now])).length > 0;
}

export async function anyDue(db: PgDatabase, runId: string, now: number): Promise<boolean> {
  return (await db.q(ANY_DUE, [runId, now])).length > 0;
}

export async function recoverIn(tx: Tx, runId: string, now: number, decide: RetryDecider, crashed: ReadonlySet<string>): Promise<Recovered[]> {
  const out: Recovered[] = [];
  for (const j of await tx.q<ExpiredRow>(EXPIRED, [runId, now])) out.push(await recoverOne(tx, runId, j, now, decide, crashed));
  return out;
}

async function recoverOne(tx: Tx, runId: string, j: ExpiredRow, now: number, decide: RetryDecider, crashed: ReadonlySet<string>): Promise<Recovered> {
  const outcome = j.lease_owner !== null && crashed.has(j.lease_owner) ? 'crashed' : 'lost';
  const attempt = j.attempt_base + j.attempts;
  const leaseLength = j.heartbeat_at === null ? null : j.lease_expires_at - j.heartbeat_at;
  const error = leaseExpiredError(outcome, leaseLength);
  const lease: ExpiredLease = {
    jobId: j.id, seq: j.seq, queue: j.queue, type: j.type, worker: j.lease_owner, attempt,
    attempts: j.attempts, maxAttempts: j.max_attempts, outcome,
  };
  // The policy is asked only while attempts remain; its answer may still be "no".
  const retry = j.attempts < j.max_attempts ? decide(lease) : null;
  if (retry && !Number.isFinite(retry.dueAt)) throw new StoreError(`retry decision for job ${j.seq}: dueAt must be finite (got ${retry.dueAt})`, 2);
  const base = { jobId: j.id, seq: j.seq, worker: j.lease_owner, outcome } as const;
  await endAttempt(tx, j.id, attempt, { now, outcome, error, backoff: retry });
  if (retry) {
    // Due already (no backoff): straight back to pending, as instant mode does.
    const state = retry.dueAt <= now ? 'pending' : 'retrying';
    await tx.q(REQUEUE, [state, retry.dueAt, error, j.id]);
    tx.event(decidedEvent(now, j.seq, recoveredEvent(outcome, error, state, retry.formula, false), j.lease_owner));
    return { ...base, state };
  }
  await tx.q(KILL, [now, error, j.id]);
  const exhausted = j.attempts >= j.max_attempts;
  tx.event(decidedEvent(now, j.seq, recoveredEvent(outcome, error, 'dead', null, exhausted), j.lease_owner));
  await bury(
    tx, runId,
    { id: j.id, seq: j.seq, queue: j.queue, type: j.type, payload: j.payload, totalAttempts: attempt, batchId: j.batch_id },
    leaseDeadLetterReason(j.attempts, j.max_attempts),
    now,
  );
  return { ...base, state: 'dead' };
}

export async function promoteIn(tx: Tx, runId: string, now: number): Promise<number> {
  const rows = await tx.q<{ id: number; seq: number; was: 'scheduled' | 'retrying'; due_at: number }>(PROMOTE, [runId, now]);
  rows.sort((a, b) => a.due_at - b.due_at || a.id - b.id);
  for (const r of rows) tx.event({ t: now, job: r.seq, kind: 'due', from: r.was, to: 'pending' });
  return rows.length;
}
