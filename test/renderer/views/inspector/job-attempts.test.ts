import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../../src/shared/events.ts';
import { attemptFromRow, attemptsFromEvents, parseFailureDetail } from '../../../../src/renderer/views/inspector/job-attempts.ts';

const ev = (seq: number, t: number, kind: LabEvent['kind'], worker: string | null, detail: string | null = null): LabEvent => ({
  seq, t, job: 7, kind, from: null, to: null, worker, detail,
});

describe('job attempts', () => {
  it('splits a failed event detail into outcome, error and the backoff formula', () => {
    expect(parseFailureDetail('timeout: took too long; retry in 1 s x 2^2 = 4 s, full jitter -> 2.71 s')).toEqual({
      outcome: 'timeout', error: 'took too long', formula: '1 s x 2^2 = 4 s, full jitter -> 2.71 s',
    });
    expect(parseFailureDetail('failed: boom (attempt 5 of 5)')).toEqual({ outcome: 'failed', error: 'boom', formula: null });
    expect(parseFailureDetail('worker crashed mid-job; lease expired after 60 s')).toEqual({
      outcome: null, error: 'worker crashed mid-job; lease expired after 60 s', formula: null,
    });
  });

  it('rebuilds attempts from events, with backoff gaps, recoveries and a double claim', () => {
    const attempts = attemptsFromEvents([
      ev(1, 0, 'enqueued', null),
      ev(2, 1, 'claimed', 'w1'),
      ev(3, 2, 'failed', 'w1', 'failed: boom; retry in 1 s x 2^0 = 1 s, full jitter -> 0.42 s'),
      ev(4, 2.42, 'due', null),
      ev(5, 3, 'claimed', 'w2'),
      ev(6, 63, 'recovered', null, 'worker crashed mid-job; lease expired after 60 s'),
      ev(7, 64, 'claimed', 'w3'),
      ev(8, 64.1, 'claimed', 'w1'),
      ev(9, 65, 'succeeded', 'w1'),
      ev(10, 66, 'completed_again', 'w3'),
    ]);
    expect(attempts.map((a) => [a.attempt, a.worker, a.outcome, a.endedAt])).toEqual([
      [1, 'w1', 'failed', 2], [2, 'w2', 'crashed', 63], [3, 'w3', 'succeeded', 66], [4, 'w1', 'succeeded', 65],
    ]);
    expect(attempts[0]!.backoffFormula).toBe('1 s x 2^0 = 1 s, full jitter -> 0.42 s');
    expect(attempts[0]!.backoffDelay).toBe(0.42);
  });

  it('reads a listAttempts row in camelCase or snake_case', () => {
    expect(attemptFromRow({ attempt: 2, worker: 'w1', started_at: 1, ended_at: 2, outcome: 'failed', error: 'x', backoff_formula: 'f -> 3.00 s' }, 0)).toMatchObject({
      attempt: 2, startedAt: 1, endedAt: 2, outcome: 'failed', backoffDelay: 3,
    });
    expect(attemptFromRow({ attempt: 1, startedAt: 0, endedAt: 1, outcome: 'failed', backoff: { base: 2, delay: 1.5, formula: '2 s, full jitter -> 1.50 s' } }, 0)).toMatchObject({
      backoffFormula: '2 s, full jitter -> 1.50 s', backoffDelay: 1.5,
    });
    expect(attemptFromRow({ startedAt: 5, outcome: 'bogus' }, 3)).toMatchObject({ attempt: 4, startedAt: 5, outcome: null });
  });
});
