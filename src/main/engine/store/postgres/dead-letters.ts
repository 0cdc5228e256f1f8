// The dead-letter table and what a person can do with it (see
// ../dead-letters.ts): bury, list, retry (one or all), forget, flush. Nothing
// leaves it silently: each action writes an event carrying the errors.
import type { DyingJob } from '../dead-letters.ts';
import type { DeadActionResult, DeadFilter, DeadJob } from '../types.ts';
import { errorsOf } from './attempts.ts';
import { batchMoved } from './batches.ts';
import { afterFinal, cancelJob } from './dependencies.ts';
import { statement, type PgDatabase, type Tx } from './pg-database.ts';

const INSERT = statement(
  'dead_insert',
  `INSERT INTO dead_jobs (job_id, run_id, queue, type, payload, attempts, errors, reason, died_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);
const SELECT = `SELECT d.job_id, j.seq, d.queue, d.type, d.payload, d.attempts, d.errors, d.reason, d.died_at, j.batch_id
                  FROM dead_jobs d JOIN jobs j ON j.id = d.job_id`;
const LIST = statement(
  'dead_list',
  `${SELECT} WHERE d.run_id = $1 AND ($2::text IS NULL OR d.queue = $2) AND ($3::text IS NULL OR d.type = $3)
    ORDER BY d.died_at, d.job_id`,
);
// The job row is locked: two people retrying one dead job cannot both revive it.
const ONE = statement('dead_one', `${SELECT} WHERE d.job_id = $1 AND d.run_id = $2 AND j.state = 'dead' FOR UPDATE OF j`);
const ALL_IDS = statement('dead_all_ids', 'SELECT job_id FROM dead_jobs WHERE run_id = $1 ORDER BY died_at, job_id');
const UNBURY = statement('dead_unbury', 'DELETE FROM dead_jobs WHERE job_id = $1');
const REVIVE = statement(
  'dead_revive',
  `UPDATE jobs SET state = 'pending', attempt_base = attempt_base + attempts, attempts = 0, due_at = $1,
                   finished_at = NULL, progress = 0, lease_owner = NULL, lease_expires_at = NULL
    WHERE id = $2`,
);

interface DeadRow {
  job_id: number;
  seq: number;
  queue: string;
  type: string;
  payload: string | null;
  attempts: number;
  errors: string;
  reason: string;
  died_at: number;
  batch_id: number | null;
}

const history = (d: DeadRow) => `after ${d.attempts} attempts (${d.reason}); errors ${d.errors}`;

/** Writes the dead_jobs row, then settles batch and children. Inside the caller's transaction. */
export async function bury(tx: Tx, runId: string, job: DyingJob, reason: string, now: number): Promise<void> {
  const errors = JSON.stringify(await errorsOf(tx, job.id));
  await tx.q(INSERT, [job.id, runId, job.queue, job.type, job.payload, job.totalAttempts, errors, reason, now]);
  await afterFinal(tx, job, 'processing', 'dead', now);
}

export async function listDead(db: PgDatabase, runId: string, filter: DeadFilter = {}): Promise<DeadJob[]> {
  const rows = await db.q<DeadRow>(LIST, [runId, filter.queue ?? null, filter.type ?? null]);
  return rows.map((d) => ({
    jobId: d.job_id, seq: d.seq, queue: d.queue, type: d.type, payload: d.payload, attempts: d.attempts,
    errors: JSON.parse(d.errors) as (string | null)[], reason: d.reason, diedAt: d.died_at,
  }));
}

export async function retryDead(tx: Tx, runId: string, jobId: number, now: number): Promise<DeadActionResult> {
  const d = (await tx.q<DeadRow>(ONE, [jobId, runId]))[0];
  if (!d) return { ok: false, reason: 'not dead' };
  await tx.q(UNBURY, [jobId]);
  await tx.q(REVIVE, [now, jobId]);
  tx.event({ t: now, job: d.seq, kind: 'retried_from_dead', from: 'dead', to: 'pending', detail: `retried by hand ${history(d)}` });
  await batchMoved(tx, d.batch_id, 'dead', 'pending', now);
  return { ok: true };
}

export async function forgetDead(tx: Tx, runId: string, jobId: number, now: number): Promise<DeadActionResult> {
  const d = (await tx.q<DeadRow>(ONE, [jobId, runId]))[0];
  if (!d) return { ok: false, reason: 'not dead' };
  await tx.q(UNBURY, [jobId]);
  await cancelJob(tx, { id: jobId, seq: d.seq, batchId: d.batch_id }, 'dead', 'forgotten', now, `forgotten ${history(d)}`);
  return { ok: true };
}

/** Applies `action` to every dead job of the run, oldest death first; returns how many it applied to. */
export async function everyDead(
  tx: Tx,
  runId: string,
  now: number,
  action: (tx: Tx, runId: string, jobId: number, now: number) => Promise<DeadActionResult>,
): Promise<number> {
  let done = 0;
  for (const { job_id } of await tx.q<{ job_id: number }>(ALL_IDS, [runId])) {
    if ((await action(tx, runId, job_id, now)).ok) done++;
  }
  return done;
}
