// `queue-lab worker` joining a live run on a SQLite file from a second
// process (the built CLI, as a user types it): its workers' names appear in
// attempts.worker, every job completes exactly once, Ctrl-C lets them finish
// the job in hand, a joiner killed with its workers loses nothing (the host
// recovers their leases), and a run that cannot be joined says so in one line.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLive, type LiveRunControl } from '../../../../src/main/engine/live/run-live.ts';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';
import { NodeWorkerHost } from '../../../../src/main/workers/node-worker-host.ts';
import { BIN, REPO, cli, inspectDb, makeSandbox, type Sandbox } from '../../cli/cli-helpers.ts';

let box: Sandbox | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  box?.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function scenario(jobs: number, seconds: number, seed = 3): ScenarioInput {
  return {
    name: 'join-test',
    seed,
    jobTypes: { work: { duration: { kind: 'constant', value: seconds } } },
    producers: [{ count: jobs, arrival: { kind: 'all-at-once' } }],
    workers: { count: 2, restartDelay: 0.5 },
    retry: { maxAttempts: 4, backoff: { kind: 'fixed', initial: 0.5 }, jitter: 'none' },
    visibilityTimeout: 10,
    heartbeatInterval: 2,
  };
}

interface Joiner {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function joinRun(args: string[], detached = false): Joiner {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [BIN, 'worker', ...args], { cwd: REPO, env: box!.env, stdio: ['ignore', 'pipe', 'pipe'], detached });
  children.push(child);
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Runs a live run in this process; `during` gets the run id once it has started and may join workers to it. */
async function hostRun(file: string, input: ScenarioInput, timeScale: number, during: (runId: string) => void): Promise<RunSummary> {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const db = openDatabase(file);
  try {
    return await runLive(r.scenario, {
      db, host: new NodeWorkerHost({ log: () => {} }), timeScale, maxWallSeconds: 90,
      onStarted: (c: LiveRunControl) => during(c.runId),
    });
  } finally {
    db.close();
  }
}

/** Polls the file until `ready` holds (the joined workers got going), or fails after maxMs. */
async function until(file: string, ready: (count: (sql: string) => number) => boolean, maxMs = 30_000): Promise<void> {
  const end = Date.now() + maxMs;
  while (Date.now() < end) {
    if (inspectDb(file, (db) => ready((sql) => db.prepare(sql).pluck().get() as number))) return;
    await sleep(50);
  }
  throw new Error('timed out waiting for the joined workers');
}

describe('queue-lab worker on a SQLite live run', () => {
  it('two joined workers from a second process claim under NAME-1, NAME-2; every job completes exactly once', async () => {
    box = makeSandbox('join');
    const file = join(box.dir, 'lab.db');
    let joiner: Joiner | undefined;
    const summary = await hostRun(file, scenario(300, 1), 0.03, (runId) => {
      joiner = joinRun(['--db', file, '--run', runId, '--count', '2', '--name', 'lap']);
    });
    const end = await joiner!.exit;
    expect(end.code, joiner!.stderr()).toBe(0);
    expect(joiner!.stdout()).toMatch(/^lap-1, lap-2: \d+ jobs done in run \w+ .*the run is completed/);
    expect(summary.status).toBe('completed');
    expect(summary.jobs.succeeded).toBe(300);
    expect(summary.duplicates).toBe(0);
    expect(summary.lost).toBe(0);
    inspectDb(file, (db) => {
      const byWorker = Object.fromEntries((db.prepare('SELECT worker, COUNT(*) AS n FROM attempts GROUP BY worker').all() as { worker: string; n: number }[]).map((r) => [r.worker, r.n]));
      expect(Object.keys(byWorker).sort()).toEqual(['lap-1', 'lap-2', 'w1', 'w2']);
      expect(db.prepare('SELECT COUNT(*) FROM jobs WHERE completions <> 1 OR attempts <> 1').pluck().get()).toBe(0);
      const joinedEvents = db.prepare(`SELECT worker FROM events WHERE kind = 'worker_started' AND detail LIKE 'joined%' ORDER BY worker`).pluck().all();
      expect(joinedEvents).toEqual(['lap-1', 'lap-2']);
    });
  }, 90_000);

  it('Ctrl-C: the joined worker finishes the job in hand and exits 0; a killed joiner loses nothing (lease recovered)', async () => {
    box = makeSandbox('join-leave');
    const file = join(box.dir, 'lab.db');
    let leaver: Joiner | undefined;
    let victim: Joiner | undefined;
    let signalled: Promise<void> | undefined;
    // 4 s jobs at 0.05: 200 ms each; a 10 s lease is 500 ms of wall time.
    const summary = await hostRun(file, scenario(60, 4, 5), 0.05, (runId) => {
      leaver = joinRun(['--db', file, '--run', runId, '--name', 'leaver']);
      victim = joinRun(['--db', file, '--run', runId, '--name', 'victim'], true);
      signalled = (async () => {
        await until(file, (n) => n(`SELECT COUNT(*) FROM jobs WHERE state = 'processing' AND lease_owner = 'leaver-1'`) > 0 && n(`SELECT COUNT(*) FROM jobs WHERE state = 'processing' AND lease_owner = 'victim-1'`) > 0);
        leaver!.child.kill('SIGINT');
        process.kill(-victim!.child.pid!, 'SIGKILL'); // the joiner and its worker process, mid-job
      })();
    });
    await signalled;
    const left = await leaver!.exit;
    expect(left.code, leaver!.stderr()).toBe(0);
    expect(leaver!.stdout()).toMatch(/leaver-1: \d+ jobs done .*left on request/);
    expect((await victim!.exit).signal).toBe('SIGKILL');
    expect(summary.status).toBe('completed');
    expect(summary.jobs.succeeded).toBe(60);
    expect(summary.duplicates).toBe(0);
    expect(summary.lost).toBe(0);
    inspectDb(file, (db) => {
      const outcomes = (worker: string) => db.prepare('SELECT outcome FROM attempts WHERE worker = ? ORDER BY started_at').pluck().all(worker) as string[];
      // The leaver's last job finished: no attempt of it was left for the lease to expire.
      expect(outcomes('leaver-1').length).toBeGreaterThan(0);
      expect(outcomes('leaver-1').every((o) => o === 'succeeded')).toBe(true);
      // The victim's job in hand came back when its lease ran out, and another worker finished it.
      expect(outcomes('victim-1')).toContain('lost');
      expect(db.prepare(`SELECT COUNT(*) FROM jobs WHERE state <> 'succeeded' OR completions <> 1`).pluck().get()).toBe(0);
    });
  }, 90_000);

  it('a run that cannot be joined: one line, exit 2 (no such run, bad flags) or 1 (not running)', async () => {
    box = makeSandbox('join-bad');
    const file = join(box.dir, 'lab.db');
    const done = await hostRun(file, scenario(5, 0.1), 0.02, () => {});
    const oneLine = (r: { stderr: string }) => expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const unknown = cli(box, ['worker', '--db', file, '--run', 'nosuchrun']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^queue-lab worker: no run nosuchrun in this database/);
    oneLine(unknown);
    const finished = cli(box, ['worker', '--db', file, '--run', done.run_id]);
    expect(finished.status).toBe(1);
    expect(finished.stderr).toMatch(new RegExp(`^queue-lab worker: run ${done.run_id} is completed, not running`));
    oneLine(finished);
    const instant = cli(box, ['run', join(REPO, 'test/fixtures/scenarios/design-example.yaml'), '--db', file, '--json']);
    const instantId = JSON.parse(instant.stdout).run_id as string;
    const notLive = cli(box, ['worker', '--db', file, '--run', instantId]);
    expect(notLive.status).toBe(2);
    expect(notLive.stderr).toMatch(/is an instant run; only a live run takes workers/);
    const badCount = cli(box, ['worker', '--db', file, '--run', done.run_id, '--count', '0']);
    expect(badCount.status).toBe(2);
    expect(badCount.stderr).toMatch(/--count: expected an integer 1\.\.64, got "0"/);
    const noRun = cli(box, ['worker', '--db', file]);
    expect(noRun.status).toBe(2);
    expect(noRun.stderr).toMatch(/--run: the id of the live run to join/);
  }, 60_000);
});
