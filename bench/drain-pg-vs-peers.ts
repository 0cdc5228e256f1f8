// `npm run bench:drain-pg`: a live drain of no-op jobs on one throwaway
// PostgreSQL server, side by side in one run with graphile-worker 0.17 and
// pg-boss 10 (each in its own fresh database on the same server).
//
//   npm run bench:drain-pg [-- --jobs 50k --no-write --only ours,graphile]
//
//   ours          the whole command, timed start to exit:
//                 queue-lab run noop.json --mode live --db postgres://... (2 workers)
//   ours+2 joined the same, with `queue-lab worker --count 2` joining it as soon as the run exists
//   graphile-worker  prefill with addJobs (untimed), then runOnce (concurrency 10): timed
//   pg-boss       prefill with insert (untimed), then work() (batchSize 100, polling 0.5 s) until none is left: timed
//
// The peers get their own recommended settings and an untimed prefill; ours
// pays for everything, enqueue and start-up included. Ratios are ours over the
// peer's jobs/s. Every child process and the cluster are stopped at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Logger, makeWorkerUtils, runOnce } from 'graphile-worker';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { startPostgresCluster, type PostgresCluster } from '../test/helpers/postgres-cluster.ts';
import { arg, BENCH_DIR, parseCount } from './lib/mm4.ts';

const RESULTS = join(BENCH_DIR, 'RESULTS.md');
const START = '<!-- bench:drain-pg:start -->';
const END = '<!-- bench:drain-pg:end -->';
const BIN = join(BENCH_DIR, '..', 'bin', 'queue-lab.mjs');
const argv = process.argv.slice(2);
const JOBS = parseCount(arg(argv, 'jobs', '50000'));
/**
 * The lease, in scenario seconds: 30 s of wall time at time scale 0.001, as a
 * real queue's (graphile-worker locks a job for 4 hours, pg-boss for 15
 * minutes). The default 60 s would be 60 ms of wall time here, shorter than
 * one transaction takes on a loaded machine: leases would run out under jobs
 * being finished, and the run would measure lease recovery, not the drain.
 */
const LEASE = 30_000;
/** --only ours,joined,graphile,pgboss: measure these alone (a trial; nothing is written). */
const ONLY = argv.includes('--only') ? arg(argv, 'only', '').split(',') : null;
const WRITE = !argv.includes('--no-write') && ONLY === null;
const log = (line = ''): void => void process.stdout.write(`${line}\n`);
/** graphile-worker logs a line per job by default: the bench prints its own. */
const silent = new Logger(() => () => {});
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Row {
  system: string;
  seconds: number;
  note: string;
}

/** Runs the CLI; resolves with its wall seconds, rejects on a non-zero exit. */
function queueLab(args: string[], onStart?: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    onStart?.();
    child.once('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`queue-lab ${args[0]} exited ${code}: ${err.slice(-400)}`))));
  });
}

async function runningRunId(url: string): Promise<string> {
  for (;;) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      const row = (await c.query(`SELECT id FROM runs WHERE status = 'running' LIMIT 1`)).rows[0] as { id: string } | undefined;
      if (row) return row.id;
    } catch {
      // the schema is being created
    } finally {
      await c.end().catch(() => {});
    }
    await sleep(50);
  }
}

async function ours(cluster: PostgresCluster, dir: string, joined: boolean): Promise<Row> {
  const url = await cluster.createDatabase(joined ? 'ours_joined' : 'ours');
  const scenario = join(dir, 'noop.json');
  writeFileSync(scenario, JSON.stringify({
    name: 'drain-pg', seed: 1, jobTypes: { noop: { duration: { kind: 'constant', value: 0 } } },
    producers: [{ count: JOBS, arrival: { kind: 'all-at-once' } }], workers: { count: 2 }, visibilityTimeout: LEASE,
  }));
  let joiner: Promise<number> | null = null;
  const seconds = await queueLab(['run', scenario, '--mode', 'live', '--db', url, '--time-scale', '0.001', '--json'], () => {
    if (joined) joiner = runningRunId(url).then((id) => queueLab(['worker', '--db', url, '--run', id, '--count', '2', '--name', 'bench']));
  });
  if (joiner) await joiner;
  return { system: joined ? 'ours + 2 joined workers' : 'ours', seconds, note: joined ? 'whole command, 2 + 2 worker processes' : 'whole command, 2 worker processes' };
}

