// `--store full`: every event, job, attempt and dead letter of an instant run
// goes into the lab database, through multi-row INSERTs committed in
// transactions of CHUNK_ROWS. One transaction per row would be a thousand
// times slower; a crash still leaves every committed chunk intact (the run is
// then marked interrupted on the next open). With `thread`, the same rows and
// chunks are written by a second thread (row-writer-thread.ts) while the
// simulation runs on; rows reach it packed in typed arrays, because copying
// them as JS values cost this thread what the thread took off it.
import type { Statement } from 'better-sqlite3';
import type { EventKind } from '../../../shared/events.ts';
import type { AttemptOutcome, JobState } from '../../../shared/job/states.ts';
import type { Reason } from '../../../shared/lifecycle/reasons.ts';
import type { OverloadSample } from '../../../shared/tables/index.ts';
import { jobId } from '../store/job-id.ts';
import type { DB } from '../store/open-database.ts';
import { BulkInsert } from './bulk-insert.ts';
import { RowWriterThread, type TableRows } from './row-writer-thread.ts';
import { HashOnlyRecorder } from './hash-only-recorder.ts';
import type { AttemptRecord, DeadRecord, RecordedJob, SnapshotRecord, WorkerRecord } from './run-recorder.ts';
import { COLUMNS, TABLES, type Table } from './table-columns.ts';

const CHUNK_ROWS = 200_000;
const ADD_COMPLETION = 'UPDATE jobs SET completions = completions + 1 WHERE id = ?';
const FINISH_BATCH = 'UPDATE batches SET size = ?, succeeded = ?, dead = ?, cancelled = ?, outcome = ?, finished_at = ? WHERE id = ?';

export interface SqliteRecorderOptions {
  /** Write the rows on a second thread (a file database only). */
  thread?: boolean;
}

export class SqliteRecorder extends HashOnlyRecorder {
  override readonly storesRows: boolean = true;
  private readonly insert: Record<Table, TableRows>;
  private readonly thread: RowWriterThread | null;
  private readonly statements = new Map<string, Statement>();
  private rowsInChunk = 0;
  private open = false;

  constructor(
    private readonly db: DB,
    private readonly runId: string,
    private readonly runNum: number,
    options: SqliteRecorderOptions = {},
  ) {
    super();
    const thread = options.thread ? new RowWriterThread(db.name) : null;
    this.thread = thread;
    this.insert = Object.fromEntries(TABLES.map((t) => [t, thread ? thread.table(t, COLUMNS[t]) : new BulkInsert(db, t, COLUMNS[t])])) as Record<Table, TableRows>;
    this.begin();
  }

  override event(
    t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null,
    outcome: AttemptOutcome | null, reason: Reason | null,
  ): void {
    super.event(t, job, kind, from, to, worker, detail, outcome, reason);
    const events = this.insert.events;
    events.values.push(this.runId, this.seq, t, job, kind, from, to, worker, detail, outcome, reason);
    events.rowDone();
    this.counted(1);
  }

  override job(job: RecordedJob, attempts: readonly AttemptRecord[], dead: DeadRecord | null): void {
    const id = jobId(this.runNum, job.seq);
    const jobs = this.insert.jobs;
    jobs.values.push(
      id, this.runId, job.seq, job.queue, job.type, job.state, job.priority, job.attempts, job.maxAttempts,
      job.payload, job.idempotencyKey, job.enqueuedAt, job.dueAt, job.firstClaimedAt, job.finishedAt,
      job.parentSeq === null ? null : jobId(this.runNum, job.parentSeq),
      job.batch === null ? null : this.batchId(job.batch),
      job.lastError, job.cancelReason, job.completions, job.drawKey,
    );
    jobs.rowDone();
    for (const a of attempts) this.writeAttempt(id, a);
    if (dead) {
      const d = this.insert.dead_jobs;
      d.values.push(id, this.runId, job.queue, job.type, job.payload, job.attempts, JSON.stringify(dead.errors), dead.reason, dead.diedAt);
      d.rowDone();
    }
    this.counted(1 + attempts.length + (dead ? 1 : 0));
  }

  override lateAttempt(seq: number, attempt: AttemptRecord, extraCompletion: boolean): void {
    const id = jobId(this.runNum, seq);
    this.writeAttempt(id, attempt);
    if (extraCompletion) {
      this.insert.jobs.flush(); // the job's row may still wait in its buffer
      this.run(ADD_COMPLETION, [id]);
    }
    this.counted(1);
  }

  override batch(index: number, size: number): void {
    this.insert.batches.values.push(this.batchId(index), this.runId, size);
    this.insert.batches.rowDone();
    this.counted(1);
  }

  override batchOutcome(index: number, size: number, succeeded: number, dead: number, cancelled: number, outcome: 'then' | 'catch' | null, t: number): void {
    this.insert.batches.flush();
    this.run(FINISH_BATCH, [size, succeeded, dead, cancelled, outcome, t, this.batchId(index)]);
  }

  override workers(rows: readonly WorkerRecord[]): void {
    const w = this.insert.workers;
    for (const r of rows) {
      w.values.push(this.runId, r.name, r.state, r.startedAt, r.stoppedAt, r.jobsDone, r.restarts);
      w.rowDone();
    }
  }

  override snapshots(rows: readonly SnapshotRecord[]): void {
    const m = this.insert.metric_snapshots;
    for (const s of rows) {
      m.values.push(this.runId, s.t, ...s.counts);
      m.rowDone();
    }
  }

  override overloadSamples(rows: readonly OverloadSample[]): void {
    const o = this.insert.overload_samples;
    for (const r of rows) {
      o.values.push(this.runId, r.t, r.source, r.name, r.metric, r.value);
      o.rowDone();
    }
  }

  override finish(): { events: number; sha256: string } {
    if (this.thread) {
      this.flushAll();
      this.thread.finish();
      this.open = false;
    } else {
      this.commit();
    }
    return super.finish();
  }

  override abort(): void {
    if (this.thread) this.thread.abort();
    else if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.open = false;
  }

  private run(sql: string, params: unknown[]): void {
    if (this.thread) return this.thread.statement(sql, params);
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    statement.run(params);
  }

  private flushAll(): void {
    for (const table of TABLES) this.insert[table].flush();
  }

  /** batches.id, like jobs.id, is derived from the run so no lookup is needed. */
  private batchId(index: number): number {
    return jobId(this.runNum, index + 1);
  }

  private writeAttempt(jobId: number, a: AttemptRecord): void {
    const attempts = this.insert.attempts;
    attempts.values.push(jobId, this.runId, a.attempt, a.worker, a.startedAt, a.endedAt, a.outcome, a.error, a.backoffBase, a.backoffDelay, a.backoffFormula);
    attempts.rowDone();
  }

  private counted(rows: number): void {
    this.rowsInChunk += rows;
    if (this.rowsInChunk >= CHUNK_ROWS) {
      this.commit();
      this.begin();
    }
  }

  private begin(): void {
    this.open = true;
    this.rowsInChunk = 0;
    if (this.thread) return; // the writer begins its next chunk itself
    this.db.exec('BEGIN IMMEDIATE');
    // Rows wait in per-table buffers, so an attempt may be written before its
    // job: check the references at COMMIT, when all are in.
    this.db.pragma('defer_foreign_keys = ON');
  }

  private commit(): void {
    if (!this.open) return;
    this.flushAll();
    if (this.thread) this.thread.commit();
    else this.db.exec('COMMIT');
    this.open = false;
  }
}
