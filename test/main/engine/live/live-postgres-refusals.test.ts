// Issue 13's summary `downstream.refused` on a live run stored in PostgreSQL:
// the refusals happen in the worker processes, so the host counts them from
// the run's events, on whichever store holds them. They used to come out as 0
// on PostgreSQL (only the SQLite file was read). A scaled-down
// metastable-circuit-breaker (with a retry budget and adaptive throttling
// added, so every kind of refusal happens) runs live on a throwaway cluster;
// its summary must count what the attempts, events and dead letters show, kind by kind.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgLiveStores } from '../../../../src/main/engine/live/pg-live-store.ts';
import { runLive } from '../../../../src/main/engine/live/run-live.ts';
import { NodeWorkerHost } from '../../../../src/main/workers/node-worker-host.ts';
import { metastableCircuitBreaker } from '../../../../src/shared/library/failure-modes/metastable.ts';
import { THROTTLE_REFUSAL } from '../../../../src/shared/overload/adaptive-throttling.ts';
import { BREAKER_REFUSAL } from '../../../../src/shared/overload/circuit-breaker.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';
import { startPostgresCluster, type PostgresCluster } from '../../../helpers/postgres-cluster.ts';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster({ database: 'live_refusals' });
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

/**
 * The built-in's shape in about 8 scenario seconds: 40 jobs/s at a 4-slot
 * service, an outage from t=2 to t=5 (every call fails at once). `request`
 * has the built-in's circuit breaker (opened by the outage), `polite` adaptive
 * throttling instead (each refuses before the other could), and a small retry
 * budget for both is spent by the outage's retries.
 */
const input: ScenarioInput = {
  ...metastableCircuitBreaker.scenario,
  name: 'live refusals on PostgreSQL',
  services: { api: { concurrency: 4, serviceTime: { kind: 'exponential', mean: 0.05 }, windows: [{ from: 2, to: 5, capacity: 0 }] } },
  jobTypes: {
    request: { timeout: 1, calls: { service: 'api' }, circuitBreaker: { minimumCalls: 3, window: 2, openFor: 2 } },
    polite: { timeout: 1, calls: { service: 'api' }, adaptiveThrottling: { k: 2, window: 2 } },
  },
  producers: [
    { jobType: 'request', count: 160, arrival: { kind: 'poisson', rate: 20 } },
    { jobType: 'polite', count: 160, arrival: { kind: 'poisson', rate: 20 } },
  ],
  workers: { count: 2, concurrency: 8 },
  retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.2 }, jitter: 'none' },
  circuitBreaker: undefined,
  retryBudget: { kind: 'sre-10pct' },
};

describe('live refusal counts on PostgreSQL', { timeout: 120_000 }, () => {
  it('the summary counts each kind of refusal the attempts, events and dead letters show', async () => {
    const r = validateScenario(input);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const url = await cluster.createDatabase('refusals');
    const stores = pgLiveStores(url);
    const summary = await runLive(r.scenario, { store: stores.open, host: new NodeWorkerHost({ log: () => {} }), timeScale: 0.5, maxWallSeconds: 60 })
      .finally(() => stores.closeAll());
    expect(summary.status).toBe('completed');
    expect(summary.lost).toBe(0);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const byReason = async (sql: string): Promise<Record<string, number>> =>
        Object.fromEntries((await client.query<{ reason: string; n: string }>(sql, [summary.run_id])).rows.map((row) => [row.reason, Number(row.n)]));
      const events = await byReason(`SELECT reason, COUNT(*) AS n FROM events WHERE run_id = $1 AND reason IS NOT NULL GROUP BY reason`);
      // dead_jobs.reason is a sentence: "retry refused by the retry budget (attempt n of max)".
      const dead = await byReason(
        `SELECT split_part(reason, ' (', 1) AS reason, COUNT(*) AS n FROM dead_jobs WHERE run_id = $1 GROUP BY 1`,
      );
      // A refused call is an attempt whose error begins with the defence's fixed words
      // (a job's last attempt dies under its own event, so the events alone miss it).
      const refusedAttempts = await byReason(
        `SELECT CASE WHEN error LIKE '${BREAKER_REFUSAL} %' THEN 'circuit_open' ELSE 'throttled' END AS reason, COUNT(*) AS n
           FROM attempts WHERE run_id = $1 AND (error LIKE '${BREAKER_REFUSAL} %' OR error LIKE '${THROTTLE_REFUSAL} %') GROUP BY 1`,
      );
      const said = JSON.stringify({ refused: summary.downstream?.refused, events, dead, refusedAttempts });
      // The run played every defence: the counts compared below are not all zeros.
      expect(events.circuit_open ?? 0, said).toBeGreaterThan(0);
      expect(events.throttled ?? 0, said).toBeGreaterThan(0);
      expect(events.retry_budget ?? 0, said).toBeGreaterThan(0);
      expect(summary.downstream?.refused, said).toEqual({
        circuit_open: refusedAttempts.circuit_open ?? 0,
        throttled: refusedAttempts.throttled ?? 0,
        retry_budget: events.retry_budget ?? 0,
      });
      // Every refusal retried is in the log under its reason; a retry the budget
      // refused is a dead letter with that reason: the same counts from other tables.
      expect(summary.downstream!.refused.circuit_open, said).toBeGreaterThanOrEqual(events.circuit_open!);
      expect(summary.downstream!.refused.throttled, said).toBeGreaterThanOrEqual(events.throttled!);
      expect(summary.downstream!.refused.retry_budget, said).toBe(dead['retry refused by the retry budget'] ?? 0);
    } finally {
      await client.end();
    }
  });
});
