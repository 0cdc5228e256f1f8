// The row-writer thread must leave exactly the file the direct path leaves:
// every table, row for row and value for value (types included), the same
// summary and event-log hash; and a failure on the thread must fail the run
// the way a failure on the simulation thread does.
import { afterEach, describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import type { DB } from '../../../../src/main/engine/store/open-database.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { cleanup, recorderCoverage, scenario, tempDb } from '../instant/run-helpers.ts';

afterEach(cleanup);

const TABLES = ['runs', 'jobs', 'attempts', 'events', 'dead_jobs', 'batches', 'workers', 'metric_snapshots'];

/** Every row of every table of the run, each value quoted by SQLite (so 3 and 3.0 differ), in a stable order. */
function dump(db: DB, runId: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !['created_at', 'finished_at', 'owner_pid', 'summary_json', 'store_level'].includes(c) || table !== 'runs');
    const key = table === 'runs' ? 'id' : 'run_id';
    out[table] = db
      .prepare(`SELECT ${columns.map((c) => `quote(${c})`).join(" || ',' || ")} FROM ${table} WHERE ${key} = ? ORDER BY 1`)
      .pluck()
      .all(runId) as string[];
  }
  return out;
}

/** The recorder tests' coverage scenario, 5 times the jobs (the thread path starts at 20k), plus double processing (late attempts). */
const busy: ScenarioInput = {
  ...recorderCoverage,
  name: 'writer thread coverage',
  producers: recorderCoverage.producers!.map((p) => ({ ...p, count: p.count! * 5 })),
  faults: [...recorderCoverage.faults!, { kind: 'unsafeClaim', window: 0.2 }],
};

describe('the row-writer thread', () => {
  it('writes exactly the rows of the direct path, with the same summary and event-log hash', () => {
    const sc = scenario(busy);
    const direct = tempDb();
    const threaded = tempDb();
    const a = runInstant(sc, { db: direct.db, runId: 'same', writer: 'direct' });
    const b = runInstant(sc, { db: threaded.db, runId: 'same', writer: 'thread' });
    // The run covers what it claims to: late attempts of double processing, dead letters, batches.
    expect(a.duplicates).toBeGreaterThan(0);
    expect(a.jobs.dead).toBeGreaterThan(0);
    expect({ ...b, wall_s: 0 }).toEqual({ ...a, wall_s: 0 });
    const rows = dump(threaded.db, 'same');
    expect(rows.events!.length).toBe(a.events);
    expect(rows).toEqual(dump(direct.db, 'same'));
    expect(threaded.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('a failure on the thread fails the run with the reason; committed chunks stay consistent, the open one is rolled back', () => {
    const { db } = tempDb();
    // The writer's INSERT of event 300,000 fails (after the first chunk of 200,000 rows was committed).
    db.exec("CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.seq = 300000 BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    const sc = scenario({
      seed: 2,
      jobTypes: { work: { duration: { kind: 'constant', value: 0.01 } } },
      producers: [{ count: 150_000, arrival: { kind: 'constant', rate: 200 } }],
      workers: { count: 4 },
    });
    expect(() => runInstant(sc, { db, runId: 'broken', writer: 'thread' })).toThrow(/writing the run's rows failed: disk says no/);
    const row = db.prepare('SELECT status, error FROM runs WHERE id = ?').get('broken') as { status: string; error: string };
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/disk says no/);
    expect(db.inTransaction).toBe(false);
    const events = db.prepare('SELECT COUNT(*) FROM events WHERE run_id = ?').pluck().get('broken') as number;
    expect(events).toBeGreaterThan(0);
    expect(events).toBeLessThan(300_000);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The file takes the next run.
    db.exec('DROP TRIGGER boom');
    expect(runInstant(scenario({ producers: [{ count: 10, arrival: { kind: 'all-at-once' } }] }), { db, writer: 'thread' }).status).toBe('completed');
  });
});
