// Faults and features of instant runs, checked on what was stored: every
// test runs a small scenario with store full into a fresh SQLite file and
// queries the jobs, attempts, dead_jobs, batches and events tables.
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';
import { cleanup, groupBy, replayStates, runBare, runStored, type EventRow, type JobRow, type StoredRun } from './run-helpers.ts';

afterEach(cleanup);

const EPS = 1e-9;

/** What must hold for every stored run: seq 1..n, time never goes back, transitions chain, the log ends where the jobs table is. */
function checkLog(run: StoredRun): EventRow[] {
  const events = run.events();
  expect(events.length).toBe(run.summary.events);
  events.forEach((e, i) => {
    if (e.seq !== i + 1) throw new Error(`event seq ${e.seq} at position ${i + 1}`);
    if (i > 0 && e.t < events[i - 1]!.t) throw new Error(`event ${e.seq} (${e.kind}, job ${e.job}) at t=${e.t} comes after t=${events[i - 1]!.t}`);
  });
  const states = replayStates(events);
  for (const j of run.jobs()) expect(states.get(j.seq), `job ${j.seq}`).toBe(j.state);
  return events;
}

const constant = (value: number) => ({ kind: 'constant' as const, value });

describe('worker crash and the visibility timeout', () => {
  const crashAt7: ScenarioInput = {
    seed: 1,
    jobTypes: { work: { duration: constant(10) } },
    producers: [{ count: 3, arrival: { kind: 'all-at-once' } }],
    workers: { count: 1, restartDelay: 1 },
    visibilityTimeout: 20,
    heartbeatInterval: 5,
    faults: [{ kind: 'workerCrash', at: 7, worker: 1 }],
  };

  it('the crashed attempt is "crashed"; the job is recovered when its lease expires (last heartbeat + visibilityTimeout) and ends succeeded', () => {
    const run = runStored(crashAt7);
    const events = checkLog(run);
    const crash = events.find((e) => e.kind === 'worker_crashed')!;
    expect(crash.t).toBe(7);
    expect(crash.worker).toBe('w1');
    expect(crash.detail).toContain('job 1');

    const [first, ...rest] = run.attemptsOf(1);
    expect(first!.outcome).toBe('crashed');
    expect(first!.started_at).toBe(0);
    expect(first!.ended_at).toBe(7);
    expect(first!.error).toContain('crashed');

    const recovered = events.filter((e) => e.kind === 'recovered');
    expect(recovered).toHaveLength(1);
    const r = recovered[0]!;
    expect(r.job).toBe(1);
    expect([r.from_state, r.to_state]).toEqual(['processing', 'pending']);
    // Heartbeats every 5 s from the claim at 0: the last one before the crash at 7 was at 5.
    const lastHeartbeat = first!.started_at + Math.floor((crash.t - first!.started_at) / 5) * 5;
    expect(r.t).toBe(lastHeartbeat + 20);
    expect(r.t).toBeGreaterThanOrEqual(first!.started_at + 20);
    expect(r.t).toBeGreaterThanOrEqual(crash.t);
    expect(r.t - crash.t).toBeLessThanOrEqual(20);

    // Nobody touches job 1 between the crash and the recovery.
    expect(events.filter((e) => e.job === 1 && e.t > crash.t && e.t < r.t)).toEqual([]);
    expect(rest.length).toBeGreaterThanOrEqual(1);
    expect(rest[0]!.started_at).toBeGreaterThanOrEqual(r.t);
    expect(rest[rest.length - 1]!.outcome).toBe('succeeded');
    expect(run.job(1).state).toBe('succeeded');
    expect(run.job(1).attempts).toBe(1 + rest.length);

    // The worker came back after restartDelay and took the next job.
    const restart = events.find((e) => e.kind === 'worker_started' && e.t > 0)!;
    expect(restart.t).toBe(8);
    expect(run.attemptsOf(2)[0]!.started_at).toBe(8);

    const s = run.summary;
    expect(s.lost).toBe(0);
    expect(s.jobs.succeeded).toBe(3);
    expect(s.attempts.by_outcome.crashed).toBe(1);
  });

  it('recovery never happens before the crash, even when visibilityTimeout is shorter than heartbeatInterval', () => {
    // Heartbeat every 5 s, lease of 1 s, crash at 3 s into a 10 s job: the
    // last heartbeat was the claim at 0, so "heartbeat + lease" is t=1, in the past.
    const input: ScenarioInput = { ...crashAt7, visibilityTimeout: 1, heartbeatInterval: 5, faults: [{ kind: 'workerCrash', at: 3, worker: 1 }] };
    const validated = validateScenario(input);
    if (!validated.ok) {
      // Rejecting the combination is an acceptable fix too, if it says why.
      expect(validated.issues.map((i) => `${i.path} ${i.message}`).join('\n')).toMatch(/visibilityTimeout|heartbeatInterval/);
      return;
    }
    const run = runStored(input);
    const events = checkLog(run);
    const crash = events.find((e) => e.kind === 'worker_crashed')!;
    const recovered = events.find((e) => e.kind === 'recovered')!;
    expect(recovered.t).toBeGreaterThanOrEqual(crash.t);
    expect(run.summary.sim_duration_s).toBeGreaterThanOrEqual(events[events.length - 1]!.t);
  });

  it('noVisibilityTimeout: the crashed job stays processing forever and counts as lost', () => {
    const run = runStored({ ...crashAt7, faults: [...crashAt7.faults!, { kind: 'noVisibilityTimeout' }] });
    const events = checkLog(run);
    expect(events.filter((e) => e.kind === 'recovered')).toEqual([]);
    const job1 = run.job(1);
    expect(job1.state).toBe('processing');
    expect(job1.finished_at).toBeNull();
    expect(run.attemptsOf(1).map((a) => a.outcome)).toEqual(['crashed']);
    expect(run.job(2).state).toBe('succeeded');
    expect(run.job(3).state).toBe('succeeded');
    const s = run.summary;
    expect(s.lost).toBe(1);
    expect(s.jobs.processing).toBe(1);
    expect(s.jobs.succeeded).toBe(2);
    expect(s.stats.processing).toBe(1);
  });

  it('a hung worker\'s attempt is "lost" and the job is recovered by another worker', () => {
    const run = runStored({
      ...crashAt7,
      workers: { count: 2, restartDelay: 1 },
      faults: [{ kind: 'workerHang', at: 7, worker: 1, duration: 100 }],
    });
    const events = checkLog(run);
    const hung = events.find((e) => e.kind === 'worker_hung')!;
    expect(hung.t).toBe(7);
    const a = run.attemptsOf(1);
    expect(a[0]!.outcome).toBe('lost');
    expect(a[0]!.worker).toBe('w1');
    expect(a[1]!.worker).toBe('w2');
    expect(a[1]!.started_at).toBeGreaterThanOrEqual(25);
    expect(run.job(1).state).toBe('succeeded');
    // w1 claims nothing while hung.
    expect(events.filter((e) => e.kind === 'claimed' && e.worker === 'w1' && e.t > 7 && e.t < 107)).toEqual([]);
    expect(run.summary.attempts.by_outcome.lost).toBe(1);
    expect(run.summary.lost).toBe(0);
  });

  it('random crashes (rate): every crashed attempt is recovered and no job is lost', () => {
    const run = runStored({
      seed: 21,
      jobTypes: { work: { duration: { kind: 'exponential', mean: 2 } } },
      producers: [{ count: 300, arrival: { kind: 'poisson', rate: 1.2 } }],
      workers: { count: 3, restartDelay: 2 },
      visibilityTimeout: 30,
      retry: { maxAttempts: 10 },
      faults: [{ kind: 'workerCrash', rate: 0.02 }],
    });
    const events = checkLog(run);
    const crashed = run.attempts().filter((a) => a.outcome === 'crashed');
    expect(crashed.length).toBeGreaterThan(0);
    expect(crashed.length).toBe(run.summary.attempts.by_outcome.crashed);
    const recoveredJobs = new Set(events.filter((e) => e.kind === 'recovered').map((e) => e.job));
    for (const a of crashed) expect(recoveredJobs.has(a.job)).toBe(true);
    expect(run.summary.lost).toBe(0);
    expect(run.summary.jobs.succeeded).toBe(300);
  });
});

