// Many workers on one PostgreSQL run at once, each on its own connection as
// workers on different machines are: under either claim strategy no job is
// claimed twice or lost, the event log is numbered 1..n without a gap and
// replays to the jobs' states; two hosts recovering the same expired leases
// recover each once; a completion racing a recovery is one or the other.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../../src/main/engine/store/postgres/open-postgres.ts';
import type { PgDatabase } from '../../../../src/main/engine/store/postgres/pg-database.ts';
import { PostgresQueueStore } from '../../../../src/main/engine/store/postgres/postgres-queue-store.ts';
import type { ClaimStrategy } from '../../../../src/main/engine/store/postgres/claim.ts';
import type { FinishedAttempt } from '../../../../src/main/engine/store/types.ts';
import { BACK_TO_PENDING_NOW } from '../../../../src/shared/lifecycle/after-attempt.ts';
import { startPostgresCluster, type PostgresCluster } from '../../../helpers/postgres-cluster.ts';

let cluster: PostgresCluster;
const dbs: PgDatabase[] = [];
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  for (const db of dbs) await db.close();
  await cluster?.stop();
});

async function storeOn(runId: string, claimStrategy: ClaimStrategy = 'skipLocked'): Promise<PostgresQueueStore> {
  const db = await openPostgres(cluster.url, { max: 1 });
  dbs.push(db);
  return new PostgresQueueStore(db, runId, { claimStrategy });
}

async function newRun(jobs: number): Promise<string> {
  const runId = randomUUID().slice(0, 8);
  const host = await storeOn(runId);
  await host.createRun({ id: runId, scenario: 'race', scenarioJson: '{}', mode: 'live', seed: 1 });
  await host.enqueueMany(Array.from({ length: jobs }, () => ({ queue: 'q', type: 't', priority: 10, maxAttempts: 3, now: 0 })));
  return runId;
}

async function sql<R>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as R[];
  } finally {
    await client.end();
  }
}

/** Replays the log: seq 1..n, each transition starts where the last ended, and ends in the table's state. */
async function expectLogReplays(runId: string): Promise<void> {
  const events = await sql<{ seq: number; job: number | null; from_state: string | null; to_state: string | null }>(
    'SELECT seq, job, from_state, to_state FROM events WHERE run_id = $1 ORDER BY seq', [runId],
  );
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const state = new Map<number, string>();
  for (const e of events) {
    if (e.job === null || e.to_state === null) continue;
    expect(e.from_state ?? null, `event ${e.seq}`).toBe(state.get(e.job) ?? null);
    state.set(e.job, e.to_state);
  }
  for (const j of await sql<{ seq: number; state: string }>('SELECT seq, state FROM jobs WHERE run_id = $1', [runId])) {
    expect(state.get(j.seq), `job ${j.seq}`).toBe(j.state);
  }
}

describe.each(['skipLocked', 'forUpdate'] as const)('PostgreSQL store under concurrency (%s)', (strategy) => {
  it('8 workers drain 400 jobs: each succeeded once, one attempt each, a gapless log', async () => {
    const runId = await newRun(400);
    const workers = await Promise.all(Array.from({ length: 8 }, () => storeOn(runId, strategy)));
    let now = 1;
    await Promise.all(workers.map(async (store, w) => {
      let finished: FinishedAttempt[] = [];
      for (;;) {
        const o = { worker: `w${w}`, queues: ['q'], now: now++, leaseSeconds: 1e6 };
        const { results, claimed } = await store.finishAndClaim(finished, 5, o);
        expect(results.every((r) => r.ok)).toBe(true);
        finished = claimed.map((c) => ({ jobId: c.jobId, attempt: c.attempt, now: now, fail: null }));
        if (claimed.length > 0) continue;
        // forUpdate can come back empty while others hold rows: stop only when nothing is pending.
        const [{ n }] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE run_id = $1 AND state = 'pending'`, [runId])) as [{ n: number }];
        if (n === 0) break;
      }
    }));
    const rows = await sql<{ state: string; completions: number; attempts: number; n: number }>(
      'SELECT state, completions, attempts, count(*)::int AS n FROM jobs WHERE run_id = $1 GROUP BY 1, 2, 3', [runId],
    );
    expect(rows).toEqual([{ state: 'succeeded', completions: 1, attempts: 1, n: 400 }]);
    const perWorker = await sql<{ worker: string }>('SELECT DISTINCT worker FROM attempts WHERE run_id = $1', [runId]);
    expect(perWorker.length).toBeGreaterThan(1);
    await expectLogReplays(runId);
  });
});

describe('PostgreSQL store: recovery racing', () => {
  it('two hosts recovering the same expired leases recover each job once', async () => {
    const runId = await newRun(60);
    const worker = await storeOn(runId);
    await worker.claimBatch(60, { worker: 'w', queues: ['q'], now: 0, leaseSeconds: 5 });
    const [h1, h2] = await Promise.all([storeOn(runId), storeOn(runId)]);
    const [r1, r2] = await Promise.all([
      h1.recoverExpiredLeases(10, () => BACK_TO_PENDING_NOW(10)),
      h2.recoverExpiredLeases(10, () => BACK_TO_PENDING_NOW(10)),
    ]);
    expect(r1.length + r2.length).toBe(60);
    expect(new Set([...r1, ...r2].map((r) => r.jobId)).size).toBe(60);
    await expectLogReplays(runId);
  });

  it('a completion racing a recovery is either accepted or fenced off, never both', async () => {
    const runId = await newRun(50);
    const worker = await storeOn(runId);
    const host = await storeOn(runId);
    const claimed = await worker.claimBatch(50, { worker: 'w', queues: ['q'], now: 0, leaseSeconds: 5 });
    const [completions, recovered] = await Promise.all([
      Promise.all(claimed.map((c) => worker.complete(c.jobId, 'w', c.attempt, 6))),
      host.recoverExpiredLeases(6, () => BACK_TO_PENDING_NOW(6)),
    ]);
    const accepted = completions.filter((r) => r.ok).length;
    expect(accepted + recovered.length).toBe(50);
    const states = await sql<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM jobs WHERE run_id = $1 GROUP BY 1 ORDER BY 1', [runId]);
    expect(states.reduce((sum, s) => sum + s.n, 0)).toBe(50);
    expect(states.find((s) => s.state === 'succeeded')?.n ?? 0).toBe(accepted);
    await expectLogReplays(runId);
  });
});
