// The overload model in instant mode (README.md "Services", "Defences"),
// checked against the published numbers it must reproduce and on what was
// stored: amplification at 100% failure, the SRE book's 10% retry budget, the
// AWS SDK's 500 tokens, wasted work after a caller's timeout, queue limits,
// outages, and a byte-identical event log for the same seed.
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { findBuiltin } from '../../../../src/shared/library/index.ts';
import { cleanup, runBare, runStored } from './run-helpers.ts';

afterEach(cleanup);

const constant = (value: number) => ({ kind: 'constant' as const, value });

/** Jobs calling a service that fails every call at once, with `maxAttempts` attempts each. */
function allFail(maxAttempts: number, jobs: number, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    seed: 3,
    services: { api: { concurrency: 100, serviceTime: constant(0.01), failureRate: 1 } },
    jobTypes: { work: { calls: { service: 'api' } } },
    producers: [{ count: jobs, arrival: { kind: 'poisson', rate: 20 } }],
    workers: { count: 20 },
    retry: { maxAttempts, backoff: { kind: 'fixed', initial: 0.1 }, jitter: 'full' },
    ...extra,
  };
}

describe('retries multiply calls (published numbers)', () => {
  it('at 100% failure, N attempts give N x calls', () => {
    for (const n of [1, 2, 3, 5]) {
      const s = runBare(allFail(n, 200));
      expect(s.downstream!.calls, `N = ${n}`).toBe(200 * n);
      expect(s.downstream!.amplification).toBe(n);
      expect(s.jobs.dead).toBe(200);
    }
  });

  it('with the SRE book\'s 10% retry budget, at most about 1.1 x calls, however many attempts', () => {
    const s = runBare(allFail(5, 2000, { retryBudget: { kind: 'sre-10pct' } }));
    expect(s.downstream!.amplification).toBeLessThanOrEqual(1.1 + 10 / 2000);
    expect(s.downstream!.amplification).toBeGreaterThan(1.09);
    expect(s.downstream!.refused.retry_budget).toBeGreaterThan(1500);
  });

  it('the AWS SDK preset stops retrying once its 500 tokens are spent: 100 retries at 5 tokens, 50 timeout retries at 10', () => {
    const failed = runStored(allFail(3, 400, { retryBudget: { kind: 'aws-sdk' } }));
    expect(failed.summary.downstream!.calls).toBe(400 + 100);
    expect(failed.summary.attempts.retries).toBe(100);
    // Every later retry was refused: the job went to dead with reason retry_budget.
    const refused = failed.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE run_id = ? AND kind = 'dead' AND reason = 'retry_budget'`).get(failed.runId) as { n: number };
    expect(refused.n).toBe(failed.summary.downstream!.refused.retry_budget);
    expect(failed.summary.jobs.dead).toBe(400);
    const slow = runBare({
      ...allFail(3, 400, { retryBudget: { kind: 'aws-sdk' } }),
      services: { api: { concurrency: 100, serviceTime: constant(5) } },
      jobTypes: { work: { calls: { service: 'api', timeout: 1 } } },
    });
    expect(slow.attempts.retries).toBe(50);
    expect(slow.attempts.by_outcome.timeout).toBe(450);
  });
});

describe('the service side', () => {
  it('a caller that times out fails with outcome timeout (reason call_timeout) while the service finishes the call: wasted work', () => {
    const run = runStored({
      services: { slow: { concurrency: 1, serviceTime: constant(3) } },
      jobTypes: { work: { calls: { service: 'slow', timeout: 1 } } },
      producers: [{ count: 1, arrival: { kind: 'all-at-once' } }],
      workers: { count: 1 },
      retry: { maxAttempts: 2, backoff: { kind: 'fixed', initial: 0.5 } },
    });
    const attempts = run.attempts();
    expect(attempts.map((a) => [a.outcome, a.ended_at! - a.started_at])).toEqual([['timeout', 1], ['timeout', 1]]);
    expect(attempts[0]!.error).toMatch(/no answer from slow within 1 s/);
    const reasons = run.db.prepare(`SELECT kind, outcome, reason FROM events WHERE run_id = ? AND reason IS NOT NULL ORDER BY seq`).all(run.runId);
    expect(reasons).toEqual([{ kind: 'failed', outcome: 'timeout', reason: 'call_timeout' }, { kind: 'dead', outcome: 'timeout', reason: 'attempts_exhausted' }]);
    // The second call queued behind the first (1 slot); the service works on both for nobody.
    expect(run.summary.downstream!.services['slow']).toMatchObject({ calls: 2, wasted: 2, max_queue: 1 });
  });

  it('calls beyond capacity wait in the queue; queueLimit refuses the excess at once (reason service_full)', () => {
    const input: ScenarioInput = {
      services: { api: { concurrency: 2, serviceTime: constant(1), queueLimit: 3 } },
      jobTypes: { work: { calls: { service: 'api' } } },
      producers: [{ count: 10, arrival: { kind: 'all-at-once' } }],
      workers: { count: 10 },
      retry: { maxAttempts: 1 },
    };
    const run = runStored(input);
    expect(run.summary.jobs.succeeded).toBe(5);
    expect(run.summary.downstream!.services['api']).toMatchObject({ calls: 10, rejected: 5, max_queue: 3 });
    const waits = run.attempts().filter((a) => a.outcome === 'succeeded').map((a) => a.ended_at! - a.started_at).sort();
    expect(waits).toEqual([1, 1, 2, 2, 3]);
    expect(run.attempts().filter((a) => a.outcome === 'failed').every((a) => /queue is full/.test(a.error!))).toBe(true);
  });

  it('a window at capacity 0 is an outage: calls fail at once (reason outage); a fraction leaves fewer slots', () => {
    const run = runStored({
      services: { api: { concurrency: 4, serviceTime: constant(1), windows: [{ from: 0, to: 5, capacity: 0 }, { from: 5, to: 20, capacity: 0.5 }] } },
      jobTypes: { work: { calls: { service: 'api' } } },
      producers: [{ count: 4, arrival: { kind: 'all-at-once' } }, { count: 4, start: 6, arrival: { kind: 'all-at-once' } }],
      workers: { count: 8 },
      retry: { maxAttempts: 1 },
    });
    const a = run.attempts();
    expect(a.slice(0, 4).every((x) => x.outcome === 'failed' && x.ended_at === x.started_at && /unavailable/.test(x.error!))).toBe(true);
    // From t=5 the service has 2 of its 4 slots: the four later calls take 1 s, 1 s, 2 s, 2 s.
    expect(a.slice(4).map((x) => x.ended_at! - x.started_at).sort()).toEqual([1, 1, 2, 2]);
    const marks = run.eventsOf('fault_started').map((e) => e.detail);
    expect(marks).toEqual(['outage service api: 0 of 4 slots', 'capacity service api: 2 of 4 slots']);
  });

  it('the breaker\'s and throttling\'s refusals are attempt outcomes of their own (reason circuit_open / throttled) that the service never sees', () => {
    const run = runStored(allFail(5, 300, { circuitBreaker: { minimumCalls: 5, openFor: 2 } }));
    const reasons = run.db.prepare(`SELECT reason, COUNT(*) AS n FROM events WHERE run_id = ? AND kind IN ('failed', 'dead') GROUP BY reason`).all(run.runId) as { reason: string; n: number }[];
    const byReason = Object.fromEntries(reasons.map((r) => [r.reason, r.n]));
    expect(byReason['circuit_open']).toBeGreaterThan(0);
    expect(run.summary.downstream!.calls + run.summary.downstream!.refused.circuit_open).toBe(run.summary.attempts.total);
    const throttled = runBare(allFail(5, 300, { adaptiveThrottling: { k: 2, window: 10 } }));
    expect(throttled.downstream!.refused.throttled).toBeGreaterThan(0);
    expect(throttled.downstream!.calls + throttled.downstream!.refused.throttled).toBe(throttled.attempts.total);
  });
});

describe('determinism with services', () => {
  it('the same built-in and seed give a byte-identical event log; another seed another one', () => {
    const s = findBuiltin('metastable-circuit-breaker')!.scenario;
    const a = runBare(s);
    const b = runStored(s).summary;
    expect(b.event_log_sha256).toBe(a.event_log_sha256);
    expect(b.downstream).toEqual(a.downstream);
    expect(runBare({ ...s, seed: 99 }).event_log_sha256).not.toBe(a.event_log_sha256);
  });
});
