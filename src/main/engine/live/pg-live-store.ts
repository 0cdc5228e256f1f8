// The live run's store on PostgreSQL: PostgresQueueStore's queue operations
// (SKIP LOCKED claims, fenced completes, recovery) plus what live mode needs
// around them (live-store.ts), for a host and workers on many machines. Each
// method is one statement or one transaction on the pool; the events a
// transaction buffers are numbered at COMMIT (pg-database.ts).
import { appendOverloadSamples } from '../store/postgres/overload-samples.ts';
import type { OverloadSample } from '../../../shared/tables/index.ts';
import { callsAfterOne } from '../../../shared/limits/downstream-quota.ts';
import type { AttemptOutcome, JobState } from '../../../shared/job/states.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { DownstreamSummary } from '../../../shared/overload/downstream-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { StoreError } from '../store/open-database.ts';
import { enqueueIn, enqueueManyIn, lockJobNumbers } from '../store/postgres/enqueue.ts';
import { openPostgres } from '../store/postgres/open-postgres.ts';
import { statement, type PgDatabase } from '../store/postgres/pg-database.ts';
import { PostgresQueueStore, type PostgresStoreOptions } from '../store/postgres/postgres-queue-store.ts';
import type { JobCounts, JobTimes, RawEvent, RunReads } from '../store/reads/run-reads.ts';
import type { ClaimOptions } from '../store/types.ts';
import { storedSummary, type StoredSummaryContext } from '../summary/stored-summary.ts';
import type { Arrival, Counts, LiveStore, RunClock, RunEventInput } from './live-store.ts';
import { refusalsSql, refusedFromRows } from './live-downstream.ts';
import { CLOCK_KEY } from './sqlite-live-store.ts';

const RUN_OF = statement('live_run_of', 'SELECT status, mode FROM runs WHERE id = $1');
const RESUME = statement('live_resume', `UPDATE runs SET status = 'running', owner_pid = $2, error = NULL WHERE id = $1`);
const LAST_T = statement('live_last_t', 'SELECT MAX(t) AS t FROM events WHERE run_id = $1');
const QUOTA_READ = statement('live_quota_read', 'SELECT tokens, updated_at FROM rate_limits WHERE run_id = $1 AND queue = $2');
const QUOTA_WRITE = statement(
  'live_quota_write',
  `INSERT INTO rate_limits (run_id, queue, tokens, updated_at) VALUES ($1, $2, $3, $4)
   ON CONFLICT (run_id, queue) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`,
);
// The row lock of FOR UPDATE makes read-then-write one step across worker processes (SQLite's BEGIN IMMEDIATE).
const QUOTA_LOCK = statement('live_quota_lock', 'SELECT tokens, updated_at FROM rate_limits WHERE run_id = $1 AND queue = $2 FOR UPDATE');
const QUOTA_SEED = statement('live_quota_seed', 'INSERT INTO rate_limits (run_id, queue, tokens, updated_at) VALUES ($1, $2, 0, -1) ON CONFLICT DO NOTHING');
const PRODUCERS = statement(
  'live_producers',
  `SELECT (payload::jsonb ->> 'producer')::int AS producer, MAX((payload::jsonb ->> 'n')::int) AS n
     FROM jobs WHERE run_id = $1 AND parent_id IS NULL AND payload LIKE '{"producer":%' GROUP BY 1`,
);
// Both run every few milliseconds through a drain, so each state is asked
// through its own partial index (jobs_claim, jobs_due, jobs_lease): reading
// every row of the run instead made them cost O(jobs) each, O(jobs^2) a drain.
const MOVABLE = statement(
  'live_movable',
  `SELECT EXISTS (SELECT 1 FROM jobs WHERE run_id = $1 AND state = 'pending')
       OR EXISTS (SELECT 1 FROM jobs WHERE run_id = $1 AND state IN ('scheduled', 'retrying'))
       OR EXISTS (SELECT 1 FROM jobs WHERE run_id = $1 AND state = 'processing' AND lease_expires_at IS NOT NULL) AS movable`,
);
const COUNTS = statement(
  'live_counts',
  `SELECT (SELECT COUNT(*) FROM jobs WHERE run_id = $1 AND state = 'pending')
        + (SELECT COUNT(*) FROM jobs WHERE run_id = $1 AND state IN ('scheduled', 'retrying'))
        + (SELECT COUNT(*) FROM jobs WHERE run_id = $1 AND state = 'processing') AS open,
          COALESCE((SELECT MAX(seq) FROM jobs WHERE run_id = $1), 0) AS total,
          (SELECT COUNT(*) FROM jobs WHERE run_id = $1 AND state = 'processing' AND lease_expires_at IS NULL) AS stuck`,
);
const DUE = statement('live_due', `SELECT EXISTS (SELECT 1 FROM jobs WHERE run_id = $1 AND state = 'pending' AND due_at <= $2 AND queue = ANY($3::text[])) AS due`);
const ATTEMPT_BASE = statement('live_attempt_base', 'SELECT attempt_base FROM jobs WHERE id = $1');
const LAST_DELAY = statement(
  'live_last_delay',
  `SELECT backoff_delay FROM attempts WHERE job_id = $1 AND attempt < $2 AND attempt > $3 AND backoff_delay IS NOT NULL
    ORDER BY attempt DESC LIMIT 1`,
);
const REFUSALS = statement('live_refusals', refusalsSql('$1'));
// What the run summary reads (stored-summary.ts), as the SQLite reads give it.
const JOB_TIMES = statement(
  'live_job_times',
  `SELECT state, enqueued_at AS "enqueuedAt", first_claimed_at AS "firstClaimedAt", finished_at AS "finishedAt", completions,
          (SELECT COUNT(*) FROM attempts a WHERE a.job_id = j.id) AS tries
     FROM jobs j WHERE run_id = $1 ORDER BY seq`,
);
const OUTCOMES = statement('live_outcomes', 'SELECT outcome, COUNT(*) AS n FROM attempts WHERE run_id = $1 AND outcome IS NOT NULL GROUP BY outcome');
const STATE_COUNTS = statement('live_state_counts', 'SELECT state, COUNT(*) AS n, SUM(attempt_base + attempts) AS attempts FROM jobs WHERE run_id = $1 GROUP BY state');
const ENDED = statement('live_ended', 'SELECT COUNT(*) AS n, SUM(ended_at - started_at) AS seconds FROM attempts WHERE run_id = $1 AND ended_at IS NOT NULL');
const RAW_EVENTS = statement(
  'live_raw_events',
  'SELECT seq, t, job, kind, from_state, to_state, worker, detail FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
);

