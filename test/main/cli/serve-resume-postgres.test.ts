// `queue-lab serve --db postgres://...` and `queue-lab resume RUN --db
// postgres://...` as a user runs them: real processes on a throwaway cluster
// (these tests fail, never skip, when it cannot start). serve --run on the
// server takes POST /jobs and is stopped by SIGTERM leaving the run
// resumable; resume finishes it; bad input ends in one line with the exit
// code `report` and `run` use.
import { spawn } from 'node:child_process';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWsLabClient, labSocketUrl } from '../../../src/shared/lab-api/ws-client.ts';
import { eventually } from '../../helpers/eventually.ts';
import { PASSWORD_USER, startPostgresCluster, type PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { BIN, REPO, cli, fixture, makeSandbox, type Sandbox, expectOneLine } from './cli-helpers.ts';

let cluster: PostgresCluster;
let box: Sandbox;
beforeAll(async () => {
  cluster = await startPostgresCluster({ database: 'serve_pg' });
  box = makeSandbox('serve-pg');
}, 60_000);
afterAll(async () => {
  box?.cleanup();
  await cluster?.stop();
});


async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}


describe('queue-lab serve and resume on PostgreSQL', () => {
  it('serve --run on a fresh database (QUEUE_LAB_DB): tables created, jobs taken over REST, runs listed over the LabApi; SIGTERM leaves it resumable and resume finishes it', async () => {
    const url = await cluster.createDatabase('serve_run');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--run', fixture('live-resume.yaml'), '--time-scale', '0.05'], {
      cwd: REPO, env: { ...box.env, QUEUE_LAB_DB: url }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    let runId: string;
    try {
      const url0 = await eventually(() => /serving on (http:\/\/127\.0\.0\.1:\d+\/)\s+\(database (\S+)\)/.exec(out), `serve's URL line (${out})`);
      expect(url0[2]).toBe(url);
      const base = url0[1]!;
      await eventually(async () => (await fetch(`${base}stats`)).status === 200, 'the live run to be active');
      runId = (await eventually(() => /queue-lab worker --db (\S+) --run (\w+) --name NAME/.exec(out), 'the join hint'))[2]!;
      const created = await fetch(`${base}jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'work' }) });
      expect(created.status).toBe(201);
      const api = await connectWsLabClient(labSocketUrl(base), { WebSocket });
      try {
        expect((await api.listRuns()).map((r) => [r.id, r.status])).toEqual([[runId, 'running']]);
        expect(await api.getActiveRun()).toEqual({ runId });
      } finally {
        api.close();
      }
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, out).toBe(0);
    expect(await query(url, `SELECT status FROM runs WHERE id = '${runId}'`)).toEqual([{ status: 'interrupted' }]);

    const resumed = cli(box, ['resume', runId, '--db', url, '--time-scale', '0.02', '--json'], { timeoutMs: 90_000 });
    expect(resumed.status, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { run_id: string; status: string; lost: number; duplicates: number; jobs: { total: number; succeeded: number; dead: number } };
    expect(summary).toMatchObject({ run_id: runId, status: 'completed', lost: 0, duplicates: 0 });
    expect(summary.jobs.succeeded + summary.jobs.dead).toBe(summary.jobs.total);
    // Once done, it is not resumed again; an unknown run is named with the server.
    expectOneLine(cli(box, ['resume', runId, '--db', url]), 2, new RegExp(`run ${runId} is completed; only an interrupted run can be resumed`));
    expectOneLine(cli(box, ['resume', 'nope', '--db', url]), 2, new RegExp(`no run nope in postgres://postgres@127\\.0\\.0\\.1:${cluster.port}/serve_run`));
  }, 150_000);

  it('bad input: one line, exit 1 for a refused connection, 2 for what was typed; resume does not create tables', async () => {
    const gone = await startPostgresCluster({ database: 'gone' });
    const goneUrl = gone.url;
    await gone.stop();
    const port = new URL(goneUrl).port;
    expectOneLine(cli(box, ['serve', '--port', '0', '--db', goneUrl]), 1, new RegExp(`cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/gone: connection refused`));
    expectOneLine(cli(box, ['resume', 'r1', '--db', goneUrl]), 1, /connection refused/);
    const wrong = cluster.urlFor(cluster.database, { user: PASSWORD_USER.user, password: 'wrong-one' });
    const r = cli(box, ['serve', '--port', '0', '--db', wrong]);
    expectOneLine(r, 2, new RegExp(`refused user ${PASSWORD_USER.user}: wrong password`));
    expect(r.stderr).not.toContain('wrong-one');
    expectOneLine(cli(box, ['serve', '--port', '0', '--db', cluster.urlFor('no_such_db')]), 2, /no_such_db: the database does not exist/);
    expectOneLine(cli(box, ['serve', '--port', '0', '--db', 'postgres://127.0.0.1:99999/db']), 2, /not a valid URL/);
    const empty = await cluster.createDatabase('resume_empty');
    expectOneLine(cli(box, ['resume', 'r1', '--db', empty]), 2, /has no Queue Lab tables yet/);
    expect(await query(empty, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).toEqual([]);
  }, 60_000);
});
