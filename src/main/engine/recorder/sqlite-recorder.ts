// `--store full`: every event, job, attempt and dead letter of an instant run
// goes into the lab database. The recorder turns them into row batches and
// hands full batches to a sink. (A writer thread was tried: copying the rows
// to it cost as much as the SQLite work it took off this thread.)
import type { EventKind } from '../../../shared/events.ts';
import type { JobState } from '../../../shared/job/states.ts';
import { jobId } from '../store/job-id.ts';
import { HashOnlyRecorder } from './hash-only-recorder.ts';
import { emptyBatch, type RowBatch } from './row-batch.ts';
import type { AttemptRecord, DeadRecord, JobRecord, SnapshotRecord, WorkerRecord } from './run-recorder.ts';

const BATCH_ROWS = 16_384;

/** Where full batches go; finish() returns once everything is committed. */
export interface BatchSink {
  send(batch: RowBatch): void;
  finish(): void;
  abort(): void;
}

export class SqliteRecorder extends HashOnlyRecorder {
  override readonly storesRows: boolean = true;
  private pending: RowBatch = emptyBatch();

  constructor(
    private readonly sink: BatchSink,
    private readonly runId: string,
    private readonly runNum: number,
  ) {
    super();
  }

  override event(t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null): void {
    super.event(t, job, kind, from, to, worker, detail);
    this.pending.rows.events.push(this.runId, this.seq, t, job, kind, from, to, worker, detail);
    this.counted(1);
  }

  override job(job: JobRecord, attempts: readonly AttemptRecord[], dead: DeadRecord | null): void {
    const id = jobId(this.runNum, job.seq);
    this.pending.rows.jobs.push(
      id, this.runId, job.seq, job.queue, job.type, job.state, job.priority, job.attempts, job.maxAttempts,
      job.payload, job.idempotencyKey, job.enqueuedAt, job.dueAt, job.firstClaimedAt, job.finishedAt,
      job.parentSeq === null ? null : jobId(this.runNum, job.parentSeq),
      job.batch === null ? null : this.batchId(job.batch),
      job.lastError, job.cancelReason, job.completions,
    );
    for (const a of attempts) this.pushAttempt(id, a);
    if (dead) {
      this.pending.rows.dead_jobs.push(id, this.runId, job.queue, job.type, job.payload, job.attempts, JSON.stringify(dead.errors), dead.reason, dead.diedAt);
    }
    this.counted(1 + attempts.length + (dead ? 1 : 0));
  }

  override lateAttempt(seq: number, attempt: AttemptRecord, extraCompletion: boolean): void {
    const id = jobId(this.runNum, seq);
    this.pushAttempt(id, attempt);
    if (extraCompletion) this.pending.extraCompletions.push(id);
    this.counted(1);
  }

  override batch(index: number, size: number): void {
    this.pending.rows.batches.push(this.batchId(index), this.runId, size);
    this.counted(1);
  }

  override batchOutcome(index: number, succeeded: number, dead: number, cancelled: number, outcome: 'then' | 'catch', t: number): void {
    this.pending.batchOutcomes.push({ id: this.batchId(index), succeeded, dead, cancelled, outcome, t });
  }

  override workers(rows: readonly WorkerRecord[]): void {
    for (const w of rows) this.pending.rows.workers.push(this.runId, w.name, w.state, w.startedAt, w.stoppedAt, w.jobsDone, w.restarts);
    this.counted(rows.length);
  }

  override snapshots(rows: readonly SnapshotRecord[]): void {
    for (const s of rows) this.pending.rows.metric_snapshots.push(this.runId, s.t, ...s.counts);
    this.counted(rows.length);
  }

  override finish(): { events: number; sha256: string } {
    this.sink.send(this.pending);
    this.pending = emptyBatch();
    this.sink.finish();
    return super.finish();
  }

  override abort(): void {
    this.sink.abort();
  }

  /** batches.id, like jobs.id, is derived from the run so no lookup is needed. */
  private batchId(index: number): number {
    return jobId(this.runNum, index + 1);
  }

  private pushAttempt(jobId: number, a: AttemptRecord): void {
    this.pending.rows.attempts.push(jobId, this.runId, a.attempt, a.worker, a.startedAt, a.endedAt, a.outcome, a.error, a.backoffBase, a.backoffDelay, a.backoffFormula);
  }

  private counted(rows: number): void {
    this.pending.count += rows;
    if (this.pending.count >= BATCH_ROWS) {
      this.sink.send(this.pending);
      this.pending = emptyBatch();
    }
  }
}
