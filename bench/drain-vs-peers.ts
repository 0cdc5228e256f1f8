// `npm run bench:drain`: live workers draining no-op jobs, against plainjob
// (SQLite through better-sqlite3, like ours) and BullMQ (Redis), with 1 and 2
// worker processes, plus the enqueue rate of POST /jobs on the web host.
//
//   npm run bench:drain [-- --jobs 50k --reps 3 --only ours,plainjob,bullmq --http-seconds 3 --bullmq-aof --no-write]
//   npm run bench:drain -- --only ours --reps 1 --cpu-prof bench/tmp/drain-prof   # V8 profiles of our workers
//
// The same protocol for every system (bench/README.md explains each number):
//   1. prefill JOBS no-op jobs in bulk into a fresh store (untimed);
//   2. fork the worker processes and start the clock;
//   3. each worker says `ready` when it is set up, just before its loop runs;
//   4. a poll every POLL_MS, on a connection of the bench's own, sees when
//      no job is left: the clock stops.
// Reported: fork -> done, fork -> last ready (startup), and last ready ->
// done with the jobs still left at that moment (the steady drain rate).
// Every child process (workers, redis-server, the web host) is killed when
// this script exits, however it exits.
import Database from 'better-sqlite3';
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { better, defineQueue, type Logger } from 'plainjob';
import { openDatabase } from '../src/main/engine/store/open-database.ts';
import { SqliteQueueStore } from '../src/main/engine/store/queue-store.ts';
import { NodeWorkerHost, tsxLoaderUrl } from '../src/main/workers/node-worker-host.ts';
import type { WorkerHandle } from '../src/main/workers/worker-host.ts';
import type { Scenario } from '../src/shared/scenario/schema.ts';
import { validateScenario } from '../src/shared/scenario/validate.ts';
import { arg, BENCH_DIR, median, parseCount } from './lib/mm4.ts';
import { queueLabRun } from './lib/whole-command.ts';

const ROOT = join(BENCH_DIR, '..');
const RESULTS = join(BENCH_DIR, 'RESULTS.md');
const START = '<!-- bench:drain:start -->';
const END = '<!-- bench:drain:end -->';
const HAND = '<!-- hand-written below -->';

const argv = process.argv.slice(2);
const JOBS = parseCount(arg(argv, 'jobs', '50000'));
const REPS = parseCount(arg(argv, 'reps', '3'));
const HTTP_SECONDS = Number(arg(argv, 'http-seconds', '3'));
const HTTP_CONCURRENCY = 16;
const ONLY = new Set(arg(argv, 'only', 'ours,plainjob,bullmq').split(','));
const BULLMQ_AOF = argv.includes('--bullmq-aof');
const WRITE = !argv.includes('--no-write');
/** --cpu-prof DIR: our worker processes write V8 CPU profiles there (and RESULTS.md is left alone). */
const CPU_PROF = ((): string | null => {
  const i = argv.indexOf('--cpu-prof');
  if (i < 0) return null;
  const dir = argv[i + 1];
  return resolve(dir === undefined || dir.startsWith('--') ? join(BENCH_DIR, 'tmp', 'drain-prof') : dir);
})();
const WORKER_COUNTS = [1, 2] as const;
/** How often the bench looks at the store to see whether the drain is over. */
const POLL_MS = 25;
/** The scenario's time scale: wall seconds per scenario second (no-op jobs never sleep anyway). */
const TIME_SCALE = 0.001;
const REDIS_PORT = 6390;
const RUN_TIMEOUT_MS = 10 * 60 * 1000;
const READY_TIMEOUT_MS = 60 * 1000;

const log = (line = ''): void => void process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------- child processes --

/** Everything this script started that may still run: killed on any exit. */
const alive = new Set<{ kill(): void }>();
/** Temporary folders (SQLite files, Redis's dir): removed on any exit too. */
const tempDirs = new Set<string>();
function killAll(): void {
  for (const child of alive) {
    try {
      child.kill();
    } catch {
      // already gone
    }
  }
  alive.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`\n${signal}: stopping every child process`);
    killAll();
    process.exit(130);
  });
}

/** A worker process of any of the systems, seen the same way by the drain loop. */
interface BenchChild {
  readonly pid: number | undefined;
  /** performance.now() when the worker said ready. */
  readonly ready: Promise<number>;
  /** Set once the process has ended (a crash before the drain is over fails the run). */
  exited: string | null;
  /** Graceful stop; SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** The last lines each child wrote, shown when a run fails. */
const childLines: string[] = [];
function childLog(line: string): void {
  childLines.push(line);
  if (childLines.length > 200) childLines.shift();
}

function waitForExit(done: Promise<void>, kill: () => void, ms = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      kill();
      resolve();
    }, ms);
  });
  return Promise.race([done, timeout]).finally(() => clearTimeout(timer));
}

