// A worker's handful of successes in one statement (finishAndClaim): every
// fenced UPDATE of jobs, and the closing of their attempts rows, in one round
// trip instead of three per job. A job whose fence fails is not in the
// answer; the caller reports it through completeIn, which tells it "lease
// lost". Each success still gets its own event, and a job with a batch or
// children still settles them (afterFinal), exactly as completeIn does.
import { SUCCEEDED_EVENT } from '../../../../shared/lifecycle/after-attempt.ts';
import { decidedEvent } from '../events.ts';
import type { CompleteResult } from '../types.ts';
import { afterFinal } from './dependencies.ts';
import { statement, type Tx } from './pg-database.ts';

const SUCCEED_MANY = statement(
  'complete_succeed_many',
  `WITH f AS (SELECT * FROM unnest($3::bigint[], $4::int[], $5::float8[]) AS f(id, attempt, now)),
   done AS (
     UPDATE jobs j SET state = 'succeeded', finished_at = f.now, progress = 1, completions = j.completions + 1,
                       lease_owner = NULL, lease_expires_at = NULL
       FROM f
      WHERE j.id = f.id AND j.run_id = $1 AND j.state = 'processing' AND j.lease_owner = $2 AND j.attempt_base + j.attempts = f.attempt
     RETURNING j.id, j.seq, j.batch_id, j.completions, f.attempt, f.now),
   closed AS (
     UPDATE attempts a SET ended_at = done.now, outcome = 'succeeded', error = NULL, backoff_base = NULL, backoff_delay = NULL, backoff_formula = NULL
       FROM done WHERE a.job_id = done.id AND a.attempt = done.attempt AND a.ended_at IS NULL)
   SELECT id, seq, batch_id, completions, EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = done.id) AS has_children FROM done`,
);

export interface Success {
  jobId: number;
  attempt: number;
  now: number;
}

interface Done {
  id: number;
  seq: number;
  batch_id: number | null;
  completions: number;
  has_children: boolean;
}

/**
 * Completes the successes that still hold their lease; returns a function that,
 * called in the caller's order, writes each one's event and settlement and
 * gives its result, or null for a job whose lease was lost.
 */
export async function completeMany(tx: Tx, runId: string, worker: string, successes: readonly Success[]): Promise<(s: Success) => Promise<CompleteResult | null>> {
  const rows = successes.length === 0 ? [] : await tx.q<Done>(SUCCEED_MANY, [
    runId, worker, successes.map((s) => s.jobId), successes.map((s) => s.attempt), successes.map((s) => s.now),
  ]);
  const done = new Map(rows.map((r) => [r.id, r]));
  return async (s) => {
    const d = done.get(s.jobId);
    if (!d) return null;
    tx.event(decidedEvent(s.now, d.seq, SUCCEEDED_EVENT, worker, d.completions > 1 ? `completed ${d.completions} times` : null));
    // Without a batch or children, afterFinal has nothing to do: spare its query.
    if (d.batch_id !== null || d.has_children) await afterFinal(tx, { id: d.id, seq: d.seq, batchId: d.batch_id }, 'processing', 'succeeded', s.now);
    return { ok: true, state: 'succeeded', completions: d.completions };
  };
}
