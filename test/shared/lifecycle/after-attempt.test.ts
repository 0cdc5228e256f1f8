// The lifecycle decides every transition after an attempt or a lease: these
// read its decisions as data, without running either mode.
import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt, afterLeaseExpiry, BACK_TO_PENDING_NOW, leaseExpiredError, leaseLostEvent, SUCCEEDED_EVENT,
} from '../../../src/shared/lifecycle/after-attempt.ts';
import { REASONS } from '../../../src/shared/lifecycle/reasons.ts';
import { hashUniform, STREAM } from '../../../src/shared/random/hash-uniform.ts';
import { retryDelay } from '../../../src/shared/retry/backoff.ts';
import type { RetryPolicy } from '../../../src/shared/scenario/schema.ts';

const policy: RetryPolicy = { maxAttempts: 3, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 60 }, jitter: 'full' };
const draw = { policy, seed: 7, drawKey: 12 };
const failure = { outcome: 'failed' as const, error: 'boom', cause: 'failure_rate' as const };

describe('afterFailedAttempt', () => {
  it('retries with the backoff drawn for (seed, draw key, attempt), due after the delay', () => {
    const d = afterFailedAttempt(failure, { attempt: 2, maxAttempts: 3 }, draw, 100);
    const expected = retryDelay(policy, 2, undefined, hashUniform(7, STREAM.jitter, 12, 2));
    expect(d.to).toBe('retrying');
    expect(d.backoff).toEqual(expected);
    expect(d.dueAt).toBe(100 + expected.delay);
    expect(d.deadLetter).toBeNull();
    expect(d.event).toEqual({
      kind: 'failed', from: 'processing', to: 'retrying', outcome: 'failed', reason: 'failure_rate',
      detail: `failed: boom; retry in ${expected.formula}`,
    });
  });

  it('the draw key, not the timing, decides the jitter: another key draws another delay', () => {
    const a = afterFailedAttempt(failure, { attempt: 1, maxAttempts: 3 }, draw, 0);
    const b = afterFailedAttempt(failure, { attempt: 1, maxAttempts: 3 }, { ...draw, drawKey: 13 }, 50);
    expect(a.to === 'retrying' && b.to === 'retrying').toBe(true);
    expect(a.backoff!.delay).not.toBe(b.backoff!.delay);
    expect(afterFailedAttempt(failure, { attempt: 1, maxAttempts: 3 }, draw, 50).backoff).toEqual(a.backoff);
  });

  it('dies on the round\'s last attempt, with the dead-letter reason and a structured event', () => {
    const d = afterFailedAttempt({ ...failure, outcome: 'timeout', cause: 'timeout' }, { attempt: 3, maxAttempts: 3 }, draw, 9);
    expect(d).toEqual({
      to: 'dead', dueAt: null, backoff: null,
      event: { kind: 'dead', from: 'processing', to: 'dead', outcome: 'timeout', reason: 'attempts_exhausted', detail: 'timeout: boom (attempt 3 of 3)' },
      deadLetter: { reason: 'attempts exhausted (3 of 3)' },
    });
  });

  it('a failure no retry can fix dies at once; the error is the dead-letter reason', () => {
    const d = afterFailedAttempt({ ...failure, cause: 'unknown_type', retryable: false }, { attempt: 1, maxAttempts: 5 }, draw, 0);
    expect(d.to).toBe('dead');
    expect(d.event.reason).toBe('not_retryable');
    expect(d.deadLetter).toEqual({ reason: 'boom' });
  });

  it('decorrelated jitter grows from the previous delay it is given', () => {
    const decorrelated: RetryPolicy = { ...policy, jitter: 'decorrelated' };
    const d = afterFailedAttempt(failure, { attempt: 2, maxAttempts: 3, previousDelay: 10 }, { ...draw, policy: decorrelated }, 0);
    expect(d.backoff!.delay).toBeGreaterThanOrEqual(1);
    expect(d.backoff!.delay).toBeLessThanOrEqual(30);
    expect(d.backoff!.formula).toContain('3 x 10.00 s');
  });
});

