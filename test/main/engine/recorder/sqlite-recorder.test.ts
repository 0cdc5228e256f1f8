// What a stored instant run leaves in the lab database: a consistent file
// (integrity, foreign keys), one attempts row per attempt, every event, a run
// row that says how the run ended, including when it failed half-way.
import { afterEach, describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import { jobId } from '../../../../src/main/engine/store/job-id.ts';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import type { DB } from '../../../../src/main/engine/store/open-database.ts';
import { JOB_STATES } from '../../../../src/shared/job/states.ts';
import { scenarioSchema, type ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { cleanup, groupBy, recorderCoverage, replayStates, scenario, StoredRun, tempDb } from '../instant/run-helpers.ts';

afterEach(cleanup);

const busy = recorderCoverage;

function count(db: DB, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

describe('SqliteRecorder: a stored run', () => {
  it('leaves a file that passes integrity_check and foreign_key_check', () => {
    const { db, file } = tempDb();
    const s = runInstant(scenario(busy), { db });
    // The run covers what it claims to.
    expect(s.jobs.dead).toBeGreaterThan(0);
    expect(s.jobs.cancelled).toBeGreaterThan(0);
    expect(s.attempts.by_outcome.crashed + s.attempts.by_outcome.lost).toBeGreaterThan(0);
    expect(s.attempts.by_outcome.timeout).toBeGreaterThan(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM batches WHERE run_id = ?', s.run_id)).toBeGreaterThan(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM jobs WHERE run_id = ? AND parent_id IS NOT NULL', s.run_id)).toBe(400);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // And the same seen by a fresh connection, after the WAL is checkpointed.
    db.close();
    const again = openDatabase(file);
    try {
      expect(again.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(again.pragma('foreign_key_check')).toEqual([]);
      expect(count(again, 'SELECT COUNT(*) AS n FROM events WHERE run_id = ?', s.run_id)).toBe(s.events);
    } finally {
      again.close();
    }
  });

  it('writes one attempts row per attempt, consistent with jobs, dead_jobs and the summary', () => {
    const { db } = tempDb();
    const s = runInstant(scenario(busy), { db });
    const run = new StoredRun(db, s);
    const jobs = run.jobs();
    expect(jobs).toHaveLength(s.jobs.total);
    const attempts = groupBy(run.attempts(), (a) => a.job);
    let total = 0;
    for (const j of jobs) {
      const mine = attempts.get(j.seq) ?? [];
      expect(mine.length, `job ${j.seq}`).toBe(j.attempts);
      expect(mine.map((a) => a.attempt)).toEqual(Array.from({ length: j.attempts }, (_, i) => i + 1));
      total += mine.length;
      expect(j.id).toBe(jobId(1, j.seq));
      if (['succeeded', 'dead'].includes(j.state)) {
        expect(mine.every((a) => a.outcome !== null && a.ended_at !== null && a.ended_at >= a.started_at)).toBe(true);
        const lastEnd = Math.max(...mine.map((a) => a.ended_at!));
        // A job whose last attempt died with its worker is finished when the lease expires, later.
        if (['crashed', 'lost'].includes(mine[mine.length - 1]!.outcome!)) expect(j.finished_at).toBeGreaterThan(lastEnd);
        else expect(j.finished_at).toBe(lastEnd);
      }
      if (j.state === 'succeeded') expect(mine[mine.length - 1]!.outcome).toBe('succeeded');
      if (j.attempts > 0) expect(j.first_claimed_at).toBe(mine[0]!.started_at);
      else expect(j.first_claimed_at).toBeNull();
    }
    expect(total).toBe(s.attempts.total);
    const byOutcome = db.prepare('SELECT outcome, COUNT(*) AS n FROM attempts WHERE run_id = ? GROUP BY outcome').all(s.run_id) as { outcome: string; n: number }[];
    expect(Object.fromEntries(byOutcome.map((r) => [r.outcome, r.n]))).toEqual(
      Object.fromEntries(Object.entries(s.attempts.by_outcome).filter(([, n]) => n > 0)),
    );

    const dead = run.dead();
    const deadJobs = jobs.filter((j) => j.state === 'dead');
    expect(dead.map((d) => d.job_id).sort()).toEqual(deadJobs.map((j) => j.id).sort());
    for (const d of dead) {
      const j = jobs.find((x) => x.id === d.job_id)!;
      expect(d.attempts).toBe(j.attempts);
      expect(JSON.parse(d.errors)).toHaveLength(j.attempts);
      expect(d.died_at).toBe(j.finished_at);
    }

    const states = Object.fromEntries(JOB_STATES.map((st) => [st, jobs.filter((j) => j.state === st).length]));
    expect(states['succeeded']).toBe(s.jobs.succeeded);
    expect(states['dead']).toBe(s.jobs.dead);
    expect(states['cancelled']).toBe(s.jobs.cancelled);
    expect(states['processing']).toBe(s.jobs.processing);
  });

  it('stores every event, and the log replays to the jobs table', () => {
    const { db } = tempDb();
    const s = runInstant(scenario(busy), { db });
    const run = new StoredRun(db, s);
    const events = run.events();
    expect(events).toHaveLength(s.events);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: s.events }, (_, i) => i + 1));
    const states = replayStates(events);
    for (const j of run.jobs()) expect(states.get(j.seq)).toBe(j.state);
    // One 'claimed' event per attempt row.
    expect(events.filter((e) => e.kind === 'claimed')).toHaveLength(s.attempts.total);
  });

  it('the run row is completed with the summary it returned; workers and snapshots are written', () => {
    const { db } = tempDb();
    const sc = scenario(busy);
    const s = runInstant(sc, { db });
    const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(s.run_id) as Record<string, unknown>;
    expect(row['status']).toBe('completed');
    expect(row['mode']).toBe('instant');
    expect(row['seed']).toBe(99);
    expect(row['scenario']).toBe('recorder coverage');
    expect(row['store_level']).toBe('full');
    expect(row['num']).toBe(1);
    expect(row['error']).toBeNull();
    expect(row['finished_at']).toEqual(expect.any(String));
    expect(row['sim_time']).toBe(s.sim_duration_s);
    expect(JSON.parse(row['scenario_json'] as string)).toEqual(sc);
    expect(JSON.parse(row['summary_json'] as string)).toEqual(s);

    const workers = db.prepare('SELECT * FROM workers WHERE run_id = ? ORDER BY name').all(s.run_id) as { name: string; jobs_done: number; restarts: number }[];
    expect(workers.map((w) => w.name)).toEqual(['w1', 'w2', 'w3', 'w4']);
    const ended = s.attempts.by_outcome.succeeded + s.attempts.by_outcome.failed + s.attempts.by_outcome.timeout;
    expect(workers.reduce((n, w) => n + w.jobs_done, 0)).toBe(ended);
    expect(workers.find((w) => w.name === 'w1')!.restarts).toBeGreaterThanOrEqual(1);

    const snaps = db.prepare(`SELECT * FROM metric_snapshots WHERE run_id = ? ORDER BY t`).all(s.run_id) as Record<string, number>[];
    expect(snaps.length).toBeGreaterThan(10);
    const last = snaps[snaps.length - 1]!;
    expect(last['t']).toBe(s.sim_duration_s);
    expect(last['succeeded']).toBe(s.jobs.succeeded);
    expect(last['dead']).toBe(s.jobs.dead);
    expect(last['cancelled']).toBe(s.jobs.cancelled);
    for (const snap of snaps) {
      const inSystem = JOB_STATES.reduce((n, st) => n + snap[st]!, 0);
      expect(inSystem).toBeLessThanOrEqual(s.jobs.total);
    }
  });

  it('metric_snapshots: each row holds the state counts of the event log just before its time, in the right columns', () => {
    const { db } = tempDb();
    const s = runInstant(
      scenario({
        seed: 4,
        jobTypes: { work: { duration: { kind: 'exponential', mean: 0.3 }, failureRate: 0.3 } },
        producers: [{ count: 60, arrival: { kind: 'poisson', rate: 5 }, delay: 0.5 }],
        workers: { count: 2 },
        retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.4 }, jitter: 'none' },
      }),
      { db },
    );
    const run = new StoredRun(db, s);
    const events = run.events();
    const snaps = db.prepare('SELECT * FROM metric_snapshots WHERE run_id = ? ORDER BY t').all(s.run_id) as Record<string, number>[];
    expect(snaps.length).toBeGreaterThan(10);
    const state = new Map<number, string>();
    let next = 0;
    snaps.forEach((snap, i) => {
      const last = i === snaps.length - 1;
      // Apply every event before the snapshot's time (the last row: every event).
      while (next < events.length && (last || events[next]!.t < snap['t']!)) {
        const e = events[next++]!;
        if (e.job !== null && e.to_state !== null) state.set(e.job, e.to_state);
      }
      const expected = Object.fromEntries(JOB_STATES.map((st) => [st, 0]));
      for (const st of state.values()) expected[st]!++;
      const got = Object.fromEntries(JOB_STATES.map((st) => [st, snap[st]]));
      expect(got, `snapshot at t=${snap['t']}`).toEqual(expected);
    });
    const last = snaps[snaps.length - 1]!;
    expect([last['succeeded'], last['dead'], last['retrying']]).toEqual([s.jobs.succeeded, s.jobs.dead, 0]);
  });

  it('two runs in one database get their own num, job ids and rows', () => {
    const { db } = tempDb();
    const small: ScenarioInput = { ...busy, producers: [{ queue: 'high', jobType: 'a', count: 50, arrival: { kind: 'poisson', rate: 4 }, then: ['b'] }] };
    const s1 = runInstant(scenario(small), { db });
    const s2 = runInstant(scenario(small), { db });
    const nums = db.prepare('SELECT id, num FROM runs ORDER BY num').all() as { id: string; num: number }[];
    expect(nums).toEqual([
      { id: s1.run_id, num: 1 },
      { id: s2.run_id, num: 2 },
    ]);
    expect(count(db, 'SELECT COUNT(*) AS n FROM jobs WHERE run_id = ?', s2.run_id)).toBe(s2.jobs.total);
    expect(count(db, 'SELECT COUNT(*) AS n FROM jobs WHERE run_id = ? AND id >= ?', s2.run_id, jobId(2, 0))).toBe(s2.jobs.total);
    // Children point at parents of their own run.
    expect(count(db, 'SELECT COUNT(*) AS n FROM jobs c JOIN jobs p ON p.id = c.parent_id WHERE c.run_id <> p.run_id')).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('with unsafe claim, attempts rows are unique and finished; only doubled jobs have more than one per claim', () => {
    const { db } = tempDb();
    const s = runInstant(
      scenario({
        seed: 3,
        jobTypes: { work: { duration: { kind: 'constant', value: 0.5 }, failureRate: 0.2 } },
        producers: [{ count: 80, arrival: { kind: 'constant', rate: 2 } }],
        workers: { count: 5, pollInterval: 1 },
        retry: { maxAttempts: 4, backoff: { kind: 'fixed', initial: 1 }, jitter: 'none' },
        faults: [{ kind: 'unsafeClaim', window: 0.05 }],
      }),
      { db },
    );
    expect(s.status).toBe('completed');
    expect(s.duplicates).toBeGreaterThan(0);
    const run = new StoredRun(db, s);
    const attempts = groupBy(run.attempts(), (a) => a.job);
    for (const j of run.jobs()) {
      const mine = attempts.get(j.seq) ?? [];
      expect(mine.length).toBeGreaterThanOrEqual(j.attempts);
      expect(mine.every((a) => a.outcome !== null)).toBe(true);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('SqliteRecorder: a run that fails half-way', () => {
  it('an engine error marks the run failed (not running), keeps the database usable and writes no half run', () => {
    const { db } = tempDb();
    // Parsed without the cross-checks, as a caller that skips validateScenario
    // would: the second producer's chain names a job type that does not exist,
    // which the engine only finds at that producer's first arrival, at t=20.
    const bad = scenarioSchema.parse({
      seed: 1,
      jobTypes: { work: { duration: { kind: 'constant', value: 0.1 } } },
      producers: [
        { jobType: 'work', count: 100, arrival: { kind: 'constant', rate: 10 } },
        { jobType: 'work', count: 5, start: 20, arrival: { kind: 'all-at-once' }, then: ['nope'] },
      ],
    });
    expect(() => runInstant(bad, { db, runId: 'bad-run' })).toThrow(/nope/);
    const row = db.prepare('SELECT status, error, finished_at, summary_json FROM runs WHERE id = ?').get('bad-run') as Record<string, unknown>;
    expect(row['status']).toBe('failed');
    expect(row['error']).toMatch(/nope/);
    expect(row['finished_at']).toEqual(expect.any(String));
    expect(row['summary_json']).toBeNull();
    expect(db.inTransaction).toBe(false);
    // Nothing of the failed run was committed (it never filled a chunk).
    for (const table of ['events', 'jobs', 'attempts', 'dead_jobs', 'batches', 'workers', 'metric_snapshots']) {
      expect(count(db, `SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ?`, 'bad-run'), table).toBe(0);
    }
    // The database still takes the next run.
    const ok = runInstant(scenario({ producers: [{ count: 10, arrival: { kind: 'all-at-once' } }] }), { db });
    expect(ok.status).toBe('completed');
    expect(count(db, 'SELECT COUNT(*) AS n FROM events WHERE run_id = ?', ok.run_id)).toBe(ok.events);
  });

  it('a run cancelled after some chunks were committed is failed; committed rows are consistent, the open chunk is rolled back', () => {
    const { db } = tempDb();
    const sc = scenario({
      seed: 2,
      jobTypes: { work: { duration: { kind: 'constant', value: 0.01 } } },
      producers: [{ count: 80_000, arrival: { kind: 'constant', rate: 200 } }],
      workers: { count: 4 },
    });
    let calls = 0;
    expect(() =>
      runInstant(sc, {
        db,
        runId: 'cancelled',
        onProgress: (done) => {
          calls++;
          if (done > 60_000) throw new Error('cancelled by the user');
        },
      }),
    ).toThrow('cancelled by the user');
    expect(calls).toBeGreaterThan(1);
    const row = db.prepare('SELECT status, error FROM runs WHERE id = ?').get('cancelled') as { status: string; error: string };
    expect(row).toEqual({ status: 'failed', error: 'cancelled by the user' });
    expect(db.inTransaction).toBe(false);
    const events = count(db, 'SELECT COUNT(*) AS n FROM events WHERE run_id = ?', 'cancelled');
    const jobs = count(db, 'SELECT COUNT(*) AS n FROM jobs WHERE run_id = ?', 'cancelled');
    // Some chunks committed, not the whole run (80k jobs make over 240k events).
    expect(events).toBeGreaterThan(0);
    expect(events).toBeLessThan(240_000);
    // Committed rows hang together: events 1..n without a gap, every attempt has its job.
    expect(db.prepare('SELECT MIN(seq) AS lo, MAX(seq) AS hi FROM events WHERE run_id = ?').get('cancelled')).toEqual({ lo: 1, hi: events });
    expect(jobs).toBeGreaterThan(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM attempts a LEFT JOIN jobs j ON j.id = a.job_id WHERE a.run_id = ? AND j.id IS NULL', 'cancelled')).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});