/** A child of ours (worker-main.ts through NodeWorkerHost). */
function ourChild(handle: WorkerHandle): BenchChild {
  const entry = { kill: () => handle.kill() };
  alive.add(entry);
  let markReady: (t: number) => void = () => {};
  const ready = new Promise<number>((resolve) => (markReady = resolve));
  let exitedResolve: () => void = () => {};
  const exitedPromise = new Promise<void>((resolve) => (exitedResolve = resolve));
  const child: BenchChild = {
    pid: handle.pid,
    ready,
    exited: null,
    stop: () => {
      handle.send({ type: 'stop' });
      return waitForExit(exitedPromise, () => handle.kill());
    },
  };
  handle.onMessage((m) => {
    if (m.type === 'ready') markReady(performance.now());
    if (m.type === 'error') childLog(`[${handle.name}] error message: ${m.message}`);
  });
  handle.onExit((e) => {
    child.exited = `${e.reason} (code ${e.code}, signal ${e.signal})`;
    alive.delete(entry);
    exitedResolve();
  });
  return child;
}

/** A peer's worker (a .ts file of bench/lib run through tsx, as ours is). */
function forkChild(name: string, entry: string, env: NodeJS.ProcessEnv): BenchChild {
  const proc: ChildProcess = fork(entry, [], {
    execArgv: ['--import', tsxLoaderUrl()],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const killer = { kill: () => proc.kill('SIGKILL') };
  alive.add(killer);
  for (const stream of [proc.stdout, proc.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => text.split('\n').filter(Boolean).forEach((l) => childLog(`[${name}] ${l}`)));
  }
  let markReady: (t: number) => void = () => {};
  const ready = new Promise<number>((resolve) => (markReady = resolve));
  const exitedPromise = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  const child: BenchChild = {
    pid: proc.pid,
    ready,
    exited: null,
    stop: () => {
      if (proc.connected) proc.send({ type: 'stop' });
      return waitForExit(exitedPromise, () => proc.kill('SIGKILL'));
    },
  };
  proc.on('message', (m: { type?: string }) => {
    if (m?.type === 'ready') markReady(performance.now());
  });
  proc.once('close', (code, signal) => {
    child.exited = `code ${code}, signal ${signal}`;
    alive.delete(killer);
  });
  return child;
}

// ------------------------------------------------------------- CPU time --

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** User + system CPU time of a process so far, ms (Linux /proc), or NaN. */
function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// ---------------------------------------------------------- the systems --

/** A store prefilled with JOBS jobs, ready for its workers. */
interface Prepared {
  prefillS: number;
  startWorker(index: number): BenchChild;
  /** Jobs not finished yet (pending or running). */
  remaining(): Promise<number> | number;
  /** null when every job succeeded exactly once, else what is wrong. */
  verify(): Promise<string | null> | string | null;
  /** redis-server, whose CPU counts too. */
  serverPid?: number;
  cleanup(): Promise<void> | void;
}

interface System {
  key: 'ours' | 'plainjob' | 'bullmq' | 'bullmq-aof';
  label: string;
  prepare(workers: number): Promise<Prepared>;
}

function noopScenario(workers: number): Scenario {
  const checked = validateScenario({
    name: 'bench drain: no-op jobs',
    seed: 1,
    queues: [{ name: 'default' }],
    jobTypes: { noop: { duration: { kind: 'constant', value: 0 }, failureRate: 0 } },
    producers: [{ queue: 'default', jobType: 'noop', count: JOBS, arrival: { kind: 'all-at-once' } }],
    workers: { count: workers, concurrency: 1, pollInterval: 0 },
  });
  if (!checked.ok) throw new Error(`the no-op scenario does not validate: ${JSON.stringify(checked.issues)}`);
  return checked.scenario;
}

function tempDir(name: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), `qlab-drain-${name}-`));
  tempDirs.add(dir);
  return dir;
}

