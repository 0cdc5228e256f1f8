import { afterEach, describe, expect, it } from 'vitest';
import type { ExpiredLease, RetryDecision } from '../../../../src/main/engine/store/types.ts';
import { closeAll, eventsOf, expectLogMatchesJobs, job, lease, tempStore } from './store-helpers.ts';

afterEach(closeAll);

const later = (dueAt: number): RetryDecision => ({ dueAt, base: 5, delay: 5, formula: 'fixed 5 s' });

describe('recoverExpiredLeases', () => {
  it('marks the attempt lost, or crashed for a crashed worker, and retries per the caller', () => {
    const { store, db } = tempStore();
    const a = store.enqueue(job());
    const b = store.enqueue(job());
    store.claim(lease('hung', 0, ['default'], 60));
    store.claim(lease('crashed', 0, ['default'], 60));
    expect(store.recoverExpiredLeases(60, () => later(65))).toEqual([]); // lease_expires_at < now, strictly
    const asked: ExpiredLease[] = [];
    const recovered = store.recoverExpiredLeases(61, (l) => (asked.push(l), later(66)), new Set(['crashed']));
    expect(recovered).toEqual([
      { jobId: a.jobId, seq: a.seq, worker: 'hung', outcome: 'lost', state: 'retrying' },
      { jobId: b.jobId, seq: b.seq, worker: 'crashed', outcome: 'crashed', state: 'retrying' },
    ]);
    expect(asked[0]).toMatchObject({ jobId: a.jobId, attempt: 1, attempts: 1, maxAttempts: 3, worker: 'hung', outcome: 'lost' });
    expect(db.prepare('SELECT outcome, error, ended_at, backoff_delay FROM attempts ORDER BY job_id').all()).toEqual([
      { outcome: 'lost', error: 'worker stopped heartbeating; lease expired after 60 s', ended_at: 61, backoff_delay: 5 },
      { outcome: 'crashed', error: 'worker crashed mid-job; lease expired after 60 s', ended_at: 61, backoff_delay: 5 },
    ]);
    expect(store.getJob(a.jobId)).toMatchObject({ state: 'retrying', dueAt: 66, leaseOwner: null });
    expect(eventsOf(db, a.seq).at(-1)).toMatchObject({ kind: 'recovered', from_state: 'processing', to_state: 'retrying', worker: 'hung' });
    expect(store.promoteDue(66)).toBe(2);
    expectLogMatchesJobs(db);
  });

  it('goes straight back to pending when the retry is due at once', () => {
    const { store } = tempStore();
    const a = store.enqueue(job());
    store.claim(lease('w', 0, ['default'], 1));
    expect(store.recoverExpiredLeases(2, () => ({ dueAt: 2, base: 0, delay: 0, formula: 'no backoff' }))[0]!.state).toBe('pending');
    expect(store.claim(lease('v', 2))!.seq).toBe(a.seq);
  });

  it('sends a job with no attempts left to the dead letters without asking the policy', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job({ maxAttempts: 1, payload: 'p' }));
    store.claim(lease('w', 0, ['default'], 5));
    let asked = 0;
    const out = store.recoverExpiredLeases(6, () => (asked++, later(10)), new Set(['w']));
    expect(asked).toBe(0);
    expect(out[0]).toMatchObject({ outcome: 'crashed', state: 'dead' });
    expect(store.listDead()).toEqual([
      expect.objectContaining({ jobId: r.jobId, payload: 'p', attempts: 1, errors: ['worker crashed mid-job; lease expired after 5 s'], reason: 'lease expired on the last attempt (1 of 1)' }),
    ]);
    expect(eventsOf(db, r.seq).at(-1)).toMatchObject({ kind: 'recovered', to_state: 'dead', detail: 'worker crashed mid-job; lease expired after 5 s; attempts exhausted' });
    expectLogMatchesJobs(db);
  });

  it('kills the job when the policy declines to retry', () => {
    const { store } = tempStore();
    store.enqueue(job({ maxAttempts: 5 }));
    store.claim(lease('w', 0, ['default'], 5));
    expect(store.recoverExpiredLeases(6, () => null)[0]!.state).toBe('dead');
    expect(store.listDead()[0]!.reason).toBe('lease expired; not retried (attempt 1 of 5)');
  });

  it('leaves a job whose lease a heartbeat kept alive', () => {
    const { store } = tempStore();
    const r = store.enqueue(job());
    const c = store.claim(lease('w', 0, ['default'], 5))!;
    store.heartbeat(r.jobId, 'w', c.attempt, 4, 5);
    expect(store.recoverExpiredLeases(6, () => later(7))).toEqual([]);
  });
});

describe('promoteDue', () => {
  it('promotes scheduled and retrying jobs that are due, one event each, oldest first', () => {
    const { store, db } = tempStore();
    store.enqueue(job({ delay: 3 }));
    store.enqueue(job({ delay: 1 }));
    store.enqueue(job({ delay: 9 }));
    expect(store.promoteDue(3)).toBe(2);
    const due = db.prepare("SELECT job, from_state, to_state FROM events WHERE kind = 'due' ORDER BY seq").all();
    expect(due).toEqual([
      { job: 2, from_state: 'scheduled', to_state: 'pending' },
      { job: 1, from_state: 'scheduled', to_state: 'pending' },
    ]);
    expect(store.promoteDue(3)).toBe(0);
    expectLogMatchesJobs(db);
  });
});
