// The dead-letter table and what a person can do with it (Laravel's
// queue:failed, queue:retry [id|all], queue:forget, queue:flush). Nothing
// leaves it silently: a retry or a forget writes an event that carries the
// errors the row held, and the attempts rows stay, so the history of a job
// survives every action taken on it.
import type { AttemptRows } from './attempts.ts';
import type { Batches } from './batches.ts';
import type { Dependencies } from './dependencies.ts';
import type { AppendEvent } from './events.ts';
import { deadJobsTable, fieldsOf, selectList, type DeadJobRow } from '../../../shared/tables/index.ts';
import type { DB } from './open-database.ts';
import type { DeadActionResult, DeadFilter, DeadJob } from './types.ts';

/** A job just moved to `dead` by the caller's UPDATE. */
export interface DyingJob {
  id: number;
  seq: number;
  queue: string;
  type: string;
  payload: string | null;
  /** Every attempt the job ever made, earlier rounds from the dead-letter table included. */
  totalAttempts: number;
  batchId: number | null;
}

export interface DeadLetters {
  /** Writes the dead_jobs row, then settles batch and children. Inside the caller's transaction. */
  bury(job: DyingJob, reason: string, now: number): void;
  listDead(filter?: DeadFilter): DeadJob[];
  /** dead -> pending with a fresh set of attempts; the errors move into the event. */
  retryOne(jobId: number, now: number): DeadActionResult;
  retryAll(now: number): number;
  /** dead -> cancelled ('forgotten'); the row goes, the event keeps what it said. */
  forget(jobId: number, now: number): DeadActionResult;
  flush(now: number): number;
}

/** A dead_jobs row with its job's seq and batch, errors still JSON. */
type DeadRow = Omit<DeadJobRow, 'runId'> & { seq: number; batchId: number | null };

export function prepareDeadLetters(
  db: DB,
  runId: string,
  appendEvent: AppendEvent,
  attempts: AttemptRows,
  batches: Batches,
  deps: Dependencies,
): DeadLetters {
  const insert = db.prepare(
    `INSERT INTO dead_jobs (job_id, run_id, queue, type, payload, attempts, errors, reason, died_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const SELECT = `SELECT ${selectList(deadJobsTable, fieldsOf(deadJobsTable, ['runId']), 'd')}, j.seq, j.batch_id AS "batchId"
                    FROM dead_jobs d JOIN jobs j ON j.id = d.job_id`;
  const list = db.prepare<[{ run: string; queue: string | null; type: string | null }], DeadRow>(
    `${SELECT} WHERE d.run_id = @run AND (@queue IS NULL OR d.queue = @queue) AND (@type IS NULL OR d.type = @type)
      ORDER BY d.died_at, d.job_id`,
  );
  const one = db.prepare<[number, string], DeadRow>(`${SELECT} WHERE d.job_id = ? AND d.run_id = ? AND j.state = 'dead'`);
  const allIds = db.prepare<[string], number>('SELECT job_id FROM dead_jobs WHERE run_id = ? ORDER BY died_at, job_id').pluck();
  const unbury = db.prepare('DELETE FROM dead_jobs WHERE job_id = ?');
  // attempt_base keeps attempts.attempt counting up (4, 5, ...) while
  // attempts restarts at 0, so max_attempts applies afresh.
  const revive = db.prepare(
    `UPDATE jobs SET state = 'pending', attempt_base = attempt_base + attempts, attempts = 0, due_at = ?,
                     finished_at = NULL, progress = 0, lease_owner = NULL, lease_expires_at = NULL
      WHERE id = ?`,
  );

  const history = (d: DeadRow) => `after ${d.attempts} attempts (${d.reason}); errors ${d.errors}`;

  function retryIn(jobId: number, now: number): DeadActionResult {
    const d = one.get(jobId, runId);
    if (!d) return { ok: false, reason: 'not dead' };
    unbury.run(jobId);
    revive.run(now, jobId);
    appendEvent({ t: now, job: d.seq, kind: 'retried_from_dead', from: 'dead', to: 'pending', detail: `retried by hand ${history(d)}` });
    batches.moved(d.batchId, 'dead', 'pending', now);
    return { ok: true };
  }

  function forgetIn(jobId: number, now: number): DeadActionResult {
    const d = one.get(jobId, runId);
    if (!d) return { ok: false, reason: 'not dead' };
    unbury.run(jobId);
    deps.cancel({ id: jobId, seq: d.seq, batchId: d.batchId }, 'dead', 'forgotten', now, `forgotten ${history(d)}`);
    return { ok: true };
  }

  const retryOneTx = db.transaction(retryIn);
  const forgetTx = db.transaction(forgetIn);
  const retryAllTx = db.transaction((now: number) => allIds.all(runId).filter((id) => retryIn(id, now).ok).length);
  const flushTx = db.transaction((now: number) => allIds.all(runId).filter((id) => forgetIn(id, now).ok).length);

  return {
    bury(job, reason, now) {
      const errors = JSON.stringify(attempts.errorsOf(job.id));
      insert.run(job.id, runId, job.queue, job.type, job.payload, job.totalAttempts, errors, reason, now);
      deps.afterFinal(job, 'processing', 'dead', now);
    },
    listDead(filter = {}) {
      return list.all({ run: runId, queue: filter.queue ?? null, type: filter.type ?? null }).map(({ batchId: _batch, ...d }) => ({
        ...d,
        errors: JSON.parse(d.errors) as (string | null)[],
      }));
    },
    retryOne: (jobId, now) => retryOneTx.immediate(jobId, now),
    retryAll: (now) => retryAllTx.immediate(now),
    forget: (jobId, now) => forgetTx.immediate(jobId, now),
    flush: (now) => flushTx.immediate(now),
  };
}