describe('timeouts, outages, poison and failFirst', () => {
  it('an attempt whose duration exceeds the timeout ends "timeout" after exactly timeout seconds', () => {
    const run = runStored({
      seed: 3,
      jobTypes: { work: { duration: { kind: 'uniform', min: 0, max: 2 }, timeout: 1 } },
      producers: [{ count: 200, arrival: { kind: 'constant', rate: 5 } }],
      workers: { count: 4 },
      retry: { maxAttempts: 1 },
    });
    checkLog(run);
    const attempts = run.attempts();
    const timeouts = attempts.filter((a) => a.outcome === 'timeout');
    const ok = attempts.filter((a) => a.outcome === 'succeeded');
    expect(timeouts.length + ok.length).toBe(attempts.length);
    // Half the durations are over 1 s: 100 expected, sd 7.
    expect(timeouts.length).toBeGreaterThan(70);
    expect(timeouts.length).toBeLessThan(130);
    for (const a of timeouts) {
      expect(a.ended_at! - a.started_at).toBeCloseTo(1, 12);
      expect(a.error).toBe('timed out after 1 s');
    }
    for (const a of ok) expect(a.ended_at! - a.started_at).toBeLessThanOrEqual(1);
    expect(run.summary.attempts.by_outcome.timeout).toBe(timeouts.length);
    expect(run.summary.jobs.dead).toBe(timeouts.length);
    for (const d of run.dead()) expect(JSON.parse(d.errors)).toEqual(['timed out after 1 s']);
  });

  it('outage: attempts starting inside [from, to) fail with the outage error, none outside', () => {
    const run = runStored({
      seed: 4,
      jobTypes: { call_api: { duration: constant(0.1), failureRate: 0 } },
      producers: [{ jobType: 'call_api', count: 60, arrival: { kind: 'constant', rate: 2 } }],
      workers: { count: 2 },
      retry: { maxAttempts: 10, backoff: { kind: 'fixed', initial: 3 }, jitter: 'none' },
      faults: [{ kind: 'outage', jobType: 'call_api', from: 10, to: 20 }],
    });
    const events = checkLog(run);
    const attempts = run.attempts();
    const inside = attempts.filter((a) => a.started_at >= 10 && a.started_at < 20);
    const outside = attempts.filter((a) => a.started_at < 10 || a.started_at >= 20);
    expect(inside.length).toBeGreaterThan(15);
    for (const a of inside) {
      expect(a.outcome).toBe('failed');
      expect(a.error).toBe('downstream unavailable (503)');
    }
    for (const a of outside) expect(a.outcome).toBe('succeeded');
    const failed = events.filter((e) => e.kind === 'failed');
    expect(failed).toHaveLength(inside.length);
    for (const e of failed) expect(e.detail).toMatch(/^failed: downstream unavailable \(503\); retry in /);
    expect(run.summary.jobs.succeeded).toBe(60);
    const marks = events.filter((e) => e.kind === 'fault_started' || e.kind === 'fault_ended').map((e) => [e.kind, e.t, e.detail]);
    expect(marks).toEqual([
      ['fault_started', 10, 'outage call_api'],
      ['fault_ended', 20, 'outage call_api'],
    ]);
  });

  it('poison fraction 1: every job dies after maxAttempts attempts, dead_jobs keeps every error', () => {
    const run = runStored({
      seed: 5,
      jobTypes: { work: { duration: constant(0.2) } },
      producers: [{ count: 20, arrival: { kind: 'constant', rate: 4 } }],
      workers: { count: 3 },
      retry: { maxAttempts: 4, backoff: { kind: 'fixed', initial: 0.5 }, jitter: 'none' },
      faults: [{ kind: 'poison', jobType: 'work', fraction: 1 }],
    });
    const events = checkLog(run);
    const jobs = run.jobs();
    expect(jobs).toHaveLength(20);
    const dead = new Map(run.dead().map((d) => [d.job_id, d]));
    expect(dead.size).toBe(20);
    for (const j of jobs) {
      expect(j.state).toBe('dead');
      expect(j.attempts).toBe(4);
      expect(j.max_attempts).toBe(4);
      const attempts = run.attemptsOf(j.seq);
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
      expect(attempts.every((a) => a.outcome === 'failed' && /poison/.test(a.error ?? ''))).toBe(true);
      const d = dead.get(j.id)!;
      expect(d.attempts).toBe(4);
      const errors = JSON.parse(d.errors) as string[];
      expect(errors).toHaveLength(4);
      expect(errors).toEqual(attempts.map((a) => a.error));
      expect(d.died_at).toBe(attempts[3]!.ended_at);
      expect(j.finished_at).toBe(d.died_at);
      expect(j.last_error).toBe(attempts[3]!.error);
      expect(d.queue).toBe('default');
      expect(d.type).toBe('work');
    }
    expect(events.filter((e) => e.kind === 'dead')).toHaveLength(20);
    expect(run.summary.jobs.dead).toBe(20);
    expect(run.summary.stats.failed).toBe(20);
    expect(run.summary.stats.success_rate).toBe(0);
  });

  it('poison fraction 0.3: poison jobs die, the others succeed at once', () => {
    const run = runStored({
      seed: 6,
      jobTypes: { work: { duration: constant(0.05) } },
      producers: [{ count: 1000, arrival: { kind: 'constant', rate: 20 } }],
      workers: { count: 2 },
      retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.1 }, jitter: 'none' },
      faults: [{ kind: 'poison', jobType: 'work', fraction: 0.3 }],
    });
    checkLog(run);
    const dead = run.summary.jobs.dead;
    // 300 expected, binomial sd 14.5: 4 sigma is 58.
    expect(Math.abs(dead - 300)).toBeLessThan(58);
    for (const j of run.jobs()) expect(j.attempts).toBe(j.state === 'dead' ? 3 : 1);
  });

  it('failFirst 2: every job fails exactly its first two attempts, then succeeds', () => {
    const run = runStored({
      seed: 7,
      jobTypes: { work: { duration: constant(0.1) } },
      producers: [{ count: 25, arrival: { kind: 'constant', rate: 5 } }],
      workers: { count: 2 },
      retry: { maxAttempts: 5, backoff: { kind: 'fixed', initial: 0.3 }, jitter: 'none' },
      faults: [{ kind: 'failFirst', jobType: 'work', attempts: 2 }],
    });
    checkLog(run);
    for (const j of run.jobs()) {
      expect(j.state).toBe('succeeded');
      expect(run.attemptsOf(j.seq).map((a) => [a.attempt, a.outcome])).toEqual([
        [1, 'failed'],
        [2, 'failed'],
        [3, 'succeeded'],
      ]);
      expect(run.attemptsOf(j.seq)[0]!.error).toMatch(/first 2 attempts/);
    }
    expect(run.summary.attempts.mean_per_succeeded).toBe(3);
    expect(run.summary.attempts.retries).toBe(50);
  });

  it('failFirst above maxAttempts: every job dies', () => {
    const s = runBare({
      jobTypes: { work: { duration: constant(0.1) } },
      producers: [{ count: 10, arrival: { kind: 'all-at-once' } }],
      retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.1 } },
      faults: [{ kind: 'failFirst', jobType: 'work', attempts: 5 }],
    });
    expect(s.jobs.dead).toBe(10);
    expect(s.attempts.total).toBe(30);
  });

  it('slowJobs fraction 1 multiplies every duration', () => {
    const run = runStored({
      jobTypes: { work: { duration: constant(0.5) } },
      producers: [{ count: 10, arrival: { kind: 'all-at-once' } }],
      workers: { count: 10 },
      faults: [{ kind: 'slowJobs', jobType: 'work', fraction: 1, factor: 6 }],
    });
    for (const a of run.attempts()) expect(a.ended_at! - a.started_at).toBeCloseTo(3, 12);
  });

  it('a job type\'s retry override wins over the global policy', () => {
    const run = runStored({
      jobTypes: { work: { duration: constant(0.1), failureRate: 1, retry: { maxAttempts: 2, backoff: { initial: 0.25 } } } },
      producers: [{ count: 3, arrival: { kind: 'all-at-once' } }],
      retry: { maxAttempts: 6, backoff: { kind: 'fixed', initial: 9 }, jitter: 'none' },
    });
    for (const j of run.jobs()) {
      expect(j.max_attempts).toBe(2);
      expect(j.attempts).toBe(2);
      expect(run.attemptsOf(j.seq)[0]!.backoff_delay).toBe(0.25);
    }
  });
});

