// The live run's store on the embedded SQLite file: the queue operations of
// SqliteQueueStore plus what live mode needs around them (live-store.ts).
// Everything answers synchronously; the arrivals of a producer tick go into
// one write transaction, as before the store had an interface.
import { callsAfterOne } from '../../../shared/limits/downstream-quota.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { DownstreamSummary } from '../../../shared/overload/downstream-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { prepareAppendEvent, type AppendEvent } from '../store/events.ts';
import { prepareAppendOverloadSamples } from '../store/overload-samples.ts';
import type { OverloadSample } from '../../../shared/tables/index.ts';
import { StoreError, type DB } from '../store/open-database.ts';
import { SqliteQueueStore } from '../store/queue-store.ts';
import type { ClaimOptions } from '../store/types.ts';
import { sqliteRunReads } from '../store/reads/sqlite-run-reads.ts';
import { storedSummary, type StoredSummaryContext } from '../summary/stored-summary.ts';
import type { Arrival, Counts, LiveStore, RunClock, RunEventInput } from './live-store.ts';
import { refusalsSql, refusedFromRows } from './live-downstream.ts';
import { RunProgress } from './run-progress.ts';

/** rate_limits.queue of the run's clock row (tokens: time scale, updated_at: origin ms); `~` keeps it apart from queue names. */
export const CLOCK_KEY = '~clock';

export class SqliteLiveStore extends SqliteQueueStore implements LiveStore {
  readonly kind = 'sqlite';
  readonly location: string;
  private readonly append: AppendEvent;
  private readonly progressReads: RunProgress;
  private readonly attemptBaseOf;
  private readonly lastDelayOf;
  private readonly downstreamCall: (key: string, window: number) => number;
  private readonly clockRead;
  private readonly clockWrite;
  private readonly appendSamples: (rows: readonly OverloadSample[]) => void;

  constructor(db: DB, runId: string) {
    super(db, runId);
    this.location = db.name;
    this.append = prepareAppendEvent(db, runId);
    this.appendSamples = prepareAppendOverloadSamples(db, runId);
    this.progressReads = new RunProgress(db, runId);
    this.attemptBaseOf = db.prepare<[number], number>('SELECT attempt_base FROM jobs WHERE id = ?').pluck();
    this.lastDelayOf = db
      .prepare<[number, number, number], number>(
        `SELECT backoff_delay FROM attempts
          WHERE job_id = ? AND attempt < ? AND attempt > ? AND backoff_delay IS NOT NULL
          ORDER BY attempt DESC LIMIT 1`,
      )
      .pluck();
    const quotaRead = db.prepare<[string, string], { tokens: number; updated_at: number }>('SELECT tokens, updated_at FROM rate_limits WHERE run_id = ? AND queue = ?');
    const quotaWrite = db.prepare(
      `INSERT INTO rate_limits (run_id, queue, tokens, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, queue) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`,
    );
    // tokens holds the calls made in the window whose number is in updated_at.
    const callTx = db.transaction((key: string, window: number): number => {
      const row = quotaRead.get(runId, key);
      const used = callsAfterOne(window, row?.updated_at ?? null, row?.tokens ?? 0);
      quotaWrite.run(runId, key, used, window);
      return used;
    });
    this.downstreamCall = (key, window) => callTx.immediate(key, window);
    this.clockRead = db.prepare<[string, string], { tokens: number; updated_at: number }>('SELECT tokens, updated_at FROM rate_limits WHERE run_id = ? AND queue = ?');
    this.clockWrite = quotaWrite;
  }

  resumeRun(ownerPid: number): { t: number } {
    const { db, runId } = this;
    const row = db.prepare<[string], { status: string; mode: string }>('SELECT status, mode FROM runs WHERE id = ?').get(runId);
    if (!row || row.mode !== 'live' || row.status !== 'interrupted') {
      throw new StoreError(`run ${runId} cannot be resumed: ${row ? `it is a ${row.mode} run, ${row.status}` : 'no such run'}`, 2);
    }
    db.prepare(`UPDATE runs SET status = 'running', owner_pid = ?, error = NULL WHERE id = ?`).run(ownerPid, runId);
    const t = db.prepare<[string], { t: number | null }>('SELECT MAX(t) AS t FROM events WHERE run_id = ?').get(runId)?.t ?? 0;
    return { t };
  }

  appendRunEvent(e: RunEventInput): void {
    this.db.transaction(() => this.append({ t: e.t, job: null, kind: e.kind, worker: e.worker, detail: e.detail })).immediate();
  }

  setClock(clock: RunClock): void {
    this.clockWrite.run(this.runId, CLOCK_KEY, clock.timeScale, clock.originMs);
  }

  readClock(): RunClock | null {
    const row = this.clockRead.get(this.runId, CLOCK_KEY);
    return row ? { originMs: row.updated_at, timeScale: row.tokens } : null;
  }

  enqueueArrivals(arrivals: readonly Arrival[]): void {
    this.enqueueInBulk(() => {
      for (const a of arrivals) {
        const root = this.enqueue(a.root);
        if (root.deduplicated) continue;
        let parent = root.jobId;
        for (const child of a.chain) parent = this.enqueue({ ...child, parentId: parent }).jobId;
      }
    });
  }

  producerProgress(producers: number): number[] {
    const rows = this.db
      .prepare<[string], { producer: number; n: number }>(
        `SELECT payload ->> '$.producer' AS producer, MAX(payload ->> '$.n') AS n
           FROM jobs WHERE run_id = ? AND parent_id IS NULL AND json_valid(payload) GROUP BY 1`,
      )
      .all(this.runId);
    const next = new Array<number>(producers).fill(0);
    for (const r of rows) if (r.producer < producers) next[r.producer] = r.n + 1;
    return next;
  }

  settled(): boolean {
    return this.progressReads.settled();
  }

  counts(): Counts {
    return this.progressReads.counts();
  }

  summary(scenario: Scenario, ctx: StoredSummaryContext): Promise<RunSummary> {
    return storedSummary(sqliteRunReads(this.db), scenario, ctx);
  }

  refusedCounts(): DownstreamSummary['refused'] {
    return refusedFromRows(this.db.prepare<[string], { reason: string; n: number }>(refusalsSql('?')).all(this.runId));
  }

  readonly holdWriteLock = (holdMs: number): void => {
    this.db.exec('BEGIN IMMEDIATE');
    const until = Date.now() + holdMs;
    while (Date.now() < until) {
      // Holding the lock is the point: a busy wait keeps it without yielding.
    }
    this.db.exec('COMMIT');
  };

  hasDueJob(options: ClaimOptions): boolean {
    return this.unsafeRead(options) !== null;
  }

  attemptBase(jobId: number): number {
    return this.attemptBaseOf.get(jobId) ?? 0;
  }

  lastBackoffDelay(jobId: number, attempt: number, base: number): number | null {
    return this.lastDelayOf.get(jobId, attempt, base) ?? null;
  }

  appendOverloadSamples(rows: readonly OverloadSample[]): void {
    this.appendSamples(rows);
  }

  countDownstreamCall(key: string, window: number): number {
    return this.downstreamCall(key, window);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
