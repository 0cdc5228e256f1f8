import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteQueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import { closeAll, eventsOf, expectLogMatchesJobs, job, lease, tempStore } from './store-helpers.ts';

afterEach(closeAll);

function run(store: SqliteQueueStore, jobId: number, now: number): void {
  const c = store.claim(lease('w', now))!;
  expect(c.jobId).toBe(jobId);
  expect(store.complete(jobId, 'w', c.attempt, now).ok).toBe(true);
}

function kill(store: SqliteQueueStore, jobId: number, now: number): void {
  const c = store.claim(lease('w', now))!;
  expect(c.jobId).toBe(jobId);
  expect(store.fail(jobId, 'w', c.attempt, { outcome: 'failed', error: 'boom', now, retry: null }).ok).toBe(true);
}

describe('dependencies', () => {
  it('a child waits for its parent, then becomes pending when the parent succeeds', () => {
    const { store, db } = tempStore();
    const parent = store.enqueue(job());
    const child = store.enqueue(job({ parentId: parent.jobId, priority: 0 }));
    expect(child.state).toBe('scheduled');
    expect(store.promoteDue(100)).toBe(0); // due by time, but the parent has not succeeded
    expect(store.claim(lease('w', 100))!.jobId).toBe(parent.jobId);
    expect(store.claim(lease('w', 100))).toBeNull();
    store.complete(parent.jobId, 'w', 1, 101);
    expect(store.getJob(child.jobId)).toMatchObject({ state: 'pending', dueAt: 101 });
    expect(eventsOf(db, child.seq).map((e) => [e.kind, e.from_state, e.to_state, e.detail])).toEqual([
      ['enqueued', null, 'scheduled', 'waits for job 1'],
      ['due', 'scheduled', 'pending', 'parent job 1 succeeded'],
    ]);
    expectLogMatchesJobs(db);
  });

  it('a child with its own delay stays scheduled until that delay is over', () => {
    const { store } = tempStore();
    const parent = store.enqueue(job());
    const child = store.enqueue(job({ parentId: parent.jobId, delay: 50 }));
    run(store, parent.jobId, 1);
    expect(store.getJob(child.jobId)!.state).toBe('scheduled');
    expect(store.promoteDue(49)).toBe(0);
    expect(store.promoteDue(50)).toBe(1);
  });

  it('a child of a job that already succeeded is pending at once', () => {
    const { store } = tempStore();
    const parent = store.enqueue(job());
    run(store, parent.jobId, 1);
    expect(store.enqueue(job({ parentId: parent.jobId })).state).toBe('pending');
  });

  it('a dead parent cancels its children, and theirs, saying which parent', () => {
    const { store, db } = tempStore();
    const a = store.enqueue(job());
    const b = store.enqueue(job({ parentId: a.jobId }));
    const c = store.enqueue(job({ parentId: b.jobId }));
    const sibling = store.enqueue(job({ parentId: a.jobId }));
    kill(store, a.jobId, 5);
    expect(store.getJob(b.jobId)).toMatchObject({ state: 'cancelled', cancelReason: `parent job ${a.seq} died`, finishedAt: 5 });
    expect(store.getJob(sibling.jobId)).toMatchObject({ state: 'cancelled', cancelReason: `parent job ${a.seq} died` });
    expect(store.getJob(c.jobId)).toMatchObject({ state: 'cancelled', cancelReason: `parent job ${b.seq} was cancelled` });
    expect(eventsOf(db, c.seq).at(-1)).toMatchObject({ kind: 'cancelled', from_state: 'scheduled', to_state: 'cancelled', detail: 'parent job 2 was cancelled' });
    // Enqueued after the parent died: born scheduled and cancelled at once.
    const late = store.enqueue(job({ parentId: a.jobId }));
    expect(late.state).toBe('cancelled');
    expect(store.getJob(late.jobId)!.cancelReason).toBe(`parent job ${a.seq} died`);
    expectLogMatchesJobs(db);
  });

  it('handles a chain far deeper than the JS stack would allow recursively', () => {
    const { store } = tempStore();
    const root = store.enqueue(job());
    let parent = root.jobId;
    let last = 0;
    store.db.transaction(() => {
      for (let i = 0; i < 3000; i++) parent = last = store.enqueue(job({ parentId: parent })).jobId;
    })();
    kill(store, root.jobId, 1);
    expect(store.getJob(last)!.state).toBe('cancelled');
  });
});

describe('batches', () => {
  it('runs then when every job succeeded', () => {
    const { store, db } = tempStore();
    const batch = store.createBatch(2);
    const a = store.enqueue(job({ batchId: batch }));
    const b = store.enqueue(job({ batchId: batch }));
    run(store, a.jobId, 1);
    expect(db.prepare("SELECT COUNT(*) FROM events WHERE kind LIKE 'batch_%'").pluck().get()).toBe(0);
    run(store, b.jobId, 2);
    expect(db.prepare('SELECT size, succeeded, dead, cancelled, outcome, finished_at FROM batches WHERE id = ?').get(batch)).toEqual({
      size: 2, succeeded: 2, dead: 0, cancelled: 0, outcome: 'then', finished_at: 2,
    });
    expect(db.prepare("SELECT t, job, kind, detail FROM events WHERE kind LIKE 'batch_%'").all()).toEqual([
      { t: 2, job: null, kind: 'batch_then', detail: `batch ${batch}: 2 succeeded, 0 dead, 0 cancelled of 2` },
    ]);
  });

  it('runs catch when the last job is final and one did not succeed', () => {
    const { store, db } = tempStore();
    const batch = store.createBatch(3);
    const a = store.enqueue(job({ batchId: batch }));
    const b = store.enqueue(job({ batchId: batch }));
    const c = store.enqueue(job({ batchId: batch, parentId: b.jobId }));
    run(store, a.jobId, 1);
    kill(store, b.jobId, 2); // c is cancelled with it
    expect(store.getJob(c.jobId)!.state).toBe('cancelled');
    expect(db.prepare('SELECT succeeded, dead, cancelled, outcome FROM batches WHERE id = ?').get(batch)).toEqual({
      succeeded: 1, dead: 1, cancelled: 1, outcome: 'catch',
    });
    expect(db.prepare("SELECT kind FROM events WHERE kind LIKE 'batch_%'").pluck().all()).toEqual(['batch_catch']);
    // A retry from the dead letters moves the counters but does not take back the catch.
    store.retryOne(b.jobId, 3);
    expect(db.prepare('SELECT dead, outcome FROM batches WHERE id = ?').get(batch)).toEqual({ dead: 0, outcome: 'catch' });
    expectLogMatchesJobs(db);
  });

  it('rejects a batch of no jobs', () => {
    const { store } = tempStore();
    expect(() => store.createBatch(0)).toThrow(/batch size/);
  });
});
