import { describe, expect, it } from 'vitest';
import { previewRetrySchedule } from '../../../src/shared/retry/schedule-preview.ts';
import type { RetryPolicy } from '../../../src/shared/scenario/schema.ts';

const policy = (p: Partial<RetryPolicy> & Pick<RetryPolicy, 'jitter'>): RetryPolicy => ({
  maxAttempts: 5,
  backoff: { kind: 'exponential', initial: 1, factor: 2, max: 300 },
  ...p,
});

describe('retry schedule preview', () => {
  it('without jitter gives the exact base delays, their running sum, and attempts + waits to the dead-letter table', () => {
    const p = previewRetrySchedule(policy({ jitter: 'none' }), {
      samples: 50,
      attempt: { duration: { kind: 'constant', value: 0.5 }, timeout: 60 },
    });
    expect(p.rows.map((r) => [r.retry, r.attempt, r.base, r.delay.min, r.delay.max, r.waitedSoFar.p50])).toEqual([
      [1, 2, 1, 1, 1, 1],
      [2, 3, 2, 2, 2, 3],
      [3, 4, 4, 4, 4, 7],
      [4, 5, 8, 8, 8, 15],
    ]);
    expect(p.rows[2]!.rule).toBe('exactly 4 s');
    expect(p.waitsOnly).toEqual({ min: 15, p10: 15, p50: 15, p90: 15, max: 15 });
    // 5 attempts of 0.5 s plus 15 s of waiting.
    expect(p.toDeadLetter.p50).toBe(17.5);
  });

  it('full jitter draws uniformly under the base: median near half, never above it', () => {
    const p = previewRetrySchedule(policy({ jitter: 'full' }), { samples: 4000 });
    for (const r of p.rows) {
      expect(r.delay.min).toBeGreaterThanOrEqual(0);
      expect(r.delay.max).toBeLessThanOrEqual(r.base);
      expect(r.delay.p50 / r.base).toBeGreaterThan(0.45);
      expect(r.delay.p50 / r.base).toBeLessThan(0.55);
      expect(r.rule).toBe(`uniform [0, ${r.base} s]`);
    }
    // The waits add up to about half of 1 + 2 + 4 + 8.
    expect(p.waitsOnly.p50).toBeGreaterThan(6.5);
    expect(p.waitsOnly.p50).toBeLessThan(8.5);
    expect(p.waitsOnly.p10).toBeLessThan(p.waitsOnly.p90);
  });

  it('equal jitter keeps at least half the base; decorrelated stays within [initial, max]', () => {
    const equal = previewRetrySchedule(policy({ jitter: 'equal' }), { samples: 1000 });
    for (const r of equal.rows) expect(r.delay.min).toBeGreaterThanOrEqual(r.base / 2);
    const capped = policy({ jitter: 'decorrelated', backoff: { kind: 'exponential', initial: 2, factor: 2, max: 10 }, maxAttempts: 8 });
    const dec = previewRetrySchedule(capped, { samples: 1000 });
    for (const r of dec.rows) {
      expect(r.delay.min).toBeGreaterThanOrEqual(2);
      expect(r.delay.max).toBeLessThanOrEqual(10);
    }
    expect(dec.rows[6]!.delay.p50).toBeGreaterThan(dec.rows[0]!.delay.p50);
  });

  it('is the same for the same seed and policy, and one attempt means no retries', () => {
    const a = previewRetrySchedule(policy({ jitter: 'full' }), { samples: 300, seed: 7 });
    expect(previewRetrySchedule(policy({ jitter: 'full' }), { samples: 300, seed: 7 })).toEqual(a);
    expect(previewRetrySchedule(policy({ jitter: 'full' }), { samples: 300, seed: 8 })).not.toEqual(a);
    const once = previewRetrySchedule(policy({ jitter: 'full', maxAttempts: 1 }), { samples: 10 });
    expect(once.rows).toEqual([]);
    expect(once.waitsOnly.max).toBe(0);
  });
});
