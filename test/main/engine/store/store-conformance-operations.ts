// The rest of the QueueStore conformance suite (store-conformance.ts runs it):
// every operation of the interface that the lifecycle tests there do not
// reach (heartbeats, progress, the grouped claim-and-finish calls, the
// unsafe claim, the dead-letter actions, runs), each on any store, awaited.
import { expect, it } from 'vitest';
import type { QueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import type { ClaimedJob, ClaimOptions, EnqueueInput } from '../../../../src/main/engine/store/types.ts';
import type { UnsafeRead } from '../../../../src/main/engine/store/claim.ts';
import { BACK_TO_PENDING_NOW } from '../../../../src/shared/lifecycle/after-attempt.ts';

const job = (over: Partial<EnqueueInput> = {}): EnqueueInput => ({ queue: 'q', type: 't', priority: 10, maxAttempts: 3, now: 0, ...over });
const claimAt = (now: number, over: Partial<ClaimOptions> = {}): ClaimOptions => ({ worker: 'w1', queues: ['q'], now, leaseSeconds: 10, ...over });
/** unsafeClaim's two halves, which both stores expose beside the interface for the lesson. */
interface UnsafeHalves {
  unsafeRead(o: ClaimOptions): UnsafeRead | null | Promise<UnsafeRead | null>;
  unsafeWrite(read: UnsafeRead, o: ClaimOptions): ClaimedJob | null | Promise<ClaimedJob | null>;
}
const retryAt = (dueAt: number) => ({ base: 1, delay: dueAt, formula: `${dueAt} s`, dueAt });

export function describeStoreOperations(fresh: () => Promise<QueueStore>): void {
  it('extends a lease on heartbeat and records progress, only for the lease holder', async () => {
    const store = await fresh();
    const { jobId } = await store.enqueue(job());
    const c = (await store.claim(claimAt(0)))!;
    expect(c.leaseExpiresAt).toBe(10);
    expect(await store.heartbeat(jobId, 'w1', c.attempt, 8, 10)).toEqual({ ok: true, leaseExpiresAt: 18 });
    expect(await store.recoverExpiredLeases(12, () => BACK_TO_PENDING_NOW(12))).toEqual([]);
    expect(await store.heartbeat(jobId, 'w2', c.attempt, 9, 10)).toEqual({ ok: false, reason: 'lease lost' });
    expect(await store.heartbeat(jobId, 'w1', c.attempt + 1, 9, 10)).toEqual({ ok: false, reason: 'lease lost' });
    expect(await store.progress(jobId, 'w1', 0.5)).toEqual({ ok: true });
    expect(await store.progress(jobId, 'w2', 0.7)).toEqual({ ok: false, reason: 'lease lost' });
    expect(await store.getJob(jobId)).toMatchObject({ progress: 0.5, heartbeatAt: 8, leaseExpiresAt: 18, leaseOwner: 'w1' });
  });

  it('completes and claims the next job in one call; claims a batch in queue order', async () => {
    const store = await fresh();
    await store.enqueue(job({ queue: 'b' }));
    const a1 = await store.enqueue(job({ queue: 'a' }));
    const a2 = await store.enqueue(job({ queue: 'a' }));
    const first = (await store.claim(claimAt(0, { queues: ['a', 'b'] })))!;
    expect(first.jobId).toBe(a1.jobId);
    const r = await store.completeAndClaim({ jobId: first.jobId, attempt: first.attempt }, claimAt(1, { queues: ['a', 'b'] }));
    expect(r.completed).toEqual({ ok: true, state: 'succeeded', completions: 1 });
    expect(r.next!.jobId).toBe(a2.jobId);
    await store.enqueue(job({ queue: 'a' }));
    const batch = await store.claimBatch(5, claimAt(2, { queues: ['a', 'b'] }));
    expect(batch.map((b) => `${b.queue}${b.seq}`)).toEqual(['a4', 'b1']);
  });

  it('finishes several attempts and claims more in one call; a lost lease is refused alone', async () => {
    const store = await fresh();
    for (let i = 0; i < 3; i++) await store.enqueue(job());
    const [a, b, c] = await store.claimBatch(3, claimAt(0));
    await store.recoverExpiredLeases(11, () => BACK_TO_PENDING_NOW(11)); // all three leases lost
    for (let i = 0; i < 2; i++) await store.enqueue(job({ now: 11.5 }));
    const again = (await store.claimBatch(3, claimAt(11, { worker: 'w2' })));
    expect(again.map((j) => j.seq)).toEqual([1, 2, 3]);
    const r = await store.finishAndClaim(
      [
        { jobId: again[0]!.jobId, attempt: again[0]!.attempt, now: 12, fail: null },
        { jobId: again[1]!.jobId, attempt: again[1]!.attempt, now: 12, fail: { outcome: 'failed', error: 'e', now: 12, retry: retryAt(20) } },
        { jobId: c!.jobId, attempt: c!.attempt, now: 12, fail: null }, // w1's old attempt of job 3, sent as w2: wrong attempt
      ],
      2,
      claimAt(12, { worker: 'w2' }),
    );
    expect(r.results).toEqual([{ ok: true, state: 'succeeded', completions: 1 }, { ok: true, state: 'retrying' }, { ok: false, reason: 'lease lost' }]);
    expect(r.claimed.map((j) => j.seq)).toEqual([4, 5]);
    expect([a!.seq, b!.seq]).toEqual([1, 2]);
    expect((await store.getJob(again[1]!.jobId))!).toMatchObject({ state: 'retrying', dueAt: 20 });
  });

  it('settles a batch and releases children of jobs finished together in one call', async () => {
    const store = await fresh();
    const batchId = await store.createBatch(2);
    const a = await store.enqueue(job({ batchId }));
    const b = await store.enqueue(job({ batchId }));
    const child = await store.enqueue(job({ parentId: b.jobId }));
    const [ca, cb] = await store.claimBatch(2, claimAt(0));
    const r = await store.finishAndClaim(
      [{ jobId: ca!.jobId, attempt: ca!.attempt, now: 1, fail: null }, { jobId: cb!.jobId, attempt: cb!.attempt, now: 1, fail: null }],
      1,
      claimAt(1),
    );
    expect(r.results.map((x) => x.ok)).toEqual([true, true]);
    expect(r.claimed.map((j) => j.jobId)).toEqual([child.jobId]);
    const log = (await store.eventsAfter(0, 100)).map((e) => `${e.job ?? '-'} ${e.kind}`);
    expect(log.slice(-5)).toEqual([`${a.seq} succeeded`, `${b.seq} succeeded`, '- batch_then', `${child.seq} due`, `${child.seq} claimed`]);
  });

  it('lets two workers take one job with the unsafe claim, and counts the duplicate completion', async () => {
    const store = await fresh();
    const { jobId } = await store.enqueue(job());
    // Both read the job as free before either takes it: the race, stepped by hand.
    const racy = store as QueueStore & UnsafeHalves;
    const read1 = (await racy.unsafeRead(claimAt(0)))!;
    const read2 = (await racy.unsafeRead(claimAt(0, { worker: 'w2' })))!;
    const first = (await racy.unsafeWrite(read1, claimAt(0)))!;
    const second = (await racy.unsafeWrite(read2, claimAt(0, { worker: 'w2' })))!;
    expect(await store.unsafeClaim(claimAt(0, { worker: 'w3' }))).toBeNull(); // nothing pending is left to read
    expect([first.jobId, second.jobId]).toEqual([jobId, jobId]);
    expect(second.attempt).toBe(first.attempt + 1);
    expect(await store.complete(jobId, 'w1', first.attempt, 1, { unsafe: true })).toEqual({ ok: true, state: 'succeeded', completions: 1 });
    expect(await store.complete(jobId, 'w2', second.attempt, 2, { unsafe: true })).toEqual({ ok: true, state: 'succeeded', completions: 2 });
    const log = (await store.eventsAfter(0, 100)).map((e) => `${e.kind} ${e.from ?? '-'}>${e.to ?? '-'} ${e.reason ?? '-'}`);
    expect(log).toEqual([
      'enqueued ->pending -', 'claimed pending>processing -', 'claimed processing>processing double_claim',
      'succeeded processing>succeeded -', 'completed_again succeeded>succeeded double_claim',
    ]);
    expect((await store.getJob(jobId))!).toMatchObject({ completions: 2, finishedAt: 1 });
  });

  it('forgets, flushes and retries all dead jobs, each with an event', async () => {
    const store = await fresh();
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await store.enqueue(job({ maxAttempts: 1 }))).jobId);
    for (const c of await store.claimBatch(4, claimAt(0))) await store.fail(c.jobId, 'w1', c.attempt, { outcome: 'failed', error: `e${c.seq}`, now: c.seq, retry: null });
    expect((await store.listDead()).map((d) => d.errors)).toEqual([['e1'], ['e2'], ['e3'], ['e4']]);
    expect(await store.forget(ids[0]!, 10)).toEqual({ ok: true });
    expect(await store.getJob(ids[0]!)).toMatchObject({ state: 'cancelled', cancelReason: 'forgotten' });
    expect(await store.forget(ids[0]!, 10)).toEqual({ ok: false, reason: 'not dead' });
    expect(await store.listDead({ queue: 'q', type: 't' })).toHaveLength(3);
    expect(await store.listDead({ type: 'other' })).toEqual([]);
    expect(await store.retryAll(11)).toBe(3);
    expect((await store.getJob(ids[1]!))!.state).toBe('pending');
    for (const c of await store.claimBatch(3, claimAt(12))) await store.fail(c.jobId, 'w1', c.attempt, { outcome: 'failed', error: 'x', now: 13, retry: null });
    expect(await store.flush(14)).toBe(3);
    expect(await store.listDead()).toEqual([]);
    const kinds = (await store.eventsAfter(0, 1000)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'retried_from_dead')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'cancelled')).toHaveLength(4);
  });

  it('keeps a delayed job scheduled until due, and cancels at once a child whose parent already died', async () => {
    const store = await fresh();
    const delayed = await store.enqueue(job({ delay: 5 }));
    expect(delayed.state).toBe('scheduled');
    expect(await store.promoteDue(4)).toBe(0);
    expect(await store.promoteDue(5)).toBe(1);
    const parent = await store.enqueue(job({ maxAttempts: 1, priority: 0, now: 5 }));
    const c = (await store.claim(claimAt(5)))!;
    expect(c.jobId).toBe(parent.jobId);
    await store.fail(parent.jobId, 'w1', c.attempt, { outcome: 'failed', error: 'x', now: 6, retry: null });
    const orphan = await store.enqueue(job({ parentId: parent.jobId, now: 7 }));
    expect(orphan.state).toBe('cancelled');
    expect((await store.eventsAfter(0, 100)).filter((e) => e.job === orphan.seq).map((e) => `${e.kind} ${e.to}`)).toEqual(['enqueued scheduled', 'cancelled cancelled']);
    // async wrappers: the SQLite store throws at once, a networked one rejects; both are refusals.
    await expect(async () => store.enqueue(job({ batchId: 999_999 }))).rejects.toThrow(/batchId: no batch 999999/);
    await expect(async () => store.enqueue(job({ parentId: 12345 }))).rejects.toThrow(/parentId: no job 12345/);
  });

  it('reads a job back with every field, numbers as numbers', async () => {
    const store = await fresh();
    const { jobId, seq } = await store.enqueue(job({ payload: '{"a":1}', idempotencyKey: 'key', drawKey: 9, now: 1.5 }));
    const c = (await store.claim(claimAt(2)))!;
    await store.complete(jobId, 'w1', c.attempt, 3.25);
    expect(await store.getJob(jobId)).toEqual({
      jobId, seq, queue: 'q', type: 't', state: 'succeeded', priority: 10, attempts: 1, attemptBase: 0, maxAttempts: 3,
      payload: '{"a":1}', idempotencyKey: 'key', enqueuedAt: 1.5, dueAt: 1.5, firstClaimedAt: 2, finishedAt: 3.25,
      leaseOwner: null, leaseExpiresAt: null, heartbeatAt: 2, progress: 1, parentId: null, batchId: null, lastError: null,
      cancelReason: null, completions: 1, drawKey: 9,
    });
    expect(await store.getJob(jobId + 1000)).toBeUndefined();
    expect((await store.eventsAfter(1, 2)).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('finishes a run and reads it back; refuses a second run with the same id', async () => {
    const store = await fresh();
    const before = (await store.getRun(store.runId))!;
    expect(before).toMatchObject({ id: store.runId, status: 'running', mode: 'live', seed: 42, storeLevel: 'full', finishedAt: null, simTime: 0 });
    expect(before.num).toBeGreaterThanOrEqual(1);
    await store.finishRun(store.runId, 'completed', { jobs: 3 }, 12.5);
    expect(await store.getRun(store.runId)).toMatchObject({ status: 'completed', summaryJson: '{"jobs":3}', simTime: 12.5, error: null });
    expect((await store.listRuns()).map((r) => r.id)).toContain(store.runId);
    await expect(async () => store.createRun({ id: store.runId, scenario: 's', scenarioJson: '{}', mode: 'live', seed: 1 })).rejects.toThrow(/already exists/);
    await expect(async () => store.finishRun('no-such-run', 'failed', null, 0)).rejects.toThrow(/no run with id no-such-run/);
  });
}
