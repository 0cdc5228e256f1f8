import { describe, expect, it } from 'vitest';
import type { BackoffSpec, Jitter, RetryPolicy } from '../../../src/shared/scenario/schema.ts';
import { baseDelay, resolveRetryPolicy, retryDelay } from '../../../src/shared/retry/backoff.ts';

const exp: BackoffSpec = { kind: 'exponential', initial: 1, factor: 2, max: 300 };
const lin: BackoffSpec = { kind: 'linear', initial: 2, factor: 2, max: 5 };
const fix: BackoffSpec = { kind: 'fixed', initial: 5, factor: 2, max: 300 };

function policy(backoff: BackoffSpec, jitter: Jitter, maxAttempts = 5): RetryPolicy {
  return { maxAttempts, backoff, jitter };
}

/** Uniforms spread over [0, 1), ends included. */
const US = [0, 1e-9, ...Array.from({ length: 999 }, (_, i) => (i + 1) / 1000), 1 - 2 ** -32];

describe('baseDelay', () => {
  it('fixed waits initial every time', () => {
    for (const n of [1, 2, 10, 1000]) expect(baseDelay(fix, n)).toBe(5);
  });

  it('linear waits initial * n, capped at max', () => {
    expect(baseDelay({ ...lin, max: 100 }, 1)).toBe(2);
    expect(baseDelay({ ...lin, max: 100 }, 3)).toBe(6);
    expect(baseDelay(lin, 3)).toBe(5);
  });

  it('exponential waits initial * factor^(n-1), capped at max', () => {
    expect([1, 2, 3, 4, 5].map((n) => baseDelay(exp, n))).toEqual([1, 2, 4, 8, 16]);
    expect(baseDelay(exp, 9)).toBe(256);
    expect(baseDelay(exp, 10)).toBe(300);
    expect(baseDelay({ ...exp, initial: 0.5, factor: 3 }, 3)).toBe(4.5);
  });

  it('caps every kind, including a fixed initial above max', () => {
    expect(baseDelay({ ...fix, max: 3 }, 1)).toBe(3);
    expect(baseDelay({ ...exp, initial: 500 }, 1)).toBe(300);
    expect(baseDelay({ ...exp, max: 0 }, 4)).toBe(0);
  });

  it('stays finite for huge attempt numbers', () => {
    for (const factor of [1, 1.5, 2, 10, 1e6]) {
      const d = baseDelay({ ...exp, factor }, 1000);
      expect(Number.isFinite(d)).toBe(true);
      expect(d).toBe(factor === 1 ? 1 : 300);
    }
    expect(baseDelay({ ...exp, initial: 0, factor: 10 }, 1000)).toBe(0);
    expect(baseDelay({ ...exp, factor: 10, max: Number.MAX_VALUE }, 1000)).toBe(Number.MAX_VALUE);
  });

  it('reaches the cap exactly at the boundary attempt', () => {
    // 1 * 2^8 = 256 < 300 < 512: attempt 10 is the first capped one; with max 256 attempt 9 equals it.
    expect(baseDelay({ ...exp, max: 256 }, 9)).toBe(256);
    expect(baseDelay({ ...exp, max: 256 }, 8)).toBe(128);
  });
});

