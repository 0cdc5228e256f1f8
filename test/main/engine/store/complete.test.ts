import { afterEach, describe, expect, it } from 'vitest';
import type { RetryDecision } from '../../../../src/main/engine/store/types.ts';
import { closeAll, eventsOf, expectLogMatchesJobs, job, lease, tempStore } from './store-helpers.ts';

afterEach(closeAll);

const retryAt = (dueAt: number, delay = 2): RetryDecision => ({ dueAt, base: delay, delay, formula: `fixed ${delay} s` });

describe('complete', () => {
  it('succeeds once, closes the attempt and clears the lease', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job());
    const c = store.claim(lease('w1', 1))!;
    expect(store.complete(r.jobId, 'w1', c.attempt, 2.5)).toEqual({ ok: true, state: 'succeeded', completions: 1 });
    expect(store.getJob(r.jobId)).toMatchObject({ state: 'succeeded', finishedAt: 2.5, progress: 1, leaseOwner: null, completions: 1 });
    expect(db.prepare('SELECT ended_at, outcome FROM attempts WHERE job_id = ?').get(r.jobId)).toEqual({ ended_at: 2.5, outcome: 'succeeded' });
    expectLogMatchesJobs(db);
  });

  it('refuses a report after the lease was stolen, counts it, and never completes twice', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job());
    const slow = store.claim(lease('slow', 0, ['default'], 10))!;
    // slow stalls past its lease; the job is recovered and another worker takes it.
    store.recoverExpiredLeases(11, () => retryAt(11));
    const fast = store.claim(lease('fast', 11))!;
    expect(fast.attempt).toBe(2);
    expect(store.complete(r.jobId, 'slow', slow.attempt, 12)).toEqual({ ok: false, reason: 'lease lost' });
    expect(store.complete(r.jobId, 'fast', fast.attempt, 13)).toMatchObject({ ok: true, completions: 1 });
    // slow retries its report: still refused, even though the job is now succeeded.
    expect(store.complete(r.jobId, 'slow', slow.attempt, 14)).toEqual({ ok: false, reason: 'lease lost' });
    // same worker name, stale attempt number: the fencing token catches it too.
    expect(store.complete(r.jobId, 'fast', slow.attempt, 14)).toEqual({ ok: false, reason: 'lease lost' });
    expect(store.getJob(r.jobId)).toMatchObject({ state: 'succeeded', completions: 1, finishedAt: 13 });
    const lost = eventsOf(db, r.seq).filter((e) => e.kind === 'lease_lost');
    expect(lost.map((e) => e.worker)).toEqual(['slow', 'slow', 'fast']);
    expect(lost[0]!.detail).toBe('attempt 1 ended as succeeded; the job had moved on');
    expect(db.prepare('SELECT attempt, outcome FROM attempts WHERE job_id = ? ORDER BY attempt').all(r.jobId)).toEqual([
      { attempt: 1, outcome: 'lost' },
      { attempt: 2, outcome: 'succeeded' },
    ]);
    expectLogMatchesJobs(db);
  });

  it('tells an unknown job from a lost lease', () => {
    const { store } = tempStore();
    expect(() => store.complete(12345, 'w', 1, 0)).toThrow(/no job 12345/);
  });
});

