// Instant mode's measures of the downstream side over time (overload_samples,
// read back through RunReads as the charts get them): an outage empties the
// service, a storm fills it to its queue limit, the breaker opens on its
// failure ratio and half-opens after its open time, the retry budget falls
// by the retry cost and climbs back per success never above its cap, and the
// same scenario and seed give the same rows.
import { afterEach, describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import { sqliteRunReads } from '../../../../src/main/engine/store/reads/sqlite-run-reads.ts';
import { toOverloadSeries, type OverloadSeries } from '../../../../src/shared/overload/overload-series.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import type { OverloadSample } from '../../../../src/shared/tables/index.ts';
import { cleanup, scenario, tempDb } from './run-helpers.ts';

afterEach(cleanup);

const constant = (value: number) => ({ kind: 'constant' as const, value });

function samplesOf(input: ScenarioInput): { rows: OverloadSample[]; series: OverloadSeries[]; sha: string } {
  const { db } = tempDb();
  const summary = runInstant(scenario(input), { db, store: 'full' });
  const rows = sqliteRunReads(db).overloadSamples(summary.run_id);
  return { rows, series: toOverloadSeries(rows), sha: summary.event_log_sha256 };
}

function series(all: OverloadSeries[], name: string, metric: OverloadSeries['metric']): { t: number; v: number }[] {
  const s = all.find((x) => x.name === name && x.metric === metric);
  if (!s) throw new Error(`no ${metric} series for ${name}`);
  return s.t.map((t, i) => ({ t, v: s.value[i]! }));
}

const between = (points: { t: number; v: number }[], from: number, to: number) => points.filter((p) => p.t >= from && p.t <= to);

describe('instant mode records the service side over time', () => {
  it('an outage window: no slots, nothing in service, utilization 0, and the queue does not grow', () => {
    const { series: all } = samplesOf({
      seed: 5,
      services: { api: { concurrency: 4, serviceTime: constant(0.1), windows: [{ from: 10, to: 15, capacity: 0 }] } },
      jobTypes: { work: { timeout: 1, calls: { service: 'api' } } },
      producers: [{ count: 600, arrival: { kind: 'poisson', rate: 30 } }],
      workers: { count: 20 },
      retry: { maxAttempts: 1 },
    });
    const before = between(series(all, 'api', 'utilization'), 2, 9.9);
    // 30 calls/s x 0.1 s on 4 slots: 0.75 of the service busy before the outage.
    const mean = before.reduce((a, p) => a + p.v, 0) / before.length;
    expect(mean).toBeGreaterThan(0.6);
    expect(mean).toBeLessThan(0.9);
    // One service time after the window opens, the calls already in service are done.
    for (const p of between(series(all, 'api', 'utilization'), 10.3, 15)) expect(p.v, `t=${p.t}`).toBe(0);
    for (const p of between(series(all, 'api', 'in_service'), 10.2, 15)) expect(p.v, `t=${p.t}`).toBe(0);
    for (const p of between(series(all, 'api', 'capacity'), 10.01, 15)) expect(p.v, `t=${p.t}`).toBe(0);
    const queued = between(series(all, 'api', 'queued'), 10.01, 15);
    expect(queued.length).toBeGreaterThan(10);
    for (const p of queued) expect(p.v).toBeLessThanOrEqual(queued[0]!.v);
    // Slots come back and the service works again.
    expect(Math.max(...between(series(all, 'api', 'utilization'), 15.5, 19).map((p) => p.v))).toBeGreaterThan(0.3);
  });

  it('a storm: the service busy all the time and its queue at its limit', () => {
    const { series: all } = samplesOf({
      seed: 6,
      services: { api: { concurrency: 2, serviceTime: constant(0.1), queueLimit: 5 } },
      jobTypes: { work: { timeout: 5, calls: { service: 'api' } } },
      producers: [{ count: 1200, arrival: { kind: 'poisson', rate: 60 } }],
      workers: { count: 40 },
      retry: { maxAttempts: 1 },
    });
    const util = between(series(all, 'api', 'utilization'), 2, 15);
    expect(util.length).toBeGreaterThan(10);
    for (const p of util) expect(p.v, `t=${p.t}`).toBeGreaterThan(0.99);
    for (const p of util) expect(p.v).toBeLessThanOrEqual(1 + 1e-9);
    const queued = series(all, 'api', 'queued');
    expect(Math.max(...queued.map((p) => p.v))).toBe(5);
    const full = between(queued, 2, 15).filter((p) => p.v === 5).length;
    expect(full / between(queued, 2, 15).length).toBeGreaterThan(0.8);
    for (const p of between(series(all, 'api', 'in_service'), 2, 15)) expect(p.v).toBe(2);
  });

  it('a circuit breaker opens on its failure ratio, half-opens after its open time, and opens again when the probes fail', () => {
    const { rows } = samplesOf({
      seed: 7,
      services: { api: { concurrency: 50, serviceTime: constant(0.01), failureRate: 1 } },
      jobTypes: { work: { calls: { service: 'api' } } },
      producers: [{ count: 400, arrival: { kind: 'poisson', rate: 20 } }],
      workers: { count: 10 },
      retry: { maxAttempts: 1 },
      circuitBreaker: { failureRatio: 0.5, window: 10, minimumCalls: 5, openFor: 2, halfOpenProbes: 1 },
    });
    const states = rows.filter((r) => r.metric === 'breaker_state');
    // Exact changes: the state differs from the row before it (grid rows repeat the state).
    const changes = states.filter((r, i) => i === 0 || r.value !== states[i - 1]!.value);
    expect(changes[0]).toMatchObject({ t: 0, value: 0 });
    const opened = changes[1]!;
    expect(opened.value).toBe(2);
    const halfOpen = changes[2]!;
    expect(halfOpen.value).toBe(1);
    expect(halfOpen.t).toBeGreaterThanOrEqual(opened.t + 2);
    // Calls come at 20/s: the first after the open time ends is a probe.
    expect(halfOpen.t).toBeLessThan(opened.t + 2.5);
    expect(changes[3]!.value).toBe(2);
    expect(changes.length).toBeGreaterThan(6);
  });

  it('a retry budget falls by its retry cost in an outage and climbs back by one per success, never above its cap', () => {
    const { series: all } = samplesOf({
      seed: 8,
      services: { api: { concurrency: 20, serviceTime: constant(0.01), windows: [{ from: 5, to: 8, capacity: 0 }] } },
      jobTypes: { work: { calls: { service: 'api' } } },
      producers: [{ count: 600, arrival: { kind: 'poisson', rate: 20 } }],
      workers: { count: 10 },
      retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.2 } },
      retryBudget: { kind: 'tokenBucket', capacity: 50, perSuccess: 1, retryCost: 5, timeoutRetryCost: 10 },
    });
    const tokens = series(all, 'work', 'budget_tokens');
    for (const p of tokens) expect(p.v).toBeLessThanOrEqual(50);
    expect(between(tokens, 0, 4.9).every((p) => p.v === 50)).toBe(true);
    // Retries in the outage spend 5 tokens each, until fewer than 5 are left.
    const low = Math.min(...between(tokens, 5, 8).map((p) => p.v));
    expect(low).toBeLessThan(5);
    expect(low % 5).toBe(0);
    // 20 successes a second after the outage: +1 each, back to the cap within a few seconds.
    const after = between(tokens, 8.5, 30);
    expect(after.at(-1)!.v).toBe(50);
    const rise = after.findIndex((p) => p.v === 50);
    for (let i = 1; i <= rise; i++) expect(after[i]!.v).toBeGreaterThanOrEqual(after[i - 1]!.v);
  });

  it('the same scenario and seed give the same rows and the same event log', () => {
    const input: ScenarioInput = {
      seed: 9,
      services: { api: { concurrency: 3, serviceTime: { kind: 'exponential', mean: 0.1 }, windows: [{ from: 4, to: 6, capacity: 0.34 }] } },
      jobTypes: { work: { timeout: 0.5, calls: { service: 'api' } } },
      producers: [{ count: 500, arrival: { kind: 'poisson', rate: 25 } }],
      workers: { count: 30 },
      retry: { maxAttempts: 3, backoff: { kind: 'exponential', initial: 0.2 }, jitter: 'full' },
      circuitBreaker: { minimumCalls: 5, openFor: 1 },
      adaptiveThrottling: { k: 2, window: 5 },
      retryBudget: { kind: 'aws-sdk' },
    };
    const a = samplesOf(input);
    const b = samplesOf(input);
    expect(a.rows.length).toBeGreaterThan(100);
    expect(new Set(a.rows.map((r) => r.metric))).toEqual(new Set(['utilization', 'in_service', 'queued', 'capacity', 'budget_tokens', 'breaker_state', 'throttle_p']));
    expect(b.rows).toEqual(a.rows);
    expect(b.sha).toBe(a.sha);
    expect(Math.max(...series(a.series, 'work', 'throttle_p').map((p) => p.v))).toBeGreaterThan(0);
  });

  it('a run without services records none', () => {
    const { rows } = samplesOf({ seed: 1, producers: [{ count: 50, arrival: { kind: 'poisson', rate: 10 } }] });
    expect(rows).toEqual([]);
  });
});
