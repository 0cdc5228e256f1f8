import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import { SqliteQueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import { closeAll, eventsOf, expectLogMatchesJobs, job, lease, tempStore } from './store-helpers.ts';

afterEach(closeAll);

describe('claim', () => {
  it('works on a WAL file', () => {
    const { db } = tempStore();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('takes the best priority first, then the oldest due, then the lowest id', () => {
    const { store } = tempStore();
    const a = store.enqueue(job({ priority: 10, now: 0 }));
    const b = store.enqueue(job({ priority: 5, now: 1 }));
    const c = store.enqueue(job({ priority: 10, now: 0 }));
    const d = store.enqueue(job({ priority: 10, now: 0, delay: 0.5 })); // due at 0.5, after a and c
    store.promoteDue(2);
    const order = [1, 2, 3, 4].map(() => store.claim(lease('w1', 2))!.seq);
    expect(order).toEqual([b.seq, a.seq, c.seq, d.seq]);
    expect(store.claim(lease('w1', 2))).toBeNull();
  });

  it('serves the worker’s queues in its order, before priority', () => {
    const { store } = tempStore();
    const low = store.enqueue(job({ queue: 'low', priority: 1 }));
    const high = store.enqueue(job({ queue: 'high', priority: 99 }));
    const other = store.enqueue(job({ queue: 'other', priority: 0 }));
    expect(store.claim(lease('w', 0, ['high', 'low']))!.seq).toBe(high.seq);
    expect(store.claim(lease('w', 0, ['high', 'low']))!.seq).toBe(low.seq);
    expect(store.claim(lease('w', 0, ['high', 'low']))).toBeNull();
    expect(store.claim(lease('w', 0, ['other']))!.seq).toBe(other.seq);
  });

  it('does not take a delayed job before it is due', () => {
    const { store } = tempStore();
    const r = store.enqueue(job({ now: 10, delay: 5 }));
    expect(r.state).toBe('scheduled');
    expect(store.promoteDue(14.9)).toBe(0);
    expect(store.claim(lease('w', 14.9))).toBeNull();
    expect(store.promoteDue(15)).toBe(1);
    const got = store.claim(lease('w', 15))!;
    expect(got.seq).toBe(r.seq);
    expect(got.dueAt).toBe(15);
  });

  it('writes the lease, the attempt row and one event in the claim', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job({ payload: '{"to":"a@b.c"}' }));
    const got = store.claim(lease('w1', 3, ['default'], 60))!;
    expect(got).toMatchObject({ jobId: r.jobId, seq: 1, attempt: 1, payload: '{"to":"a@b.c"}', leaseExpiresAt: 63 });
    const row = store.getJob(r.jobId)!;
    expect(row).toMatchObject({ state: 'processing', leaseOwner: 'w1', leaseExpiresAt: 63, heartbeatAt: 3, attempts: 1, firstClaimedAt: 3 });
    expect(db.prepare('SELECT attempt, worker, started_at, ended_at FROM attempts WHERE job_id = ?').all(r.jobId)).toEqual([
      { attempt: 1, worker: 'w1', started_at: 3, ended_at: null },
    ]);
    expect(eventsOf(db, 1).map((e) => [e.kind, e.from_state, e.to_state, e.worker])).toEqual([
      ['enqueued', null, 'pending', null],
      ['claimed', 'pending', 'processing', 'w1'],
    ]);
  });

  it('takes no lease expiry with leaseSeconds null (no visibility timeout)', () => {
    const { store } = tempStore();
    store.enqueue(job());
    expect(store.claim(lease('w', 0, ['default'], null))!.leaseExpiresAt).toBeNull();
    expect(store.recoverExpiredLeases(1e9, () => null)).toEqual([]);
  });

  it('claimBatch takes up to n in order; completeAndClaim finishes one and takes the next', () => {
    const { store, db } = tempStore();
    for (let i = 0; i < 5; i++) store.enqueue(job());
    const three = store.claimBatch(3, lease('w', 1));
    expect(three.map((j) => j.seq)).toEqual([1, 2, 3]);
    const r = store.completeAndClaim({ jobId: three[0]!.jobId, attempt: 1 }, lease('w', 2));
    expect(r.completed).toEqual({ ok: true, state: 'succeeded', completions: 1 });
    expect(r.next!.seq).toBe(4);
    expect(store.claimBatch(10, lease('w', 2)).map((j) => j.seq)).toEqual([5]);
    const stale = store.completeAndClaim({ jobId: three[0]!.jobId, attempt: 1 }, lease('w', 3));
    expect(stale).toEqual({ completed: { ok: false, reason: 'lease lost' }, next: null });
    expect(db.prepare("SELECT COUNT(*) FROM events WHERE kind = 'lease_lost'").pluck().get()).toBe(1);
    expectLogMatchesJobs(db);
  });

  it('finishAndClaim reports a handful of results and claims the next handful in one transaction, each result fenced', () => {
    const { store, db } = tempStore();
    for (let i = 0; i < 6; i++) store.enqueue(job());
    const first = store.claimBatch(3, lease('w', 1));
    const failOf = (now: number) => ({ outcome: 'failed' as const, error: 'boom', now, retry: { dueAt: now + 4, base: 4, delay: 4, formula: '4 s' } });
    const r = store.finishAndClaim(
      [
        { jobId: first[0]!.jobId, attempt: 1, now: 2, fail: null },
        { jobId: first[1]!.jobId, attempt: 1, now: 2, fail: failOf(2) },
        { jobId: first[2]!.jobId, attempt: 7, now: 2, fail: null }, // a stale attempt number: refused
      ],
      2,
      lease('w', 2),
    );
    expect(r.results).toEqual([
      { ok: true, state: 'succeeded', completions: 1 },
      { ok: true, state: 'retrying' },
      { ok: false, reason: 'lease lost' },
    ]);
    expect(r.claimed.map((j) => j.seq)).toEqual([4, 5]);
    expect(store.getJob(first[2]!.jobId)!.state).toBe('processing');
    expect(eventsOf(db, first[1]!.seq).map((e) => e.kind)).toEqual(['enqueued', 'claimed', 'failed']);
    expect(store.finishAndClaim([], 0, lease('w', 3))).toEqual({ results: [], claimed: [] });
    expect(() => store.finishAndClaim([], -1, lease('w', 3))).toThrow(/n must be/);
    expectLogMatchesJobs(db);
  });

  it('waits for another writer’s lock, and when it times out changes nothing', () => {
    const { store, file, db } = tempStore();
    store.enqueue(job());
    const impatient = openDatabase(file, { busyTimeoutMs: 50 });
    try {
      const other = new SqliteQueueStore(impatient, 'run-1');
      db.exec('BEGIN IMMEDIATE'); // another process mid-transaction
      expect(() => other.claim(lease('w2', 1))).toThrow(/database is locked/);
      db.exec('COMMIT');
      expect(db.prepare("SELECT COUNT(*) FROM attempts").pluck().get()).toBe(0);
      expect(other.claim(lease('w2', 1))!.seq).toBe(1);
    } finally {
      impatient.close();
    }
  });

  it('rejects bad options with a clear error', () => {
    const { store } = tempStore();
    expect(() => store.claim({ worker: '', queues: ['a'], now: 0, leaseSeconds: 1 })).toThrow(/worker/);
    expect(() => store.claim({ worker: 'w', queues: [], now: 0, leaseSeconds: 1 })).toThrow(/queues/);
    expect(() => store.claim({ worker: 'w', queues: ['a'], now: Number.NaN, leaseSeconds: 1 })).toThrow(/now/);
    expect(() => store.claim({ worker: 'w', queues: ['a'], now: 0, leaseSeconds: 0 })).toThrow(/leaseSeconds/);
    expect(() => store.claimBatch(0, lease('w', 0))).toThrow(/n must be/);
  });
});

describe('rate limits', () => {
  it('spends one token per claim and refills continuously', () => {
    const { store } = tempStore();
    for (let i = 0; i < 10; i++) store.enqueue(job({ queue: 'mail' }));
    store.setRateLimit('mail', { max: 2, per: 10 }, 0); // 2 tokens, one back every 5 s
    const take = (now: number) => store.claim(lease('w', now, ['mail']));
    expect(take(0)).not.toBeNull();
    expect(take(0)).not.toBeNull();
    expect(take(0)).toBeNull();
    expect(take(4.9)).toBeNull();
    expect(take(5)).not.toBeNull();
    expect(take(5)).toBeNull();
    expect(take(100)).not.toBeNull(); // the bucket holds at most max
    expect(take(100)).not.toBeNull();
    expect(take(100)).toBeNull();
  });

  it('skips a queue without a token and serves the next one', () => {
    const { store } = tempStore();
    store.enqueue(job({ queue: 'api' }));
    store.enqueue(job({ queue: 'api' }));
    const other = store.enqueue(job({ queue: 'other' }));
    store.setRateLimit('api', { max: 1, per: 60 }, 0);
    expect(store.claim(lease('w', 0, ['api', 'other']))!.queue).toBe('api');
    expect(store.claim(lease('w', 1, ['api', 'other']))!.seq).toBe(other.seq);
    expect(store.claim(lease('w', 1, ['api', 'other']))).toBeNull();
  });

  it('keeps a token when the queue had nothing to claim, and can be lifted', () => {
    const { store } = tempStore();
    store.setRateLimit('q', { max: 1, per: 60 }, 0);
    expect(store.claim(lease('w', 0, ['q']))).toBeNull();
    store.enqueue(job({ queue: 'q' }));
    store.enqueue(job({ queue: 'q' }));
    expect(store.claim(lease('w', 1, ['q']))).not.toBeNull();
    expect(store.claim(lease('w', 1, ['q']))).toBeNull();
    store.setRateLimit('q', null, 1);
    expect(store.claim(lease('w', 1, ['q']))).not.toBeNull();
  });

  it('rejects a limit that makes no sense', () => {
    const { store } = tempStore();
    expect(() => store.setRateLimit('q', { max: 0, per: 60 }, 0)).toThrow(/max/);
    expect(() => store.setRateLimit('q', { max: 1, per: 0 }, 0)).toThrow(/per/);
  });
});

describe('unsafeClaim', () => {
  it('lets two workers that read before either wrote take the same job', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job());
    const seenByA = store.unsafeRead(lease('a', 1))!;
    const seenByB = store.unsafeRead(lease('b', 1))!;
    expect(seenByA.jobId).toBe(r.jobId);
    expect(seenByB.jobId).toBe(r.jobId);
    const a = store.unsafeWrite(seenByA, lease('a', 1))!;
    const b = store.unsafeWrite(seenByB, lease('b', 1))!;
    expect([a.attempt, b.attempt]).toEqual([1, 2]);
    expect(db.prepare('SELECT worker FROM attempts WHERE job_id = ? ORDER BY attempt').pluck().all(r.jobId)).toEqual(['a', 'b']);
    expect(eventsOf(db, r.seq).slice(1).map((e) => [e.kind, e.from_state, e.to_state, e.detail])).toEqual([
      ['claimed', 'pending', 'processing', null],
      ['claimed', 'processing', 'processing', 'double claim: read-then-update race'],
    ]);
    expectLogMatchesJobs(db);
  });

  it('behaves like claim when nobody races', () => {
    const { store } = tempStore();
    store.enqueue(job({ priority: 5 }));
    const best = store.enqueue(job({ priority: 1 }));
    expect(store.unsafeClaim(lease('a', 0))!.seq).toBe(best.seq);
  });

  it('counts a second completion of a finished job instead of dropping it', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job());
    const seenByA = store.unsafeRead(lease('a', 1))!;
    const seenByB = store.unsafeRead(lease('b', 1))!;
    const a = store.unsafeWrite(seenByA, lease('a', 1))!;
    const b = store.unsafeWrite(seenByB, lease('b', 1))!;
    expect(store.complete(r.jobId, 'b', b.attempt, 2, { unsafe: true })).toEqual({ ok: true, state: 'succeeded', completions: 1 });
    expect(store.complete(r.jobId, 'a', a.attempt, 3, { unsafe: true })).toEqual({ ok: true, state: 'succeeded', completions: 2 });
    expect(store.getJob(r.jobId)).toMatchObject({ state: 'succeeded', completions: 2, finishedAt: 2 });
    expect(eventsOf(db, r.seq).at(-1)).toMatchObject({
      kind: 'completed_again', from_state: 'succeeded', to_state: 'succeeded', worker: 'a', detail: 'completed 2 times',
    });
    expectLogMatchesJobs(db);
  });

  it('re-opens a job that already succeeded when the stale write lands late', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job());
    const seenByB = store.unsafeRead(lease('b', 1))!;
    const a = store.unsafeClaim(lease('a', 1))!;
    store.complete(r.jobId, 'a', a.attempt, 2, { unsafe: true });
    const b = store.unsafeWrite(seenByB, lease('b', 3))!;
    expect(eventsOf(db, r.seq).at(-1)).toMatchObject({ kind: 'claimed', from_state: 'succeeded', to_state: 'processing' });
    // b holds a real lease now, so even the fenced complete counts its run.
    expect(store.complete(r.jobId, 'b', b.attempt, 4)).toEqual({ ok: true, state: 'succeeded', completions: 2 });
    expectLogMatchesJobs(db);
  });

  it('is fenced out by the safe complete when the other worker holds the lease', () => {
    const { store, db } = tempStore();
    const r = store.enqueue(job());
    const seenByA = store.unsafeRead(lease('a', 1))!;
    const seenByB = store.unsafeRead(lease('b', 1))!;
    const a = store.unsafeWrite(seenByA, lease('a', 1))!;
    store.unsafeWrite(seenByB, lease('b', 1));
    expect(store.complete(r.jobId, 'a', a.attempt, 2)).toEqual({ ok: false, reason: 'lease lost' });
    expect(eventsOf(db, r.seq).at(-1)).toMatchObject({ kind: 'lease_lost', worker: 'a', from_state: null, to_state: null });
  });
});
