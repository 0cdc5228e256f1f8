import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteQueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import { closeAll, eventsOf, expectLogMatchesJobs, job, lease, tempStore } from './store-helpers.ts';

afterEach(closeAll);

/** Enqueues a job with one attempt and lets it die with `error`. */
function dead(store: SqliteQueueStore, error: string, now: number, queue = 'default'): { jobId: number; seq: number } {
  const r = store.enqueue(job({ maxAttempts: 1, queue, payload: `p-${error}`, now }));
  const c = store.claim(lease('w', now, [queue]))!;
  store.fail(r.jobId, 'w', c.attempt, { outcome: 'failed', error, now, retry: null });
  return r;
}

describe('dead letters', () => {
  it('lists dead jobs, filtered by queue or type', () => {
    const { store } = tempStore();
    dead(store, 'e1', 1, 'mail');
    dead(store, 'e2', 2, 'sms');
    expect(store.listDead().map((d) => d.errors)).toEqual([['e1'], ['e2']]);
    expect(store.listDead({ queue: 'sms' }).map((d) => d.payload)).toEqual(['p-e2']);
    expect(store.listDead({ type: 'other' })).toEqual([]);
  });

  it('retryOne: dead -> pending with fresh attempts; the errors move into the event', () => {
    const { store, db } = tempStore();
    const r = dead(store, 'HTTP 500', 1);
    expect(store.retryOne(r.jobId, 10)).toEqual({ ok: true });
    expect(store.getJob(r.jobId)).toMatchObject({ state: 'pending', attempts: 0, attemptBase: 1, dueAt: 10, finishedAt: null });
    expect(store.listDead()).toEqual([]);
    expect(eventsOf(db, r.seq).at(-1)).toMatchObject({
      t: 10, kind: 'retried_from_dead', from_state: 'dead', to_state: 'pending',
      detail: 'retried by hand after 1 attempts (attempts exhausted (1 of 1)); errors ["HTTP 500"]',
    });
    // The next try is attempt 2 in the attempts table, and it has a full set of attempts again.
    const c = store.claim(lease('w', 11))!;
    expect(c.attempt).toBe(2);
    store.fail(r.jobId, 'w', c.attempt, { outcome: 'timeout', error: 'timed out', now: 12, retry: null });
    expect(store.listDead()[0]).toMatchObject({ attempts: 2, errors: ['HTTP 500', 'timed out'], reason: 'attempts exhausted (1 of 1)' });
    expect(store.retryOne(12345, 13)).toEqual({ ok: false, reason: 'not dead' });
    expectLogMatchesJobs(db);
  });

  it('retryAll retries every dead job of the run', () => {
    const { store, db } = tempStore();
    dead(store, 'a', 1);
    dead(store, 'b', 2);
    expect(store.retryAll(5)).toBe(2);
    expect(store.retryAll(6)).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM events WHERE kind = 'retried_from_dead'").pluck().get()).toBe(2);
    expect(db.prepare("SELECT COUNT(*) FROM jobs WHERE state = 'pending'").pluck().get()).toBe(2);
  });

  it('forget: the row goes, the job is cancelled as forgotten, the event keeps the errors', () => {
    const { store, db } = tempStore();
    const r = dead(store, 'poison', 1);
    expect(store.forget(r.jobId, 4)).toEqual({ ok: true });
    expect(store.listDead()).toEqual([]);
    expect(store.getJob(r.jobId)).toMatchObject({ state: 'cancelled', cancelReason: 'forgotten', payload: 'p-poison' });
    expect(eventsOf(db, r.seq).at(-1)).toMatchObject({
      t: 4, kind: 'cancelled', from_state: 'dead', to_state: 'cancelled',
      detail: 'forgotten after 1 attempts (attempts exhausted (1 of 1)); errors ["poison"]',
    });
    expect(db.prepare('SELECT COUNT(*) FROM attempts WHERE job_id = ?').pluck().get(r.jobId)).toBe(1);
    expect(store.forget(r.jobId, 5)).toEqual({ ok: false, reason: 'not dead' });
    expectLogMatchesJobs(db);
  });

  it('flush forgets every dead job, one event each', () => {
    const { store, db } = tempStore();
    dead(store, 'a', 1);
    dead(store, 'b', 2);
    const alive = store.enqueue(job());
    expect(store.flush(3)).toBe(2);
    expect(store.listDead()).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) FROM events WHERE kind = 'cancelled' AND detail LIKE 'forgotten%'").pluck().get()).toBe(2);
    expect(store.getJob(alive.jobId)!.state).toBe('pending');
    expectLogMatchesJobs(db);
  });
});