describe('retryDelay', () => {
  const backoffs = { fixed: fix, linear: lin, exponential: exp };

  for (const [kind, backoff] of Object.entries(backoffs)) {
    for (const n of [1, 2, 3, 7]) {
      const d = baseDelay(backoff, n);

      it(`${kind} n=${n}, none: exactly the base`, () => {
        for (const u of [0, 0.5, 0.99]) {
          const r = retryDelay(policy(backoff, 'none'), n, undefined, u);
          expect(r.base).toBe(d);
          expect(r.delay).toBe(d);
        }
      });

      it(`${kind} n=${n}, full: uniform in [0, d]`, () => {
        for (const u of US) {
          const r = retryDelay(policy(backoff, 'full'), n, undefined, u);
          expect(r.base).toBe(d);
          expect(r.delay).toBeGreaterThanOrEqual(0);
          expect(r.delay).toBeLessThanOrEqual(d);
          expect(r.delay).toBeCloseTo(d * u, 12);
        }
      });

      it(`${kind} n=${n}, equal: d/2 + uniform in [0, d/2]`, () => {
        for (const u of US) {
          const r = retryDelay(policy(backoff, 'equal'), n, undefined, u);
          expect(r.delay).toBeGreaterThanOrEqual(d / 2);
          expect(r.delay).toBeLessThanOrEqual(d);
          expect(r.delay).toBeCloseTo(d / 2 + (d / 2) * u, 12);
        }
      });

      it(`${kind} n=${n}, decorrelated: min(max, uniform in [initial, 3 * previous])`, () => {
        for (const prev of [undefined, 0, 1, 4, 50, 1000]) {
          const p = prev ?? backoff.initial;
          const hi = Math.max(backoff.initial, 3 * p);
          for (const u of US) {
            const r = retryDelay(policy(backoff, 'decorrelated'), n, prev, u);
            expect(r.delay).toBeLessThanOrEqual(backoff.max);
            expect(r.delay).toBeGreaterThanOrEqual(Math.min(backoff.max, backoff.initial));
            expect(r.delay).toBeLessThanOrEqual(hi);
            expect(r.delay).toBeCloseTo(Math.min(backoff.max, backoff.initial + (hi - backoff.initial) * u), 9);
          }
        }
      });
    }
  }

  it('decorrelated grows from the previous delay, not from n', () => {
    const p = policy(exp, 'decorrelated');
    const fromSmall = retryDelay(p, 5, 2, 0.5).delay;
    const fromLarge = retryDelay(p, 5, 20, 0.5).delay;
    expect(fromSmall).toBeCloseTo(1 + (6 - 1) * 0.5, 12);
    expect(fromLarge).toBeCloseTo(1 + (60 - 1) * 0.5, 12);
    expect(retryDelay(p, 1, undefined, 0.5).delay).toBeCloseTo(1 + (3 - 1) * 0.5, 12);
    expect(retryDelay(p, 1, 200, 0.99).delay).toBe(300);
  });

  it('chained decorrelated delays stay within [initial, max]', () => {
    const p = policy({ ...exp, initial: 0.5, max: 30 }, 'decorrelated');
    let prev: number | undefined;
    for (let n = 1; n <= 200; n++) {
      const { delay } = retryDelay(p, n, prev, US[(n * 37) % US.length]!);
      expect(delay).toBeGreaterThanOrEqual(0.5);
      expect(delay).toBeLessThanOrEqual(30);
      prev = delay;
    }
  });

  it('huge n stays finite under every jitter', () => {
    for (const jitter of ['none', 'full', 'equal', 'decorrelated'] as const) {
      const r = retryDelay(policy({ ...exp, factor: 10 }, jitter), 1000, 300, 0.7);
      expect(Number.isFinite(r.delay)).toBe(true);
      expect(r.delay).toBeLessThanOrEqual(300);
      expect(r.formula).not.toMatch(/NaN|Infinity/);
    }
  });

  describe('formula', () => {
    it('exponential with full jitter', () => {
      const u = 2.71 / 4;
      expect(retryDelay(policy(exp, 'full'), 3, undefined, u).formula).toBe('1 s x 2^2 = 4 s, full jitter -> 2.71 s');
    });

    it('fixed with no jitter', () => {
      expect(retryDelay(policy(fix, 'none'), 4, undefined, 0.3).formula).toBe('fixed 5 s, no jitter -> 5 s');
    });

    it('linear capped with equal jitter', () => {
      const u = (3.8 - 2.5) / 2.5;
      expect(retryDelay(policy(lin, 'equal'), 3, undefined, u).formula).toBe(
        'linear 2 s x 3 = 6 s (cap 5 s), equal jitter -> 3.80 s',
      );
    });

    it('decorrelated shows initial and previous', () => {
      const u = (7.31 - 1) / (12 - 1);
      expect(retryDelay(policy(exp, 'decorrelated'), 4, 4, u).formula).toBe(
        'decorrelated: uniform[1 s, 3 x 4.00 s] -> 7.31 s',
      );
      expect(retryDelay(policy(exp, 'decorrelated'), 1, undefined, 0).formula).toBe(
        'decorrelated: uniform[1 s, 3 x 1 s] -> 1.00 s',
      );
      expect(retryDelay(policy({ ...exp, max: 10 }, 'decorrelated'), 4, 8, 0.9).formula).toBe(
        'decorrelated: uniform[1 s, 3 x 8.00 s] -> 10.00 s (cap 10 s)',
      );
    });

    it('mentions the cap and overflowing powers', () => {
      expect(retryDelay(policy(exp, 'none'), 10, undefined, 0).formula).toBe(
        '1 s x 2^9 = 512 s (cap 300 s), no jitter -> 300 s',
      );
      expect(retryDelay(policy({ ...exp, factor: 10 }, 'none'), 1000, undefined, 0).formula).toBe(
        '1 s x 10^999 > 300 s (cap 300 s), no jitter -> 300 s',
      );
    });

    it('formats fractional configured values compactly', () => {
      expect(retryDelay(policy({ ...exp, initial: 0.25 }, 'none'), 2, undefined, 0).formula).toBe(
        '0.25 s x 2^1 = 0.5 s, no jitter -> 0.5 s',
      );
    });
  });
});

describe('resolveRetryPolicy', () => {
  const global = policy(exp, 'full', 5);

  it('returns the global policy when there is no override', () => {
    expect(resolveRetryPolicy(global, undefined)).toEqual(global);
    expect(resolveRetryPolicy(global, {})).toEqual(global);
  });

  it('does not share or mutate the global policy', () => {
    const r = resolveRetryPolicy(global, undefined);
    r.backoff.max = 1;
    expect(global.backoff.max).toBe(300);
  });

  it('overrides top-level keys one by one', () => {
    expect(resolveRetryPolicy(global, { maxAttempts: 1 })).toEqual({ ...global, maxAttempts: 1 });
    expect(resolveRetryPolicy(global, { jitter: 'none' })).toEqual({ ...global, jitter: 'none' });
  });

  it('merges a partial backoff onto the global backoff', () => {
    const r = resolveRetryPolicy(global, { backoff: { max: 10 } });
    expect(r.backoff).toEqual({ kind: 'exponential', initial: 1, factor: 2, max: 10 });
    const r2 = resolveRetryPolicy(global, { backoff: { kind: 'fixed', initial: 3 }, jitter: 'equal' });
    expect(r2).toEqual({ maxAttempts: 5, jitter: 'equal', backoff: { kind: 'fixed', initial: 3, factor: 2, max: 300 } });
  });

  it('treats keys explicitly set to undefined as absent', () => {
    const r = resolveRetryPolicy(global, { maxAttempts: undefined, backoff: { initial: undefined } });
    expect(r).toEqual(global);
  });
});
