// Where a run's results go. The simulator reports events and finished jobs;
// a recorder hashes the event log and, when storing, writes the rows.
import type { AttemptOutcome, JobState } from '../../../shared/job/states.ts';
import type { EventKind } from '../../../shared/events.ts';
import type { Reason } from '../../../shared/lifecycle/reasons.ts';

export interface AttemptRecord {
  attempt: number;
  worker: string;
  startedAt: number;
  endedAt: number | null;
  outcome: AttemptOutcome | null;
  error: string | null;
  backoffBase: number | null;
  backoffDelay: number | null;
  backoffFormula: string | null;
}

export interface JobRecord {
  seq: number;
  queue: string;
  type: string;
  state: JobState;
  priority: number;
  attempts: number;
  maxAttempts: number;
  payload: string | null;
  idempotencyKey: string | null;
  enqueuedAt: number;
  dueAt: number;
  firstClaimedAt: number | null;
  finishedAt: number | null;
  parentSeq: number | null;
  batch: number | null;
  lastError: string | null;
  cancelReason: string | null;
  completions: number;
  /** The key its seeded draws used (src/shared/sim/draw-key.ts). */
  drawKey: number;
}

export interface DeadRecord {
  reason: string;
  diedAt: number;
  errors: string[];
}

export interface WorkerRecord {
  name: string;
  state: string;
  startedAt: number;
  stoppedAt: number | null;
  jobsDone: number;
  restarts: number;
}

export interface SnapshotRecord {
  t: number;
  counts: readonly number[]; // by STATE_CODE
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
  job(job: JobRecord, attempts: readonly AttemptRecord[], dead: DeadRecord | null): void;
  /** An attempt that ended after its job was written (double processing). */
  lateAttempt(seq: number, attempt: AttemptRecord, extraCompletion: boolean): void;
  batch(index: number, size: number): void;
  batchOutcome(index: number, size: number, succeeded: number, dead: number, cancelled: number, outcome: 'then' | 'catch' | null, t: number): void;
  workers(rows: readonly WorkerRecord[]): void;
  snapshots(rows: readonly SnapshotRecord[]): void;
  /** Commit what is left; returns the number of events and the log's hash. */
  finish(): { events: number; sha256: string };
  /** Stop after a failure; committed chunks stay, the open one is rolled back. */
  abort(): void;
}
