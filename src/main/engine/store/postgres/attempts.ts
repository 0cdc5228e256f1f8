// Rows of the attempts table (see ../attempts.ts): opened by a claim, closed
// by the outcome, never deleted. The claim opens its rows in its own
// statement (claim.ts); this closes them and reads the errors back.
import { statement, type Tx } from './pg-database.ts';
import type { AttemptEnd } from '../attempts.ts';

const START = statement(
  'attempt_start',
  'INSERT INTO attempts (job_id, run_id, attempt, worker, started_at) VALUES ($1, $2, $3, $4, $5)',
);
const END = statement(
  'attempt_end',
  `UPDATE attempts SET ended_at = $1, outcome = $2, error = $3, backoff_base = $4, backoff_delay = $5, backoff_formula = $6
    WHERE job_id = $7 AND attempt = $8 AND ended_at IS NULL`,
);
const ERRORS = statement('attempt_errors', 'SELECT error FROM attempts WHERE job_id = $1 ORDER BY attempt');

export async function startAttempt(tx: Tx, runId: string, jobId: number, attempt: number, worker: string, now: number): Promise<void> {
  await tx.q(START, [jobId, runId, attempt, worker, now]);
}

/** Closes the attempt if it is still open; a closed attempt keeps its first outcome. */
export async function endAttempt(tx: Tx, jobId: number, attempt: number, e: AttemptEnd): Promise<void> {
  const b = e.backoff ?? null;
  await tx.q(END, [e.now, e.outcome, e.error ?? null, b?.base ?? null, b?.delay ?? null, b?.formula ?? null, jobId, attempt]);
}

/** Every attempt's error, first attempt first. */
export async function errorsOf(tx: Tx, jobId: number): Promise<(string | null)[]> {
  return (await tx.q<{ error: string | null }>(ERRORS, [jobId])).map((r) => r.error);
}
