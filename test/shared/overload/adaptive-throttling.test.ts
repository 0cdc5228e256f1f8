import { describe, expect, it } from 'vitest';
import { newAdaptiveThrottle, rejectionProbability, throttleAdmit, throttleRecordAccept } from '../../../src/shared/overload/adaptive-throttling.ts';

describe('adaptive throttling (SRE book, Handling Overload)', () => {
  it('rejects with max(0, (requests - K x accepts) / (requests + 1))', () => {
    expect(rejectionProbability(100, 50, 2)).toBe(0);
    expect(rejectionProbability(100, 10, 2)).toBeCloseTo(80 / 101);
    expect(rejectionProbability(100, 0, 2)).toBeCloseTo(100 / 101);
    expect(rejectionProbability(0, 0, 2)).toBe(0);
  });

  it('never rejects while the backend accepts at least 1/K of requests', () => {
    const t = newAdaptiveThrottle({ k: 2, window: 60 });
    for (let i = 0; i < 1000; i++) {
      expect(throttleAdmit(t, i * 0.01, 0)).toBeNull();
      if (i % 2 === 0) throttleRecordAccept(t, i * 0.01);
    }
  });

  it('rejects most requests while the backend accepts none, and forgets after its window', () => {
    const t = newAdaptiveThrottle({ k: 2, window: 10 });
    let rejected = 0;
    for (let i = 0; i < 1000; i++) if (throttleAdmit(t, i * 0.005, (i * 0.618) % 1) !== null) rejected++;
    expect(rejected).toBeGreaterThan(900);
    expect(t.refused).toBe(rejected);
    expect(throttleAdmit(t, 100, 0.001)).toBeNull(); // 95 s later: the window is empty again
  });
});
