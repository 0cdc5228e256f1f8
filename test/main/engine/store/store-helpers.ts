// Real SQLite files in a temp folder, in WAL mode, as live mode uses them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../../../src/main/engine/store/open-database.ts';
import { SqliteQueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import type { EnqueueInput } from '../../../../src/main/engine/store/types.ts';
import type { EventRow } from '../../../../src/main/engine/recorder/event-log-hash.ts';

export type { EventRow };

export interface TempStore {
  dir: string;
  file: string;
  db: DB;
  store: SqliteQueueStore;
  close(): void;
}

const open: TempStore[] = [];

export function tempStore(runId = 'run-1'): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-store-'));
  const file = join(dir, 'lab.db');
  const db = openDatabase(file);
  const store = new SqliteQueueStore(db, runId);
  store.createRun({ id: runId, scenario: 'store test', scenarioJson: '{}', mode: 'live', seed: 42 });
  const t: TempStore = {
    dir, file, db, store,
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  open.push(t);
  return t;
}

/** For afterEach: closes and deletes every store a test opened. */
export function closeAll(): void {
  for (const t of open.splice(0)) t.close();
}

export function job(overrides: Partial<EnqueueInput> = {}): EnqueueInput {
  return { queue: 'default', type: 'work', priority: 10, maxAttempts: 3, now: 0, ...overrides };
}

export const lease = (worker: string, now: number, queues: string[] = ['default'], leaseSeconds: number | null = 30) => ({
  worker, queues, now, leaseSeconds,
});

export function events(db: DB, runId = 'run-1'): EventRow[] {
  return db.prepare('SELECT seq, t, job, kind, from_state, to_state, worker, detail FROM events WHERE run_id = ? ORDER BY seq').all(runId) as EventRow[];
}

export function eventsOf(db: DB, seq: number, runId = 'run-1'): EventRow[] {
  return events(db, runId).filter((e) => e.job === seq);
}

/**
 * The log must tell the whole story: replaying each job's transitions from
 * its events ends in the state the jobs table holds, every transition starts
 * where the previous one ended, and seq runs 1..n with no gap.
 */
export function expectLogMatchesJobs(db: DB, runId = 'run-1'): void {
  const rows = events(db, runId);
  rows.forEach((e, i) => {
    if (e.seq !== i + 1) throw new Error(`event seq ${e.seq} at position ${i + 1}`);
  });
  const state = new Map<number, string>();
  for (const e of rows) {
    if (e.job === null || e.to_state === null) continue;
    const before = state.get(e.job) ?? null;
    if (before !== e.from_state) throw new Error(`job ${e.job}: event ${e.seq} (${e.kind}) leaves ${e.from_state} but the job was ${before}`);
    state.set(e.job, e.to_state);
  }
  const jobs = db.prepare('SELECT seq, state FROM jobs WHERE run_id = ?').all(runId) as { seq: number; state: string }[];
  for (const j of jobs) {
    if (state.get(j.seq) !== j.state) throw new Error(`job ${j.seq} is ${j.state} but its events end in ${state.get(j.seq)}`);
  }
}
