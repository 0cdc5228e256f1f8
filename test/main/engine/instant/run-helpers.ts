// Helpers for instant-run tests: scenarios through the real validator, real
// SQLite files in a fresh temp folder per test, and typed reads of the tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import { openDatabase, type DB } from '../../../../src/main/engine/store/open-database.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import type { Scenario, ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';
import type { EventRow } from '../../../../src/main/engine/recorder/event-log-hash.ts';

export type { EventRow };

/** A scenario as a user would write it, validated (schema and cross-checks); throws with every issue. */
export function scenario(input: ScenarioInput): Scenario {
  const result = validateScenario(input);
  if (!result.ok) throw new Error(`invalid test scenario: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return result.scenario;
}

const openDirs: { dir: string; dbs: DB[] }[] = [];

/** A lab database in its own fresh temp folder. */
export function tempDb(): { db: DB; file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-instant-'));
  const file = join(dir, 'lab.db');
  const db = openDatabase(file);
  openDirs.push({ dir, dbs: [db] });
  return { db, file, dir };
}

/** For afterEach: closes every database and deletes every folder the test made. */
export function cleanup(): void {
  for (const { dir, dbs } of openDirs.splice(0)) {
    for (const db of dbs) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface JobRow {
  id: number;
  seq: number;
  queue: string;
  type: string;
  state: string;
  priority: number;
  attempts: number;
  max_attempts: number;
  idempotency_key: string | null;
  enqueued_at: number;
  due_at: number;
  first_claimed_at: number | null;
  finished_at: number | null;
  parent_id: number | null;
  batch_id: number | null;
  last_error: string | null;
  cancel_reason: string | null;
  completions: number;
}

export interface AttemptRow {
  job: number; // jobs.seq
  job_id: number;
  attempt: number;
  worker: string | null;
  started_at: number;
  ended_at: number | null;
  outcome: string | null;
  error: string | null;
  backoff_base: number | null;
  backoff_delay: number | null;
  backoff_formula: string | null;
}

export interface DeadRow {
  job_id: number;
  queue: string;
  type: string;
  attempts: number;
  errors: string;
  reason: string;
  died_at: number;
}

export interface BatchRow {
  id: number;
  size: number;
  succeeded: number;
  dead: number;
  cancelled: number;
  outcome: string | null;
  finished_at: number | null;
}

export class StoredRun {
  constructor(
    readonly db: DB,
    readonly summary: RunSummary,
  ) {}

  get runId(): string {
    return this.summary.run_id;
  }

  events(): EventRow[] {
    return this.db
      .prepare('SELECT seq, t, job, kind, from_state, to_state, worker, detail FROM events WHERE run_id = ? ORDER BY seq')
      .all(this.runId) as EventRow[];
  }

  eventsOf(kind: string): EventRow[] {
    return this.events().filter((e) => e.kind === kind);
  }

  jobs(): JobRow[] {
    return this.db.prepare('SELECT * FROM jobs WHERE run_id = ? ORDER BY seq').all(this.runId) as JobRow[];
  }

  job(seq: number): JobRow {
    const row = this.db.prepare('SELECT * FROM jobs WHERE run_id = ? AND seq = ?').get(this.runId, seq) as JobRow | undefined;
    if (!row) throw new Error(`no job ${seq}`);
    return row;
  }

  attempts(): AttemptRow[] {
    return this.db
      .prepare(
        `SELECT j.seq AS job, a.job_id, a.attempt, a.worker, a.started_at, a.ended_at, a.outcome, a.error,
                a.backoff_base, a.backoff_delay, a.backoff_formula
         FROM attempts a JOIN jobs j ON j.id = a.job_id WHERE a.run_id = ? ORDER BY j.seq, a.attempt`,
      )
      .all(this.runId) as AttemptRow[];
  }

  attemptsOf(seq: number): AttemptRow[] {
    return this.attempts().filter((a) => a.job === seq);
  }

  dead(): DeadRow[] {
    return this.db.prepare('SELECT * FROM dead_jobs WHERE run_id = ? ORDER BY job_id').all(this.runId) as DeadRow[];
  }

  batches(): BatchRow[] {
    return this.db.prepare('SELECT * FROM batches WHERE run_id = ? ORDER BY id').all(this.runId) as BatchRow[];
  }
}

/** Runs a scenario with store full into a fresh database. */
export function runStored(input: ScenarioInput): StoredRun {
  const { db } = tempDb();
  const summary = runInstant(scenario(input), { db, store: 'full' });
  return new StoredRun(db, summary);
}

/** Runs with nothing stored. */
export function runBare(input: ScenarioInput): RunSummary {
  return runInstant(scenario(input), { store: 'none' });
}

/** Groups rows by a key, keeping order. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Replays the event log into each job's state, checking that every transition starts where the last ended. */
export function replayStates(events: readonly EventRow[]): Map<number, string> {
  const state = new Map<number, string>();
  for (const e of events) {
    if (e.job === null || e.to_state === null) continue;
    const before = state.get(e.job) ?? null;
    if (before !== e.from_state) {
      throw new Error(`job ${e.job}: event ${e.seq} (${e.kind} ${e.from_state}->${e.to_state}) but the job was ${before}`);
    }
    state.set(e.job, e.to_state);
  }
  return state;
}

/** Chains, batches, deaths, timeouts, a crash, a hang, an outage, idempotency: most kinds of rows. */
export const recorderCoverage: ScenarioInput = {
  name: 'recorder coverage',
  seed: 99,
  queues: [
    { name: 'high', priority: 1 },
    { name: 'low', priority: 10 },
  ],
  jobTypes: {
    a: { duration: { kind: 'exponential', mean: 0.5 }, failureRate: 0.3, timeout: 1.5 },
    b: { duration: { kind: 'uniform', min: 0.1, max: 0.5 }, failureRate: 0.1 },
  },
  producers: [
    { queue: 'high', jobType: 'a', count: 400, arrival: { kind: 'poisson', rate: 4 }, then: ['b'] },
    { queue: 'low', jobType: 'b', count: 300, arrival: { kind: 'burst', size: 30, every: 10 }, batch: { size: 7 } },
    { queue: 'low', jobType: 'a', count: 100, arrival: { kind: 'poisson', rate: 1 }, duplicateRate: 0.2 },
  ],
  workers: { count: 4, concurrency: 2, restartDelay: 1 },
  retry: { maxAttempts: 3, backoff: { kind: 'exponential', initial: 0.5, factor: 2, max: 10 }, jitter: 'equal' },
  visibilityTimeout: 8,
  heartbeatInterval: 2,
  faults: [
    { kind: 'workerCrash', at: 20.5, worker: 1 },
    { kind: 'workerHang', at: 40, worker: 3, duration: 20 },
    { kind: 'outage', jobType: 'b', from: 30, to: 45 },
    { kind: 'poison', jobType: 'b', fraction: 0.02 },
  ],
};
