// The conformance suite every WorkerHost must pass (Node's child_process.fork
// now, Electron's utilityProcess.fork later): real worker processes on a real
// SQLite file in WAL mode, checked through the database, which is where the
// fate of a job is decided, and through the normalised exits and messages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FromWorker } from '../../../src/shared/live/worker-messages.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { drawAttempt, faultsForJobType } from '../../../src/shared/sim/attempt-draw.ts';
import { openDatabase, type DB } from '../../../src/main/engine/store/open-database.ts';
import { SqliteQueueStore } from '../../../src/main/engine/store/queue-store.ts';
import type { WorkerExit, WorkerHandle, WorkerHost, WorkerSpec } from '../../../src/main/workers/worker-host.ts';
import { expectLogMatchesJobs } from '../engine/store/store-helpers.ts';

/** Wall seconds per scenario second in these tests: 1 scenario second = 10 ms. */
const TIME_SCALE = 0.01;
const RUN_ID = 'live-1';

export interface Lab {
  file: string;
  db: DB;
  store: SqliteQueueStore;
  scenario: Scenario;
  /** Scenario seconds since the lab's origin, as the workers compute them. */
  now(): number;
  enqueue(count: number, type?: string): number[];
  spec(name: string): WorkerSpec;
  scalar(sql: string, ...params: unknown[]): number;
}

export interface Started {
  handle: WorkerHandle;
  messages: FromWorker[];
  exit: Promise<WorkerExit>;
  /** Resolves with the first message of this type (or rejects after a bounded wait). */
  next<T extends FromWorker['type']>(type: T, timeoutMs?: number): Promise<Extract<FromWorker, { type: T }>>;
}

const dirs: string[] = [];
const dbs: DB[] = [];
const running: Started[] = [];
const timers: NodeJS.Timeout[] = [];

function lab(input: ScenarioInput): Lab {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-workers-'));
  dirs.push(dir);
  const file = join(dir, 'lab.db');
  const db = openDatabase(file);
  dbs.push(db);
  const scenario = scenarioSchema.parse(input);
  const scenarioJson = JSON.stringify(scenario);
  const store = new SqliteQueueStore(db, RUN_ID);
  store.createRun({ id: RUN_ID, scenario: scenario.name, scenarioJson, mode: 'live', seed: scenario.seed });
  const originMs = Date.now();
  const now = (): number => (Date.now() - originMs) / 1000 / TIME_SCALE;
  return {
    file, db, store, scenario, now,
    enqueue(count, type = 'work') {
      const maxAttempts = scenario.jobTypes[type]?.retry?.maxAttempts ?? scenario.retry.maxAttempts;
      return db.transaction(() =>
        Array.from({ length: count }, () => store.enqueue({ queue: 'default', type, priority: 10, maxAttempts, now: now() }).jobId),
      )();
    },
    spec: (name) => ({ name, dbFile: file, runId: RUN_ID, scenarioJson, originMs, timeScale: TIME_SCALE }),
    scalar: (sql, ...params) => db.prepare(sql).pluck().get(...params) as number,
  };
}

function track(handle: WorkerHandle): Started {
  const messages: FromWorker[] = [];
  const waiting: { type: string; resolve: (m: FromWorker) => void }[] = [];
  handle.onMessage((m) => {
    messages.push(m);
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i]!.type === m.type) waiting.splice(i, 1)[0]!.resolve(m);
    }
  });
  const exit = new Promise<WorkerExit>((resolve) => handle.onExit(resolve));
  const started: Started = {
    handle, messages, exit,
    next(type, timeoutMs = 15_000) {
      const seen = messages.find((m) => m.type === type);
      if (seen) return Promise.resolve(seen as never);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${handle.name}: no '${type}' message within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({ type, resolve: (m) => (clearTimeout(timer), resolve(m as never)) });
        void exit.then((e) => reject(new Error(`${handle.name} exited (${JSON.stringify(e)}) before a '${type}' message`)));
      });
    },
  };
  running.push(started);
  return started;
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);
}

/** What the supervisor does in production: move due retrying/delayed jobs to pending. */
function promoteDueEvery(l: Lab, ms: number): void {
  timers.push(setInterval(() => l.store.promoteDue(l.now()), ms));
}

