import { describe, expect, it } from 'vitest';
import { measuredQueueLength, relativeError, theoryCheck } from '../../../src/renderer/views/theory/theory-check.ts';
import { scenarioSchema, type ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { mmcMeanQueueLength, mmcMeanWait } from '../../../src/shared/theory/erlang-c.ts';
import { mmcFit } from '../../../src/shared/theory/mmc-fit.ts';
import { builtin, runForEvents } from '../../shared/timeline/instant-events.ts';

const fit = (input: ScenarioInput) => mmcFit(scenarioSchema.parse(input));
const reasons = (input: ScenarioInput): string[] => {
  const f = fit(input);
  return f.fits ? [] : f.reasons;
};

describe('M/M/c fit detection', () => {
  it('fits the M/M/3 built-in: c = 3, lambda 2.4, mu 1', () => {
    expect(fit(builtin('mm3-baseline'))).toEqual({ fits: true, c: 3, lambda: 2.4, mu: 1 });
    expect(fit({ workers: { count: 2, concurrency: 3 } })).toMatchObject({ fits: true, c: 6 });
  });

  it('says why a scenario is not M/M/c', () => {
    expect(reasons({ jobTypes: { work: { failureRate: 0.2 } } })).toEqual(['failures retry (work fails 20 % of attempts)']);
    expect(reasons({ jobTypes: { work: { duration: { kind: 'constant', value: 1 } } } })).toEqual(['service time of work is constant, not exponential']);
    expect(reasons({ producers: [{ arrival: { kind: 'burst', size: 10, every: 5 } }] })).toEqual(['arrivals are burst, not Poisson']);
    expect(reasons({ workers: { pollInterval: 3 } })).toEqual(['workers poll every 3 s instead of taking a job at once']);
    expect(reasons(builtin('retry-storm-no-jitter')).join('; ')).toMatch(/faults injected \(outage/);
    expect(reasons(builtin('priority-starvation')).length).toBeGreaterThan(0);
  });
});

describe('theory next to the measurement', () => {
  it('compares Erlang C with the measured wait and queue length of an M/M/3 run', () => {
    const { summary } = runForEvents({ ...builtin('mm3-baseline'), producers: [{ count: 20_000, arrival: { kind: 'poisson', rate: 2.4 } }] });
    const check = theoryCheck(summary, null);
    if (check.kind !== 'fits') throw new Error(`expected a fit, got ${check.kind}`);
    expect(check.wait.predicted).toBeCloseTo(mmcMeanWait(3, 2.4, 1), 12);
    expect(check.queueLength.predicted).toBeCloseTo(mmcMeanQueueLength(3, 2.4, 1), 12);
    expect(check.wait.measured).toBe(summary.latency_s.wait_mean);
    // A 20k-job run lands within ~15 % of the steady-state prediction; Lq by Little's law on the servers tracks lambda x Wq.
    expect(Math.abs(check.wait.relativeError!)).toBeLessThan(0.15);
    expect(Math.abs(check.queueLength.relativeError!)).toBeLessThan(0.15);
    expect(check.stable).toBe(true);
  });

  it('computes the prediction from the stored scenario when the summary has none, and explains a misfit', () => {
    const { summary } = runForEvents({ seed: 2, producers: [{ count: 500, arrival: { kind: 'poisson', rate: 1.5 } }], workers: { count: 2 } });
    const spec = scenarioSchema.parse({ seed: 2, producers: [{ count: 500, arrival: { kind: 'poisson', rate: 1.5 } }], workers: { count: 2 } });
    const { theory: _dropped, ...older } = summary;
    const check = theoryCheck(older, JSON.parse(JSON.stringify(spec)));
    expect(check.kind).toBe('fits');
    if (check.kind === 'fits') expect(check.prediction.wait_mean).toBeCloseTo(mmcMeanWait(2, 1.5, 1), 12);

    const storm = runForEvents(builtin('retry-storm-full-jitter'));
    expect(storm.summary.theory).toBeUndefined();
    const misfit = theoryCheck(storm.summary, builtin('retry-storm-full-jitter'));
    expect(misfit.kind).toBe('not-mmc');
    expect(theoryCheck(older, null).kind).toBe('unknown');
  });

  it('relative error is null against a zero or infinite prediction; Lq is never negative', () => {
    expect(relativeError(1.1, 1)).toBeCloseTo(0.1, 12);
    expect(relativeError(1, 0)).toBeNull();
    expect(relativeError(1, Infinity)).toBeNull();
    const { summary } = runForEvents({ seed: 1, producers: [{ count: 50, arrival: { kind: 'poisson', rate: 0.1 } }] });
    expect(measuredQueueLength(summary)).toBeGreaterThanOrEqual(0);
  });
});
