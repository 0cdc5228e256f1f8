// Live runs with real worker processes on a real SQLite file: a clean run,
// the chaos test (SIGKILL random workers through a few-thousand-job run,
// several seeds), and the unsafe claim's double processing, which must be
// real rather than scripted.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runLive, type LiveRunControl } from '../../../../src/main/engine/live/run-live.ts';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';
import { NodeWorkerHost } from '../../../../src/main/workers/node-worker-host.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dbFileOf(c: LiveRunControl): string {
  return c.dbFile;
}

async function live(input: ScenarioInput, timeScale: number, control?: (c: LiveRunControl) => () => void) {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-live-'));
  dirs.push(dir);
  const file = join(dir, 'lab.db');
  const db = openDatabase(file);
  let stop: (() => void) | undefined;
  const host = new NodeWorkerHost({ log: () => {} });
  try {
    const summary = await runLive(r.scenario, { db, host, timeScale, startLeadMs: 1000, maxWallSeconds: 60, onStarted: (c) => (stop = control?.(c)) });
    return { summary, file };
  } finally {
    stop?.();
    db.close();
  }
}

type JobTypeInput = NonNullable<ScenarioInput['jobTypes']>[string];
type ProducerInput = NonNullable<ScenarioInput['producers']>[number];

/** The chaos runs' common ground: 3 restarting workers, 4 fixed-backoff attempts, a 3 s lease; the work and arrivals vary. */
function chaosScenario(seed: number, work: JobTypeInput, producer: ProducerInput): ScenarioInput {
  return {
    seed,
    jobTypes: { work },
    producers: [producer],
    workers: { count: 3, restartDelay: 0.5 },
    retry: { maxAttempts: 4, backoff: { kind: 'fixed', initial: 0.5 }, jitter: 'none' },
    visibilityTimeout: 3,
    heartbeatInterval: 0.5,
  };
}

/**
 * SIGKILLs w1, w2, w3 in turn (from `offset`) every `everyMs`. A process still
 * booting is skipped: on a loaded machine a boot can outlast the kill period,
 * and the run would only ever kill newborns.
 */
function killReadyWorkers(everyMs: number, offset: number): { start: (c: LiveRunControl) => () => void; readonly kills: number } {
  let kills = 0;
  return {
    start(c) {
      let k = 0;
      const timer = setInterval(() => {
        const i = (offset + k++) % 3;
        if (c.supervisor.isReady(i) && c.supervisor.kill(i)) kills++;
      }, everyMs);
      return () => clearInterval(timer);
    },
    get kills() {
      return kills;
    },
  };
}

interface Checked {
  summary: RunSummary;
  attempts: { job_id: number; attempt: number; outcome: string | null }[];
}

/** The invariants of a finished live run, read straight from the file. */
function checkInvariants(file: string, summary: RunSummary, maxAttempts: number): Checked {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(summary.run_id)).toBe('completed');
    const open = db.prepare(`SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state NOT IN ('succeeded', 'dead', 'cancelled')`).pluck().get(summary.run_id);
    expect(open, 'jobs left in no final state').toBe(0);
    expect(summary.lost).toBe(0);
    const doubleSuccess = db
      .prepare(`SELECT job_id FROM attempts WHERE run_id = ? AND outcome = 'succeeded' GROUP BY job_id HAVING COUNT(*) > 1`)
      .all(summary.run_id);
    expect(doubleSuccess, 'jobs with more than one succeeded attempt').toEqual([]);
    const tooMany = db.prepare('SELECT COUNT(*) FROM attempts a JOIN jobs j ON j.id = a.job_id WHERE a.run_id = ? AND a.attempt > ?').pluck().get(summary.run_id, maxAttempts);
    expect(tooMany, 'attempts above maxAttempts').toBe(0);
    const attempts = db.prepare('SELECT job_id, attempt, outcome FROM attempts WHERE run_id = ?').all(summary.run_id) as Checked['attempts'];
    return { summary, attempts };
  } finally {
    db.close();
  }
}

