// enqueueInBulk: a producer's due arrivals in one transaction, plain jobs
// through multi-row INSERTs. It must write exactly the rows that one enqueue
// per job writes, including around the jobs that take the one-by-one path
// (idempotency keys, parents) in the middle of a bulk.
import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '../../../../src/main/engine/store/open-database.ts';
import type { SqliteQueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import type { EnqueueInput, EnqueueResult } from '../../../../src/main/engine/store/types.ts';
import { closeAll, job, tempStore } from './store-helpers.ts';

afterEach(closeAll);

/** A mix: plain jobs (over one multi-row INSERT's 64), delayed ones, a batch, re-sent keys and a chain. */
function arrivals(store: SqliteQueueStore, enqueue: (input: EnqueueInput) => EnqueueResult): EnqueueResult[] {
  const made: EnqueueResult[] = [];
  const batch = store.createBatch(3);
  for (let i = 0; i < 150; i++) {
    const base = job({ now: i / 10, payload: JSON.stringify({ n: i }), priority: i % 3, drawKey: i % 5 === 0 ? null : 1000 + i });
    if (i % 40 === 7) made.push(enqueue({ ...base, idempotencyKey: `k${i}` }));
    else if (i % 40 === 8) made.push(enqueue({ ...base, idempotencyKey: `k${i - 1}` })); // a re-send: deduplicated
    else if (i % 40 === 9) made.push(enqueue({ ...base, parentId: made[made.length - 3]!.jobId }));
    else if (i % 50 === 11) made.push(enqueue({ ...base, delay: 2.5 }));
    else if (i >= 100 && i < 103) made.push(enqueue({ ...base, batchId: batch }));
    else made.push(enqueue(base));
  }
  return made;
}

function rows(db: DB): unknown[] {
  return [
    db.prepare('SELECT * FROM jobs ORDER BY seq').all(),
    db.prepare('SELECT * FROM events ORDER BY seq').all(),
    db.prepare('SELECT * FROM batches ORDER BY id').all(),
  ];
}

describe('enqueueInBulk', () => {
  it('writes the same jobs and events as one enqueue per job, and returns the same answers', () => {
    const one = tempStore();
    const oneByOne = arrivals(one.store, (input) => one.store.enqueue(input));
    const bulk = tempStore();
    const inBulk = bulk.store.enqueueInBulk(() => arrivals(bulk.store, (input) => bulk.store.enqueue(input)));
    expect(inBulk).toEqual(oneByOne);
    expect(inBulk.filter((r) => r.deduplicated).length).toBeGreaterThan(0);
    expect(rows(bulk.db)).toEqual(rows(one.db));
    // Numbers continue after the bulk exactly as after single enqueues.
    expect(bulk.store.enqueue(job({ now: 99 })).seq).toBe(one.store.enqueue(job({ now: 99 })).seq);
    expect(rows(bulk.db)).toEqual(rows(one.db));
  });

  it('is one transaction: a bad job rolls back every job of the bulk, and the store works after', () => {
    const { store, db } = tempStore();
    store.enqueue(job());
    expect(() =>
      store.enqueueInBulk(() => {
        for (let i = 0; i < 100; i++) store.enqueue(job());
        store.enqueue(job({ parentId: 123456 }));
      }),
    ).toThrow(/parentId: no job 123456/);
    expect(db.prepare('SELECT COUNT(*) FROM jobs').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    expect(store.enqueueInBulk(() => store.enqueue(job())).seq).toBe(2);
    expect(() => store.enqueueInBulk(() => store.enqueue(job({ batchId: 999 })))).toThrow(/batchId: no batch 999/);
    expect(() => store.enqueueInBulk(() => store.enqueue(job({ maxAttempts: 0 })))).toThrow(/maxAttempts/);
  });
});
