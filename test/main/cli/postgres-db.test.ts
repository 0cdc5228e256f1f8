// `--db postgres://...` (and QUEUE_LAB_DB) through the real command: a report
// of a run stored on PostgreSQL, and every kind of bad input answered with one
// line, the right exit code and nothing half-written. A throwaway cluster
// (tests fail if it cannot start).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/engine/store/open-database.ts';
import { openPostgres } from '../../../src/main/engine/store/postgres/open-postgres.ts';
import { PostgresQueueStore } from '../../../src/main/engine/store/postgres/postgres-queue-store.ts';
import { SqliteQueueStore, type QueueStore } from '../../../src/main/engine/store/queue-store.ts';
import { PASSWORD_USER, startPostgresCluster, type PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { postgresRunReads } from '../../../src/main/engine/store/postgres/pg-run-reads.ts';
import type { RunReads } from '../../../src/main/engine/store/reads/run-reads.ts';
import { sqliteRunReads } from '../../../src/main/engine/store/reads/sqlite-run-reads.ts';
import { storedSummary } from '../../../src/main/engine/summary/stored-summary.ts';
import { loadScenarioFile } from '../../../src/main/scenario/load-scenario-file.ts';
import { cli, DESIGN_EXAMPLE, makeSandbox, type Sandbox, expectOneLine } from './cli-helpers.ts';

let cluster: PostgresCluster;
let sandbox: Sandbox;
beforeAll(async () => {
  cluster = await startPostgresCluster();
  sandbox = makeSandbox('pg-cli');
});
afterAll(async () => {
  sandbox?.cleanup();
  await cluster?.stop();
});


async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).rows.map((r) => r.t);
  } finally {
    await client.end();
  }
}

/** A small stored run (successes, deaths), its summary computed through the store's own RunReads. */
async function storeRun(store: QueueStore, reads: RunReads): Promise<void> {
  const loaded = await loadScenarioFile(DESIGN_EXAMPLE);
  if (!loaded.ok) throw new Error('design example does not load');
  const scenario = { ...loaded.scenario, name: 'pg report' };
  await store.createRun({ id: 'pgrun01', scenario: 'pg report', scenarioJson: JSON.stringify(scenario), mode: 'live', seed: 3, createdAt: '2026-12-05T00:00:00.000Z' });
  for (let i = 0; i < 6; i++) await store.enqueue({ queue: 'q', type: 't', priority: 10, maxAttempts: 2, now: i });
  for (let t = 10; t < 16; t++) {
    const c = (await store.claim({ worker: 'w1', queues: ['q'], now: t, leaseSeconds: 30 }))!;
    if (c.seq % 3 === 0) await store.fail(c.jobId, 'w1', c.attempt, { outcome: 'failed', error: 'boom', now: t + 0.5, retry: null });
    else await store.complete(c.jobId, 'w1', c.attempt, t + 0.5);
  }
  const summary = await storedSummary(reads, scenario, { runId: 'pgrun01', mode: 'live', wallSeconds: 1, status: 'completed' });
  await store.finishRun('pgrun01', 'completed', summary, 16);
}

describe('queue-lab report --db postgres://', () => {
  it('writes the same report of a run stored on PostgreSQL as of the same run in a SQLite file', async () => {
    const url = await cluster.createDatabase('reports');
    const db = await openPostgres(url);
    await storeRun(new PostgresQueueStore(db, 'pgrun01'), postgresRunReads(db));
    await db.close();
    const file = join(sandbox.dir, 'same.db');
    const sqlite = openDatabase(file);
    await storeRun(new SqliteQueueStore(sqlite, 'pgrun01'), sqliteRunReads(sqlite));
    sqlite.close();

    const fromPg = cli(sandbox, ['report', 'pgrun01', '--db', url, '--out', join(sandbox.dir, 'pg.json')]);
    expect(fromPg.status, fromPg.stderr).toBe(0);
    const fromFile = cli(sandbox, ['report', 'pgrun01', '--db', file, '--out', join(sandbox.dir, 'file.json')]);
    expect(fromFile.status, fromFile.stderr).toBe(0);
    const read = (name: string) => JSON.parse(readFileSync(join(sandbox.dir, name), 'utf8').replaceAll(url, 'DB').replaceAll(file, 'DB'));
    const pgReport = read('pg.json');
    const fileReport = read('file.json');
    expect(JSON.stringify(pgReport)).toContain('boom');
    for (const r of [pgReport, fileReport]) {
      delete r.generatedAt;
      delete r.run.finishedAt; // wall clock
    }
    expect(pgReport).toEqual(fileReport);

    // QUEUE_LAB_DB names the server when --db is not given.
    const viaEnv = cli(sandbox, ['report', 'pgrun01', '--out', join(sandbox.dir, 'env.html')], { env: { ...sandbox.env, QUEUE_LAB_DB: url } });
    expect(viaEnv.status, viaEnv.stderr).toBe(0);
    expect(readFileSync(join(sandbox.dir, 'env.html'), 'utf8')).toContain('pg report');
  });
});

