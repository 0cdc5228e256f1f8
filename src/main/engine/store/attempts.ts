// Rows of the attempts table: one per try, opened by a claim and closed by
// the outcome. They are the job's history, so they are never deleted; the
// dead-letter row's error list is read back from them.
import type { AttemptOutcome } from '../../../shared/job/states.ts';
import type { DB } from './open-database.ts';
import type { RetryDecision } from './types.ts';

export interface AttemptEnd {
  now: number;
  outcome: AttemptOutcome;
  error?: string | null;
  backoff?: RetryDecision | null;
}

export interface AttemptRows {
  start(jobId: number, attempt: number, worker: string, now: number): void;
  /** Closes the attempt if it is still open; a closed attempt keeps its first outcome. */
  end(jobId: number, attempt: number, end: AttemptEnd): void;
  /** Every attempt's error, first attempt first (null where an attempt left none). */
  errorsOf(jobId: number): (string | null)[];
}

export function prepareAttemptRows(db: DB, runId: string): AttemptRows {
  const insert = db.prepare(
    'INSERT INTO attempts (job_id, run_id, attempt, worker, started_at) VALUES (?, ?, ?, ?, ?)',
  );
  const close = db.prepare(
    `UPDATE attempts SET ended_at = ?, outcome = ?, error = ?, backoff_base = ?, backoff_delay = ?, backoff_formula = ?
      WHERE job_id = ? AND attempt = ? AND ended_at IS NULL`,
  );
  const errors = db
    .prepare<[number], string | null>('SELECT error FROM attempts WHERE job_id = ? ORDER BY attempt')
    .pluck();
  return {
    start(jobId, attempt, worker, now) {
      insert.run(jobId, runId, attempt, worker, now);
    },
    end(jobId, attempt, e) {
      const b = e.backoff ?? null;
      close.run(e.now, e.outcome, e.error ?? null, b?.base ?? null, b?.delay ?? null, b?.formula ?? null, jobId, attempt);
    },
    errorsOf(jobId) {
      return errors.all(jobId);
    },
  };
}