describe('chains and batches', () => {
  it('a parent that dies cancels its chain; the children are never claimed', () => {
    const run = runStored({
      seed: 8,
      jobTypes: { a: { duration: constant(0.2), failureRate: 1 }, b: { duration: constant(0.2) }, c: { duration: constant(0.2) } },
      producers: [{ jobType: 'a', count: 5, arrival: { kind: 'constant', rate: 2 }, then: ['b', 'c'] }],
      workers: { count: 2 },
      retry: { maxAttempts: 2, backoff: { kind: 'fixed', initial: 0.5 }, jitter: 'none' },
    });
    const events = checkLog(run);
    const jobs = run.jobs();
    expect(jobs).toHaveLength(15);
    const bySeq = new Map(jobs.map((j) => [j.seq, j]));
    const roots = jobs.filter((j) => j.type === 'a');
    expect(roots).toHaveLength(5);
    for (const root of roots) {
      expect(root.state).toBe('dead');
      expect(root.parent_id).toBeNull();
      const b = jobs.find((j) => j.parent_id === root.id)!;
      const c = jobs.find((j) => j.parent_id === b.id)!;
      expect(b.type).toBe('b');
      expect(c.type).toBe('c');
      for (const child of [b, c]) {
        expect(child.state).toBe('cancelled');
        expect(child.attempts).toBe(0);
        expect(child.first_claimed_at).toBeNull();
        expect(run.attemptsOf(child.seq)).toEqual([]);
        expect(events.filter((e) => e.job === child.seq && e.kind === 'claimed')).toEqual([]);
        expect(child.finished_at).toBe(root.finished_at);
      }
      expect(b.cancel_reason).toMatch(new RegExp(`parent job ${root.seq}\\b.*died`));
      expect(c.cancel_reason).toMatch(new RegExp(`parent job ${b.seq}\\b.*cancelled`));
      const cancelB = events.find((e) => e.job === b.seq && e.kind === 'cancelled')!;
      expect([cancelB.from_state, cancelB.to_state]).toEqual(['scheduled', 'cancelled']);
    }
    expect(bySeq.size).toBe(15);
    expect(run.summary.jobs.cancelled).toBe(10);
    expect(run.summary.jobs.dead).toBe(5);
    expect(run.summary.lost).toBe(0);
  });

  it('a chain that succeeds runs each child only after its parent finished (parents may retry first)', () => {
    const run = runStored({
      seed: 9,
      jobTypes: { a: { duration: { kind: 'exponential', mean: 1 }, failureRate: 0.3 }, b: { duration: { kind: 'exponential', mean: 0.5 } } },
      producers: [{ jobType: 'a', count: 40, arrival: { kind: 'poisson', rate: 1 }, then: ['b'] }],
      workers: { count: 3 },
      retry: { maxAttempts: 20, backoff: { kind: 'fixed', initial: 1 }, jitter: 'full' },
    });
    const events = checkLog(run);
    const jobs = run.jobs();
    const byId = new Map(jobs.map((j) => [j.id, j]));
    const children = jobs.filter((j) => j.parent_id !== null);
    expect(children).toHaveLength(40);
    let parentRetried = 0;
    for (const child of children) {
      const parent = byId.get(child.parent_id!)!;
      expect(parent.state).toBe('succeeded');
      expect(child.state).toBe('succeeded');
      if (parent.attempts > 1) parentRetried++;
      expect(child.enqueued_at).toBe(parent.enqueued_at);
      const childAttempts = run.attemptsOf(child.seq);
      expect(childAttempts[0]!.started_at).toBeGreaterThanOrEqual(parent.finished_at!);
      expect(child.first_claimed_at).toBeGreaterThanOrEqual(parent.finished_at!);
      const enq = events.find((e) => e.job === child.seq && e.kind === 'enqueued')!;
      expect(enq.to_state).toBe('scheduled');
      const due = events.filter((e) => e.job === child.seq && e.kind === 'due');
      expect(due).toHaveLength(1);
      expect(due[0]!.t).toBe(parent.finished_at);
      expect(due[0]!.seq).toBeGreaterThan(events.find((e) => e.job === parent.seq && e.kind === 'succeeded')!.seq);
    }
    expect(parentRetried).toBeGreaterThan(0);
  });

  it('batches: then when every job succeeded, catch otherwise; rows and events agree with the jobs', () => {
    const run = runStored({
      seed: 10,
      jobTypes: { work: { duration: constant(0.3), failureRate: 0.25 } },
      producers: [{ count: 30, arrival: { kind: 'constant', rate: 4 }, batch: { size: 4 } }],
      workers: { count: 3 },
      retry: { maxAttempts: 1 },
    });
    const events = checkLog(run);
    const batches = run.batches();
    expect(batches).toHaveLength(8); // 7 of 4 and a last one of 2
    expect(batches.map((b) => b.size)).toEqual([4, 4, 4, 4, 4, 4, 4, 2]);
    const members = groupBy(run.jobs().filter((j) => j.batch_id !== null), (j) => j.batch_id!);
    for (const b of batches) {
      const jobs = members.get(b.id) ?? [];
      expect(jobs).toHaveLength(b.size);
      const count = (state: string) => jobs.filter((j) => j.state === state).length;
      expect([b.succeeded, b.dead, b.cancelled]).toEqual([count('succeeded'), count('dead'), count('cancelled')]);
      expect(b.outcome).toBe(b.succeeded === b.size ? 'then' : 'catch');
      expect(b.finished_at).toBe(Math.max(...jobs.map((j) => j.finished_at!)));
    }
    const thenRows = batches.filter((b) => b.outcome === 'then');
    const catchRows = batches.filter((b) => b.outcome === 'catch');
    expect(thenRows.length).toBeGreaterThan(0);
    expect(catchRows.length).toBeGreaterThan(0);
    const thenEvents = events.filter((e) => e.kind === 'batch_then');
    const catchEvents = events.filter((e) => e.kind === 'batch_catch');
    expect(thenEvents.map((e) => e.t)).toEqual(thenRows.map((b) => b.finished_at).sort((x, y) => x! - y!));
    expect(catchEvents.map((e) => e.t)).toEqual(catchRows.map((b) => b.finished_at).sort((x, y) => x! - y!));
  });

  it('batches with idempotent re-sends: a batch row counts the jobs it really has, and every batch finishes', () => {
    const run = runStored({
      seed: 12,
      jobTypes: { work: { duration: constant(0.2) } },
      producers: [{ count: 60, arrival: { kind: 'constant', rate: 5 }, batch: { size: 3 }, duplicateRate: 0.3 }],
      workers: { count: 2 },
    });
    const events = checkLog(run);
    expect(run.summary.jobs.deduplicated).toBeGreaterThan(0);
    const members = groupBy(run.jobs().filter((j) => j.batch_id !== null), (j) => j.batch_id!);
    const batches = run.batches();
    for (const b of batches) {
      const jobs = members.get(b.id) ?? [];
      expect(b.size, `batch ${b.id}: size column ${b.size}, ${jobs.length} jobs`).toBe(jobs.length);
      if (jobs.length > 0) expect(b.outcome, `batch ${b.id} never finished`).toBe('then');
    }
    const withJobs = batches.filter((b) => (members.get(b.id) ?? []).length > 0);
    expect(events.filter((e) => e.kind === 'batch_then')).toHaveLength(withJobs.length);
  });
});

