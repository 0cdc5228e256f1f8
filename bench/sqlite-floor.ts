// How fast can the rows of a stored M/M/4 run go into SQLite at all, with no
// simulation? The rows of an N-job run: N jobs, N attempts, 3N events, each
// row shaped like the ones the recorder writes. They are inserted twice:
//   1. from JS, through the recorder's own BulkInsert (64-row INSERTs, chunked
//      transactions), the path a stored run takes;
//   2. by SQLite alone (INSERT ... SELECT over a recursive CTE), with no
//      values crossing from JS: the floor for this schema on this machine.
// Both use a fresh file from openDatabase, so the schema, indexes and pragmas
// are the app's. Used in the "What limits it" notes of RESULTS.md, and run by
// bench/instant-vs-simpy.ts as the floor of the stored whole command.
// The rows follow COLUMNS (table-columns.ts): a column added there needs its
// value here too.
//
//   node bin/run-ts.mjs bench/sqlite-floor.ts [--jobs 200k]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkInsert } from '../src/main/engine/recorder/bulk-insert.ts';
import { COLUMNS } from '../src/main/engine/recorder/table-columns.ts';
import { openDatabase, type DB } from '../src/main/engine/store/open-database.ts';
import { arg, parseCount } from './lib/mm4.ts';

const N = parseCount(arg(process.argv.slice(2), 'jobs', '200000'));
const RUN_NUM = 1;
const BASE = RUN_NUM * 2 ** 32;
const CHUNK_JOBS = 40_000;

function withFreshDb(body: (db: DB) => void): void {
  const file = join(tmpdir(), `queue-lab-floor-${process.pid}-${Date.now()}.db`);
  const db = openDatabase(file);
  try {
    db.prepare(
      `INSERT INTO runs (id, num, scenario, scenario_json, mode, seed, status, store_level, created_at)
       VALUES ('r', ?, 'floor', '{}', 'instant', 1, 'running', 'full', ?)`,
    ).run(RUN_NUM, new Date().toISOString());
    body(db);
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

function report(label: string, seconds: number): void {
  const rows = 5 * N;
  console.log(
    `${label.padEnd(48)} ${seconds.toFixed(3).padStart(7)} s  ${((seconds / N) * 1e6).toFixed(2).padStart(6)} us/job  ${((seconds / rows) * 1e6).toFixed(2)} us/row`,
  );
}

console.log(`rows of a ${N.toLocaleString('en-US')}-job stored run: ${N} jobs + ${N} attempts + ${3 * N} events`);

withFreshDb((db) => {
  const jobs = new BulkInsert(db, 'jobs', COLUMNS.jobs);
  const attempts = new BulkInsert(db, 'attempts', COLUMNS.attempts);
  const events = new BulkInsert(db, 'events', COLUMNS.events);
  const kinds = ['enqueued', 'claimed', 'succeeded'] as const;
  const started = performance.now();
  db.exec('BEGIN IMMEDIATE');
  db.pragma('defer_foreign_keys = ON');
  for (let i = 1; i <= N; i++) {
    const t = i * 0.3;
    jobs.values.push(BASE + i, 'r', i, 'default', 'work', 'succeeded', 10, 1, 3, null, null, t, t, t + 0.5, t + 1.5, null, null, null, null, 1, null);
    jobs.rowDone();
    attempts.values.push(BASE + i, 'r', 1, 'worker-1', t + 0.5, t + 1.5, 'succeeded', null, null, null, null);
    attempts.rowDone();
    for (let k = 0; k < 3; k++) {
      events.values.push('r', 3 * i + k, t + k * 0.5, i, kinds[k], null, 'pending', 'worker-1', null, k === 2 ? 'succeeded' : null, null);
      events.rowDone();
    }
    if (i % CHUNK_JOBS === 0 || i === N) {
      jobs.flush();
      attempts.flush();
      events.flush();
      db.exec('COMMIT');
      if (i < N) {
        db.exec('BEGIN IMMEDIATE');
        db.pragma('defer_foreign_keys = ON');
      }
    }
  }
  report('from JS through BulkInsert (the run\'s path)', (performance.now() - started) / 1000);
});

withFreshDb((db) => {
  const series = (n: number): string => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
  const started = performance.now();
  db.exec(`BEGIN;
    ${series(N)} INSERT INTO jobs (${COLUMNS.jobs.join(', ')})
      SELECT ${BASE} + i, 'r', i, 'default', 'work', 'succeeded', 10, 1, 3, NULL, NULL,
             i * 0.3, i * 0.3, i * 0.3 + 0.5, i * 0.3 + 1.5, NULL, NULL, NULL, NULL, 1, NULL FROM n;
    ${series(N)} INSERT INTO attempts (${COLUMNS.attempts.join(', ')})
      SELECT ${BASE} + i, 'r', 1, 'worker-1', i * 0.3 + 0.5, i * 0.3 + 1.5, 'succeeded', NULL, NULL, NULL, NULL FROM n;
    ${series(3 * N)} INSERT INTO events (${COLUMNS.events.join(', ')})
      SELECT 'r', i, i * 0.1, i / 3, CASE i % 3 WHEN 0 THEN 'enqueued' WHEN 1 THEN 'claimed' ELSE 'succeeded' END,
             NULL, 'pending', 'worker-1', NULL, CASE i % 3 WHEN 2 THEN 'succeeded' END, NULL FROM n;
    COMMIT;`);
  report('SQLite alone (INSERT ... SELECT, no JS values)', (performance.now() - started) / 1000);
});
