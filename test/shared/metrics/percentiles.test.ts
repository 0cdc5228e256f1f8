import { describe, expect, it } from 'vitest';
import { percentileSorted, sampleStats } from '../../../src/shared/metrics/percentiles.ts';

describe('percentileSorted', () => {
  it('interpolates linearly between closest ranks (R-7, NumPy default)', () => {
    const xs = [1, 2, 3, 4];
    expect(percentileSorted(xs, 0)).toBe(1);
    expect(percentileSorted(xs, 1)).toBe(4);
    expect(percentileSorted(xs, 0.5)).toBe(2.5);
    // numpy.percentile([1, 2, 3, 4], 95) == 3.85
    expect(percentileSorted(xs, 0.95)).toBeCloseTo(3.85, 12);
    expect(percentileSorted([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(percentileSorted([0, 10], 0.99)).toBeCloseTo(9.9, 12);
  });

  it('handles empty and single-element inputs without NaN', () => {
    expect(percentileSorted([], 0.5)).toBe(0);
    expect(percentileSorted(new Float64Array(0), 0.99)).toBe(0);
    expect(percentileSorted([7], 0)).toBe(7);
    expect(percentileSorted([7], 0.95)).toBe(7);
  });

  it('clamps p outside [0, 1] and treats NaN as 0', () => {
    expect(percentileSorted([1, 2, 3], -1)).toBe(1);
    expect(percentileSorted([1, 2, 3], 2)).toBe(3);
    expect(percentileSorted([1, 2, 3], Number.NaN)).toBe(1);
  });

  it('works on typed arrays', () => {
    expect(percentileSorted(Float64Array.of(0, 1, 2, 3, 4), 0.5)).toBe(2);
  });
});

describe('sampleStats', () => {
  it('returns zeros for an empty sample', () => {
    expect(sampleStats(new Float64Array(0))).toEqual({ count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });

  it('computes count, mean, percentiles and max of an unsorted sample', () => {
    const values = new Float64Array(101);
    for (let i = 0; i <= 100; i++) values[i] = (i * 37) % 101; // a permutation of 0..100
    const s = sampleStats(values);
    expect(s).toEqual({ count: 101, mean: 50, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('does not modify its input', () => {
    const values = Float64Array.of(3, 1, 2);
    sampleStats(values);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });

  it('sorts numerically, not as strings', () => {
    const s = sampleStats(Float64Array.of(10, 9, 100, 2));
    expect(s.max).toBe(100);
    expect(s.p50).toBe(9.5);
  });
});