type SummaryReads = Pick<RunReads, 'jobTimes' | 'attemptOutcomes' | 'jobCounts' | 'rawEventsAfter'>;

export class PgLiveStore extends PostgresQueueStore implements LiveStore {
  readonly kind = 'postgres';
  readonly location: string;
  readonly holdWriteLock = null;

  constructor(db: PgDatabase, runId: string, options: PostgresStoreOptions = {}) {
    super(db, runId, options);
    this.location = db.url;
  }

  async resumeRun(ownerPid: number): Promise<{ t: number }> {
    const row = (await this.db.q<{ status: string; mode: string }>(RUN_OF, [this.runId]))[0];
    if (!row || row.mode !== 'live' || row.status !== 'interrupted') {
      throw new StoreError(`run ${this.runId} cannot be resumed: ${row ? `it is a ${row.mode} run, ${row.status}` : 'no such run'}`, 2);
    }
    await this.db.run(RESUME, [this.runId, ownerPid]);
    return { t: (await this.db.q<{ t: number | null }>(LAST_T, [this.runId]))[0]?.t ?? 0 };
  }

  async appendRunEvent(e: RunEventInput): Promise<void> {
    await this.db.transaction(this.runId, async (tx) => tx.event({ t: e.t, job: null, kind: e.kind, worker: e.worker, detail: e.detail }));
  }

  async setClock(clock: RunClock): Promise<void> {
    await this.db.run(QUOTA_WRITE, [this.runId, CLOCK_KEY, clock.timeScale, clock.originMs]);
  }

  async readClock(): Promise<RunClock | null> {
    const row = (await this.db.q<{ tokens: number; updated_at: number }>(QUOTA_READ, [this.runId, CLOCK_KEY]))[0];
    return row ? { originMs: row.updated_at, timeScale: row.tokens } : null;
  }

  /** One transaction: plain arrivals in multi-row INSERTs, chains job by job (a child needs its parent's id). */
  async enqueueArrivals(arrivals: readonly Arrival[]): Promise<void> {
    if (arrivals.length === 0) return;
    await this.db.transaction(this.runId, async (tx) => {
      await lockJobNumbers(tx, this.runId);
      if (arrivals.every((a) => a.chain.length === 0)) {
        await enqueueManyIn(tx, this.runId, arrivals.map((a) => a.root));
        return;
      }
      for (const a of arrivals) {
        const root = await enqueueIn(tx, this.runId, a.root);
        if (root.deduplicated) continue;
        let parent = root.jobId;
        for (const child of a.chain) parent = (await enqueueIn(tx, this.runId, { ...child, parentId: parent })).jobId;
      }
    });
  }

  async producerProgress(producers: number): Promise<number[]> {
    const next = new Array<number>(producers).fill(0);
    for (const r of await this.db.q<{ producer: number; n: number }>(PRODUCERS, [this.runId])) if (r.producer < producers) next[r.producer] = r.n + 1;
    return next;
  }

