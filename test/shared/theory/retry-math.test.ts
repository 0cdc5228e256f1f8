import { describe, expect, it } from 'vitest';
import { deadFraction, meanAttempts } from '../../../src/shared/theory/retry-math.ts';

/** The series 1 + p + ... + p^(k-1), summed directly. */
function attemptsSeries(p: number, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += p ** i;
  return s;
}

describe('retry math', () => {
  it('deadFraction is p^k', () => {
    expect(deadFraction(0.5, 3)).toBe(0.125);
    expect(deadFraction(0.1, 5)).toBeCloseTo(1e-5, 15);
    expect(deadFraction(0, 3)).toBe(0);
    expect(deadFraction(1, 3)).toBe(1);
    expect(deadFraction(0.3, 1)).toBe(0.3);
  });

  it('meanAttempts is (1 - p^k) / (1 - p)', () => {
    expect(meanAttempts(0.5, 3)).toBeCloseTo(1.75, 12);
    expect(meanAttempts(0, 5)).toBe(1);
    expect(meanAttempts(0.2, 1)).toBe(1);
    expect(meanAttempts(1, 5)).toBe(5);
    for (const p of [0.01, 0.1, 0.5, 0.9, 0.999]) {
      for (const k of [1, 2, 3, 10, 50]) {
        expect(meanAttempts(p, k)).toBeCloseTo(attemptsSeries(p, k), 9);
      }
    }
  });

  it('stays accurate as p approaches 1', () => {
    const p = 1 - 1e-12;
    expect(meanAttempts(p, 5)).toBeCloseTo(5, 6);
    expect(meanAttempts(p, 5)).toBeLessThanOrEqual(5);
  });

  it('handles k = 0 as no attempts', () => {
    expect(meanAttempts(0.5, 0)).toBe(0);
    expect(deadFraction(0.5, 0)).toBe(1);
  });
});
