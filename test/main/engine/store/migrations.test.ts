// A lab file written before events had outcome and reason columns (schema 2)
// opens, is migrated in place, keeps every row, and new events fill the columns.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../src/main/engine/store/migrations.ts';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import { SqliteQueueStore } from '../../../../src/main/engine/store/queue-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function schema2File(): string {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-migrate-'));
  dirs.push(dir);
  const file = join(dir, 'old.db');
  const db = new Database(file);
  db.exec(MIGRATIONS[0]!);
  db.exec(MIGRATIONS[1]!);
  db.pragma('user_version = 2');
  db.prepare(`INSERT INTO runs (id, num, scenario, scenario_json, mode, seed, status, created_at) VALUES ('old', 1, 's', '{}', 'live', 1, 'completed', 'x')`).run();
  db.prepare(`INSERT INTO events (run_id, seq, t, job, kind, from_state, to_state, worker, detail)
              VALUES ('old', 1, 2.5, 1, 'failed', 'processing', 'retrying', 'w1', 'timeout: slow; retry in fixed 1 s')`).run();
  db.close();
  return file;
}

describe('migration 3: events.outcome, events.reason, jobs.draw_key', () => {
  it('adds the columns to an old file and keeps its rows (their new columns NULL)', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const db = openDatabase(schema2File());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const columns = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('events')).toEqual(expect.arrayContaining(['outcome', 'reason', 'detail']));
    expect(columns('jobs')).toContain('draw_key');
    expect(db.prepare(`SELECT detail, outcome, reason FROM events WHERE run_id = 'old'`).get()).toEqual({
      detail: 'timeout: slow; retry in fixed 1 s', outcome: null, reason: null,
    });
    db.close();
  });

  it('a migrated file takes new events with their outcome and reason, and rejects an unknown outcome', () => {
    const db = openDatabase(schema2File());
    const store = new SqliteQueueStore(db, 'new');
    store.createRun({ id: 'new', scenario: 's', scenarioJson: '{}', mode: 'live', seed: 1 });
    const { jobId } = store.enqueue({ queue: 'q', type: 't', priority: 1, maxAttempts: 1, now: 0, drawKey: 5 });
    const job = store.claim({ worker: 'w', queues: ['q'], now: 0, leaseSeconds: 10 })!;
    expect(job.drawKey).toBe(5);
    store.fail(jobId, 'w', 1, { outcome: 'timeout', error: 'slow', now: 1, retry: null, cause: 'timeout' });
    expect(db.prepare(`SELECT kind, outcome, reason FROM events WHERE run_id = 'new' AND kind = 'dead'`).get()).toEqual({
      kind: 'dead', outcome: 'timeout', reason: 'attempts_exhausted',
    });
    expect(() => db.prepare(`INSERT INTO events (run_id, seq, t, kind, outcome) VALUES ('new', 99, 0, 'failed', 'exploded')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