  async settled(): Promise<boolean> {
    return !(await this.db.q<{ movable: boolean }>(MOVABLE, [this.runId]))[0]!.movable;
  }

  async counts(): Promise<Counts> {
    return (await this.db.q<Counts>(COUNTS, [this.runId]))[0]!;
  }

  summary(scenario: Scenario, ctx: StoredSummaryContext): Promise<RunSummary> {
    return storedSummary(this.summaryReads() as RunReads, scenario, ctx);
  }

  async refusedCounts(): Promise<DownstreamSummary['refused']> {
    return refusedFromRows(await this.db.q<{ reason: string; n: string }>(REFUSALS, [this.runId]));
  }

  async hasDueJob(o: ClaimOptions): Promise<boolean> {
    return (await this.db.q<{ due: boolean }>(DUE, [this.runId, o.now, o.queues]))[0]!.due;
  }

  async attemptBase(jobId: number): Promise<number> {
    return (await this.db.q<{ attempt_base: number }>(ATTEMPT_BASE, [jobId]))[0]?.attempt_base ?? 0;
  }

  async lastBackoffDelay(jobId: number, attempt: number, base: number): Promise<number | null> {
    return (await this.db.q<{ backoff_delay: number }>(LAST_DELAY, [jobId, attempt, base]))[0]?.backoff_delay ?? null;
  }

  appendOverloadSamples(rows: readonly OverloadSample[]): Promise<void> {
    return appendOverloadSamples(this.db, this.runId, rows);
  }

  async countDownstreamCall(key: string, window: number): Promise<number> {
    await this.db.run(QUOTA_SEED, [this.runId, key]);
    return this.db.transaction(this.runId, async (tx) => {
      const row = (await tx.q<{ tokens: number; updated_at: number }>(QUOTA_LOCK, [this.runId, key]))[0];
      const used = callsAfterOne(window, row?.updated_at ?? null, row?.tokens ?? 0);
      await tx.q(QUOTA_WRITE, [this.runId, key, used, window]);
      return used;
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** The four reads the run summary makes, on this database. */
  private summaryReads(): SummaryReads {
    const { db } = this;
    return {
      jobTimes: (runId) => db.q<JobTimes>(JOB_TIMES, [runId]),
      attemptOutcomes: async (runId) =>
        Object.fromEntries((await db.q<{ outcome: AttemptOutcome; n: number }>(OUTCOMES, [runId])).map((r) => [r.outcome, r.n])),
      jobCounts: async (runId) => {
        const byState: Record<JobState, number> = { scheduled: 0, pending: 0, processing: 0, succeeded: 0, retrying: 0, dead: 0, cancelled: 0 };
        const counts: JobCounts = { byState, attemptsOfSucceeded: 0, endedAttempts: 0, attemptSeconds: 0 };
        for (const row of await db.q<{ state: JobState; n: number; attempts: number }>(STATE_COUNTS, [runId])) {
          byState[row.state] = row.n;
          if (row.state === 'succeeded') counts.attemptsOfSucceeded = row.attempts;
        }
        const e = (await db.q<{ n: number; seconds: number | null }>(ENDED, [runId]))[0];
        counts.endedAttempts = e?.n ?? 0;
        counts.attemptSeconds = e?.seconds ?? 0;
        return counts;
      },
      rawEventsAfter: async (runId, afterSeq, limit) =>
        (await db.q<{ seq: number; t: number; job: number | null; kind: RawEvent[3]; from_state: JobState | null; to_state: JobState | null; worker: string | null; detail: string | null }>(
          RAW_EVENTS, [runId, afterSeq, limit],
        )).map((r): RawEvent => [r.seq, r.t, r.job, r.kind, r.from_state, r.to_state, r.worker, r.detail]),
    };
  }
}

/** Opens the run's store on the server at `url` (creating or upgrading the schema); a worker needs a small pool. */
export async function openPgLiveStore(url: string, runId: string, options: PostgresStoreOptions & { max?: number } = {}): Promise<PgLiveStore> {
  const db = await openPostgres(url, { max: options.max ?? 3 });
  return new PgLiveStore(db, runId, options);
}

/** runLive's `store` option for a server, and the one call that closes what it opened (the caller's to make). */
export function pgLiveStores(url: string, options: PostgresStoreOptions = {}): { open: (runId: string) => Promise<PgLiveStore>; closeAll: () => Promise<void> } {
  const opened: PgLiveStore[] = [];
  return {
    open: async (runId) => {
      const store = await openPgLiveStore(url, runId, options);
      opened.push(store);
      return store;
    },
    closeAll: async () => {
      for (const store of opened.splice(0)) await store.close();
    },
  };
}
