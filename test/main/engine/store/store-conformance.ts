// The QueueStore conformance suite: what every store must do, written only
// against the QueueStore interface (every call awaited), so a second store
// (PostgreSQL) runs the same suite by passing its own factory:
//
//   describeStoreConformance('postgres', async () => ({ store, close }));
//
// The decisions come from src/shared/lifecycle, as in both run modes: a store
// applies them and records the events with their outcome and reason.
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import type { ClaimOptions, EnqueueInput } from '../../../../src/main/engine/store/types.ts';
import { afterFailedAttempt, BACK_TO_PENDING_NOW } from '../../../../src/shared/lifecycle/after-attempt.ts';
import type { RetryPolicy } from '../../../../src/shared/scenario/schema.ts';
import { describeStoreOperations } from './store-conformance-operations.ts';

/** A store with its run already created (mode live, any seed), and how to dispose of it. */
export interface StoreUnderTest {
  store: QueueStore;
  close(): void | Promise<void>;
}
export type StoreFactory = () => StoreUnderTest | Promise<StoreUnderTest>;

const job = (over: Partial<EnqueueInput> = {}): EnqueueInput => ({ queue: 'q', type: 't', priority: 10, maxAttempts: 3, now: 0, ...over });
const claimAt = (now: number, over: Partial<ClaimOptions> = {}): ClaimOptions => ({ worker: 'w1', queues: ['q'], now, leaseSeconds: 10, ...over });
const policy: RetryPolicy = { maxAttempts: 3, backoff: { kind: 'fixed', initial: 5, factor: 2, max: 60 }, jitter: 'none' };

