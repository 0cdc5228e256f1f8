// Lessons of the overload built-ins (issue 13), each on the real instant-mode
// outcome and against its twin: the retry storm stays down after its trigger
// while each defence brings the same run back; the jitter study reproduces
// Brooker's ordering; layered retries multiply.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { builtin, runBuiltin, runScenario } from './library-run.ts';

/** Each defended twin, by key, with its run (spelled out so the library test finds every key run). */
const DEFENDED = {
  'metastable-retry-budget': () => runBuiltin('metastable-retry-budget'),
  'metastable-circuit-breaker': () => runBuiltin('metastable-circuit-breaker'),
  'metastable-adaptive-throttling': () => runBuiltin('metastable-adaptive-throttling'),
} as const;

describe('metastable-retry-storm and its defended twins', () => {
  it('the storm is metastable: goodput after the trigger is a small fraction of before while jobs keep arriving', () => {
    const { verdict, downstream } = runBuiltin('metastable-retry-storm').summary;
    expect(verdict!.kind).toBe('metastable');
    expect(verdict!.goodput_after!).toBeLessThan(0.1 * verdict!.goodput_before!);
    expect(verdict!.offered_after!).toBeGreaterThan(0.9 * verdict!.offered_before!);
    expect(downstream!.wasted).toBeGreaterThan(1000);
    // The notice quotes "about 2.5 calls per job", and its budget twin "about 1.0".
    expect(Math.abs(downstream!.amplification - 2.5)).toBeLessThan(0.1);
    expect(Math.abs(runBuiltin('metastable-retry-budget').summary.downstream!.amplification - 1)).toBeLessThan(0.1);
  });

  it('without the trigger the same load is healthy (the trigger starts it)', () => {
    const s = builtin('metastable-retry-storm').scenario;
    const calm = runScenario({ ...s, services: { api: { ...s.services!['api']!, windows: [] } } });
    expect(calm.summary.verdict!.kind).toBe('none');
    expect(calm.summary.jobs.succeeded).toBeGreaterThan(0.99 * calm.summary.jobs.total);
  });

  for (const [key, run] of Object.entries(DEFENDED)) {
    it(`${key}: the same run with one defence recovers, and the defence did the refusing`, () => {
      const storm = builtin('metastable-retry-storm').scenario;
      const twin = builtin(key).scenario;
      const { retryBudget: _b, circuitBreaker: _c, adaptiveThrottling: _a, name: _n, ...rest } = twin;
      expect(rest).toEqual((({ name: _x, ...r }) => r)(storm));
      const { verdict, downstream } = run().summary;
      expect(verdict!.kind).toBe('recovered');
      expect(verdict!.goodput_after!).toBeGreaterThan(0.9 * verdict!.goodput_before!);
      const refused = downstream!.refused;
      const own = key.endsWith('budget') ? refused.retry_budget : key.endsWith('breaker') ? refused.circuit_open : refused.throttled;
      expect(own).toBeGreaterThan(0);
      expect(refused.retry_budget + refused.circuit_open + refused.throttled).toBe(own);
      expect(run().summary.jobs.succeeded).toBeGreaterThan(2 * runBuiltin('metastable-retry-storm').summary.jobs.succeeded);
    });
  }

  it('holds for several seeds: the storm stays metastable, each defended twin recovers', () => {
    for (const seed of [1, 2, 3]) {
      expect(runScenario({ ...builtin('metastable-retry-storm').scenario, seed }).summary.verdict!.kind, `storm seed ${seed}`).toBe('metastable');
      for (const key of Object.keys(DEFENDED)) expect(runScenario({ ...builtin(key).scenario, seed }).summary.verdict!.kind, `${key} seed ${seed}`).toBe('recovered');
    }
  });
});

describe('jitter-study (Brooker 2015)', () => {
  const services = () => runBuiltin('jitter-study').summary.downstream!.services;

  it('without jitter every client collides again at each step: n(n+1)/2 calls for n = 100', () => {
    expect(services()['row-none']!.calls).toBeGreaterThanOrEqual(5050);
  });

  it('full jitter makes at most half the calls of plain exponential backoff, and fewer than decorrelated', () => {
    const s = services();
    expect(s['row-full']!.calls).toBeLessThanOrEqual(0.5 * s['row-none']!.calls);
    expect(s['row-full']!.calls).toBeLessThan(s['row-decorrelated']!.calls);
    expect(s['row-equal']!.calls).toBeLessThanOrEqual(0.5 * s['row-none']!.calls);
  });

  it('the numbers its notice quotes are the run\'s own', () => {
    const s = services();
    const near = (x: number, quoted: number, share: number) => Math.abs(x - quoted) <= share * quoted;
    expect(near(s['row-none']!.calls, 5200, 0.05)).toBe(true);
    expect(near(s['row-full']!.calls, 1000, 0.1)).toBe(true);
    expect(near(s['row-equal']!.calls, 1000, 0.1)).toBe(true);
    expect(near(s['row-decorrelated']!.calls, 1400, 0.1)).toBe(true);
    expect(near(s['row-none']!.last_call_s, 93, 0.03)).toBe(true);
    for (const j of ['full', 'equal', 'decorrelated']) {
      expect(s[`row-${j}`]!.last_call_s, j).toBeGreaterThanOrEqual(2);
      expect(s[`row-${j}`]!.last_call_s, j).toBeLessThanOrEqual(5);
    }
  });

  it('time to finish: no jitter takes longest, equal jitter longer than full and decorrelated', () => {
    const s = services();
    expect(s['row-none']!.last_call_s).toBeGreaterThan(10 * s['row-full']!.last_call_s);
    expect(s['row-equal']!.last_call_s).toBeGreaterThan(s['row-full']!.last_call_s);
    expect(s['row-equal']!.last_call_s).toBeGreaterThan(s['row-decorrelated']!.last_call_s);
    expect(runBuiltin('jitter-study').summary.jobs.succeeded).toBe(400);
  });

  it('the same ordering of work with other seeds', () => {
    for (const seed of [1, 2, 3]) {
      const s = runScenario({ ...builtin('jitter-study').scenario, seed }).summary.downstream!.services;
      expect(s['row-full']!.calls, `seed ${seed}`).toBeLessThanOrEqual(0.5 * s['row-none']!.calls);
      expect(s['row-full']!.calls, `seed ${seed}`).toBeLessThan(s['row-decorrelated']!.calls);
    }
  });
});

describe('retry-amplification-layers', () => {
  it('3 attempts at each of 3 layers: 3, 9 and 27 calls per request down the stack', () => {
    const { downstream, jobs } = runBuiltin('retry-amplification-layers').summary;
    expect(jobs.dead).toBe(jobs.total);
    expect(downstream!.amplification).toBe(39);
    expect(downstream!.services['frontend']!.amplification).toBe(3);
    expect(downstream!.services['middle']!.amplification).toBe(9);
    expect(downstream!.services['storage']!.amplification).toBe(27);
  });

  it('twin with retries at the top only: the bottom sees 3 calls per request', () => {
    const s = builtin('retry-amplification-layers').scenario;
    const noLayerRetry: ScenarioInput = {
      ...s,
      services: Object.fromEntries(Object.entries(s.services!).map(([name, svc]) => [name, svc.calls ? { ...svc, calls: { service: svc.calls.service } } : svc])),
    };
    const { downstream } = runScenario(noLayerRetry).summary;
    expect(downstream!.services['storage']!.amplification).toBe(3);
  });
});
