// The two modes agree job by job on the overload model's outcomes (issue 13:
// "the modes' agreement ... hold[s] for the new outcomes"): call_timeout,
// service_full, service_error (also from a layer that gave up on the layer
// below), circuit_open, throttled, and dead by retry_budget. Instant mode
// simulates the services; live mode calls the host's HTTP services from a
// real worker process, with real aborted timeouts.
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { cleanup, scenario, tempDb } from '../instant/run-helpers.ts';
import { instantRun, liveRun, type JobFate } from './mode-runs.ts';

afterEach(cleanup);

/**
 * Chosen so that timing cannot decide, each job type on its own service or
 * with its own defence state:
 * - `broken` fails every call (failureRate 1), so no draw differs between the modes;
 * - `stuck` has one slot, no line, and serves a call for 60 s: the first call
 *   holds the slot and times out at 0.3 s, every later one is refused at once
 *   (429, service_full); the run is over long before the slot is free;
 * - `front` retries its calls to `down`, which is out for the whole run;
 * - the breaker, the throttle and the budget keep state that depends on the
 *   order of calls: one worker process holds it (as instant mode's one
 *   caller per job type), and a job type's calls come one at a time, the
 *   next job 2 s after the last attempt of the one before, 4 s of wall time
 *   apart at time scale 0.5 (a late claim on a loaded machine cannot swap them);
 * - every window (the breaker's, the throttle's) is longer than the run.
 */
const overload: ScenarioInput = {
  name: 'conformance: overload outcomes',
  seed: 313,
  services: {
    broken: { concurrency: 20, serviceTime: { kind: 'constant', value: 0.01 }, failureRate: 1 },
    stuck: { concurrency: 1, queueLimit: 0, serviceTime: { kind: 'constant', value: 60 } },
    front: { concurrency: 4, serviceTime: { kind: 'constant', value: 0.01 }, calls: { service: 'down', retry: { maxAttempts: 2, backoff: { kind: 'fixed', initial: 0.05 }, jitter: 'none' } } },
    down: { concurrency: 4, serviceTime: { kind: 'constant', value: 0.01 }, windows: [{ from: 0, to: 3600, capacity: 0 }] },
  },
  jobTypes: {
    erroring: { calls: { service: 'broken' } },
    waiting: { calls: { service: 'stuck', timeout: 0.3 } },
    layered: { calls: { service: 'front' } },
    breaking: { calls: { service: 'broken' }, circuitBreaker: { failureRatio: 0.5, window: 1000, minimumCalls: 4, openFor: 1000, halfOpenProbes: 1 } },
    throttling: { calls: { service: 'broken' }, adaptiveThrottling: { k: 2, window: 1000 } },
    budgeted: { calls: { service: 'broken' }, retryBudget: { kind: 'tokenBucket', capacity: 10, perSuccess: 0, perRequest: 0, retryCost: 5, timeoutRetryCost: 5 } },
  },
  producers: ['erroring', 'waiting', 'layered', 'breaking', 'throttling', 'budgeted'].map((jobType) => ({
    jobType, count: 4, arrival: { kind: 'constant' as const, rate: 0.5 },
  })),
  workers: { count: 1, concurrency: 6 },
  retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.1 }, jitter: 'none' },
  visibilityTimeout: 3000,
};

const fate = (j: JobFate) => ({ type: j.type, state: j.state, attempts: j.attempts, outcomes: j.outcomes, deadReason: j.deadReason, endings: j.endings });

describe('instant and live mode agree on the overload outcomes', () => {
  it('job by job: attempts, outcome and reason per attempt, dead-letter reason', async () => {
    const s = scenario(overload);
    const { db } = tempDb();
    const instant = instantRun(db, s);
    const live = await liveRun(db, s, 0.5);

    // The scenario covers what it claims, in instant mode (and, by the agreement below, in live mode).
    const endings = [...instant.jobs.values()].flatMap((j) => j.endings.map((e) => `${j.type} ${e}`));
    for (const [type, reason] of [
      ['erroring', 'service_error'], ['waiting', 'call_timeout'], ['waiting', 'service_full'], ['layered', 'service_error'],
      ['breaking', 'service_error'], ['breaking', 'circuit_open'], ['throttling', 'throttled'], ['budgeted', 'retry_budget'],
    ]) {
      expect(endings.some((e) => e.startsWith(`${type} `) && e.endsWith(` ${reason}`)), `${type}: ${reason}\n${endings.join('\n')}`).toBe(true);
    }
    expect([...instant.jobs.values()].filter((j) => j.deadReason?.startsWith('retry refused by the retry budget')).length).toBeGreaterThan(0);

    expect([...live.jobs.keys()].sort((a, b) => a - b)).toEqual([...instant.jobs.keys()].sort((a, b) => a - b));
    for (const [key, i] of instant.jobs) {
      const l = live.jobs.get(key)!;
      expect(fate(l), `job with draw key ${key} (${i.type}, instant seq ${i.seq}, live seq ${l.seq})`).toEqual(fate(i));
    }
    expect(live.summary.jobs).toEqual(instant.summary.jobs);
    // The services saw the same calls: 3 per layered attempt at `front`, 2 below it at `down`.
    const calls = (r: typeof live) => Object.fromEntries(Object.entries(r.summary.downstream!.services).map(([n, f]) => [n, f.calls]));
    expect(calls(live)).toEqual(calls(instant));
    expect(live.summary.downstream!.refused).toEqual(instant.summary.downstream!.refused);
  }, 120_000);
});