const FINAL = "state IN ('succeeded', 'dead', 'cancelled')";
const allFinal = (l: Lab) => () => l.scalar(`SELECT COUNT(*) FROM jobs WHERE run_id = ? AND NOT ${FINAL}`, RUN_ID) === 0;

const base = (extra: Partial<ScenarioInput> = {}): ScenarioInput => ({
  seed: 7,
  jobTypes: { work: { duration: { kind: 'constant', value: 2 } } },
  workers: { count: 2, concurrency: 1 },
  retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0 }, jitter: 'none' },
  visibilityTimeout: 60,
  heartbeatInterval: 5,
  ...extra,
});

export function describeWorkerHost(name: string, makeHost: () => WorkerHost | Promise<WorkerHost>): void {
  describe(`WorkerHost conformance: ${name}`, () => {
    afterEach(async () => {
      for (const t of timers.splice(0)) clearInterval(t);
      const children = running.splice(0);
      for (const c of children) c.handle.kill();
      await Promise.all(children.map((c) => within(c.exit, 10_000, `${c.handle.name} to die`)));
      for (const db of dbs.splice(0)) if (db.open) db.close();
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });

    it('two workers drain a run: ready, one attempt per job, both names in attempts, graceful exit', async () => {
      const l = lab(base());
      const host = await makeHost();
      const t0 = performance.now();
      const [w1, w2] = ['w1', 'w2'].map((n) => track(host.start(l.spec(n))));
      const ready = await Promise.all([w1!.next('ready'), w2!.next('ready')]);
      const startMs = performance.now() - t0;
      expect(ready[0].pid).toBe(w1!.handle.pid);
      expect(ready[1].pid).toBe(w2!.handle.pid);
      const JOBS = 40;
      l.enqueue(JOBS);
      const t1 = performance.now();
      await waitFor('every job final', allFinal(l));
      const drainMs = performance.now() - t1;
      expect(l.scalar("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded' AND completions = 1")).toBe(JOBS);
      expect(l.scalar('SELECT COUNT(*) FROM attempts')).toBe(JOBS);
      expect(l.scalar("SELECT COUNT(*) FROM attempts WHERE outcome = 'succeeded' AND attempt = 1 AND ended_at IS NOT NULL")).toBe(JOBS);
      const workers = l.db.prepare('SELECT DISTINCT worker FROM attempts ORDER BY worker').pluck().all();
      expect(workers).toEqual(['w1', 'w2']);
      expectLogMatchesJobs(l.db, RUN_ID);
      // Messages: one claimed and one accepted finish per job, across both workers.
      await waitFor('every finished message', () => [w1!, w2!].flatMap((w) => w.messages).filter((m) => m.type === 'finished').length === JOBS, 5000);
      const all = [w1!, w2!].flatMap((w) => w.messages);
      expect(all.filter((m) => m.type === 'claimed')).toHaveLength(JOBS);
      expect(all.filter((m) => m.type === 'finished' && m.accepted && m.outcome === 'succeeded')).toHaveLength(JOBS);
      w1!.handle.terminate();
      w2!.handle.send({ type: 'stop' });
      const exits = await within(Promise.all([w1!.exit, w2!.exit]), 10_000, 'graceful exits');
      expect(exits).toEqual([
        { code: 0, signal: null, reason: 'exited' },
        { code: 0, signal: null, reason: 'exited' },
      ]);
      console.log(`${name}: 2 workers ready in ${Math.round(startMs)} ms; ${JOBS} jobs of 20 ms drained in ${Math.round(drainMs)} ms`);
    });

    it('kill() mid-job: reason killed, the job stays processing under that worker\'s lease', async () => {
      const l = lab(base({ jobTypes: { work: { duration: { kind: 'constant', value: 1000 } } } }));
      const [jobId] = l.enqueue(1);
      const w = track((await makeHost()).start(l.spec('w1')));
      const claimed = await w.next('claimed');
      expect(claimed.job).toBe(jobId);
      w.handle.kill();
      expect(await within(w.exit, 10_000, 'exit after kill')).toEqual({ code: null, signal: 'SIGKILL', reason: 'killed' });
      const job = l.store.getJob(jobId!)!;
      expect(job.state).toBe('processing');
      expect(job.leaseOwner).toBe('w1');
      expect(job.leaseExpiresAt).not.toBeNull();
      const attempt = l.db.prepare('SELECT worker, outcome, ended_at FROM attempts WHERE job_id = ?').all(jobId);
      expect(attempt).toEqual([{ worker: 'w1', outcome: null, ended_at: null }]);
    });

    it('terminate() while busy: the job in hand finishes, nothing new is claimed, exit 0', async () => {
      const l = lab(base({ jobTypes: { work: { duration: { kind: 'constant', value: 40 } } } }));
      const ids = l.enqueue(3);
      const w = track((await makeHost()).start(l.spec('w1')));
      const claimed = await w.next('claimed');
      w.handle.terminate();
      expect(await within(w.exit, 10_000, 'exit after terminate')).toEqual({ code: 0, signal: null, reason: 'exited' });
      expect(l.store.getJob(claimed.job)!.state).toBe('succeeded');
      expect(l.scalar('SELECT COUNT(*) FROM attempts')).toBe(1);
      expect(ids.filter((id) => l.store.getJob(id)!.state === 'pending')).toHaveLength(2);
      expect(w.messages.some((m) => m.type === 'finished' && m.job === claimed.job && m.accepted)).toBe(true);
    });

    it('workers.maxJobs: the worker exits by itself after N jobs, with a stats message first', async () => {
      const l = lab(base({ workers: { count: 1, concurrency: 2, maxJobs: 3 } }));
      l.enqueue(10);
      const w = track((await makeHost()).start(l.spec('w1')));
      expect(await within(w.exit, 15_000, 'recycling exit')).toEqual({ code: 0, signal: null, reason: 'exited' });
      expect(l.scalar('SELECT COUNT(*) FROM attempts')).toBe(3);
      expect(l.scalar("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'")).toBe(3);
      expect(l.scalar("SELECT COUNT(*) FROM jobs WHERE state = 'pending'")).toBe(7);
      const last = w.messages.at(-1);
      expect(last).toMatchObject({ type: 'stats', jobsDone: 3 });
      expect(last?.type === 'stats' && last.rssBytes).toBeGreaterThan(0);
    });

    it('failing jobs retry through promoteDue and end dead after maxAttempts', async () => {
      const l = lab(base({ jobTypes: { work: { duration: { kind: 'constant', value: 1 }, failureRate: 1, error: 'boom' } }, retry: { maxAttempts: 2, backoff: { kind: 'fixed', initial: 0 }, jitter: 'none' } }));
      const JOBS = 10;
      l.enqueue(JOBS);
      promoteDueEvery(l, 20);
      const host = await makeHost();
      track(host.start(l.spec('w1')));
      track(host.start(l.spec('w2')));
      await waitFor('every job final', allFinal(l));
      expect(l.scalar("SELECT COUNT(*) FROM jobs WHERE state = 'dead' AND attempts = 2")).toBe(JOBS);
      expect(l.scalar('SELECT COUNT(*) FROM dead_jobs')).toBe(JOBS);
      expect(l.scalar("SELECT COUNT(*) FROM attempts WHERE outcome = 'failed' AND error = 'boom'")).toBe(2 * JOBS);
      // The first failure chose a retry (fixed 0 s), the second none.
      expect(l.scalar('SELECT COUNT(*) FROM attempts WHERE attempt = 1 AND backoff_delay = 0')).toBe(JOBS);
      expect(l.scalar('SELECT COUNT(*) FROM attempts WHERE attempt = 2 AND backoff_delay IS NULL')).toBe(JOBS);
      expectLogMatchesJobs(l.db, RUN_ID);
    });

    it('what fails is drawn from the seed per (job, attempt), as in instant mode', async () => {
      const l = lab(base({ jobTypes: { work: { duration: { kind: 'uniform', min: 0, max: 2 }, failureRate: 0.5 } }, retry: { maxAttempts: 1 } }));
      const JOBS = 30;
      const ids = l.enqueue(JOBS);
      const host = await makeHost();
      track(host.start(l.spec('w1')));
      track(host.start(l.spec('w2')));
      await waitFor('every job final', allFinal(l));
      const spec = l.scenario.jobTypes.work!;
      const faults = faultsForJobType('work', l.scenario.faults);
      for (const id of ids) {
        const job = l.store.getJob(id)!;
        const expected = drawAttempt(l.scenario.seed, spec, faults, job.seq, 1, 0).outcome;
        expect(job.state).toBe(expected === 'succeeded' ? 'succeeded' : 'dead');
      }
      const failed = l.scalar("SELECT COUNT(*) FROM jobs WHERE state = 'dead'");
      expect(failed).toBeGreaterThan(0);
      expect(failed).toBeLessThan(JOBS);
    });

    it("'hang': no more heartbeats or results, and the process stays alive until killed", async () => {
      const l = lab(base({ heartbeatInterval: 1, jobTypes: { work: { duration: { kind: 'constant', value: 1000 } } } }));
      const [jobId] = l.enqueue(1);
      const w = track((await makeHost()).start(l.spec('w1')));
      await w.next('claimed');
      await waitFor('a heartbeat', () => (l.store.getJob(jobId!)!.heartbeatAt ?? 0) > l.store.getJob(jobId!)!.firstClaimedAt! + 0.5, 10_000);
      w.handle.send({ type: 'hang' });
      await new Promise((r) => setTimeout(r, 300)); // the message is on its way; a beat may still land meanwhile
      const frozen = l.store.getJob(jobId!)!.heartbeatAt;
      await new Promise((r) => setTimeout(r, 300)); // 30 scenario seconds: 30 beats if it were not hung
      expect(l.store.getJob(jobId!)!.heartbeatAt).toBe(frozen);
      w.handle.send({ type: 'stop' }); // a hung worker does not hear it
      const early = await Promise.race([w.exit, new Promise((r) => setTimeout(() => r('alive'), 300))]);
      expect(early).toBe('alive');
      w.handle.kill();
      expect((await within(w.exit, 10_000, 'exit after kill')).reason).toBe('killed');
      expect(l.store.getJob(jobId!)!.state).toBe('processing');
    });

    it("'unsafeClaim' on: two workers really take the same job (duplicates in the database)", async () => {
      const l = lab(base({ workers: { count: 2, concurrency: 4 }, jobTypes: { work: { duration: { kind: 'constant', value: 0.5 } } } }));
      const host = await makeHost();
      const ws = ['w1', 'w2'].map((n) => track(host.start(l.spec(n))));
      await Promise.all(ws.map((w) => w.next('ready')));
      for (const w of ws) w.handle.send({ type: 'unsafeClaim', on: true });
      await new Promise((r) => setTimeout(r, 100));
      const JOBS = 60;
      l.enqueue(JOBS);
      await waitFor('every job final', allFinal(l));
      // Let doubled attempts still running finish too.
      await waitFor('no attempt open', () => l.scalar('SELECT COUNT(*) FROM attempts WHERE ended_at IS NULL') === 0, 5000);
      const taken = l.scalar('SELECT COUNT(*) FROM (SELECT job_id FROM attempts GROUP BY job_id HAVING COUNT(*) > 1)');
      const duplicates = l.scalar('SELECT COUNT(*) FROM jobs WHERE completions > 1');
      console.log(`${name}: unsafe claim, ${JOBS} jobs: ${taken} taken more than once, ${duplicates} completed more than once`);
      expect(l.scalar("SELECT COUNT(*) FROM jobs WHERE state <> 'succeeded'")).toBe(0);
      expect(taken).toBeGreaterThan(0);
      expect(duplicates).toBeGreaterThan(0);
    });

    it('a worker that cannot start reports an error and exits 1 (crashed)', async () => {
      const l = lab(base());
      const w = track((await makeHost()).start({ ...l.spec('w1'), runId: 'no-such-run' }));
      const error = await w.next('error');
      expect(error.message).toMatch(/no run no-such-run/);
      expect(await within(w.exit, 10_000, 'exit after error')).toEqual({ code: 1, signal: null, reason: 'crashed' });
    });
  });
}
