import { describe, expect, it } from 'vitest';
import type { DurationSpec } from '../../../src/shared/scenario/schema.ts';
import { STREAM, hashUniform } from '../../../src/shared/random/hash-uniform.ts';
import {
  durationMean,
  durationVariance,
  exponentialSample,
  lognormalParams,
  sampleDuration,
} from '../../../src/shared/random/distributions.ts';

const N = 200_000;

function moments(spec: DurationSpec, seed = 42): { mean: number; sd: number; min: number; zeros: number } {
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let zeros = 0;
  for (let i = 0; i < N; i++) {
    const x = sampleDuration(spec, hashUniform(seed, STREAM.duration, i, 0), hashUniform(seed, STREAM.duration, i, 1));
    sum += x;
    sumSq += x * x;
    if (x < min) min = x;
    if (x === 0) zeros++;
  }
  const mean = sum / N;
  return { mean, sd: Math.sqrt(sumSq / N - mean * mean), min, zeros };
}

describe('sampleDuration', () => {
  it('constant returns the value whatever the uniforms', () => {
    expect(sampleDuration({ kind: 'constant', value: 2.5 }, 0.1, 0.9)).toBe(2.5);
    expect(sampleDuration({ kind: 'constant', value: 0 }, 0.99, 0)).toBe(0);
  });

  it('uniform spans [min, max) with the right moments', () => {
    expect(sampleDuration({ kind: 'uniform', min: 2, max: 6 }, 0, 0)).toBe(2);
    expect(sampleDuration({ kind: 'uniform', min: 2, max: 6 }, 0.5, 0)).toBe(4);
    const m = moments({ kind: 'uniform', min: 2, max: 6 });
    expect(m.mean).toBeCloseTo(4, 1);
    expect(m.sd).toBeCloseTo(4 / Math.sqrt(12), 1);
    expect(m.min).toBeGreaterThanOrEqual(2);
  });

  it('exponential has mean = sd = the given mean', () => {
    const m = moments({ kind: 'exponential', mean: 1.5 });
    expect(Math.abs(m.mean / 1.5 - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.sd / 1.5 - 1)).toBeLessThan(0.02);
    expect(exponentialSample(1, 0)).toBe(0);
    expect(Number.isFinite(exponentialSample(1, 1 - 2 ** -32))).toBe(true);
  });

  it('normal has the given mean and sd when truncation is negligible', () => {
    const m = moments({ kind: 'normal', mean: 10, sd: 2 });
    expect(Math.abs(m.mean - 10)).toBeLessThan(0.02);
    expect(Math.abs(m.sd / 2 - 1)).toBeLessThan(0.02);
  });

  it('normal is truncated at 0, never negative', () => {
    const m = moments({ kind: 'normal', mean: 0, sd: 1 });
    expect(m.min).toBe(0);
    // Half the mass is below zero.
    expect(Math.abs(m.zeros / N - 0.5)).toBeLessThan(0.01);
    // Mean of max(0, Z) is 1 / sqrt(2 pi).
    expect(Math.abs(m.mean - 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(0.01);
  });

  it('lognormal mean and sd are those of the distribution itself', () => {
    const m = moments({ kind: 'lognormal', mean: 2, sd: 1 });
    expect(Math.abs(m.mean / 2 - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.sd - 1)).toBeLessThan(0.03);
    expect(m.min).toBeGreaterThan(0);
    const heavy = moments({ kind: 'lognormal', mean: 1, sd: 3 });
    expect(Math.abs(heavy.mean - 1)).toBeLessThan(0.05);
  });

  it('lognormalParams round-trips to the requested moments', () => {
    const { mu, sigma } = lognormalParams(3, 2);
    expect(Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(3, 12);
    expect(Math.sqrt((Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma))).toBeCloseTo(2, 12);
  });

  it('accepts mean 0 and sd 0', () => {
    expect(sampleDuration({ kind: 'exponential', mean: 0 }, 0.7, 0.2)).toBe(0);
    expect(sampleDuration({ kind: 'normal', mean: 0, sd: 0 }, 0.7, 0.2)).toBe(0);
    expect(sampleDuration({ kind: 'normal', mean: 3, sd: 0 }, 0.7, 0.2)).toBe(3);
    expect(sampleDuration({ kind: 'lognormal', mean: 3, sd: 0 }, 0.7, 0.2)).toBe(3);
    expect(sampleDuration({ kind: 'uniform', min: 0, max: 0 }, 0.7, 0.2)).toBe(0);
  });

  it('never returns a negative or non-finite value at the extremes of the uniforms', () => {
    const specs: DurationSpec[] = [
      { kind: 'uniform', min: 0, max: 5 },
      { kind: 'exponential', mean: 2 },
      { kind: 'normal', mean: 1, sd: 5 },
      { kind: 'lognormal', mean: 1, sd: 10 },
    ];
    const edges = [0, 2 ** -32, 0.25, 0.5, 0.75, 1 - 2 ** -32];
    for (const spec of specs) {
      for (const u1 of edges) {
        for (const u2 of edges) {
          const x = sampleDuration(spec, u1, u2);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(x)).toBe(true);
        }
      }
    }
  });
});

describe('durationMean and durationVariance', () => {
  it('give the theoretical moments', () => {
    expect(durationMean({ kind: 'constant', value: 4 })).toBe(4);
    expect(durationMean({ kind: 'uniform', min: 1, max: 3 })).toBe(2);
    expect(durationMean({ kind: 'exponential', mean: 1.5 })).toBe(1.5);
    expect(durationMean({ kind: 'normal', mean: 2, sd: 9 })).toBe(2);
    expect(durationMean({ kind: 'lognormal', mean: 5, sd: 1 })).toBe(5);
    expect(durationVariance({ kind: 'constant', value: 4 })).toBe(0);
    expect(durationVariance({ kind: 'uniform', min: 0, max: 6 })).toBe(3);
    expect(durationVariance({ kind: 'exponential', mean: 2 })).toBe(4);
    expect(durationVariance({ kind: 'lognormal', mean: 5, sd: 3 })).toBe(9);
  });
});
