import { describe, expect, it } from 'vitest';
import { breakerAdmit, breakerRecord, newCircuitBreaker } from '../../../src/shared/overload/circuit-breaker.ts';

const spec = { failureRatio: 0.5, window: 10, minimumCalls: 4, openFor: 5, halfOpenProbes: 2 };

describe('circuit breaker', () => {
  it('stays closed below the minimum of calls, opens at the failure ratio, refuses while open', () => {
    const b = newCircuitBreaker(spec);
    for (let i = 0; i < 3; i++) {
      expect(breakerAdmit(b, i)).toBeNull();
      breakerRecord(b, i, false);
    }
    expect(b.state).toBe('closed'); // 3 failures < minimumCalls 4
    breakerAdmit(b, 3);
    breakerRecord(b, 3, false);
    expect(b.state).toBe('open');
    expect(breakerAdmit(b, 4)).toMatch(/circuit breaker open/);
    expect(b.refused).toBe(1);
  });

  it('does not open while the failure ratio is below the threshold', () => {
    const b = newCircuitBreaker(spec);
    for (let i = 0; i < 20; i++) breakerRecord(b, i * 0.1, i % 3 === 0); // 2 of 3 fail
    const c = newCircuitBreaker(spec);
    for (let i = 0; i < 20; i++) breakerRecord(c, i * 0.1, i % 4 !== 3); // 1 of 4 fails
    expect(b.state).toBe('open');
    expect(c.state).toBe('closed');
  });

  it('forgets failures older than its window', () => {
    const b = newCircuitBreaker(spec);
    for (let i = 0; i < 3; i++) breakerRecord(b, i, false);
    for (let i = 0; i < 3; i++) breakerRecord(b, 30 + i, true);
    breakerRecord(b, 33, false);
    expect(b.state).toBe('closed'); // 1 failure of 4 in the last 10 s
  });

  it('after openFor it lets halfOpenProbes calls through; their success closes it, a failure reopens it', () => {
    const b = newCircuitBreaker(spec);
    for (let i = 0; i < 4; i++) breakerRecord(b, 0, false);
    expect(b.state).toBe('open');
    expect(breakerAdmit(b, 4.9)).not.toBeNull();
    expect(breakerAdmit(b, 5)).toBeNull();
    expect(b.state).toBe('half-open');
    expect(breakerAdmit(b, 5)).toBeNull();
    expect(breakerAdmit(b, 5)).toMatch(/probe calls are out/);
    breakerRecord(b, 5.1, true);
    breakerRecord(b, 5.2, true);
    expect(b.state).toBe('closed');
    for (let i = 0; i < 4; i++) breakerRecord(b, 6, false);
    expect(b.opened).toBe(2);
    breakerAdmit(b, 11);
    breakerRecord(b, 11.5, false);
    expect(b.state).toBe('open');
    expect(b.openedAt).toBe(11.5);
  });
});