const ours: System = {
  key: 'ours',
  label: 'Queue Lab live workers',
  async prepare(workers) {
    const dir = tempDir('ours');
    const file = join(dir, 'lab.db');
    const scenario = noopScenario(workers);
    const runId = `drain-${workers}w`;
    const db = openDatabase(file);
    const store = new SqliteQueueStore(db, runId);
    store.createRun({ id: runId, scenario: scenario.name, scenarioJson: JSON.stringify(scenario), mode: 'live', seed: scenario.seed });
    const queue = scenario.queues[0]!;
    const originMs = Date.now();
    const t = performance.now();
    db.transaction(() => {
      for (let i = 0; i < JOBS; i++) {
        store.enqueue({ queue: queue.name, type: 'noop', priority: queue.priority, maxAttempts: scenario.retry.maxAttempts, now: 0 });
      }
    })();
    const prefillS = (performance.now() - t) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    // The run stays `running`, owned by this process, as under runLive.
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    const left = reader
      .prepare<[string, string], number>(
        `SELECT (SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state = 'pending')
              + (SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state = 'processing')`,
      )
      .pluck();
    const host = new NodeWorkerHost(
      CPU_PROF ? { log: childLog, entry: join(BENCH_DIR, 'lib', 'profiled-worker.ts'), env: { BENCH_CPU_PROF_DIR: CPU_PROF } } : { log: childLog },
    );
    const scenarioJson = JSON.stringify(scenario);
    return {
      prefillS,
      startWorker: (i) => ourChild(host.start({ name: `w${i + 1}`, dbFile: file, runId, scenarioJson, originMs, timeScale: TIME_SCALE })),
      remaining: () => left.get(runId, runId)!,
      verify() {
        const jobs = reader
          .prepare<[string], { ok: number; total: number }>(
            `SELECT COUNT(*) FILTER (WHERE state = 'succeeded') AS ok, COUNT(*) AS total FROM jobs WHERE run_id = ?`,
          )
          .get(runId)!;
        const attempts = reader.prepare<[string], number>('SELECT COUNT(*) FROM attempts WHERE run_id = ?').pluck().get(runId)!;
        if (jobs.total !== JOBS || jobs.ok !== JOBS) return `${jobs.ok} of ${jobs.total} jobs succeeded (expected ${JOBS})`;
        if (attempts !== JOBS) return `${attempts} attempts for ${JOBS} jobs`;
        return null;
      },
      cleanup() {
        reader.close();
        store.finishRun(runId, 'completed', null, 0);
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const quiet = (): void => {};
const quietLogger: Logger = { error: (message, ...meta) => console.error(message, ...meta), warn: quiet, info: quiet, debug: quiet };

const plainjob: System = {
  key: 'plainjob',
  label: `plainjob ${packageVersion('plainjob')}`,
  async prepare() {
    const dir = tempDir('plainjob');
    const file = join(dir, 'plainjob.db');
    const db = new Database(file);
    const queue = defineQueue({ connection: better(db), logger: quietLogger });
    const t = performance.now();
    queue.addMany('noop', Array.from({ length: JOBS }, () => ({})));
    const prefillS = (performance.now() - t) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    queue.close();
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    // JobStatus: 0 pending, 1 processing, 2 done, 3 failed.
    const left = reader.prepare<[], number>('SELECT COUNT(*) FROM plainjob_jobs WHERE status IN (0, 1)').pluck();
    const entry = join(BENCH_DIR, 'lib', 'plainjob-worker.ts');
    return {
      prefillS,
      startWorker: (i) => forkChild(`plainjob ${i + 1}`, entry, { BENCH_DB_FILE: file, BENCH_JOB_TYPE: 'noop' }),
      remaining: () => left.get()!,
      verify() {
        const r = reader
          .prepare<[], { done: number; total: number }>(`SELECT COUNT(*) FILTER (WHERE status = 2) AS done, COUNT(*) AS total FROM plainjob_jobs`)
          .get()!;
        return r.done === JOBS && r.total === JOBS ? null : `${r.done} of ${r.total} jobs done (expected ${JOBS})`;
      },
      cleanup() {
        reader.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function bullmq(aof: boolean): System {
  return {
    key: aof ? 'bullmq-aof' : 'bullmq',
    label: `BullMQ ${packageVersion('bullmq')}${aof ? ', Redis AOF everysec' : ''}`,
    async prepare() {
      const dir = tempDir('redis');
      const redis = await startRedis(dir, aof);
      const connection = { host: '127.0.0.1', port: REDIS_PORT };
      const queue = new Queue('bench', { connection });
      await queue.waitUntilReady();
      const t = performance.now();
      const CHUNK = 1000;
      for (let i = 0; i < JOBS; i += CHUNK) {
        const n = Math.min(CHUNK, JOBS - i);
        await queue.addBulk(Array.from({ length: n }, () => ({ name: 'noop', data: {} })));
      }
      const prefillS = (performance.now() - t) / 1000;
      const entry = join(BENCH_DIR, 'lib', 'bullmq-worker.ts');
      return {
        prefillS,
        serverPid: redis.pid,
        startWorker: (i) => forkChild(`bullmq ${i + 1}`, entry, { BENCH_REDIS_PORT: String(REDIS_PORT), BENCH_QUEUE: 'bench' }),
        async remaining() {
          const c = await queue.getJobCounts('completed', 'failed');
          return JOBS - (c.completed ?? 0) - (c.failed ?? 0);
        },
        async verify() {
          const c = await queue.getJobCounts('completed', 'failed', 'wait', 'active', 'delayed');
          return c.completed === JOBS && c.failed === 0 ? null : `counts ${JSON.stringify(c)} (expected ${JOBS} completed)`;
        },
        async cleanup() {
          await queue.close();
          await redis.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

// ---------------------------------------------------------------- Redis --

function redisVersion(): string | null {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return /v=(\S+)/.exec(r.stdout)?.[1] ?? r.stdout.trim();
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** redis-server on 127.0.0.1:REDIS_PORT, in memory only unless aof; waits until it accepts connections. */
async function startRedis(dir: string, aof: boolean): Promise<{ pid: number | undefined; stop(): Promise<void> }> {
  if (await portInUse(REDIS_PORT)) throw new Error(`127.0.0.1:${REDIS_PORT} is already in use; stop whatever listens there`);
  const persistence = aof ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
  const proc = spawn(
    'redis-server',
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir, '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const killer = { kill: () => proc.kill('SIGKILL') };
  alive.add(killer);
  const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  void closed.then(() => alive.delete(killer));
  let output = '';
  proc.stdout.setEncoding('utf8').on('data', (t: string) => (output += t));
  proc.stderr.setEncoding('utf8').on('data', (t: string) => (output += t));
  const deadline = Date.now() + 10_000;
  while (!/Ready to accept connections/.test(output)) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`redis-server did not start:\n${output}`);
    }
    await sleep(20);
  }
  return {
    pid: proc.pid,
    stop: () => {
      proc.kill('SIGTERM');
      return waitForExit(closed, () => proc.kill('SIGKILL'));
    },
  };
}

// -------------------------------------------------- the whole command --

interface WholeRun {
  workers: number;
  /** `queue-lab run --mode live`, spawn to exit. */
  wallS: number;
  rate: number;
  /** Attempts beyond one per job (leases that ran out while a worker waited for the lock, at 60 ms of wall time per lease). */
  retries: number;
}

/**
 * The drain as a user types it: `queue-lab run noop.json --mode live
 * --workers N --time-scale 0.001 --db FILE --json` on a fresh file, timed
 * from spawn to exit: start-up, enqueueing the jobs, starting the workers,
 * the drain, the summary and the exit all count.
 */
function wholeCommand(workers: number): WholeRun {
  const r = queueLabRun(noopScenario(workers), ['--mode', 'live', '--workers', String(workers), '--time-scale', String(TIME_SCALE)]);
  const s = r.result;
  if (s.status !== 'completed' || s.jobs.succeeded !== JOBS || s.duplicates !== 0) {
    throw new Error(`queue-lab run --mode live, ${workers} worker(s): ${s.status}, ${s.jobs.succeeded} of ${JOBS} succeeded, ${s.duplicates} duplicates`);
  }
  return { workers, wallS: r.wall_s, rate: JOBS / r.wall_s, retries: s.attempts.retries };
}

// ------------------------------------------------------------ one drain --

interface Drain {
  system: System['key'];
  workers: number;
  prefillS: number;
  /** Fork of the first worker to the last job finished. */
  totalS: number;
  /** Fork of the first worker to the last `ready`. */
  startupS: number;
  /** Last `ready` to the last job finished. */
  afterReadyS: number;
  /** Jobs already finished when the last worker said ready. */
  doneAtReady: number;
  rateTotal: number;
  rateAfterReady: number;
  /** CPU ms per job between the last ready and done: the workers, this process, redis-server. */
  cpuWorkers: number;
  cpuBench: number;
  cpuServer: number;
}

async function drain(system: System, workers: number): Promise<Drain> {
  const prepared = await system.prepare(workers);
  const children: BenchChild[] = [];
  try {
    const t0 = performance.now();
    for (let i = 0; i < workers; i++) children.push(prepared.startWorker(i));
    let readyAt: number | null = null;
    let doneAtReady = 0;
    let cpuAtReady = { workers: 0, bench: 0, server: 0 };
    const cpuNow = () => ({
      workers: children.reduce((sum, c) => sum + cpuMsOf(c.pid), 0),
      bench: ownCpuMs(),
      server: prepared.serverPid === undefined ? 0 : cpuMsOf(prepared.serverPid),
    });
    const allReady = Promise.all(children.map((c) => c.ready)).then(async (times) => {
      cpuAtReady = cpuNow();
      readyAt = Math.max(...times);
      doneAtReady = JOBS - (await prepared.remaining());
    });
    let doneAt: number;
    for (;;) {
      const left = await prepared.remaining();
      if (left === 0) {
        doneAt = performance.now();
        break;
      }
      const dead = children.find((c) => c.exited !== null);
      if (dead) throw new Error(`a worker ended before the drain was over: ${dead.exited}`);
      if (readyAt === null && performance.now() - t0 > READY_TIMEOUT_MS) throw new Error(`the workers were not ready within ${READY_TIMEOUT_MS / 1000} s`);
      if (performance.now() - t0 > RUN_TIMEOUT_MS) throw new Error(`the drain did not finish within ${RUN_TIMEOUT_MS / 1000} s (${left} jobs left)`);
      await sleep(POLL_MS);
    }
    const cpuDone = cpuNow();
    await allReady;
    const problem = await prepared.verify();
    if (problem) throw new Error(`${system.label}, ${workers} worker(s): ${problem}`);
    const ready = readyAt ?? doneAt;
    if (ready >= doneAt) throw new Error(`${system.label}, ${workers} worker(s): the drain was over before every worker was ready; use more --jobs`);
    const afterReadyS = (doneAt - ready) / 1000;
    const leftAtReady = JOBS - doneAtReady;
    return {
      system: system.key,
      workers,
      prefillS: prepared.prefillS,
      totalS: (doneAt - t0) / 1000,
      startupS: (ready - t0) / 1000,
      afterReadyS,
      doneAtReady,
      rateTotal: JOBS / ((doneAt - t0) / 1000),
      rateAfterReady: leftAtReady / afterReadyS,
      cpuWorkers: (cpuDone.workers - cpuAtReady.workers) / leftAtReady,
      cpuBench: (cpuDone.bench - cpuAtReady.bench) / leftAtReady,
      cpuServer: (cpuDone.server - cpuAtReady.server) / leftAtReady,
    };
  } catch (error) {
    for (const line of childLines.slice(-30)) log(`  | ${line}`);
    throw error;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await prepared.cleanup();
  }
}

// -------------------------------------------------------- HTTP enqueue --

type HttpClient = 'fetch' | 'node:http';
const HTTP_CLIENTS: HttpClient[] = ['fetch', 'node:http'];

interface HttpRow {
  client: HttpClient;
  jobs: number;
  seconds: number;
  rate: number;
  errors: number;
  p50: number;
  p99: number;
  /** CPU ms of the web host process per request (its capacity if it were the bottleneck: 1000 / this). */
  hostCpuPerJob: number;
}

type HttpResult = { ok: true; rows: HttpRow[]; stored: number; sent: number } | { ok: false; reason: string };

async function httpEnqueue(): Promise<HttpResult> {
  const hostFile = join(ROOT, 'src', 'main', 'web', 'web-host.ts');
  if (!existsSync(hostFile)) return { ok: false, reason: 'src/main/web/web-host.ts (startWebHost) does not exist yet' };
  const dir = tempDir('http');
  const file = join(dir, 'lab.db');
  const scenario = noopScenario(1);
  const entry = join(BENCH_DIR, 'lib', 'http-enqueue-host.ts');
  const proc = fork(entry, [], {
    execArgv: ['--import', tsxLoaderUrl()],
    env: { ...process.env, BENCH_DB_FILE: file, BENCH_SCENARIO_JSON: JSON.stringify(scenario), ...(CPU_PROF ? { BENCH_CPU_PROF_DIR: CPU_PROF } : {}) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const killer = { kill: () => proc.kill('SIGKILL') };
  alive.add(killer);
  const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  let output = '';
  proc.stdout?.setEncoding('utf8').on('data', (t: string) => (output += t));
  proc.stderr?.setEncoding('utf8').on('data', (t: string) => (output += t));
  try {
    const ready = await Promise.race([
      new Promise<{ url: string; runId: string }>((resolve) =>
        proc.on('message', (m: { type?: string; url?: string; runId?: string }) => {
          if (m?.type === 'ready') resolve({ url: m.url!, runId: m.runId! });
        }),
      ),
      closed.then(() => null),
      sleep(READY_TIMEOUT_MS).then(() => null),
    ]);
    if (!ready) return { ok: false, reason: `the web host did not start: ${output.trim().split('\n').slice(-3).join(' / ') || 'no output'}` };
    const url = new URL('jobs', ready.url).href;
    const rows: HttpRow[] = [];
    let sent = 0;
    for (const client of HTTP_CLIENTS) {
      const warm = await hammer(url, client, 500);
      sent += warm.ok;
      if (warm.ok === 0) return { ok: false, reason: `POST /jobs answered no 201 during the warm-up: ${warm.firstError}` };
      const cpu0 = cpuMsOf(proc.pid);
      const r = await hammer(url, client, HTTP_SECONDS * 1000);
      const cpu = cpuMsOf(proc.pid) - cpu0;
      sent += r.ok;
      const sorted = r.latencies.sort((a, b) => a - b);
      const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
      rows.push({
        client, jobs: r.ok, seconds: r.seconds, rate: r.ok / r.seconds, errors: r.errors, p50: pct(0.5), p99: pct(0.99),
        hostCpuPerJob: cpu / (r.ok + r.errors),
      });
    }
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    const stored = reader.prepare<[string], number>('SELECT COUNT(*) FROM jobs WHERE run_id = ?').pluck().get(ready.runId)!;
    reader.close();
    return { ok: true, rows, stored, sent };
  } finally {
    if (proc.connected) proc.send({ type: 'stop' });
    await waitForExit(closed, () => proc.kill('SIGKILL'));
    alive.delete(killer);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One POST /jobs through node's fetch (undici) or node:http with a keep-alive agent. */
function poster(url: string, client: HttpClient): () => Promise<{ status: number; text: string }> {
  const body = JSON.stringify({ type: 'noop' });
  if (client === 'fetch') {
    return async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      return { status: res.status, text: await res.text() };
    };
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: HTTP_CONCURRENCY });
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
  return () =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

/** HTTP_CONCURRENCY keep-alive loops of POST /jobs for `ms`; the in-flight requests finish and count. */
async function hammer(
  url: string,
  client: HttpClient,
  ms: number,
): Promise<{ ok: number; errors: number; seconds: number; latencies: number[]; firstError: string | null }> {
  const post = poster(url, client);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: HTTP_CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await post();
        latencies.push(performance.now() - t);
        if (res.status === 201) ok++;
        else {
          errors++;
          firstError ??= `${res.status} ${res.text.slice(0, 200)}`;
        }
      }
    }),
  );
  return { ok, errors, seconds: (performance.now() - start) / 1000, latencies, firstError };
}

// ---------------------------------------------------------------- machine --

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return db.prepare<[], string>('SELECT sqlite_version()').pluck().get()!;
  } finally {
    db.close();
  }
}

// ------------------------------------------------------------------ main --

async function main(): Promise<void> {
  const redis = redisVersion();
  const systems: System[] = [];
  const notes: string[] = [];
  if (ONLY.has('ours')) systems.push(ours);
  if (ONLY.has('plainjob')) systems.push(plainjob);
  if (ONLY.has('bullmq')) {
    if (redis) {
      systems.push(bullmq(false));
      if (BULLMQ_AOF) systems.push(bullmq(true));
    } else notes.push('BullMQ skipped: `redis-server` is not on PATH (`apt-get install -y redis-server`).');
  }
  const machine = {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memGb: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart: os.loadavg()[0]!,
  };
  log(`drain ${fmtInt(JOBS)} no-op jobs, ${REPS} rep(s), workers ${WORKER_COUNTS.join(' and ')}: ${systems.map((s) => s.label).join(', ')}`);
  log(`1-min load average at the start: ${fmt(machine.loadStart)} (${machine.cores} cores)`);

  const runs: Drain[] = [];
  const wholeRuns: WholeRun[] = [];
  for (let rep = 1; rep <= REPS; rep++) {
    for (const workers of WORKER_COUNTS) {
      if (ONLY.has('ours') && !CPU_PROF) {
        const w = wholeCommand(workers);
        wholeRuns.push(w);
        log(`rep ${rep} ${'queue-lab run --mode live'.padEnd(34)} ${workers}w: whole command ${fmtInt(w.rate).padStart(7)} jobs/s (${fmt(w.wallS, 2)} s spawn to exit, ${w.retries} retries)`);
      }
      for (const system of systems) {
        const r = await drain(system, workers);
        runs.push(r);
        log(
          `rep ${rep} ${system.label.padEnd(34)} ${workers}w: after ready ${fmtInt(r.rateAfterReady).padStart(7)} jobs/s ` +
            `(${fmt(r.afterReadyS, 2)} s), fork->done ${fmtInt(r.rateTotal).padStart(7)} jobs/s (${fmt(r.totalS, 2)} s, startup ${fmt(r.startupS, 2)} s), ` +
            `prefill ${fmt(r.prefillS, 2)} s, cpu ms/job workers ${fmt(r.cpuWorkers, 3)} bench ${fmt(r.cpuBench, 3)}` +
            (system.key.startsWith('bullmq') ? ` redis ${fmt(r.cpuServer, 3)}` : ''),
        );
      }
    }
  }

  let http: HttpResult = { ok: false, reason: 'not measured (--only leaves out ours)' };
  if (ONLY.has('ours')) {
    http = await httpEnqueue();
    if (http.ok) {
      for (const r of http.rows) {
        log(
          `HTTP POST /jobs, ${r.client}, ${HTTP_CONCURRENCY} keep-alive loops, ${fmt(r.seconds, 1)} s: ${fmtInt(r.rate)} jobs/s ` +
            `(p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, ${r.errors} errors, web host CPU ${fmt(r.hostCpuPerJob, 3)} ms/request)`,
        );
      }
    } else log(`HTTP POST /jobs: skipped: ${http.reason}`);
  }
  const loadEnd = os.loadavg()[0]!;

  // -------------------------------------------------------------- report --
  const lines: string[] = [];
  const out = (line = ''): void => void lines.push(line);
  const of = (key: System['key'], workers: number): Drain[] => runs.filter((r) => r.system === key && r.workers === workers);
  const med = (key: System['key'], workers: number, pick: (r: Drain) => number): number => {
    const xs = of(key, workers).map(pick);
    return xs.length > 0 ? median(xs) : NaN;
  };

  out(`Run on ${machine.date}`);
  out();
  out(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${fmt(machine.memGb, 1)} GB RAM, ${machine.os}`);
  out(
    `- Node ${process.version}, SQLite ${sqliteVersion()} (better-sqlite3 ${packageVersion('better-sqlite3')}), plainjob ${packageVersion('plainjob')}, ` +
      `BullMQ ${packageVersion('bullmq')} with ioredis ${packageVersion('ioredis')}, Redis ${redis ?? 'not installed'}`,
  );
  out(`- 1-min load average: ${fmt(machine.loadStart)} at the start, ${fmt(loadEnd)} at the end (${machine.cores} cores; the bench itself keeps about 2 busy)`);
  out(
    `- ${fmtInt(JOBS)} no-op jobs prefilled in bulk (untimed), then 1 or 2 worker processes with concurrency 1 drain them; ` +
      `${REPS} rep(s), median shown; the bench polls for the end every ${POLL_MS} ms`,
  );
  out(
    '- Durability: ours and plainjob: SQLite WAL with `synchronous = NORMAL` (a commit survives a crash of any process; ' +
      'an OS crash or power loss can lose the last commits). BullMQ: `redis-server --save \'\' --appendonly no`, memory only: ' +
      'a crash or restart of redis-server loses every job' +
      (BULLMQ_AOF ? '; the "AOF everysec" row (`--appendonly yes --appendfsync everysec`) loses at most about 1 s of writes on an OS crash, like ours.' : '.'),
  );
  for (const note of notes) out(`- ${note}`);
  out();
  out('| system | workers | jobs/s after ready | drain after ready s | jobs/s fork to done | fork to done s | startup s | CPU ms/job: workers | bench | redis | prefill s (untimed) |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const workers of WORKER_COUNTS) {
    for (const s of systems) {
      if (of(s.key, workers).length === 0) continue;
      const m = (pick: (r: Drain) => number): number => med(s.key, workers, pick);
      out(
        `| ${s.label} | ${workers} | ${fmtInt(m((r) => r.rateAfterReady))} | ${fmt(m((r) => r.afterReadyS))} | ${fmtInt(m((r) => r.rateTotal))} | ` +
          `${fmt(m((r) => r.totalS))} | ${fmt(m((r) => r.startupS))} | ${fmt(m((r) => r.cpuWorkers), 3)} | ${fmt(m((r) => r.cpuBench), 3)} | ` +
          `${s.key.startsWith('bullmq') ? fmt(m((r) => r.cpuServer), 3) : ''} | ${fmt(m((r) => r.prefillS))} |`,
      );
    }
  }
  out();

  const target = (name: string, ourRate: number, theirRate: number, factor: number): string => {
    if (!Number.isFinite(ourRate) || !Number.isFinite(theirRate)) return `| ${name} | not measured | |`;
    const ratio = ourRate / theirRate;
    const pass = ratio >= factor;
    const verdict = pass ? `PASS (${fmt(ratio)}x)` : `MISS: ${fmt(ratio)}x, needs ${fmtInt(theirRate * factor)} jobs/s, is ${fmtInt(ourRate)}`;
    return `| ${name} | ${fmtInt(ourRate)} vs ${fmtInt(theirRate)} jobs/s | ${verdict} |`;
  };
  const wholeOf = (workers: number): WholeRun[] => wholeRuns.filter((r) => r.workers === workers);
  if (wholeRuns.length > 0) {
    out('The whole command, as a user types it: `queue-lab run noop.json --mode live --workers N --time-scale 0.001 --db FILE --json` on a fresh file, ' +
      'spawn to exit (node start-up, the built CLI, enqueueing the jobs while the workers start, the drain, the summary, exit). The peers above are timed from the fork of their workers, with their jobs prefilled untimed.');
    out();
    out('| command | workers | jobs/s spawn to exit | spawn to exit s | retries (median) |');
    out('|---|---:|---:|---:|---:|');
    for (const workers of WORKER_COUNTS) {
      const xs = wholeOf(workers);
      if (xs.length) out(`| \`queue-lab run --mode live\` | ${workers} | ${fmtInt(median(xs.map((r) => r.rate)))} | ${fmt(median(xs.map((r) => r.wallS)))} | ${median(xs.map((r) => r.retries))} |`);
    }
    out();
  }
  const whole2 = wholeOf(2).length ? median(wholeOf(2).map((r) => r.rate)) : NaN;
  const bullmqBest = Math.max(med('bullmq', 2, (r) => r.rateAfterReady), med('bullmq', 2, (r) => r.rateTotal));
  out('| target (2 workers) | measured | result |');
  out('|---|---:|---|');
  out(target('whole command >= 1.5x plainjob (its drain after ready)', whole2, med('plainjob', 2, (r) => r.rateAfterReady), 1.5));
  out(target('whole command >= BullMQ + Redis (its best rate)', whole2, bullmqBest, 1));
  for (const [what, pick] of [
    ['after ready', (r: Drain) => r.rateAfterReady],
    ['fork to done', (r: Drain) => r.rateTotal],
  ] as const) {
    out(target(`>= 1.5x plainjob, ${what}`, med('ours', 2, pick), med('plainjob', 2, pick), 1.5));
    out(target(`>= BullMQ, ${what}`, med('ours', 2, pick), med('bullmq', 2, pick), 1));
  }
  out();
  if (http.ok) {
    out(
      `HTTP enqueue: POST /jobs {"type":"noop"} to the web host (its own process, 127.0.0.1; the run's store in the same process; no workers), ` +
        `${HTTP_CONCURRENCY} keep-alive loops for ${HTTP_SECONDS} s each after a 0.5 s warm-up, from this process. ` +
        `${fmtInt(http.stored)} rows in the jobs table for ${fmtInt(http.sent)} 201 answers.`,
    );
    out();
    out('| client | jobs/s | p50 ms | p99 ms | errors | web host CPU ms/request |');
    out('|---|---:|---:|---:|---:|---:|');
    for (const r of http.rows) {
      out(`| ${r.client} | ${fmtInt(r.rate)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${r.errors} | ${fmt(r.hostCpuPerJob, 3)} |`);
    }
  } else out(`HTTP enqueue: not measured: ${http.reason}.`);
  out();
  out('Individual runs (jobs/s after ready / fork to done):');
  for (const workers of WORKER_COUNTS) {
    for (const s of systems) {
      const xs = of(s.key, workers);
      if (xs.length > 0) out(`- ${s.label}, ${workers}w: ${xs.map((r) => `${fmtInt(r.rateAfterReady)} / ${fmtInt(r.rateTotal)}`).join('; ')}`);
    }
    const ws = wholeOf(workers);
    if (ws.length > 0) out(`- queue-lab run --mode live, ${workers}w, whole command: ${ws.map((r) => `${fmtInt(r.rate)} (${fmt(r.wallS)} s)`).join('; ')}`);
  }

  log();
  for (const line of lines) log(line);
  if (WRITE && !CPU_PROF) writeResults(lines);
}

function writeResults(lines: string[]): void {
  const section = [START, '## Live drain vs plainjob and BullMQ (`npm run bench:drain`)', '', ...lines, END].join('\n');
  let text = readFileSync(RESULTS, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start >= 0 && end > start) {
    text = text.slice(0, start) + section + text.slice(end + END.length);
  } else {
    const hand = text.indexOf(HAND);
    text = hand >= 0 ? `${text.slice(0, hand)}${section}\n\n${text.slice(hand)}` : `${text.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(RESULTS, text);
  log();
  log(`Wrote ${RESULTS}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