describe('afterLeaseExpiry', () => {
  it('goes back to pending now while attempts remain (the attempt did not fail: its worker vanished)', () => {
    const d = afterLeaseExpiry({ outcome: 'crashed', leaseSeconds: 60, attempt: 1, maxAttempts: 3 }, 75);
    expect(d).toEqual({
      to: 'pending', dueAt: 75, error: 'worker crashed mid-job; lease expired after 60 s', deadLetter: null,
      event: { kind: 'recovered', from: 'processing', to: 'pending', outcome: 'crashed', reason: 'lease_expired', detail: 'worker crashed mid-job; lease expired after 60 s' },
    });
  });

  it('dies when the lease expires on the last attempt', () => {
    const d = afterLeaseExpiry({ outcome: 'lost', leaseSeconds: 8, attempt: 2, maxAttempts: 2 }, 20);
    expect(d.to).toBe('dead');
    expect(d.event.outcome).toBe('lost');
    expect(d.event.detail).toBe('worker stopped heartbeating; lease expired after 8 s; attempts exhausted');
    expect(d.deadLetter).toEqual({ reason: 'lease expired on the last attempt (2 of 2)' });
  });

  it('words an unknown lease length without a number, and a long fraction short', () => {
    expect(leaseExpiredError('lost', null)).toBe('worker stopped heartbeating; lease expired');
    expect(leaseExpiredError('lost', 1 / 3)).toBe('worker stopped heartbeating; lease expired after 0.333333 s');
    expect(BACK_TO_PENDING_NOW(4)).toMatchObject({ dueAt: 4, delay: 0 });
  });
});

describe('events as data', () => {
  it('every reason an event carries is one of the fixed codes, and outcomes are columns, not words in detail', () => {
    const events = [
      SUCCEEDED_EVENT,
      leaseLostEvent(2, 'timeout'),
      afterFailedAttempt(failure, { attempt: 1, maxAttempts: 3 }, draw, 0).event,
      afterLeaseExpiry({ outcome: 'lost', leaseSeconds: 1, attempt: 1, maxAttempts: 1 }, 0).event,
    ];
    for (const e of events) if (e.reason !== null) expect(REASONS).toContain(e.reason);
    expect(leaseLostEvent(2, 'timeout').outcome).toBe('timeout');
    expect(Object.isFrozen(SUCCEEDED_EVENT)).toBe(true);
  });
});

describe('a retry budget as the lifecycle\'s retry gate', () => {
  const draw = { policy: { maxAttempts: 3, backoff: { kind: 'exponential' as const, initial: 1, factor: 2, max: 300 }, jitter: 'none' as const }, seed: 1, drawKey: 1 };
  const failure = { outcome: 'timeout' as const, error: 'no answer from api in 1 s', cause: 'call_timeout' as const };

  it('a refused retry sends the job to dead with reason retry_budget, and the gate is not asked on the last attempt', () => {
    const asked: string[] = [];
    const refuse = (o: string) => (asked.push(o), 'retry budget has 2 tokens, a timeout retry costs 10');
    const d = afterFailedAttempt(failure, { attempt: 1, maxAttempts: 3 }, draw, 5, refuse);
    expect(d.to).toBe('dead');
    expect(d.event).toMatchObject({ kind: 'dead', outcome: 'timeout', reason: 'retry_budget' });
    expect(d.event.detail).toContain('retry refused: retry budget has 2 tokens');
    expect(asked).toEqual(['timeout']);
    const last = afterFailedAttempt(failure, { attempt: 3, maxAttempts: 3 }, draw, 5, refuse);
    expect(last.event.reason).toBe('attempts_exhausted');
    expect(asked).toHaveLength(1);
  });

  it('a permitted retry is an ordinary retry', () => {
    const d = afterFailedAttempt(failure, { attempt: 1, maxAttempts: 3 }, draw, 5, () => null);
    expect(d.to).toBe('retrying');
    expect(d.dueAt).toBe(6);
  });
});