describe('fail', () => {
  it('goes to retrying with its due time and backoff, then promoteDue makes it pending again', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job());
    const c = store.claim(lease('w', 1))!;
    const res = store.fail(r.jobId, 'w', c.attempt, { outcome: 'failed', error: 'HTTP 500', now: 2, retry: { dueAt: 6, base: 4, delay: 4, formula: '1 s x 2^2 = 4 s' } });
    expect(res).toEqual({ ok: true, state: 'retrying' });
    expect(store.getJob(r.jobId)).toMatchObject({ state: 'retrying', dueAt: 6, lastError: 'HTTP 500', leaseOwner: null });
    expect(db.prepare('SELECT outcome, error, ended_at, backoff_base, backoff_delay, backoff_formula FROM attempts WHERE job_id = ?').get(r.jobId)).toEqual({
      outcome: 'failed', error: 'HTTP 500', ended_at: 2, backoff_base: 4, backoff_delay: 4, backoff_formula: '1 s x 2^2 = 4 s',
    });
    expect(store.claim(lease('w', 5))).toBeNull();
    expect(store.promoteDue(5.99)).toBe(0);
    expect(store.promoteDue(6)).toBe(1);
    expect(store.getJob(r.jobId)!.state).toBe('pending');
    expect(store.claim(lease('w', 6))!.attempt).toBe(2);
    expect(eventsOf(db, r.seq).map((e) => [e.kind, e.from_state, e.to_state])).toEqual([
      ['enqueued', null, 'pending'],
      ['claimed', 'pending', 'processing'],
      ['failed', 'processing', 'retrying'],
      ['due', 'retrying', 'pending'],
      ['claimed', 'pending', 'processing'],
    ]);
    expect(eventsOf(db, r.seq)[2]!.detail).toBe('failed: HTTP 500; retry in 1 s x 2^2 = 4 s');
    expectLogMatchesJobs(db);
  });

  it('dies when the caller gives no retry, keeping payload, attempts and every error in order', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job({ maxAttempts: 3, payload: '{"order":7}' }));
    const errors = ['timeout after 30 s', 'HTTP 502', 'HTTP 503'];
    for (let n = 0; n < 3; n++) {
      store.promoteDue(n * 10);
      const c = store.claim(lease('w', n * 10))!;
      expect(c.attempt).toBe(n + 1);
      const last = n === 2;
      const outcome = n === 0 ? 'timeout' : 'failed';
      expect(store.fail(r.jobId, 'w', c.attempt, { outcome, error: errors[n]!, now: n * 10 + 1, retry: last ? null : retryAt(n * 10 + 5) }).ok).toBe(true);
    }
    expect(store.getJob(r.jobId)).toMatchObject({ state: 'dead', finishedAt: 21, attempts: 3 });
    const dead = db.prepare('SELECT * FROM dead_jobs WHERE job_id = ?').get(r.jobId) as Record<string, unknown>;
    expect(dead).toMatchObject({ run_id: 'run-1', queue: 'default', type: 'work', payload: '{"order":7}', attempts: 3, reason: 'attempts exhausted (3 of 3)', died_at: 21 });
    expect(JSON.parse(dead.errors as string)).toEqual(errors);
    expect(store.listDead()).toEqual([
      { jobId: r.jobId, seq: r.seq, queue: 'default', type: 'work', payload: '{"order":7}', attempts: 3, errors, reason: 'attempts exhausted (3 of 3)', diedAt: 21 },
    ]);
    expect(eventsOf(db, r.seq).at(-1)).toMatchObject({ kind: 'dead', from_state: 'processing', to_state: 'dead', detail: 'failed: HTTP 503 (attempt 3 of 3)' });
    expectLogMatchesJobs(db);
  });

  it('records why a job died early when the caller says so', () => {
    const { store } = tempStore();
    const r = store.enqueue(job({ maxAttempts: 5 }));
    const c = store.claim(lease('w', 0))!;
    store.fail(r.jobId, 'w', c.attempt, { outcome: 'failed', error: 'bad input', now: 1, retry: null, reason: 'not retryable: bad input' });
    expect(store.listDead()[0]!.reason).toBe('not retryable: bad input');
    const r2 = store.enqueue(job({ maxAttempts: 5 }));
    const c2 = store.claim(lease('w', 2))!;
    store.fail(r2.jobId, 'w', c2.attempt, { outcome: 'failed', error: 'x', now: 3, retry: null });
    expect(store.listDead()[1]!.reason).toBe('not retried (attempt 1 of 5)');
  });

  it('is fenced like complete', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job());
    const c = store.claim(lease('w', 0))!;
    expect(store.fail(r.jobId, 'other', c.attempt, { outcome: 'failed', error: 'x', now: 1, retry: null })).toEqual({ ok: false, reason: 'lease lost' });
    expect(store.fail(r.jobId, 'w', c.attempt + 1, { outcome: 'timeout', error: 'x', now: 1, retry: retryAt(3) })).toEqual({ ok: false, reason: 'lease lost' });
    expect(store.getJob(r.jobId)!.state).toBe('processing');
    expect(db.prepare("SELECT COUNT(*) FROM dead_jobs").pluck().get()).toBe(0);
  });
});

describe('heartbeat and progress', () => {
  it('extends the lease only for the holder', () => {
    const { store } = tempStore();
    const r = store.enqueue(job());
    const c = store.claim(lease('w', 0, ['default'], 10))!;
    expect(store.heartbeat(r.jobId, 'w', c.attempt, 8, 10)).toEqual({ ok: true, leaseExpiresAt: 18 });
    expect(store.recoverExpiredLeases(15, () => retryAt(15))).toEqual([]);
    expect(store.getJob(r.jobId)).toMatchObject({ heartbeatAt: 8, leaseExpiresAt: 18, state: 'processing' });
    expect(store.heartbeat(r.jobId, 'intruder', c.attempt, 9, 10)).toEqual({ ok: false, reason: 'lease lost' });
    expect(store.heartbeat(r.jobId, 'w', c.attempt, 9, null)).toEqual({ ok: true, leaseExpiresAt: null });
  });

  it('records progress for the holder and rejects nonsense', () => {
    const { store } = tempStore();
    const r = store.enqueue(job());
    store.claim(lease('w', 0));
    expect(store.progress(r.jobId, 'w', 0.4)).toEqual({ ok: true });
    expect(store.getJob(r.jobId)!.progress).toBe(0.4);
    expect(store.progress(r.jobId, 'x', 0.5)).toEqual({ ok: false, reason: 'lease lost' });
    expect(() => store.progress(r.jobId, 'w', 1.5)).toThrow(/between 0 and 1/);
    expect(() => store.progress(r.jobId, 'w', Number.NaN)).toThrow(/between 0 and 1/);
  });
});
