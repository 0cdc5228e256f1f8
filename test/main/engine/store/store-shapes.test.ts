// The two stores agree row for row: one script of queue operations (claims,
// a retry, a death, a lost lease, a chain, a batch, a rate limit, a hand
// retry from the dead-letter table) runs on a SQLite file and on a
// PostgreSQL database, and every table reads back the same, numbers as
// numbers. A PostgreSQL column typed or numbered differently fails here.
// The overload samples a live run appends go in and read back alike too.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../../src/main/engine/store/postgres/open-postgres.ts';
import { PostgresQueueStore } from '../../../../src/main/engine/store/postgres/postgres-queue-store.ts';
import type { QueueStore } from '../../../../src/main/engine/store/queue-store.ts';
import type { ClaimOptions, EnqueueInput } from '../../../../src/main/engine/store/types.ts';
import { BACK_TO_PENDING_NOW } from '../../../../src/shared/lifecycle/after-attempt.ts';
import { postgresRunReads } from '../../../../src/main/engine/store/postgres/pg-run-reads.ts';
import type { RunReads } from '../../../../src/main/engine/store/reads/run-reads.ts';
import { sqliteRunReads } from '../../../../src/main/engine/store/reads/sqlite-run-reads.ts';
import { prepareAppendOverloadSamples } from '../../../../src/main/engine/store/overload-samples.ts';
import { appendOverloadSamples } from '../../../../src/main/engine/store/postgres/overload-samples.ts';
import type { OverloadSample } from '../../../../src/shared/tables/index.ts';
import { startPostgresCluster, type PostgresCluster } from '../../../helpers/postgres-cluster.ts';
import { closeAll, tempStore } from './store-helpers.ts';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  closeAll();
  await cluster?.stop();
});

const RUN = 'shapes-1';
const SAMPLES: OverloadSample[] = [
  { t: 1, source: 'host', name: 'api', metric: 'utilization', value: 0.75 },
  { t: 1, source: 'host', name: 'api', metric: 'queued', value: 3 },
  { t: 2.5, source: 'w1', name: 'request', metric: 'breaker_state', value: 2 },
  { t: 2, source: 'w1', name: 'request', metric: 'budget_tokens', value: 495.5 },
  { t: 2, source: 'w1', name: 'request', metric: 'breaker_state', value: 0 },
];
const job = (over: Partial<EnqueueInput> = {}): EnqueueInput => ({ queue: 'q', type: 't', priority: 10, maxAttempts: 2, now: 0, ...over });
const at = (now: number, worker = 'w1', queues = ['q', 'slow']): ClaimOptions => ({ worker, queues, now, leaseSeconds: 10 });

async function script(store: QueueStore): Promise<void> {
  await store.createRun({ id: RUN, scenario: 'shapes', scenarioJson: '{"a":1}', mode: 'live', seed: 7, createdAt: '2026-12-05T00:00:00.000Z' });
  await store.setRateLimit('slow', { max: 1, per: 4 }, 0);
  const batch = await store.createBatch(2);
  const a = await store.enqueue(job({ payload: 'p', drawKey: 3, batchId: batch }));
  await store.enqueue(job({ parentId: a.jobId }));
  await store.enqueue(job({ queue: 'slow', batchId: batch, idempotencyKey: 'k' }));
  await store.enqueue(job({ queue: 'slow', idempotencyKey: 'k' }));
  await store.enqueue(job({ delay: 2.5, priority: 1 }));
  const c1 = (await store.claimBatch(3, at(0.25)))!;
  await store.fail(c1[0]!.jobId, 'w1', c1[0]!.attempt, { outcome: 'timeout', error: 'slow', now: 1, retry: { base: 1, delay: 1.5, formula: '1 s x 1.5', dueAt: 2.5 }, cause: 'timeout' });
  await store.complete(c1[1]!.jobId, 'w1', c1[1]!.attempt, 1.125);
  await store.promoteDue(3);
  await store.recoverExpiredLeases(20, () => BACK_TO_PENDING_NOW(20), new Set(['w1']));
  const c2 = (await store.finishAndClaim([], 4, at(21, 'w2'))).claimed;
  for (const c of c2) await store.fail(c.jobId, 'w2', c.attempt, { outcome: 'failed', error: `e${c.seq}`, now: 22, retry: null, cause: 'poison' });
  await store.heartbeat(c1[0]!.jobId, 'w1', c1[0]!.attempt, 22, 10);
  await store.retryOne(c2[0]!.jobId, 23);
  const c3 = (await store.claim(at(24, 'w3')))!;
  await store.progress(c3.jobId, 'w3', 0.25);
  // More dead letters, in groups: two alike, one other, one by an expired lease.
  for (let i = 0; i < 4; i++) await store.enqueue(job({ type: 'u', queue: 'late', maxAttempts: 1, now: 25 }));
  const c4 = await store.claimBatch(4, at(25, 'w4', ['late']));
  for (const [k, c] of c4.slice(0, 3).entries()) await store.fail(c.jobId, 'w4', c.attempt, { outcome: 'failed', error: k < 2 ? 'x' : 'y', now: 26 + k, retry: null });
  await store.recoverExpiredLeases(40, () => BACK_TO_PENDING_NOW(40), new Set(['w4']));
  await store.finishRun(RUN, 'completed', { ok: true }, 40);
}

