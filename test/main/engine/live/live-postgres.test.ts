// Live mode on a real PostgreSQL server (a throwaway cluster; these tests fail,
// never skip, when it cannot start): `queue-lab run --mode live --db
// postgres://` joined by `queue-lab worker` from a second process; the chaos test (SIGKILL random
// local and joined workers through a few-thousand-job run); and `pg_ctl
// restart` in the middle of a run. Every run must end with 0 lost, no job
// completed twice and attempts within the maximum.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgLiveStores } from '../../../../src/main/engine/live/pg-live-store.ts';
import { runLive, type LiveRunControl } from '../../../../src/main/engine/live/run-live.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';
import { NodeWorkerHost } from '../../../../src/main/workers/node-worker-host.ts';
import { startPostgresCluster, type PostgresCluster } from '../../../helpers/postgres-cluster.ts';
import { BIN, REPO, makeSandbox, type Sandbox } from '../../cli/cli-helpers.ts';

let cluster: PostgresCluster;
let box: Sandbox;
let dbCount = 0;
const children: ChildProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgresCluster({ database: 'live_pg' });
  box = makeSandbox('live-pg');
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  box?.cleanup();
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh database per test: runs do not see each other's rows. */
const freshDatabase = () => cluster.createDatabase(`live_${++dbCount}`);

function chaosScenario(jobs: number, seconds: number, seed: number): ScenarioInput {
  return {
    name: 'pg-live',
    seed,
    jobTypes: { work: { duration: { kind: 'uniform', min: seconds / 2, max: seconds * 1.5 } } },
    producers: [{ count: jobs, arrival: { kind: 'all-at-once' } }],
    workers: { count: 3, restartDelay: 0.5 },
    retry: { maxAttempts: 6, backoff: { kind: 'fixed', initial: 0.5 }, jitter: 'none' },
    visibilityTimeout: 3,
    heartbeatInterval: 0.5,
  };
}

function joinFrom(url: string, runId: string, name: string, count: number): { child: ChildProcess; out: () => string; exit: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, [BIN, 'worker', '--db', url, '--run', runId, '--count', String(count), '--name', name], {
    cwd: REPO, env: box.env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out, exit: new Promise((resolve) => child.once('close', (code) => resolve(code))) };
}

async function hostRun(url: string, input: ScenarioInput, timeScale: number, during: (c: LiveRunControl) => void): Promise<RunSummary> {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const stores = pgLiveStores(url);
  try {
    return await runLive(r.scenario, {
      store: stores.open,
      host: new NodeWorkerHost({ log: () => {} }), timeScale, maxWallSeconds: 60, onStarted: during,
    });
  } finally {
    await stores.closeAll();
  }
}

/** The invariants every run must keep, read from the database itself. */
async function checkInvariants(url: string, runId: string, jobs: number, maxAttempts: number): Promise<{ byWorker: Record<string, number> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql, [runId])).rows;
    const [totals] = await q(`SELECT COUNT(*)::int AS n, COUNT(*) FILTER (WHERE state = 'succeeded')::int AS ok,
                                     COUNT(*) FILTER (WHERE completions > 1)::int AS twice, MAX(attempts)::int AS most
                                FROM jobs WHERE run_id = $1`);
    expect(totals).toEqual({ n: jobs, ok: jobs, twice: 0, most: expect.any(Number) });
    expect(totals!.most).toBeLessThanOrEqual(maxAttempts);
    const [log] = await q('SELECT COUNT(*)::int AS n, MAX(seq)::int AS last FROM events WHERE run_id = $1');
    expect(log!.n, 'the event log is numbered without a gap').toBe(log!.last);
    const rows = await q('SELECT worker, COUNT(*)::int AS n FROM attempts WHERE run_id = $1 GROUP BY worker');
    return { byWorker: Object.fromEntries(rows.map((r: { worker: string; n: number }) => [r.worker, r.n])) };
  } finally {
    await client.end();
  }
}

/** The id of the first run stored in the database, once there is one (a CLI host is starting it). */
async function firstRunId(url: string): Promise<string> {
  for (const end = Date.now() + 30_000; Date.now() < end; await sleep(100)) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const row = (await client.query(`SELECT id FROM runs WHERE status = 'running' LIMIT 1`)).rows[0] as { id: string } | undefined;
      if (row) return row.id;
    } catch {
      // the schema is not there yet
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error('no run appeared within 30 s');
}

/** Waits until `worker` has claimed a job (an attempts row); fails after 30 s. */
async function untilClaimedBy(url: string, worker: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const end = Date.now() + 30_000; Date.now() < end; await sleep(50)) {
      if ((await client.query('SELECT 1 FROM attempts WHERE worker = $1 LIMIT 1', [worker])).rowCount) return;
    }
    throw new Error(`${worker} claimed nothing within 30 s`);
  } finally {
    await client.end();
  }
}