describe('live mode', () => {
  it('runs real workers to the end: every job final, a worker killed mid-job recovered through its lease', async () => {
    let killedBusy = false;
    const { summary, file } = await live(
      {
        seed: 3,
        jobTypes: { work: { duration: { kind: 'exponential', mean: 1 }, failureRate: 0.2 } },
        producers: [{ count: 150, arrival: { kind: 'poisson', rate: 2 } }],
        workers: { count: 3 },
        retry: { maxAttempts: 3, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 10 } },
        visibilityTimeout: 5,
        heartbeatInterval: 1,
      },
      0.02,
      (c) => {
        // Kill w1 the first time the database shows it holding a job.
        const reader = new Database(dbFileOf(c), { readonly: true });
        const busy = reader.prepare(`SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state = 'processing' AND lease_owner = 'w1'`).pluck();
        const timer = setInterval(() => {
          if (!killedBusy && (busy.get(c.runId) as number) > 0) killedBusy = c.supervisor.kill(0);
        }, 5);
        return () => {
          clearInterval(timer);
          reader.close();
        };
      },
    );
    const { attempts } = checkInvariants(file, summary, 3);
    expect(killedBusy).toBe(true);
    expect(summary.mode).toBe('live');
    expect(summary.jobs.total).toBe(150);
    expect(summary.jobs.succeeded + summary.jobs.dead).toBe(150);
    expect(summary.attempts.retries).toBeGreaterThan(0);
    expect(attempts.filter((a) => a.outcome === 'crashed').length, 'the killed worker\'s attempt').toBeGreaterThanOrEqual(1);
  });

  for (const seed of [11, 12, 13]) {
    // Every kill costs a restart (a new process: ~0.5 s of CPU on a 2-core
    // machine), so kills come every 600 ms to keep the run about work.
    it(`chaos: SIGKILL random workers every 600 ms through 2000 jobs (seed ${seed}): 0 lost, no job succeeds twice`, async () => {
      const killer = killReadyWorkers(600, seed);
      const { summary, file } = await live(
        chaosScenario(seed, { duration: { kind: 'exponential', mean: 0.4 }, failureRate: 0.1 }, { count: 2000, arrival: { kind: 'poisson', rate: 12 } }),
        0.01,
        killer.start,
      );
      const { attempts } = checkInvariants(file, summary, 4);
      expect(killer.kills).toBeGreaterThanOrEqual(3);
      expect(summary.jobs.total).toBe(2000);
      const crashed = attempts.filter((a) => a.outcome === 'crashed' || a.outcome === 'lost').length;
      expect(crashed, 'killed mid-job attempts are recorded as crashed or lost').toBeGreaterThan(0);
      expect(attempts.every((a) => a.outcome !== null)).toBe(true);
    }, 90_000);
  }

  // Sub-millisecond jobs make workers report and claim in handfuls (finishAndClaim):
  // a kill then takes several claimed jobs down at once, and each must still be
  // recovered through its lease and finished exactly once.
  it('chaos with handfuls: SIGKILL every 500 ms while workers claim fast jobs in batches: 0 lost, no job succeeds twice', async () => {
    const killer = killReadyWorkers(500, 0);
    const { summary, file } = await live(
      chaosScenario(21, { duration: { kind: 'constant', value: 0.001 }, failureRate: 0.05 }, { count: 3000, arrival: { kind: 'constant', rate: 10 } }),
      0.01,
      killer.start,
    );
    const { attempts } = checkInvariants(file, summary, 4);
    expect(killer.kills).toBeGreaterThanOrEqual(3);
    expect(summary.jobs.total).toBe(3000);
    expect(attempts.every((a) => a.outcome !== null)).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      // Claimed in one transaction: one worker, one started_at, several attempts.
      const handfuls = db
        .prepare('SELECT COUNT(*) FROM (SELECT worker, started_at FROM attempts GROUP BY worker, started_at HAVING COUNT(*) > 1)')
        .pluck()
        .get();
      expect(handfuls, 'claims taken in handfuls').toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 90_000);

  it('starts scenario time 0 when the workers are ready, with no fixed pause; jobs due at 0 are enqueued while they boot', async () => {
    const r = validateScenario({
      jobTypes: { noop: { duration: { kind: 'constant', value: 0 } } },
      producers: [{ count: 2000, arrival: { kind: 'all-at-once' } }],
      workers: { count: 2 },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const dir = mkdtempSync(join(tmpdir(), 'queue-lab-live-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'lab.db'));
    let readyAt = 0;
    let control: LiveRunControl | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const summary = await runLive(r.scenario, {
        db, host: new NodeWorkerHost({ log: () => {} }), timeScale: 0.001, maxWallSeconds: 60,
        onStarted: (c) => {
          control = c;
          timer = setInterval(() => {
            if (!readyAt && c.supervisor.isReady(0) && c.supervisor.isReady(1)) readyAt = Date.now();
          }, 1);
        },
      });
      expect(summary.jobs.succeeded).toBe(2000);
      // Time 0 is the moment the last first worker said ready (the 1.5 s lead and the 250 ms settle are gone).
      expect(readyAt).toBeGreaterThan(0);
      expect(Math.abs(control!.clock.originMs - readyAt)).toBeLessThan(60);
      const firstClaim = db.prepare("SELECT MIN(seq) FROM events WHERE run_id = ? AND kind = 'claimed'").pluck().get(summary.run_id) as number;
      const enqueued = db.prepare("SELECT COUNT(*) FROM events WHERE run_id = ? AND kind = 'enqueued' AND seq < ?").pluck().get(summary.run_id, firstClaim);
      expect(enqueued, 'jobs enqueued before the first claim').toBe(2000);
    } finally {
      clearInterval(timer);
      db.close();
    }
  }, 60_000);

  it('waits for slow-starting workers: scenario time 0 is when they can work, so early faults are not missed', async () => {
    const r = validateScenario({
      seed: 3,
      jobTypes: { work: { duration: { kind: 'constant', value: 0.5 } } },
      producers: [{ count: 20, arrival: { kind: 'all-at-once' } }],
      workers: { count: 2 },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const dir = mkdtempSync(join(tmpdir(), 'queue-lab-live-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'lab.db'));
    const entry = fileURLToPath(new URL('../../../fixtures/slow-start-worker.ts', import.meta.url));
    const host = new NodeWorkerHost({ log: () => {}, entry, env: { QUEUE_LAB_TEST_BOOT_MS: '2500' } });
    try {
      // Workers ready after 2.5 s + boot, well past the planned 1 s lead: without the wait
      // the first claims would come at t = (2.5 + boot - 1) / 0.05 > 30 s.
      const summary = await runLive(r.scenario, { db, host, timeScale: 0.05, startLeadMs: 1000, maxWallSeconds: 60 });
      expect(summary.jobs.succeeded).toBe(20);
      const firstClaim = db.prepare("SELECT MIN(t) FROM events WHERE run_id = ? AND kind = 'claimed'").pluck().get(summary.run_id) as number;
      expect(firstClaim).toBeGreaterThanOrEqual(0);
      expect(firstClaim).toBeLessThan(3);
    } finally {
      db.close();
    }
  }, 60_000);

  it('no visibility timeout: a killed worker\'s job stays processing forever and the summary counts it lost', async () => {
    let killed = false;
    const { summary } = await live(
      {
        seed: 4,
        jobTypes: { work: { duration: { kind: 'constant', value: 1 } } },
        producers: [{ count: 60, arrival: { kind: 'constant', rate: 2 } }],
        workers: { count: 2 },
        faults: [{ kind: 'noVisibilityTimeout' }],
      },
      0.02,
      (c) => {
        const reader = new Database(dbFileOf(c), { readonly: true });
        const busy = reader.prepare(`SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state = 'processing' AND lease_owner = 'w2'`).pluck();
        const timer = setInterval(() => {
          if (!killed && (busy.get(c.runId) as number) > 0) killed = c.supervisor.kill(1);
        }, 5);
        return () => {
          clearInterval(timer);
          reader.close();
        };
      },
    );
    expect(killed).toBe(true);
    expect(summary.jobs.processing).toBe(1);
    expect(summary.lost).toBe(1);
    expect(summary.jobs.succeeded).toBe(59);
  });

  it('max memory: a worker over its limit finishes its job and is replaced, and no job is lost', async () => {
    const { summary, file } = await live(
      {
        seed: 6,
        jobTypes: { work: { duration: { kind: 'constant', value: 0.5 } } },
        producers: [{ count: 80, arrival: { kind: 'constant', rate: 3 } }],
        workers: { count: 1, maxMemory: 16 }, // any Node process is above 16 MB
      },
      0.02,
    );
    const { attempts } = checkInvariants(file, summary, 3);
    const db = new Database(file, { readonly: true });
    const starts = db.prepare(`SELECT COUNT(*) FROM events WHERE run_id = ? AND kind = 'worker_started'`).pluck().get(summary.run_id) as number;
    db.close();
    expect(starts, 'the worker was recycled at least once').toBeGreaterThan(1);
    expect(attempts.every((a) => a.outcome === 'succeeded')).toBe(true);
    expect(summary.jobs.succeeded).toBe(80);
  });

  it('unsafe claim: two workers really take one job (duplicates > 0)', async () => {
    const { summary } = await live(
      {
        seed: 8,
        jobTypes: { work: { duration: { kind: 'constant', value: 0.2 } } },
        producers: [{ count: 300, arrival: { kind: 'poisson', rate: 20 } }],
        workers: { count: 6 },
        faults: [{ kind: 'unsafeClaim' }],
      },
      0.02,
    );
    expect(summary.duplicates).toBeGreaterThan(0);
  });
});
