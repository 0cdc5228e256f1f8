// The two run modes are one queue: the same scenario and seed, run in instant
// mode and in live mode (real worker processes at a small time scale), agree
// job by job wherever wall-clock timing cannot decide, and keep the queue's
// invariants where it can. Jobs are matched by their draw key, so several
// producers racing for jobs.seq in live mode cannot mismatch them.
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { cleanup, scenario, tempDb } from '../instant/run-helpers.ts';
import { instantRun, liveRun, type ModeRun } from './mode-runs.ts';

afterEach(cleanup);

/**
 * Everything here is decided by the seeded draws alone: failure rates,
 * fail-first-N, poison jobs, per-type max attempts, timeouts (the drawn
 * duration is cut at the timeout, whatever the worker's speed), chains,
 * batches, several producers on two queues. The lease is long enough that a
 * worker slowed by a busy machine never loses a job to lease expiry.
 */
const timingFree: ScenarioInput = {
  name: 'conformance: timing-free',
  seed: 2026,
  queues: [{ name: 'high', priority: 1 }, { name: 'low', priority: 10 }],
  jobTypes: {
    flaky: { duration: { kind: 'exponential', mean: 0.1 }, failureRate: 0.35, retry: { maxAttempts: 4 } },
    fragile: { duration: { kind: 'uniform', min: 0.05, max: 0.2 } },
    stubborn: { duration: { kind: 'constant', value: 0.05 }, failureRate: 0.3 },
    notify: { duration: { kind: 'constant', value: 0.05 }, failureRate: 0.25, retry: { maxAttempts: 2 } },
    slowish: { duration: { kind: 'exponential', mean: 0.3 }, timeout: 0.4 },
  },
  producers: [
    { queue: 'high', jobType: 'flaky', count: 30, arrival: { kind: 'poisson', rate: 20 }, then: ['notify'] },
    { queue: 'low', jobType: 'fragile', count: 25, arrival: { kind: 'constant', rate: 15 }, batch: { size: 5 } },
    { queue: 'low', jobType: 'stubborn', count: 20, arrival: { kind: 'poisson', rate: 12 } },
    { queue: 'high', jobType: 'slowish', count: 15, arrival: { kind: 'poisson', rate: 10 } },
  ],
  workers: { count: 3 },
  retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.2 }, jitter: 'full' },
  visibilityTimeout: 3000,
  faults: [
    { kind: 'poison', jobType: 'fragile', fraction: 0.25 },
    { kind: 'failFirst', jobType: 'stubborn', attempts: 2 },
  ],
};

/**
 * Here timing decides, so only the invariants are compared; why, case by case:
 * - workerCrash at a time: which job a worker holds at that moment depends on
 *   how fast real processes ran, so different jobs lose an attempt;
 * - lease expiry: a crashed job comes back when its lease runs out, measured
 *   on the wall clock, and a slow heartbeat on a busy machine can expire one;
 * - outage windows: whether an attempt starts inside [from, to) depends on when
 *   a worker got to it;
 * - queue rate limits and the downstream's 429 quota: which calls fall into a
 *   window (and are refused) depends on when they are made.
 */
const timingDecides: ScenarioInput = {
  name: 'conformance: timing decides',
  seed: 77,
  queues: [{ name: 'default', rateLimit: { max: 10, per: 1 } }],
  jobTypes: {
    // Busy enough (more work than 3 workers do) that a crash always finds a worker mid-job.
    call: { duration: { kind: 'exponential', mean: 0.25 }, failureRate: 0.1, timeout: 0.6 },
    other: { duration: { kind: 'constant', value: 0.05 } },
  },
  producers: [
    { jobType: 'call', count: 40, arrival: { kind: 'poisson', rate: 8 } },
    { jobType: 'other', count: 20, arrival: { kind: 'poisson', rate: 5 }, then: ['call'] },
  ],
  workers: { count: 3, restartDelay: 0.5 },
  retry: { maxAttempts: 4, backoff: { kind: 'fixed', initial: 0.1 }, jitter: 'none' },
  visibilityTimeout: 2,
  faults: [
    { kind: 'workerCrash', at: 1.5, worker: 1 },
    { kind: 'workerCrash', at: 2.3, worker: 2 },
    { kind: 'workerCrash', at: 3.1, worker: 3 },
    { kind: 'outage', jobType: 'call', from: 2, to: 2.5 },
    // max 2: live workers on a loaded 2-core machine make as few as 2-5 calls a
    // second at this time scale, and the 429s must fire in both modes.
    { kind: 'downstreamRateLimit', jobType: 'call', max: 2, per: 1 },
  ],
};

