import { describe, expect, it } from 'vitest';
import {
  erlangB,
  erlangC,
  mmcMeanQueueLength,
  mmcMeanResponseTime,
  mmcMeanWait,
  utilization,
} from '../../../src/shared/theory/erlang-c.ts';

/** The textbook Erlang C formula with explicit factorial sums; fine for small c. */
function erlangCTextbook(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  const rho = a / c;
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = a ** c / (fact * c) / (1 - rho);
  return top / (sum + top);
}

/** The same formula in log space, so it can be checked for large c. */
function erlangCLog(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  const rho = a / c;
  const logTerms: number[] = [];
  let logTerm = 0; // log(a^k / k!)
  for (let k = 0; k < c; k++) {
    if (k > 0) logTerm += Math.log(a) - Math.log(k);
    logTerms.push(logTerm);
  }
  const logTop = logTerm + Math.log(a) - Math.log(c) - Math.log(1 - rho);
  const m = Math.max(logTop, ...logTerms);
  const sum = logTerms.reduce((s, t) => s + Math.exp(t - m), 0);
  const top = Math.exp(logTop - m);
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('M/M/1 at rho = 0.8: C = rho, Wq = rho / (mu - lambda)', () => {
    expect(erlangC(1, 0.8, 1)).toBeCloseTo(0.8, 12);
    expect(mmcMeanWait(1, 0.8, 1)).toBeCloseTo(0.8 / (1 - 0.8), 12);
    expect(mmcMeanQueueLength(1, 0.8, 1)).toBeCloseTo(0.8 ** 2 / 0.2, 12);
    expect(mmcMeanResponseTime(1, 0.8, 1)).toBeCloseTo(1 / (1 - 0.8), 12);
  });

  it('M/M/3 with lambda 2.4, mu 1 matches the factorial-sum formula', () => {
    const c = erlangC(3, 2.4, 1);
    expect(c).toBeCloseTo(erlangCTextbook(3, 2.4, 1), 12);
    expect(c).toBeCloseTo(0.6472, 4);
    expect(mmcMeanWait(3, 2.4, 1)).toBeCloseTo(c / (3 - 2.4), 12);
    expect(mmcMeanQueueLength(3, 2.4, 1)).toBeCloseTo((2.4 * c) / 0.6, 12);
    expect(utilization(3, 2.4, 1)).toBeCloseTo(0.8, 12);
  });

  it('matches the textbook formula over a grid of small systems', () => {
    for (let c = 1; c <= 20; c++) {
      for (const rho of [0.1, 0.5, 0.9, 0.99]) {
        const mu = 2;
        const lambda = rho * c * mu;
        expect(erlangC(c, lambda, mu)).toBeCloseTo(erlangCTextbook(c, lambda, mu), 10);
      }
    }
  });

  it('is stable for c up to 1000', () => {
    for (const [c, rho] of [
      [200, 0.95],
      [500, 0.9],
      [1000, 0.99],
      [1000, 0.5],
    ] as const) {
      const lambda = rho * c * 1.5;
      const v = erlangC(c, lambda, 1.5);
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(v).toBeCloseTo(erlangCLog(c, lambda, 1.5), 9);
    }
  });

  it('returns 1 and infinite waits when unstable', () => {
    expect(erlangC(2, 2, 1)).toBe(1);
    expect(erlangC(2, 5, 1)).toBe(1);
    expect(mmcMeanWait(2, 2, 1)).toBe(Infinity);
    expect(mmcMeanQueueLength(2, 5, 1)).toBe(Infinity);
    expect(erlangC(3, 1, 0)).toBe(1);
  });

  it('gives zero waiting with no arrivals', () => {
    expect(erlangC(3, 0, 1)).toBe(0);
    expect(mmcMeanWait(3, 0, 1)).toBe(0);
    expect(mmcMeanQueueLength(3, 0, 1)).toBe(0);
    expect(utilization(3, 0, 1)).toBe(0);
  });

  it('Erlang B agrees with its closed form for small c', () => {
    // B(2, a) = (a^2 / 2) / (1 + a + a^2 / 2)
    const a = 1.7;
    expect(erlangB(2, a)).toBeCloseTo(a ** 2 / 2 / (1 + a + a ** 2 / 2), 12);
    expect(erlangB(0, a)).toBe(1);
  });

  it('waiting probability increases with load', () => {
    let prev = 0;
    for (let lambda = 0.5; lambda < 10; lambda += 0.5) {
      const v = erlangC(10, lambda, 1);
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
  });
});