async function graphile(cluster: PostgresCluster): Promise<Row> {
  const connectionString = await cluster.createDatabase('graphile');
  const utils = await makeWorkerUtils({ connectionString, logger: silent });
  try {
    await utils.migrate();
    for (let i = 0; i < JOBS; i += 5000) await utils.addJobs(Array.from({ length: Math.min(5000, JOBS - i) }, () => ({ identifier: 'noop', payload: {} })));
  } finally {
    await utils.release();
  }
  const t0 = performance.now();
  await runOnce({ connectionString, concurrency: 10, noHandleSignals: true, logger: silent, taskList: { noop: async () => {} } });
  return { system: 'graphile-worker 0.17', seconds: (performance.now() - t0) / 1000, note: 'runOnce, concurrency 10, prefill untimed' };
}

async function pgBoss(cluster: PostgresCluster): Promise<Row> {
  const connectionString = await cluster.createDatabase('pgboss');
  const boss = new PgBoss({ connectionString });
  boss.on('error', (e) => log(`pg-boss: ${(e as Error).message}`));
  await boss.start();
  try {
    await boss.createQueue('noop');
    for (let i = 0; i < JOBS; i += 5000) await boss.insert(Array.from({ length: Math.min(5000, JOBS - i) }, () => ({ name: 'noop', data: {} })));
    const probe = new pg.Client({ connectionString });
    await probe.connect();
    const left = async () => Number((await probe.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'noop' AND state IN ('created', 'retry', 'active')`)).rows[0].n);
    const t0 = performance.now();
    await boss.work('noop', { batchSize: 100, pollingIntervalSeconds: 0.5 }, async () => {});
    while ((await left()) > 0) await sleep(25);
    const seconds = (performance.now() - t0) / 1000;
    await probe.end();
    return { system: 'pg-boss 10', seconds, note: 'work(), batchSize 100, polling 0.5 s, prefill untimed' };
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-drain-pg-'));
  const cluster = await startPostgresCluster({ database: 'drain' });
  const rows: Row[] = [];
  try {
    const systems = { ours: () => ours(cluster, dir, false), joined: () => ours(cluster, dir, true), graphile: () => graphile(cluster), pgboss: () => pgBoss(cluster) };
    for (const [name, measure] of Object.entries(systems)) {
      if (ONLY && !ONLY.includes(name)) continue;
      const row = await measure();
      rows.push(row);
      log(`${row.system.padEnd(24)} ${(JOBS / row.seconds).toFixed(0).padStart(7)} jobs/s  (${row.seconds.toFixed(2)} s; ${row.note})`);
    }
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (ONLY) return;
  const rate = (s: string) => JOBS / rows.find((r) => r.system.startsWith(s))!.seconds;
  const table = [
    `${JOBS.toLocaleString('en-US')} no-op jobs, one throwaway PostgreSQL 15 server (fsync on), ${new Date().toISOString().slice(0, 16)} UTC, load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
    '',
    '| system | jobs/s | seconds | how |',
    '| --- | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.system} | ${(JOBS / r.seconds).toFixed(0)} | ${r.seconds.toFixed(2)} | ${r.note} |`),
    '',
    `ours / graphile-worker: ${(rate('ours') / rate('graphile')).toFixed(2)}x; ours / pg-boss: ${(rate('ours') / rate('pg-boss')).toFixed(2)}x; `
      + `ours + 2 joined / graphile-worker: ${(rate('ours + 2') / rate('graphile')).toFixed(2)}x`,
  ].join('\n');
  log(`\n${table}`);
  if (!WRITE) return;
  const text = readFileSync(RESULTS, 'utf8');
  const block = `${START}\n## Live drain on PostgreSQL vs graphile-worker and pg-boss (npm run bench:drain-pg)\n\n${table}\n${END}`;
  const hand = '<!-- hand-written below -->';
  // A new block goes with the other generated ones, above the hand-written notes.
  const fresh = text.includes(hand) ? text.replace(hand, `${block}\n\n${hand}`) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(RESULTS, text.includes(START) ? text.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block) : fresh);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
