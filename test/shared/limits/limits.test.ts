// The limit arithmetic both modes share: token buckets for queue rate limits,
// fixed windows for a downstream's quota.
import { describe, expect, it } from 'vitest';
import { callsAfterOne, downstreamLimitsOf, refused, windowOf } from '../../../src/shared/limits/downstream-quota.ts';
import { bucketLevel, hasToken, nextTokenAt } from '../../../src/shared/limits/token-bucket.ts';

describe('token bucket', () => {
  const limit = { max: 5, per: 10 }; // 0.5 tokens a second

  it('refills continuously up to max, never backwards in time', () => {
    expect(bucketLevel(limit, 0, 0, 4)).toBeCloseTo(2, 12);
    expect(bucketLevel(limit, 0, 0, 100)).toBe(5);
    expect(bucketLevel(limit, 1, 10, 9)).toBe(1); // a caller whose clock is behind does not drain it
  });

  it('counts a hair below one token as one, and says when the next token comes', () => {
    expect(hasToken(1 - 1e-12)).toBe(true);
    expect(hasToken(0.9)).toBe(false);
    expect(nextTokenAt(limit, 0.5, 3)).toBeCloseTo(4, 12);
  });
});

describe('downstream quota', () => {
  it('counts calls per fixed window and refuses past max, charging every limit', () => {
    const limits = downstreamLimitsOf([
      { kind: 'downstreamRateLimit', jobType: 'pay', max: 2, per: 1 },
      { kind: 'downstreamRateLimit', jobType: 'pay', max: 3, per: 10 },
    ] as never).get('pay')!;
    expect(limits).toEqual([{ max: 2, per: 1 }, { max: 3, per: 10 }]);
    const stored = limits.map(() => ({ window: null as number | null, calls: 0 }));
    const call = (now: number) =>
      refused(limits, (lim, i) => {
        const w = windowOf(lim, now);
        stored[i] = { window: w, calls: callsAfterOne(w, stored[i]!.window, stored[i]!.calls) };
        return stored[i]!.calls;
      });
    expect([call(0.1), call(0.2), call(0.3)]).toEqual([false, false, true]); // 3rd call in second 0
    expect(call(1.5)).toBe(true); // a new second, but the 10 s window already had 3 calls
    expect(stored.map((s) => s.calls)).toEqual([1, 4]);
  });
});