function invariants(run: ModeRun): void {
  const jobs = [...run.jobs.values()];
  const open = jobs.filter((j) => !['succeeded', 'dead', 'cancelled'].includes(j.state));
  expect(open, 'no job lost: every job reached a final state').toEqual([]);
  expect(jobs.filter((j) => j.completions > 1), 'none completed twice').toEqual([]);
  for (const j of jobs) {
    expect(j.attempts, `job ${j.seq}: attempts within the maximum`).toBeLessThanOrEqual(j.maxAttempts);
    expect(j.outcomes.length).toBe(j.attempts);
    expect(j.outcomes.every((o) => o !== null), `job ${j.seq}: every attempt has an outcome`).toBe(true);
    if (j.state === 'succeeded') expect(j.outcomes[j.outcomes.length - 1]).toBe('succeeded');
  }
  expect(run.summary.lost).toBe(0);
  expect(run.summary.duplicates).toBe(0);
}

describe('instant and live mode: one lifecycle', () => {
  it('agree job by job where timing does not decide: final state, attempts, outcome per attempt, dead-letter reason, events', async () => {
    const s = scenario(timingFree);
    const { db } = tempDb();
    const instant = instantRun(db, s);
    const live = await liveRun(db, s, 0.01);
    invariants(instant);
    invariants(live);
    // The scenario covers what it claims: retries, deaths of several kinds, cancelled chains, timeouts, both batch outcomes.
    const fates = [...instant.jobs.values()];
    expect(fates.some((j) => j.state === 'succeeded' && j.attempts > 1)).toBe(true);
    expect(new Set(fates.map((j) => j.deadReason).filter(Boolean)).size).toBeGreaterThanOrEqual(2);
    expect(fates.some((j) => j.state === 'cancelled')).toBe(true);
    expect(fates.some((j) => j.outcomes.includes('timeout'))).toBe(true);
    expect(new Set(instant.batches.map((b) => b.split(' ')[0]))).toEqual(new Set(['then', 'catch']));

    expect([...live.jobs.keys()].sort((a, b) => a - b)).toEqual([...instant.jobs.keys()].sort((a, b) => a - b));
    for (const [key, i] of instant.jobs) {
      const l = live.jobs.get(key)!;
      const fate = (j: typeof i) => ({ type: j.type, state: j.state, attempts: j.attempts, outcomes: j.outcomes, deadReason: j.deadReason, endings: j.endings });
      expect(fate(l), `job with draw key ${key} (instant seq ${i.seq}, live seq ${l.seq})`).toEqual(fate(i));
    }
    expect(live.batches).toEqual(instant.batches);
    expect(live.summary.jobs).toEqual(instant.summary.jobs);
  }, 180_000);

  it('keep the invariants where timing decides (crash, lease expiry, outage, rate limits): no job lost, none twice, attempts within max', async () => {
    const s = scenario(timingDecides);
    const { db } = tempDb();
    const instant = instantRun(db, s);
    const live = await liveRun(db, s, 0.02);
    invariants(instant);
    invariants(live);
    expect(live.jobs.size).toBe(instant.jobs.size);
    expect([...live.jobs.keys()].sort((a, b) => a - b)).toEqual([...instant.jobs.keys()].sort((a, b) => a - b));
    // The faults really fired in both modes.
    for (const run of [instant, live]) {
      const endings = [...run.jobs.values()].flatMap((j) => j.endings);
      expect(endings.some((e) => e.endsWith('rate_limited')), `${run.summary.mode}: 429s`).toBe(true);
      expect(run.summary.attempts.by_outcome.crashed + run.summary.attempts.by_outcome.lost, `${run.summary.mode}: a crashed attempt`).toBeGreaterThan(0);
    }
  }, 180_000);
});
