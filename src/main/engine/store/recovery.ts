// Time-driven transitions: leases that ran out (the visibility timeout) and
// jobs whose delay or backoff is over. The caller calls these with its
// scenario clock; the store keeps no timers, so instant mode and live
// workers can share it and a test can step time by hand.
import type { AttemptRows } from './attempts.ts';
import type { DeadLetters } from './dead-letters.ts';
import { leaseDeadLetterReason, leaseExpiredError, recoveredEvent } from '../../../shared/lifecycle/after-attempt.ts';
import { decidedEvent, type AppendEvent } from './events.ts';
import { StoreError, type DB } from './open-database.ts';
import type { ExpiredLease, JobRecord, Recovered, RetryDecider } from './types.ts';
import { jobsTable, selectList } from '../../../shared/tables/index.ts';

export interface Recovery {
  recoverExpiredLeases(now: number, decide: RetryDecider, crashedWorkers?: ReadonlySet<string>): Recovered[];
  /** scheduled | retrying -> pending for every job due by `now` (a child still waiting on its parent stays). */
  promoteDue(now: number): number;
}

const EXPIRED_FIELDS = ['jobId', 'seq', 'queue', 'type', 'payload', 'leaseOwner', 'attempts', 'attemptBase', 'maxAttempts', 'heartbeatAt', 'leaseExpiresAt', 'batchId'] as const;
/** A processing job whose lease ran out: its jobs row as recovery needs it (the query's WHERE makes the expiry non-null). */
type ExpiredJob = Pick<JobRecord, (typeof EXPIRED_FIELDS)[number]> & { leaseExpiresAt: number };

export function prepareRecovery(db: DB, runId: string, appendEvent: AppendEvent, attempts: AttemptRows, deadLetters: DeadLetters): Recovery {
  const expired = db.prepare<[string, number], ExpiredJob>(
    `SELECT ${selectList(jobsTable, EXPIRED_FIELDS)}
       FROM jobs WHERE run_id = ? AND state = 'processing' AND lease_expires_at < ?
      ORDER BY lease_expires_at, id`,
  );
  const requeue = db.prepare(
    `UPDATE jobs SET state = ?, due_at = ?, last_error = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?`,
  );
  const kill = db.prepare(
    `UPDATE jobs SET state = 'dead', finished_at = ?, last_error = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?`,
  );
  // The IN list is written exactly as in the jobs_due partial index so that
  // SQLite can prove the index covers the query.
  const DUE = `FROM jobs j WHERE run_id = ? AND state IN ('scheduled', 'retrying') AND due_at <= ?
                 AND (parent_id IS NULL OR EXISTS (SELECT 1 FROM jobs p WHERE p.id = j.parent_id AND p.state = 'succeeded'))`;
  const due = db.prepare<[string, number], { id: number; seq: number; state: 'scheduled' | 'retrying' }>(
    `SELECT id, seq, state ${DUE} ORDER BY due_at, id`,
  );
  const toPending = db.prepare(`UPDATE jobs SET state = 'pending' WHERE id = ?`);
  // Workers poll these often and usually find nothing; a plain read first
  // (WAL readers never wait) spares them the write lock on an empty poll.
  const anyExpired = db.prepare(
    `SELECT 1 FROM jobs WHERE run_id = ? AND state = 'processing' AND lease_expires_at < ? LIMIT 1`,
  );
  const anyDue = db.prepare(`SELECT 1 ${DUE} LIMIT 1`);

  function recoverOne(j: ExpiredJob, now: number, decide: RetryDecider, crashed: ReadonlySet<string>): Recovered {
    const outcome = j.leaseOwner !== null && crashed.has(j.leaseOwner) ? 'crashed' : 'lost';
    const attempt = j.attemptBase + j.attempts;
    const leaseLength = j.heartbeatAt === null ? null : j.leaseExpiresAt - j.heartbeatAt;
    const error = leaseExpiredError(outcome, leaseLength);
    const lease: ExpiredLease = {
      jobId: j.jobId, seq: j.seq, queue: j.queue, type: j.type, worker: j.leaseOwner, attempt,
      attempts: j.attempts, maxAttempts: j.maxAttempts, outcome,
    };
    // The policy is asked only while attempts remain; its answer may still be "no".
    const retry = j.attempts < j.maxAttempts ? decide(lease) : null;
    if (retry && !Number.isFinite(retry.dueAt)) throw new StoreError(`retry decision for job ${j.seq}: dueAt must be finite (got ${retry.dueAt})`, 2);
    const base = { jobId: j.jobId, seq: j.seq, worker: j.leaseOwner, outcome } as const;
    attempts.end(j.jobId, attempt, { now, outcome, error, backoff: retry });
    if (retry) {
      // Due already (no backoff): straight back to pending, as instant mode does.
      const state = retry.dueAt <= now ? 'pending' : 'retrying';
      requeue.run(state, retry.dueAt, error, j.jobId);
      appendEvent(decidedEvent(now, j.seq, recoveredEvent(outcome, error, state, retry.formula, false), j.leaseOwner));
      return { ...base, state };
    }
    kill.run(now, error, j.jobId);
    const exhausted = j.attempts >= j.maxAttempts;
    appendEvent(decidedEvent(now, j.seq, recoveredEvent(outcome, error, 'dead', null, exhausted), j.leaseOwner));
    const reason = leaseDeadLetterReason(j.attempts, j.maxAttempts);
    deadLetters.bury(
      { id: j.jobId, seq: j.seq, queue: j.queue, type: j.type, payload: j.payload, totalAttempts: attempt, batchId: j.batchId },
      reason,
      now,
    );
    return { ...base, state: 'dead' };
  }

  const recoverTx = db.transaction((now: number, decide: RetryDecider, crashed: ReadonlySet<string>) =>
    expired.all(runId, now).map((j) => recoverOne(j, now, decide, crashed)),
  );
  const promoteTx = db.transaction((now: number) => {
    const rows = due.all(runId, now);
    for (const r of rows) {
      toPending.run(r.id);
      appendEvent({ t: now, job: r.seq, kind: 'due', from: r.state, to: 'pending' });
    }
    return rows.length;
  });

  return {
    recoverExpiredLeases(now, decide, crashedWorkers = new Set()) {
      return anyExpired.get(runId, now) === undefined ? [] : recoverTx.immediate(now, decide, crashedWorkers);
    },
    promoteDue(now) {
      return anyDue.get(runId, now) === undefined ? 0 : promoteTx.immediate(now);
    },
  };
}
