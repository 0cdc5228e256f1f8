// Where a run's results go. The simulator reports events and finished jobs;
// a recorder hashes the event log and, when storing, writes the rows.
import type { AttemptOutcome, JobState } from '../../../shared/job/states.ts';
import type { DeadJobRow, JobAttempt, JobRow, OverloadSample, WorkerRow } from '../../../shared/tables/index.ts';
import type { JOB_DEFAULTED } from './table-columns.ts';
import type { EventKind } from '../../../shared/events.ts';
import type { Reason } from '../../../shared/lifecycle/reasons.ts';

/** An attempt as the recorder writes it: the attempts row without its keys (the simulator always knows the worker). */
export type AttemptRecord = JobAttempt & { worker: string };

/**
 * A job as the recorder writes it, once, in its last state: the jobs row
 * less its keys and the columns left to their defaults (table-columns.ts),
 * with its parent and batch by seq and index (the recorder makes the ids).
 */
export type RecordedJob = Omit<JobRow, 'jobId' | 'runId' | 'parentId' | 'batchId' | 'drawKey' | (typeof JOB_DEFAULTED)[number]> & {
  parentSeq: number | null;
  batch: number | null;
  /** The key its seeded draws used (src/shared/sim/draw-key.ts). */
  drawKey: number;
};

/** The dead_jobs row of a recorded job, beyond what the job row says. */
export type DeadRecord = Pick<DeadJobRow, 'reason' | 'diedAt'> & { errors: string[] };

/** A workers row of the run (pid: instant workers are no processes). */
export type WorkerRecord = Omit<WorkerRow, 'runId' | 'pid'>;

/** A metric_snapshots row with its state counts indexed by STATE_CODE. */
export interface SnapshotRecord {
  t: number;
  counts: readonly number[];
}

export interface RunRecorder {
  /** Whether job(), lateAttempt() and the rest keep anything; when not, callers skip building records. */
  readonly storesRows: boolean;
  /** outcome and reason are stored in their own columns; they are not part of the hashed log (detail says the same in words). */
  event(
    t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null,
    outcome: AttemptOutcome | null, reason: Reason | null,
  ): void;
  /** A job is written once, when it reaches its last state in this run. */
  job(job: RecordedJob, attempts: readonly AttemptRecord[], dead: DeadRecord | null): void;
  /** An attempt that ended after its job was written (double processing). */
  lateAttempt(seq: number, attempt: AttemptRecord, extraCompletion: boolean): void;
  batch(index: number, size: number): void;
  batchOutcome(index: number, size: number, succeeded: number, dead: number, cancelled: number, outcome: 'then' | 'catch' | null, t: number): void;
  workers(rows: readonly WorkerRecord[]): void;
  snapshots(rows: readonly SnapshotRecord[]): void;
  /** The downstream side over time (overload_samples), once at the end of a run with services. */
  overloadSamples(rows: readonly OverloadSample[]): void;
  /** Commit what is left; returns the number of events and the log's hash. */
  finish(): { events: number; sha256: string };
  /** Stop after a failure; committed chunks stay, the open one is rolled back. */
  abort(): void;
}
