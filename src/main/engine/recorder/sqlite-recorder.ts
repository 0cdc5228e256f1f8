// `--store full`: every event, job, attempt and dead letter of an instant run
// goes into the lab database. Rows are buffered into multi-row INSERTs and
// committed in transactions of CHUNK_ROWS: one transaction per row would be a
// thousand times slower, and a crash still leaves every committed chunk
// intact (the run is then marked interrupted on the next open).
import type { Statement } from 'better-sqlite3';
import type { EventKind } from '../../../shared/events.ts';
import { JOB_STATES, type JobState } from '../../../shared/job/states.ts';
import type { DB } from '../store/open-database.ts';
import { jobId } from '../store/job-id.ts';
import { BulkInsert } from './bulk-insert.ts';
import { HashOnlyRecorder } from './hash-only-recorder.ts';
import type { AttemptRecord, DeadRecord, JobRecord, SnapshotRecord, WorkerRecord } from './run-recorder.ts';

const CHUNK_ROWS = 200_000;

export class SqliteRecorder extends HashOnlyRecorder {
  private readonly events: BulkInsert;
  private readonly jobs: BulkInsert;
  private readonly attempts: BulkInsert;
  private readonly dead: BulkInsert;
  private readonly addCompletion: Statement;
  private readonly insertBatch: Statement;
  private readonly updateBatch: Statement;
  private readonly batchIds = new Map<number, number>();
  private rowsInChunk = 0;
  private open = false;

  constructor(
    private readonly db: DB,
    private readonly runId: string,
    private readonly runNum: number,
  ) {
    super();
    this.events = new BulkInsert(db, 'events', ['run_id', 'seq', 't', 'job', 'kind', 'from_state', 'to_state', 'worker', 'detail']);
    this.jobs = new BulkInsert(db, 'jobs', [
      'id', 'run_id', 'seq', 'queue', 'type', 'state', 'priority', 'attempts', 'max_attempts', 'payload', 'idempotency_key',
      'enqueued_at', 'due_at', 'first_claimed_at', 'finished_at', 'parent_id', 'batch_id', 'last_error', 'cancel_reason', 'completions',
    ]);
    this.attempts = new BulkInsert(db, 'attempts', [
      'job_id', 'run_id', 'attempt', 'worker', 'started_at', 'ended_at', 'outcome', 'error', 'backoff_base', 'backoff_delay', 'backoff_formula',
    ]);
    this.dead = new BulkInsert(db, 'dead_jobs', ['job_id', 'run_id', 'queue', 'type', 'payload', 'attempts', 'errors', 'reason', 'died_at']);
    this.addCompletion = db.prepare('UPDATE jobs SET completions = completions + 1 WHERE id = ?');
    this.insertBatch = db.prepare('INSERT INTO batches (run_id, size) VALUES (?, ?)');
    this.updateBatch = db.prepare('UPDATE batches SET succeeded = ?, dead = ?, cancelled = ?, outcome = ?, finished_at = ? WHERE id = ?');
    this.begin();
  }

  override event(t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null): void {
    super.event(t, job, kind, from, to, worker, detail);
    this.events.add(this.runId, this.seq, t, job, kind, from, to, worker, detail);
    this.counted(1);
  }

  override job(job: JobRecord, attempts: readonly AttemptRecord[], dead: DeadRecord | null): void {
    const id = jobId(this.runNum, job.seq);
    this.jobs.add(
      id, this.runId, job.seq, job.queue, job.type, job.state, job.priority, job.attempts, job.maxAttempts,
      job.payload, job.idempotencyKey, job.enqueuedAt, job.dueAt, job.firstClaimedAt, job.finishedAt,
      job.parentSeq === null ? null : jobId(this.runNum, job.parentSeq),
      job.batch === null ? null : (this.batchIds.get(job.batch) ?? null),
      job.lastError, job.cancelReason, job.completions,
    );
    for (const a of attempts) this.writeAttempt(id, a);
    if (dead) {
      this.dead.add(id, this.runId, job.queue, job.type, job.payload, job.attempts, JSON.stringify(dead.errors), dead.reason, dead.diedAt);
    }
    this.counted(1 + attempts.length + (dead ? 1 : 0));
  }

  override lateAttempt(seq: number, attempt: AttemptRecord, extraCompletion: boolean): void {
    const id = jobId(this.runNum, seq);
    this.flushBuffers(); // the job row may still sit in its buffer
    this.writeAttempt(id, attempt);
    if (extraCompletion) this.addCompletion.run(id);
    this.counted(1);
  }

  override batch(index: number, size: number): void {
    this.batchIds.set(index, Number(this.insertBatch.run(this.runId, size).lastInsertRowid));
  }

  override batchOutcome(index: number, succeeded: number, dead: number, cancelled: number, outcome: 'then' | 'catch', t: number): void {
    this.updateBatch.run(succeeded, dead, cancelled, outcome, t, this.batchIds.get(index) ?? null);
  }

  override workers(rows: readonly WorkerRecord[]): void {
    const insert = this.db.prepare(
      'INSERT INTO workers (run_id, name, state, started_at, stopped_at, jobs_done, restarts) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const w of rows) insert.run(this.runId, w.name, w.state, w.startedAt, w.stoppedAt, w.jobsDone, w.restarts);
  }

  override snapshots(rows: readonly SnapshotRecord[]): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO metric_snapshots (run_id, t, ${JOB_STATES.join(', ')}) VALUES (?, ?, ${JOB_STATES.map(() => '?').join(', ')})`,
    );
    for (const s of rows) insert.run(this.runId, s.t, ...s.counts);
  }

  override finish(): { events: number; sha256: string } {
    this.commit();
    return super.finish();
  }

  override abort(): void {
    if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.open = false;
  }

  private writeAttempt(jobId: number, a: AttemptRecord): void {
    this.attempts.add(jobId, this.runId, a.attempt, a.worker, a.startedAt, a.endedAt, a.outcome, a.error, a.backoffBase, a.backoffDelay, a.backoffFormula);
  }

  private counted(rows: number): void {
    this.rowsInChunk += rows;
    if (this.rowsInChunk >= CHUNK_ROWS) {
      this.commit();
      this.begin();
    }
  }

  private flushBuffers(): void {
    this.jobs.flush();
    this.attempts.flush();
    this.dead.flush();
    this.events.flush();
  }

  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    // Rows wait in per-table buffers, so an attempt's buffer may be written
    // before its job's: check the references at COMMIT, when all are in.
    this.db.pragma('defer_foreign_keys = ON');
    this.open = true;
    this.rowsInChunk = 0;
  }

  private commit(): void {
    if (!this.open) return;
    this.flushBuffers();
    this.db.exec('COMMIT');
    this.open = false;
  }
}
