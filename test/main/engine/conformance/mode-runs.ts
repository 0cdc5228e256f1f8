// Runs one scenario in both modes into one lab file and reads each run back
// job by job, keyed by the job's draw key (its producer, its number among
// that producer's jobs and its place in the chain): the identity that does
// not depend on which producer won the race for jobs.seq in live mode.
import type { DB } from '../../../../src/main/engine/store/open-database.ts';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import { runLive } from '../../../../src/main/engine/live/run-live.ts';
import { NodeWorkerHost } from '../../../../src/main/workers/node-worker-host.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import type { Scenario } from '../../../../src/shared/scenario/schema.ts';

export interface JobFate {
  drawKey: number;
  seq: number;
  type: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  completions: number;
  /** attempts.outcome, first attempt first. */
  outcomes: (string | null)[];
  deadReason: string | null;
  /** (kind, outcome, reason) of the job's events that end an attempt or end the job, in order. */
  endings: string[];
}

export interface ModeRun {
  summary: RunSummary;
  /** By draw key. */
  jobs: Map<number, JobFate>;
  /** batches: "then 5/0/0" and the like, sorted (batch ids differ between modes). */
  batches: string[];
}

const ENDING_KINDS = `('succeeded', 'failed', 'dead', 'recovered', 'cancelled', 'completed_again', 'lease_lost')`;

export function readRun(db: DB, summary: RunSummary): ModeRun {
  const runId = summary.run_id;
  const rows = db
    .prepare<[string], Omit<JobFate, 'outcomes' | 'endings'> & { id: number }>(
      `SELECT j.id, COALESCE(j.draw_key, j.seq) AS drawKey, j.seq, j.type, j.state, j.attempt_base + j.attempts AS attempts,
              j.max_attempts AS maxAttempts, j.completions, d.reason AS deadReason
         FROM jobs j LEFT JOIN dead_jobs d ON d.job_id = j.id WHERE j.run_id = ? ORDER BY j.seq`,
    )
    .all(runId);
  const outcomes = db.prepare<[number], string | null>('SELECT outcome FROM attempts WHERE job_id = ? ORDER BY attempt').pluck();
  const endings = db
    .prepare<[string, number], string>(
      `SELECT kind || ' ' || COALESCE(outcome, '-') || ' ' || COALESCE(reason, '-') FROM events
        WHERE run_id = ? AND job = ? AND kind IN ${ENDING_KINDS} ORDER BY seq`,
    )
    .pluck();
  const jobs = new Map<number, JobFate>();
  for (const { id, ...r } of rows) jobs.set(r.drawKey, { ...r, outcomes: outcomes.all(id), endings: endings.all(runId, r.seq) });
  const batches = db
    .prepare<[string], string>(
      `SELECT COALESCE(outcome, 'open') || ' ' || succeeded || '/' || dead || '/' || cancelled FROM batches WHERE run_id = ?`,
    )
    .pluck()
    .all(runId)
    .sort();
  return { summary, jobs, batches };
}

export function instantRun(db: DB, scenario: Scenario): ModeRun {
  return readRun(db, runInstant(scenario, { db, runId: 'instant' }));
}

/** A live run with real worker processes, `timeScale` wall seconds per scenario second. */
export async function liveRun(db: DB, scenario: Scenario, timeScale: number): Promise<ModeRun> {
  const summary = await runLive(scenario, {
    db, host: new NodeWorkerHost({ log: () => {} }), timeScale, runId: 'live', startLeadMs: 500, maxWallSeconds: 150,
  });
  return readRun(db, summary);
}