const TABLES: Record<string, string> = {
  runs: 'id, num, scenario, scenario_json, mode, seed, status, store_level, created_at, sim_time, summary_json, error, owner_pid',
  jobs: '*',
  attempts: '*',
  dead_jobs: '*',
  events: '*',
  batches: '*',
  rate_limits: '*',
};
const ORDER: Record<string, string> = { runs: 'id', jobs: 'id', attempts: 'id', dead_jobs: 'job_id', events: 'seq', batches: 'id', rate_limits: 'queue' };

describe('SQLite and PostgreSQL stores, side by side', () => {
  it('leave the same rows in every table and read back the same records, through QueueStore and RunReads', async () => {
    const sqlite = tempStore('unused');
    sqlite.db.exec('DELETE FROM runs');
    const { SqliteQueueStore } = await import('../../../../src/main/engine/store/queue-store.ts');
    const left = new SqliteQueueStore(sqlite.db, RUN);
    const db = await openPostgres(await cluster.createDatabase('shapes'));
    const right = new PostgresQueueStore(db, RUN);
    try {
      await script(left);
      await script(right);
      // A live run's measures over time, as the host and a worker append them (two batches, same times kept in order).
      prepareAppendOverloadSamples(sqlite.db, RUN)(SAMPLES.slice(0, 3));
      prepareAppendOverloadSamples(sqlite.db, RUN)(SAMPLES.slice(3));
      await appendOverloadSamples(db, RUN, SAMPLES.slice(0, 3));
      await appendOverloadSamples(db, RUN, SAMPLES.slice(3));
      const reads = async (s: QueueStore) => ({
        run: { ...(await s.getRun(RUN))!, finishedAt: 'wall clock' },
        jobs: await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map(async (seq) => s.getJob(2 ** 32 + seq))),
        dead: await s.listDead(),
        events: await s.eventsAfter(0, 1000),
      });
      expect(await reads(right)).toEqual(await reads(left));
      const wall = <T extends { finishedAt: string | null }>(r: T | undefined) => r && { ...r, finishedAt: r.finishedAt && 'wall clock' };
      const readAll = async (r: RunReads) => ({
        run: wall(await r.getRun(RUN)),
        runs: (await r.listRuns()).map(wall),
        events: await r.eventsAfter(RUN, 0, 1000),
        last: await r.lastEvents(RUN, 5),
        timeline: await r.timelineEventsAfter(RUN, 2, 1000),
        firstSeqAt: [await r.firstSeqAt(RUN, 2), await r.firstSeqAt(RUN, 1e9)],
        lastSeq: [await r.lastSeq(RUN), await r.lastSeq('nope')],
        latestTime: [await r.latestTime(RUN), await r.latestTime('nope')],
        raw: await r.rawEventsAfter(RUN, 3, 100),
        jobs: [await r.getJob(RUN, 2 ** 32 + 2), await r.getJobBySeq(RUN, 3), await r.getJob('nope', 2 ** 32 + 2)],
        ids: [await r.jobIds(RUN, null, 0, 100), await r.jobIds(RUN, 'dead', 0, 100), await r.jobIds(RUN, null, 2 ** 32 + 2, 2), await r.jobIds('nope', null, 0, 9)],
        counts: [await r.jobCounts(RUN), await r.jobCounts('nope')],
        times: await r.jobTimes(RUN),
        outcomes: await r.attemptOutcomes(RUN),
        attempts: await r.attemptsOf(2 ** 32 + 1),
        overload: [await r.overloadSamples(RUN), await r.overloadSamples('nope')],
        dead: [await r.deadLetterGroups(RUN, { maxGroups: 10, examplesPerGroup: 3 }), await r.deadLetterGroups(RUN, { maxGroups: 1, examplesPerGroup: 1 })],
        csv: [
          await r.csvRows('jobs', RUN, null, 100), await r.csvRows('jobs', RUN, [2], 2), await r.csvRows('attempts', RUN, null, 100),
          await r.csvRows('attempts', RUN, [1, 1], 3), await r.csvRows('events', RUN, [4], 5), await r.csvRows('jobs', 'nope', null, 5),
        ],
      });
      const pgReads = await readAll(postgresRunReads(db));
      expect(pgReads.dead[0]).toMatchObject({ total: 5, moreGroups: 0 });
      expect(pgReads.dead[1]).toMatchObject({ total: 5, moreGroups: 3 });
      expect(pgReads.overload[0]).toEqual([...SAMPLES].sort((a, b) => a.t - b.t));
      expect(pgReads).toEqual(await readAll(sqliteRunReads(sqlite.db)));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      client.setTypeParser(20, Number);
      try {
        for (const [table, cols] of Object.entries(TABLES)) {
          const sql = `SELECT ${cols} FROM ${table} ORDER BY ${ORDER[table]}`;
          const pgRows = (await client.query(sql)).rows;
          expect(pgRows.length, table).toBeGreaterThan(0);
          expect(pgRows, table).toEqual(sqlite.db.prepare(sql).all());
        }
      } finally {
        await client.end();
      }
    } finally {
      await db.close();
    }
  });
});