/** Pids of the worker processes a `queue-lab worker` command started. */
function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
}

describe('live mode on PostgreSQL', () => {
  it('queue-lab run --mode live --db postgres://, joined by queue-lab worker from another process: NAME-1, NAME-2 claim; every job once', async () => {
    const url = await freshDatabase();
    const scenarioFile = join(box.dir, 'join.json');
    writeFileSync(scenarioFile, JSON.stringify(chaosScenario(300, 1, 11)));
    let out = '';
    const host = spawn(process.execPath, [BIN, 'run', scenarioFile, '--mode', 'live', '--db', url, '--time-scale', '0.03', '--json'], {
      cwd: REPO, env: box.env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(host);
    host.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    host.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const hostExit = new Promise<number | null>((resolve) => host.once('close', resolve));
    const runId = await firstRunId(url);
    const joiner = joinFrom(url, runId, 'lap', 2);
    expect(await hostExit, out).toBe(0);
    expect(await joiner.exit, joiner.out()).toBe(0);
    expect(joiner.out()).toMatch(/lap-1, lap-2: \d+ jobs done in run \w+ \(postgres:\/\/.*the run is completed/);
    const summary = JSON.parse(out.trim().split('\n').pop()!) as RunSummary;
    expect(summary).toMatchObject({ run_id: runId, status: 'completed', lost: 0, duplicates: 0, jobs: { total: 300, succeeded: 300 } });
    const { byWorker } = await checkInvariants(url, runId, 300, 6);
    expect(Object.keys(byWorker).sort()).toEqual(['lap-1', 'lap-2', 'w1', 'w2', 'w3']);
  }, 60_000);

  it('chaos: SIGKILL random local and joined workers through 2000 jobs: 0 lost, none twice, attempts within the maximum', async () => {
    const url = await freshDatabase();
    let joiner: ReturnType<typeof joinFrom> | undefined;
    let kills = 0;
    let chaos: Promise<void> | undefined;
    const summary = await hostRun(url, chaosScenario(2000, 0.4, 12), 0.02, (c) => {
      joiner = joinFrom(url, c.runId, 'guest', 2);
      chaos = (async () => {
        await sleep(1500);
        // A seeded order: local w1..w3 and the joined workers in turn, every 250 ms, while the run goes.
        for (let i = 0; i < 24 && c.supervisor.running > 0; i++) {
          await sleep(250);
          if (i % 3 === 2) {
            const pids = childPids(joiner!.child.pid!);
            if (pids.length > 0) {
              process.kill(pids[i % pids.length]!, 'SIGKILL');
              kills++;
            }
          } else if (c.supervisor.kill(i % 3)) kills++;
        }
      })();
    });
    await chaos;
    expect(await joiner!.exit, joiner!.out()).toBe(0);
    expect(kills).toBeGreaterThan(10);
    expect(summary).toMatchObject({ status: 'completed', lost: 0, duplicates: 0, jobs: { total: 2000, succeeded: 2000 } });
    expect(summary.attempts.by_outcome.crashed + summary.attempts.by_outcome.lost, 'killed workers held jobs that came back').toBeGreaterThan(0);
    const { byWorker } = await checkInvariants(url, summary.run_id, 2000, 6);
    expect(Object.keys(byWorker).some((w) => w.startsWith('guest-'))).toBe(true);
  }, 90_000);

  it('pg_ctl restart mid-run: the host and the workers reconnect and nothing is lost', async () => {
    const url = await freshDatabase();
    let restarted: Promise<void> | undefined;
    let joiner: ReturnType<typeof joinFrom> | undefined;
    const summary = await hostRun(url, chaosScenario(1500, 0.4, 13), 0.02, (c) => {
      joiner = joinFrom(url, c.runId, 'guest', 1);
      restarted = (async () => {
        // Once the joined worker works (it connected before the restart, as a student's laptop would have).
        await untilClaimedBy(url, 'guest-1');
        await cluster.restart();
      })();
    });
    await restarted;
    expect(await joiner!.exit, joiner!.out()).toBe(0);
    expect(summary).toMatchObject({ status: 'completed', lost: 0, duplicates: 0, jobs: { total: 1500, succeeded: 1500 } });
    await checkInvariants(url, summary.run_id, 1500, 6);
    // They reconnected: no worker process died of the restart (a crash would have been restarted, and logged).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const crashed = (await client.query(`SELECT worker, detail FROM events WHERE run_id = $1 AND kind = 'worker_crashed'`, [summary.run_id])).rows;
    await client.end();
    expect(crashed).toEqual([]);
  }, 90_000);
});