describe('idempotency, rate limits, priorities, workers', () => {
  it('duplicateRate: re-sends are answered with the existing job; total + deduplicated = arrivals', () => {
    const run = runStored({
      seed: 13,
      jobTypes: { work: { duration: constant(0.1) } },
      producers: [{ count: 300, arrival: { kind: 'poisson', rate: 5 }, duplicateRate: 0.3 }],
      workers: { count: 2 },
    });
    const events = checkLog(run);
    const s = run.summary;
    // 299 candidates x 0.3 = 90 expected, sd 8.
    expect(s.jobs.deduplicated).toBeGreaterThan(55);
    expect(s.jobs.deduplicated).toBeLessThan(125);
    expect(s.jobs.total + s.jobs.deduplicated).toBe(300);
    const jobs = run.jobs();
    expect(jobs).toHaveLength(s.jobs.total);
    const keys = jobs.map((j) => j.idempotency_key);
    expect(keys.every((k) => k !== null)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    const dedup = events.filter((e) => e.kind === 'deduplicated');
    expect(dedup).toHaveLength(s.jobs.deduplicated);
    const seqs = new Set(jobs.map((j) => j.seq));
    for (const e of dedup) expect(seqs.has(e.job!)).toBe(true);
  });

  // A token bucket (the issue's choice): it starts full, so a burst of `max`
  // may go at once, and then refills at max/per. One window of `per` seconds
  // can therefore see the full bucket plus one window's refill, never more.
  it('queue rate limit {max: 5, per: 1}: a burst of at most 5, never more than 2 x 5 claims in any 1 s window; about 5 jobs/s', () => {
    const run = runStored({
      seed: 14,
      queues: [{ name: 'default', rateLimit: { max: 5, per: 1 } }],
      jobTypes: { work: { duration: constant(0.01) } },
      producers: [{ count: 100, arrival: { kind: 'all-at-once' } }],
      workers: { count: 10 },
    });
    const events = checkLog(run);
    const claims = events.filter((e) => e.kind === 'claimed').map((e) => e.t);
    expect(claims).toHaveLength(100);
    let worst = 0;
    let worstAt = 0;
    for (let i = 0; i < claims.length; i++) {
      let n = 0;
      for (let k = i; k < claims.length && claims[k]! < claims[i]! + 1 - EPS; k++) n++;
      if (n > worst) [worst, worstAt] = [n, claims[i]!];
    }
    expect(worst, `${worst} claims in [${worstAt}, ${worstAt + 1})`).toBeLessThanOrEqual(10);
    expect(claims.filter((t) => t === claims[0]).length, 'the opening burst').toBe(5);
    // After the opening burst the bucket is empty: one claim per 1/5 s.
    const steady = claims.slice(10);
    for (let i = 5; i < steady.length; i++) expect(steady[i]! - steady[i - 5]!).toBeGreaterThanOrEqual(1 - EPS);
    expect(run.summary.throughput_per_s).toBeGreaterThan(4.5);
    expect(run.summary.throughput_per_s).toBeLessThan(5.5);
  });

  it('a rate-limited queue does not hold back an unlimited one', () => {
    const run = runStored({
      queues: [
        { name: 'slow', priority: 1, rateLimit: { max: 1, per: 2 } },
        { name: 'fast', priority: 5 },
      ],
      jobTypes: { work: { duration: constant(0.1) } },
      producers: [
        { queue: 'slow', count: 5, arrival: { kind: 'all-at-once' } },
        { queue: 'fast', count: 20, arrival: { kind: 'all-at-once' } },
      ],
      workers: { count: 1 },
    });
    checkLog(run);
    const fastDone = Math.max(...run.jobs().filter((j) => j.queue === 'fast').map((j) => j.finished_at!));
    expect(fastDone).toBeLessThan(3);
    const slowStarts = run.jobs().filter((j) => j.queue === 'slow').map((j) => j.first_claimed_at!).sort((a, b) => a - b);
    for (let i = 1; i < slowStarts.length; i++) expect(slowStarts[i]! - slowStarts[i - 1]!).toBeGreaterThanOrEqual(2 - EPS);
  });

  /**
   * Replays the log; at each claim, `rank` must put the claimed job first among
   * every job pending at that moment. Returns how many claims had a choice.
   */
  function checkClaimOrder(run: StoredRun, rank: (job: JobRow, pendingSince: number) => number[]): number {
    const jobs = new Map(run.jobs().map((j) => [j.seq, j]));
    const pending = new Map<number, number>();
    let contested = 0;
    const less = (a: number[], b: number[]) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
      return false;
    };
    for (const e of run.events()) {
      if (e.job === null) continue;
      if (e.kind === 'claimed') {
        const mine = rank(jobs.get(e.job)!, pending.get(e.job)!);
        if (pending.size > 1) contested++;
        for (const [other, since] of pending) {
          if (other === e.job) continue;
          const theirs = rank(jobs.get(other)!, since);
          if (less(theirs, mine)) {
            throw new Error(`t=${e.t}: claimed job ${e.job} (${mine}) while job ${other} (${theirs}) was pending`);
          }
        }
      }
      if (e.to_state === 'pending') pending.set(e.job, e.t);
      else if (e.from_state === 'pending') pending.delete(e.job);
    }
    return contested;
  }

  const twoQueues: ScenarioInput = {
    seed: 15,
    queues: [
      { name: 'high', priority: 1 },
      { name: 'low', priority: 5 },
    ],
    jobTypes: { work: { duration: { kind: 'exponential', mean: 1 } } },
    producers: [
      { queue: 'low', count: 120, arrival: { kind: 'poisson', rate: 0.5 } },
      { queue: 'high', count: 120, arrival: { kind: 'poisson', rate: 0.5 } },
      // A job priority of its own beats its queue's.
      { queue: 'low', count: 30, arrival: { kind: 'poisson', rate: 0.12 }, priority: 0 },
    ],
    workers: { count: 1 },
  };

  it('priorities: with both queues pending, the lowest priority number is always taken first, oldest first within it', () => {
    const run = runStored(twoQueues);
    checkLog(run);
    const contested = checkClaimOrder(run, (j, since) => [j.priority, since, j.seq]);
    expect(contested).toBeGreaterThan(100);
    expect(new Set(run.jobs().map((j) => j.priority))).toEqual(new Set([0, 1, 5]));
  });

  it('workers.queues order wins over priority', () => {
    const run = runStored({ ...twoQueues, workers: { count: 1, queues: ['low', 'high'] } });
    checkLog(run);
    const order = { low: 0, high: 1 } as Record<string, number>;
    const contested = checkClaimOrder(run, (j, since) => [order[j.queue]!, j.priority, since, j.seq]);
    expect(contested).toBeGreaterThan(100);
    // Every job was claimed exactly once.
    const claims = run.eventsOf('claimed');
    expect(new Set(claims.map((e) => e.job)).size).toBe(270);
    expect(claims).toHaveLength(270);
  });

  it('workers.queues limits what a worker serves', () => {
    const run = runStored({ ...twoQueues, producers: twoQueues.producers!.slice(0, 2), workers: { count: 2, queues: ['high'] } });
    const s = run.summary;
    expect(s.jobs.succeeded).toBe(120);
    expect(run.jobs().filter((j) => j.queue === 'low').every((j) => j.state === 'pending' && j.attempts === 0)).toBe(true);
    expect(s.jobs.pending).toBe(120);
    expect(s.lost).toBe(120);
  });

  it('pollInterval: an idle worker only looks at multiples of the interval, so jobs wait; a busy one takes the next job at once', () => {
    const idle = runStored({
      jobTypes: { work: { duration: constant(0.1) } },
      producers: [{ count: 20, start: 0.5, arrival: { kind: 'constant', rate: 0.3 } }],
      workers: { count: 1, pollInterval: 2 },
    });
    checkLog(idle);
    const jobs = idle.jobs();
    // The worker looks at t=0, and after each job it looks at once and then every 2 s.
    let idleSince = 0;
    for (const j of jobs) {
      const claimAt = j.first_claimed_at!;
      const polls = (claimAt - idleSince) / 2;
      expect(Math.abs(polls - Math.round(polls)), `claim at ${claimAt}, idle since ${idleSince}`).toBeLessThan(1e-9);
      idleSince = j.finished_at!;
      const wait = claimAt - j.enqueued_at;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(2 + EPS);
    }
    const meanWait = jobs.reduce((a, j) => a + j.first_claimed_at! - j.enqueued_at, 0) / jobs.length;
    expect(idle.summary.latency_s.wait_mean).toBeCloseTo(meanWait, 9);
    expect(meanWait).toBeGreaterThan(0.5);
    const blocking = runBare({
      jobTypes: { work: { duration: constant(0.1) } },
      producers: [{ count: 20, start: 0.5, arrival: { kind: 'constant', rate: 0.3 } }],
      workers: { count: 1, pollInterval: 0 },
    });
    expect(blocking.latency_s.wait_mean).toBe(0);

    const busy = runStored({
      jobTypes: { work: { duration: constant(1) } },
      producers: [{ count: 5, arrival: { kind: 'all-at-once' } }],
      workers: { count: 1, pollInterval: 3 },
    });
    expect(busy.jobs().map((j) => j.first_claimed_at)).toEqual([3, 4, 5, 6, 7]);
  });

  it('maxJobs: a worker is recycled after maxJobs jobs and restarted after restartDelay', () => {
    const run = runStored({
      jobTypes: { work: { duration: constant(1) } },
      producers: [{ count: 23, arrival: { kind: 'all-at-once' } }],
      workers: { count: 1, maxJobs: 5, restartDelay: 2 },
    });
    const events = checkLog(run);
    const recycled = events.filter((e) => e.kind === 'worker_recycled');
    expect(recycled.map((e) => e.t)).toEqual([5, 12, 19, 26]);
    const restarts = events.filter((e) => e.kind === 'worker_started' && e.t > 0);
    expect(restarts.map((e) => e.t)).toEqual([7, 14, 21, 28]);
    // Between two starts the worker claims at most maxJobs jobs.
    const starts = [0, ...restarts.map((e) => e.t), Infinity];
    const claims = events.filter((e) => e.kind === 'claimed').map((e) => e.t);
    for (let i = 0; i + 1 < starts.length; i++) {
      expect(claims.filter((t) => t >= starts[i]! && t < starts[i + 1]!).length).toBeLessThanOrEqual(5);
    }
    expect(run.summary.sim_duration_s).toBe(31);
    expect(run.summary.jobs.succeeded).toBe(23);
  });

  it('downstreamRateLimit: attempts over the limit fail with 429; at most max successful calls per window', () => {
    const run = runStored({
      seed: 16,
      jobTypes: { api: { duration: constant(0.25) } },
      producers: [{ jobType: 'api', count: 30, arrival: { kind: 'all-at-once' } }],
      workers: { count: 6 },
      retry: { maxAttempts: 30, backoff: { kind: 'fixed', initial: 1 }, jitter: 'full' },
      faults: [{ kind: 'downstreamRateLimit', jobType: 'api', max: 2, per: 1 }],
    });
    checkLog(run);
    const attempts = run.attempts();
    const rejected = attempts.filter((a) => a.error === 'HTTP 429 Too Many Requests from downstream');
    expect(rejected.length).toBeGreaterThan(10);
    expect(rejected.every((a) => a.outcome === 'failed')).toBe(true);
    const okByWindow = groupBy(attempts.filter((a) => a.outcome === 'succeeded'), (a) => Math.floor(a.started_at));
    for (const [w, list] of okByWindow) expect(list.length, `window ${w}`).toBeLessThanOrEqual(2);
    expect(run.summary.jobs.succeeded).toBe(30);
  });

  it('slowWorker: attempts the slow worker starts inside the window take factor times longer', () => {
    const run = runStored({
      seed: 17,
      jobTypes: { work: { duration: constant(1) } },
      producers: [{ count: 40, arrival: { kind: 'constant', rate: 1.5 } }],
      workers: { count: 2 },
      faults: [{ kind: 'slowWorker', worker: 1, factor: 4, from: 5, to: 15 }],
    });
    checkLog(run);
    let slowSeen = 0;
    for (const a of run.attempts()) {
      const slow = a.worker === 'w1' && a.started_at >= 5 && a.started_at < 15;
      if (slow) slowSeen++;
      expect(a.ended_at! - a.started_at, `${a.worker} at ${a.started_at}`).toBeCloseTo(slow ? 4 : 1, 12);
    }
    expect(slowSeen).toBeGreaterThan(0);
  });

  it('unsafeClaim with polling workers: jobs are processed twice, and the store says so', () => {
    const run = runStored({
      seed: 3,
      jobTypes: { work: { duration: constant(0.5) } },
      producers: [{ count: 50, arrival: { kind: 'constant', rate: 2 } }],
      workers: { count: 5, pollInterval: 1 },
      faults: [{ kind: 'unsafeClaim', window: 0.05 }],
    });
    const events = checkLog(run);
    const s = run.summary;
    expect(s.status).toBe('completed');
    expect(s.duplicates).toBeGreaterThan(0);
    const jobs = run.jobs();
    const doubled = jobs.filter((j) => j.completions > 1);
    expect(doubled).toHaveLength(s.duplicates);
    const again = events.filter((e) => e.kind === 'completed_again');
    expect(again).toHaveLength(jobs.reduce((n, j) => n + Math.max(0, j.completions - 1), 0));
    expect(events.filter((e) => e.kind === 'claimed' && /double claim/.test(e.detail ?? '')).length).toBeGreaterThanOrEqual(s.duplicates);
    // Every attempt row is finished, once per (job, attempt).
    const attempts = run.attempts();
    expect(attempts.every((a) => a.outcome !== null && a.ended_at !== null)).toBe(true);
    for (const j of doubled) {
      const mine = attempts.filter((a) => a.job === j.seq);
      expect(new Set(mine.map((a) => a.worker)).size).toBeGreaterThan(1);
      expect(mine.filter((a) => a.outcome === 'succeeded').length).toBe(j.completions);
    }
  });
});