describe('queue-lab run --mode live --db postgres://', () => {
  it('runs a live run on the server (either claim strategy), with its report, every job accounted for', async () => {
    const url = await cluster.createDatabase('live_cli');
    const scenario = join(sandbox.dir, 'small-live.yaml');
    writeFileSync(scenario, [
      'name: small live', 'seed: 5', 'jobTypes:', '  work: { duration: { kind: constant, value: 0.05 }, failureRate: 0.2 }',
      'producers:', '  - { count: 60, arrival: { kind: poisson, rate: 40 } }', 'workers: { count: 2 }',
      'retry: { maxAttempts: 3, backoff: { kind: fixed, initial: 0.2 }, jitter: none }', '',
    ].join('\n'));
    for (const claim of ['skipLocked', 'forUpdate']) {
      const out = join(sandbox.dir, `live-${claim}.html`);
      const r = cli(sandbox, ['run', scenario, '--mode', 'live', '--time-scale', '0.05', '--db', url, '--claim', claim, '--json', '--report', out], { timeoutMs: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { run_id: string; mode: string; jobs: { total: number; succeeded: number; dead: number }; lost: number; duplicates: number };
      expect(summary).toMatchObject({ mode: 'live', lost: 0, duplicates: 0 });
      expect(summary.jobs.total).toBe(60);
      expect(summary.jobs.succeeded + summary.jobs.dead).toBe(60);
      expect(readFileSync(out, 'utf8')).toContain('small live');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const rows = (await client.query(`SELECT state, count(*)::int AS n FROM jobs WHERE run_id = $1 GROUP BY 1 ORDER BY 1`, [summary.run_id])).rows;
      await client.end();
      expect(rows.reduce((n: number, row: { n: number }) => n + row.n, 0)).toBe(60);
      expect(rows.find((row: { state: string }) => row.state === 'succeeded')?.n).toBe(summary.jobs.succeeded);
    }
  });

  it('refuses --claim without PostgreSQL, or with an unknown strategy', () => {
    expectOneLine(cli(sandbox, ['run', 'x.yaml', '--mode', 'live', '--claim', 'skipLocked', '--db', join(sandbox.dir, 'a.db')]), 2, /--claim is for live runs on PostgreSQL/);
    expectOneLine(cli(sandbox, ['run', 'x.yaml', '--mode', 'live', '--claim', 'nolock', '--db', cluster.url]), 2, /--claim: expected skipLocked or forUpdate, got "nolock"/);
  });
});

describe('bad --db input: one line, exit 2 (what was typed) or 1 (the server), nothing half-written', () => {
  const report = (db: string) => cli(sandbox, ['report', 'r1', '--db', db, '--out', join(sandbox.dir, 'x.html')]);

  it('a malformed URL, or another scheme', () => {
    expectOneLine(report('postgres://127.0.0.1:99999/db'), 2, /--db postgres:\/\/127\.0\.0\.1:99999\/db: not a valid URL; expected postgres:\/\/user\[:password\]@host\[:port\]\/dbname/);
    expectOneLine(report('postgres://127.0.0.1:5432'), 2, /no database name/);
    expectOneLine(report('postgres:///db'), 2, /no host/);
    expectOneLine(report('mysql://127.0.0.1/db'), 2, /unknown scheme mysql:\/\//);
    const secret = report('postgres://user:secret@:5432/db');
    expectOneLine(secret, 2, /postgres:\/\/user:\*\*\*@:5432\/db: not a valid URL/);
    expect(secret.stderr).not.toContain('secret');
  });

  it('a refused connection', async () => {
    const stopped = await startPostgresCluster({ database: 'gone' });
    const url = stopped.url;
    await stopped.stop();
    expectOneLine(report(url), 1, new RegExp(`cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${new URL(url).port}/gone: connection refused`));
  });

  it('wrong credentials, a missing password, a database that does not exist', () => {
    const wrong = cluster.urlFor(cluster.database, { user: PASSWORD_USER.user, password: 'wrong-one' });
    const r = report(wrong);
    expectOneLine(r, 2, new RegExp(`refused user ${PASSWORD_USER.user}: wrong password`));
    expect(r.stderr).not.toContain('wrong-one');
    expectOneLine(report(cluster.urlFor(cluster.database, { user: PASSWORD_USER.user })), 2, /asks user queue_lab_pw for a password/);
    expectOneLine(report(cluster.urlFor('no_such_db')), 2, /no_such_db: the database does not exist/);
  });

  it('a database without the schema: a read command says so and creates nothing', async () => {
    const url = await cluster.createDatabase('empty_one');
    expectOneLine(report(url), 2, /has no Queue Lab tables yet/);
    expect(await tables(url)).toEqual([]);
  });

  it('a failed migration leaves nothing behind', async () => {
    const url = await cluster.createDatabase('clash');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE jobs (something int)'); // in the way of migration 1, after runs and batches
    await client.end();
    await expect(openPostgres(url)).rejects.toThrow(/could not create the Queue Lab tables in 127\.0\.0\.1:\d+\/clash \(relation "jobs" already exists\); nothing was changed/);
    expect(await tables(url)).toEqual(['jobs']);
  });

  it('an instant run on PostgreSQL is refused in one line before anything runs', async () => {
    const url = await cluster.createDatabase('instant_refused');
    const r = cli(sandbox, ['run', join(sandbox.dir, 'missing.yaml'), '--db', url]);
    expectOneLine(r, 2, /--mode instant stores its runs in a SQLite file only/);
    expect(await tables(url)).toEqual([]);
  });

  it('a live run with a malformed URL is refused before the scenario is read (serve and resume: serve-resume-postgres.test.ts)', () => {
    expectOneLine(cli(sandbox, ['run', 'x.yaml', '--mode', 'live', '--db', 'postgres://h:99999/db']), 2, /not a valid URL/);
  });
});
