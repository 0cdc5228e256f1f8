// The overload keys in a scenario file: defaults, presets, and the cross-key
// rules (unknown services, loops of layers, windows that end before they start).
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';
import { formatIssue } from '../../../src/shared/scenario/errors.ts';
import { callerConfig } from '../../../src/shared/overload/caller-config.ts';
import { mmcFit } from '../../../src/shared/theory/mmc-fit.ts';

function problems(input: unknown): string[] {
  const r = validateScenario(input);
  return r.ok ? [] : r.issues.map(formatIssue);
}

describe('overload keys', () => {
  it('fills in service defaults and resolves a job type against the global keys', () => {
    const r = validateScenario({
      services: { api: {} },
      calls: { service: 'api' },
      retryBudget: { kind: 'aws-sdk' },
      jobTypes: { work: { timeout: 2, circuitBreaker: {} } },
    });
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.scenario.services!['api']).toEqual({ concurrency: 10, serviceTime: { kind: 'exponential', mean: 0.1 }, failureRate: 0, windows: [] });
    expect(callerConfig(r.scenario, 'work')).toEqual({
      call: { service: 'api', timeout: 2 },
      retryBudget: { kind: 'aws-sdk' },
      circuitBreaker: { failureRatio: 0.5, window: 10, minimumCalls: 10, openFor: 5, halfOpenProbes: 3 },
      adaptiveThrottling: null,
    });
  });

  it('names the field of an unknown service, a loop of layers and a window that ends too early', () => {
    expect(problems({ jobTypes: { work: { calls: { service: 'apu' } } }, services: { api: {} } })).toEqual([
      'jobTypes.work.calls.service: unknown service "apu"; known: api',
    ]);
    expect(problems({ services: { a: { calls: { service: 'b' } }, b: { calls: { service: 'a' } } } })).toEqual([
      'services.a.calls.service: calls form a loop (a -> b -> a); a call would never end',
      'services.b.calls.service: calls form a loop (b -> a -> b); a call would never end',
    ]);
    expect(problems({ services: { a: { windows: [{ from: 10, to: 5 }] } } })).toEqual(['services.a.windows[0].to: expected a time >= from (10), got 5']);
  });

  it('refuses bad values with the field named', () => {
    expect(problems({ services: { a: { concurrency: 0 } } })[0]).toMatch(/^services\.a\.concurrency: /);
    expect(problems({ retryBudget: { kind: 'aws' } })[0]).toMatch(/^retryBudget\.kind: /);
    expect(problems({ services: { a: { windows: [{ from: 1, to: 2, capacity: 1.5 }] } } })[0]).toMatch(/^services\.a\.windows\[0\]\.capacity: /);
  });

  it('a job type that calls a service is not an M/M/c queue (its time is the service\'s): no Erlang C prediction', () => {
    const r = validateScenario({ services: { api: {} }, jobTypes: { work: { calls: { service: 'api' } } } });
    if (!r.ok) throw new Error('invalid');
    const fit = mmcFit(r.scenario);
    expect(fit.fits).toBe(false);
    if (!fit.fits) expect(fit.reasons.join('; ')).toMatch(/call a downstream service \(work\)/);
    const plain = validateScenario({});
    expect(plain.ok && mmcFit(plain.scenario).fits).toBe(true);
  });
});