describe('retry backoff as recorded on attempts', () => {
  function failing(retry: ScenarioInput['retry'], count = 3, seed = 18): StoredRun {
    return runStored({
      seed,
      jobTypes: { work: { duration: constant(0.5), failureRate: 1 } },
      producers: [{ count, arrival: { kind: 'all-at-once' } }],
      workers: { count },
      retry,
    });
  }

  /** Every failed attempt but the last has a backoff, and the next attempt starts no earlier than ended_at + delay. */
  function checkWaits(run: StoredRun): number[][] {
    const delays: number[][] = [];
    for (const [, attempts] of groupBy(run.attempts(), (a) => a.job)) {
      const d: number[] = [];
      attempts.forEach((a, i) => {
        const next = attempts[i + 1];
        if (!next) {
          expect(a.backoff_delay).toBeNull();
          expect(a.backoff_formula).toBeNull();
          return;
        }
        expect(a.backoff_delay).not.toBeNull();
        expect(a.backoff_formula).toBeTruthy();
        expect(next.started_at).toBeGreaterThanOrEqual(a.ended_at! + a.backoff_delay!);
        d.push(a.backoff_delay!);
      });
      delays.push(d);
    }
    return delays;
  }

  it('exponential, no jitter: initial x factor^(n-1), capped; idle workers retry exactly on time; the formula is stored', () => {
    const run = failing({ maxAttempts: 6, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 5 }, jitter: 'none' });
    const events = checkLog(run);
    const delays = checkWaits(run);
    expect(delays).toEqual([
      [1, 2, 4, 5, 5],
      [1, 2, 4, 5, 5],
      [1, 2, 4, 5, 5],
    ]);
    const a = run.attemptsOf(1);
    expect(a.map((x) => x.backoff_base)).toEqual([1, 2, 4, 5, 5, null]);
    for (let i = 0; i + 1 < a.length; i++) expect(a[i + 1]!.started_at).toBe(a[i]!.ended_at! + a[i]!.backoff_delay!);
    expect(a[0]!.backoff_formula).toBe('1 s x 2^0 = 1 s, no jitter -> 1 s');
    expect(a[2]!.backoff_formula).toBe('1 s x 2^2 = 4 s, no jitter -> 4 s');
    expect(a[3]!.backoff_formula).toBe('1 s x 2^3 = 8 s (cap 5 s), no jitter -> 5 s');
    const failed = events.filter((e) => e.job === 1 && e.kind === 'failed');
    expect(failed.map((e) => e.detail)).toEqual(a.slice(0, 5).map((x) => `failed: handler failed; retry in ${x.backoff_formula}`));
  });

  it('fixed and linear backoff', () => {
    expect(checkWaits(failing({ maxAttempts: 4, backoff: { kind: 'fixed', initial: 2 }, jitter: 'none' }, 1))).toEqual([[2, 2, 2]]);
    expect(checkWaits(failing({ maxAttempts: 5, backoff: { kind: 'linear', initial: 1.5, max: 4 }, jitter: 'none' }, 1))).toEqual([[1.5, 3, 4, 4]]);
  });

  it('full, equal and decorrelated jitter stay in their ranges and are waited for', () => {
    const base = [1, 2, 4, 5, 5];
    const full = checkWaits(failing({ maxAttempts: 6, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 5 }, jitter: 'full' }, 30));
    for (const d of full) d.forEach((x, i) => expect(x >= 0 && x <= base[i]!).toBe(true));
    expect(new Set(full.flat()).size).toBeGreaterThan(100);
    const equal = checkWaits(failing({ maxAttempts: 6, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 5 }, jitter: 'equal' }, 30));
    for (const d of equal) d.forEach((x, i) => expect(x >= base[i]! / 2 && x <= base[i]!).toBe(true));
    const dec = checkWaits(failing({ maxAttempts: 6, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 5 }, jitter: 'decorrelated' }, 30));
    for (const d of dec) {
      let prev = 1;
      for (const x of d) {
        expect(x).toBeGreaterThanOrEqual(1);
        expect(x).toBeLessThanOrEqual(Math.min(5, 3 * prev) + EPS);
        prev = x;
      }
    }
  });
});
