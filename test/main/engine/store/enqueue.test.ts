import { afterEach, describe, expect, it } from 'vitest';
import { SqliteQueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import { closeAll, eventsOf, expectLogMatchesJobs, job, tempStore } from './store-helpers.ts';

afterEach(closeAll);

describe('enqueue', () => {
  it('numbers jobs within the run and writes one event each', () => {
    const { store, db } = tempStore();
    const a = store.enqueue(job({ now: 1 }));
    const b = store.enqueue(job({ now: 2, delay: 4 }));
    expect(a).toMatchObject({ seq: 1, state: 'pending', deduplicated: false });
    expect(b).toMatchObject({ seq: 2, state: 'scheduled', deduplicated: false });
    expect(store.getJob(b.jobId)).toMatchObject({ enqueuedAt: 2, dueAt: 6, attempts: 0, maxAttempts: 3, priority: 10 });
    expect(eventsOf(db, 2)).toEqual([
      { seq: 2, t: 2, job: 2, kind: 'enqueued', from_state: null, to_state: 'scheduled', worker: null, detail: 'delayed 4 s' },
    ]);
  });

  it('keeps job numbers and ids apart between runs in one file', () => {
    const t = tempStore('run-1');
    const other = new SqliteQueueStore(t.db, 'run-2');
    other.createRun({ id: 'run-2', scenario: 'x', scenarioJson: '{}', mode: 'live', seed: 1 });
    const a = t.store.enqueue(job());
    const b = other.enqueue(job());
    expect([a.seq, b.seq]).toEqual([1, 1]);
    expect(a.jobId).not.toBe(b.jobId);
    expect(t.store.getJob(b.jobId)).toBeUndefined();
  });

  it('answers a repeated idempotency key with the first job and an event, no new row', () => {
    const { store, db } = tempStore();
    const first = store.enqueue(job({ idempotencyKey: 'order-7', payload: 'a' }));
    const again = store.enqueue(job({ idempotencyKey: 'order-7', payload: 'b', now: 5 }));
    expect(again).toEqual({ jobId: first.jobId, seq: first.seq, state: 'pending', deduplicated: true });
    expect(db.prepare('SELECT COUNT(*) FROM jobs').pluck().get()).toBe(1);
    expect(store.getJob(first.jobId)!.payload).toBe('a');
    expect(eventsOf(db, first.seq).map((e) => [e.kind, e.t, e.to_state, e.detail])).toEqual([
      ['enqueued', 0, 'pending', null],
      ['deduplicated', 5, null, 'idempotency key order-7'],
    ]);
    expect(store.enqueue(job({ idempotencyKey: 'order-8' })).deduplicated).toBe(false);
    expectLogMatchesJobs(db);
  });

  it('scopes idempotency keys to the run', () => {
    const t = tempStore('run-1');
    const other = new SqliteQueueStore(t.db, 'run-2');
    other.createRun({ id: 'run-2', scenario: 'x', scenarioJson: '{}', mode: 'live', seed: 1 });
    t.store.enqueue(job({ idempotencyKey: 'k' }));
    expect(other.enqueue(job({ idempotencyKey: 'k' })).deduplicated).toBe(false);
  });

  it('rejects bad input with every problem at once and writes nothing', () => {
    const { store, db } = tempStore();
    expect(() => store.enqueue(job({ queue: '', maxAttempts: 0, delay: -1, priority: 1.5 }))).toThrow(
      /queue: must be a non-empty string; priority: must be an integer \(got 1.5\); maxAttempts: must be an integer >= 1 \(got 0\); delay: must be a number >= 0 \(got -1\)/,
    );
    expect(() => store.enqueue(job({ parentId: 999 }))).toThrow(/parentId: no job 999/);
    expect(() => store.enqueue(job({ batchId: 999 }))).toThrow(/batchId: no batch 999/);
    expect(db.prepare('SELECT COUNT(*) FROM jobs').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(0);
  });

  it('needs the run to exist first', () => {
    const { db } = tempStore();
    const orphan = new SqliteQueueStore(db, 'no-such-run');
    expect(() => orphan.enqueue(job())).toThrow(/create it with createRun first/);
  });
});