export function describeStoreConformance(name: string, factory: StoreFactory): void {
  describe(`QueueStore conformance: ${name}`, () => {
    let open: StoreUnderTest[] = [];
    afterEach(async () => {
      for (const s of open) await s.close();
      open = [];
    });
    async function fresh(): Promise<QueueStore> {
      const s = await factory();
      open.push(s);
      return s.store;
    }
    async function events(store: QueueStore) {
      return (await store.eventsAfter(0, 1000)).map((e) => `${e.job ?? '-'} ${e.kind} ${e.outcome ?? '-'} ${e.reason ?? '-'}`);
    }

    it('claims due jobs best priority first, then oldest, then first enqueued; never a job before its due time', async () => {
      const store = await fresh();
      await store.enqueue(job({ priority: 10, now: 0 }));
      const urgent = await store.enqueue(job({ priority: 1, now: 1 }));
      const later = await store.enqueue(job({ priority: 0, now: 1, delay: 5 }));
      expect((await store.claim(claimAt(2)))!.jobId).toBe(urgent.jobId);
      expect((await store.claim(claimAt(2)))!.seq).toBe(1);
      expect(await store.claim(claimAt(2))).toBeNull();
      expect(await store.promoteDue(6)).toBe(1);
      expect((await store.claim(claimAt(6)))!.jobId).toBe(later.jobId);
    });

    it('serves a worker\'s queues in its order, and hands back the job\'s draw key', async () => {
      const store = await fresh();
      await store.enqueue(job({ queue: 'low', priority: 0 }));
      const high = await store.enqueue(job({ queue: 'high', priority: 50, drawKey: 7 }));
      const claimed = (await store.claim(claimAt(0, { queues: ['high', 'low'] })))!;
      expect(claimed).toMatchObject({ jobId: high.jobId, attempt: 1, drawKey: 7 });
    });

    it('applies a lifecycle retry: retrying until due, then pending; the event carries outcome and cause', async () => {
      const store = await fresh();
      const { jobId } = await store.enqueue(job());
      const c = (await store.claim(claimAt(0)))!;
      const d = afterFailedAttempt({ outcome: 'timeout', error: 'slow', cause: 'timeout' }, { attempt: 1, maxAttempts: 3 }, { policy, seed: 1, drawKey: 1 }, 2);
      expect(d.to).toBe('retrying');
      const r = await store.fail(jobId, 'w1', c.attempt, { outcome: 'timeout', error: 'slow', now: 2, retry: { ...d.backoff!, dueAt: d.dueAt! }, cause: 'timeout' });
      expect(r).toEqual({ ok: true, state: 'retrying' });
      expect((await store.getJob(jobId))!).toMatchObject({ state: 'retrying', dueAt: 7, lastError: 'slow' });
      expect(await store.claim(claimAt(6))).toBeNull();
      await store.promoteDue(7);
      expect((await store.claim(claimAt(7)))!.attempt).toBe(2);
      expect(await events(store)).toContain('1 failed timeout timeout');
    });

    it('applies a lifecycle death: dead-letter row with the lifecycle\'s reason and every error', async () => {
      const store = await fresh();
      const { jobId } = await store.enqueue(job({ maxAttempts: 1 }));
      const c = (await store.claim(claimAt(0)))!;
      const d = afterFailedAttempt({ outcome: 'failed', error: 'boom', cause: 'poison' }, { attempt: 1, maxAttempts: 1 }, { policy, seed: 1, drawKey: 1 }, 1);
      expect(d.to).toBe('dead');
      await store.fail(jobId, 'w1', c.attempt, { outcome: 'failed', error: 'boom', now: 1, retry: null, reason: d.deadLetter!.reason, cause: 'poison' });
      expect(await store.listDead()).toMatchObject([{ jobId, attempts: 1, errors: ['boom'], reason: 'attempts exhausted (1 of 1)', diedAt: 1 }]);
      expect(await events(store)).toContain('1 dead failed attempts_exhausted');
    });

    it('recovers an expired lease back to pending, then to dead on the last attempt; a late report is fenced off', async () => {
      const store = await fresh();
      const { jobId } = await store.enqueue(job({ maxAttempts: 2 }));
      const first = (await store.claim(claimAt(0)))!;
      expect(await store.recoverExpiredLeases(10, () => BACK_TO_PENDING_NOW(10))).toEqual([]); // expires after, not at, 10
      const back = await store.recoverExpiredLeases(11, () => BACK_TO_PENDING_NOW(11), new Set(['w1']));
      expect(back).toMatchObject([{ jobId, outcome: 'crashed', state: 'pending' }]);
      expect(await store.complete(jobId, 'w1', first.attempt, 12)).toEqual({ ok: false, reason: 'lease lost' });
      const second = (await store.claim(claimAt(12, { worker: 'w2' })))!;
      expect(second.attempt).toBe(2);
      await store.recoverExpiredLeases(30, () => BACK_TO_PENDING_NOW(30));
      expect((await store.getJob(jobId))!.state).toBe('dead');
      expect((await store.listDead())[0]!.reason).toBe('lease expired on the last attempt (2 of 2)');
      expect(await events(store)).toEqual(expect.arrayContaining([
        '1 recovered crashed lease_expired', '1 lease_lost succeeded -', '1 recovered lost lease_expired',
      ]));
    });

    it('releases a chain\'s child when its parent succeeds, and cancels it when the parent dies', async () => {
      const store = await fresh();
      const ok = await store.enqueue(job());
      const okChild = await store.enqueue(job({ parentId: ok.jobId }));
      expect(okChild.state).toBe('scheduled');
      await store.complete(ok.jobId, 'w1', (await store.claim(claimAt(0)))!.attempt, 1);
      expect((await store.getJob(okChild.jobId))!.state).toBe('pending');
      const bad = await store.enqueue(job({ maxAttempts: 1, priority: 0 }));
      const badChild = await store.enqueue(job({ parentId: bad.jobId }));
      const c = (await store.claim(claimAt(2)))!;
      expect(c.jobId).toBe(bad.jobId);
      await store.fail(bad.jobId, 'w1', c.attempt, { outcome: 'failed', error: 'x', now: 3, retry: null });
      expect((await store.getJob(badChild.jobId))!).toMatchObject({ state: 'cancelled', cancelReason: `parent job ${bad.seq} died` });
      expect(await events(store)).toEqual(expect.arrayContaining([`${okChild.seq} due - parent_succeeded`, `${badChild.seq} cancelled - parent_died`]));
    });

    it('settles a batch once: then when all succeeded, catch when any did not', async () => {
      const store = await fresh();
      for (const outcome of ['then', 'catch'] as const) {
        const batchId = await store.createBatch(2);
        const a = await store.enqueue(job({ batchId, maxAttempts: 1 }));
        const b = await store.enqueue(job({ batchId, maxAttempts: 1 }));
        await store.complete(a.jobId, 'w1', (await store.claim(claimAt(0)))!.attempt, 1);
        const cb = (await store.claim(claimAt(1)))!;
        if (outcome === 'then') await store.complete(b.jobId, 'w1', cb.attempt, 2);
        else await store.fail(b.jobId, 'w1', cb.attempt, { outcome: 'failed', error: 'x', now: 2, retry: null });
      }
      expect((await events(store)).filter((e) => e.includes('batch_'))).toEqual(['- batch_then - all_succeeded', '- batch_catch - some_not_succeeded']);
    });

    it('holds a rate-limited queue to its bucket: a claim without a token finds nothing', async () => {
      const store = await fresh();
      await store.setRateLimit('q', { max: 1, per: 10 }, 0);
      await store.enqueue(job());
      await store.enqueue(job());
      expect(await store.claim(claimAt(0))).not.toBeNull();
      expect(await store.claim(claimAt(5))).toBeNull();
      expect(await store.claim(claimAt(10))).not.toBeNull();
    });

    it('retries a dead job by hand in a new round: attempts count on, max_attempts applies afresh', async () => {
      const store = await fresh();
      const { jobId } = await store.enqueue(job({ maxAttempts: 1 }));
      await store.fail(jobId, 'w1', (await store.claim(claimAt(0)))!.attempt, { outcome: 'failed', error: 'x', now: 1, retry: null });
      expect(await store.retryOne(jobId, 2)).toEqual({ ok: true });
      expect(await store.listDead()).toEqual([]);
      expect((await store.claim(claimAt(2)))!.attempt).toBe(2);
      expect(await store.retryOne(jobId, 3)).toEqual({ ok: false, reason: 'not dead' });
    });

    it('deduplicates an idempotency key, and writes one event per state change in order', async () => {
      const store = await fresh();
      const first = await store.enqueue(job({ idempotencyKey: 'k' }));
      const again = await store.enqueue(job({ idempotencyKey: 'k' }));
      expect(again).toMatchObject({ jobId: first.jobId, deduplicated: true });
      await store.complete(first.jobId, 'w1', (await store.claim(claimAt(0)))!.attempt, 1);
      const log = await store.eventsAfter(0, 100);
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(log.map((e) => `${e.kind} ${e.from ?? '-'}>${e.to ?? '-'} ${e.outcome ?? '-'}`)).toEqual([
        'enqueued ->pending -', 'deduplicated ->- -', 'claimed pending>processing -', 'succeeded processing>succeeded succeeded',
      ]);
    });

    describeStoreOperations(fresh);
  });
}
