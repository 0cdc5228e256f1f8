// Live mode records the downstream side over time (overload_samples): the
// host measures its HTTP services (utilization, calls in service and queued,
// open slots) and each worker process its own defences (retry-budget tokens,
// breaker state), under its own name. A short run with real worker
// processes and a real service, on the SQLite file and on PostgreSQL, read
// back through RunReads as the charts read it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgLiveStores } from '../../../../src/main/engine/live/pg-live-store.ts';
import { openPostgres } from '../../../../src/main/engine/store/postgres/open-postgres.ts';
import { postgresRunReads } from '../../../../src/main/engine/store/postgres/pg-run-reads.ts';
import type { OverloadSeries } from '../../../../src/shared/overload/overload-series.ts';
import type { Scenario } from '../../../../src/shared/scenario/schema.ts';
import { startPostgresCluster, type PostgresCluster } from '../../../helpers/postgres-cluster.ts';
import { runLive } from '../../../../src/main/engine/live/run-live.ts';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import { sqliteRunReads } from '../../../../src/main/engine/store/reads/sqlite-run-reads.ts';
import { NodeWorkerHost } from '../../../../src/main/workers/node-worker-host.ts';
import { toOverloadSeries } from '../../../../src/shared/overload/overload-series.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';

const dir = mkdtempSync(join(tmpdir(), 'queue-lab-live-samples-'));
let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster({ database: 'live_samples' });
}, 60_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cluster?.stop();
});

function scenario(): Scenario {
  const r = validateScenario({
    name: 'live samples',
    seed: 4,
    // 2 slots x 0.25 s: 8 calls/s; 12 jobs/s keep it busy, then an outage from t=6 s to t=9 s.
    services: { api: { concurrency: 2, serviceTime: { kind: 'constant', value: 0.25 }, windows: [{ from: 6, to: 9, capacity: 0 }] } },
    jobTypes: { request: { timeout: 2, calls: { service: 'api' } } },
    producers: [{ jobType: 'request', count: 144, arrival: { kind: 'constant', rate: 12 } }],
    workers: { count: 2, concurrency: 20 },
    retry: { maxAttempts: 2, backoff: { kind: 'fixed', initial: 0.5 } },
    retryBudget: { kind: 'tokenBucket', capacity: 40, retryCost: 5, perSuccess: 1 },
    circuitBreaker: { minimumCalls: 5, failureRatio: 0.5, window: 5, openFor: 1 },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

const RUN = { timeScale: 0.5, startLeadMs: 500, maxWallSeconds: 60 };

/** What both stores must show of the run. */
function expectSamples(series: OverloadSeries[]): void {
  const host = (metric: string) => series.find((s) => s.source === 'host' && s.name === 'api' && s.metric === metric)!;
  const at = (s: { t: number[]; value: number[] }, from: number, to: number) => s.value.filter((_, i) => s.t[i]! >= from && s.t[i]! <= to);
  // About one sample a scenario second, from time 0 to the end of the run.
  expect(host('utilization').t.length).toBeGreaterThan(8);
  expect(host('utilization').t[0]).toBeGreaterThanOrEqual(0);
  // Busy before the outage (more offered than it serves), no slot open in it.
  expect(Math.max(...at(host('utilization'), 1.5, 6)), JSON.stringify(host('utilization'))).toBeGreaterThan(0.5);
  expect(Math.max(...at(host('in_service'), 1.5, 6))).toBeGreaterThan(0);
  expect(at(host('capacity'), 6.6, 8.9).length).toBeGreaterThan(0);
  expect(at(host('capacity'), 6.6, 8.9).every((v) => v === 0)).toBe(true);
  expect(Math.max(...at(host('utilization'), 7.5, 8.9))).toBe(0);
  for (const v of host('utilization').value) expect(v).toBeLessThanOrEqual(1 + 1e-6);
  // Each worker writes its own defences: two sources, budget under its cap, the breaker opened in the outage.
  const budgets = series.filter((s) => s.metric === 'budget_tokens');
  expect(new Set(budgets.map((s) => s.source))).toEqual(new Set(['w1', 'w2']));
  for (const b of budgets) for (const v of b.value) expect(v).toBeLessThanOrEqual(40);
  const breakers = series.filter((s) => s.metric === 'breaker_state');
  expect(breakers.length).toBe(2);
  expect(breakers.some((b) => b.value.includes(2)), JSON.stringify(breakers)).toBe(true);
}

describe('live overload samples', { timeout: 120_000 }, () => {
  it('the host samples its service and each worker its own defences while the run runs (SQLite)', async () => {
    const db = openDatabase(join(dir, 'lab.db'));
    try {
      const summary = await runLive(scenario(), { db, host: new NodeWorkerHost({ log: () => {} }), ...RUN });
      expectSamples(toOverloadSeries(sqliteRunReads(db).overloadSamples(summary.run_id)));
    } finally {
      db.close();
    }
  });

  it('the same on PostgreSQL', async () => {
    const url = await cluster.createDatabase('samples');
    const stores = pgLiveStores(url);
    const summary = await runLive(scenario(), { store: stores.open, host: new NodeWorkerHost({ log: () => {} }), ...RUN }).finally(() => stores.closeAll());
    const db = await openPostgres(url);
    try {
      expectSamples(toOverloadSeries(await postgresRunReads(db).overloadSamples(summary.run_id)));
    } finally {
      await db.close();
    }
  });
});
