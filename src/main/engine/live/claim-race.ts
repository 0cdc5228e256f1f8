// The claim-race experiment: real throughput against the number of real
// worker processes, for each way of claiming a job. One live run per
// (strategy, worker count) drains the same short jobs at time scale 1, so
// scenario seconds are wall seconds; the point is the run's own throughput
// (succeeded jobs / the time from scenario 0, when every worker was ready
// and every job waiting, to the last event): worker start-up is not in it.
//
//   skipLocked  PostgreSQL, FOR UPDATE SKIP LOCKED: a worker passes over rows
//               another is taking, so workers claim side by side.
//   forUpdate   PostgreSQL, a plain FOR UPDATE: every worker waits on the row
//               at the head of the queue; they claim one after another.
//   sqlite      SQLite, BEGIN IMMEDIATE: one write lock for the whole file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClaimRacePoint } from '../../../shared/report/charts/claim-race-chart.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { validateScenario } from '../../../shared/scenario/validate.ts';
import type { WorkerHost } from '../../workers/worker-host.ts';
import { openDatabase, StoreError } from '../store/open-database.ts';
import { runLive } from './run-live.ts';

export type RaceStrategy = 'skipLocked' | 'forUpdate' | 'sqlite';
export const RACE_STRATEGIES: readonly RaceStrategy[] = ['skipLocked', 'forUpdate', 'sqlite'];

export interface ClaimRaceOptions {
  strategies: readonly RaceStrategy[];
  workers: readonly number[];
  jobs: number;
  /** Each job's work, wall milliseconds (short, so the claim is what is measured). */
  jobMs: number;
  /** The PostgreSQL server for skipLocked and forUpdate. */
  postgresUrl?: string;
  host: WorkerHost;
  /** Called after each point, for a progress line. */
  onPoint?: (point: ClaimRacePoint & { runId: string }) => void;
}

export interface ClaimRaceResult {
  points: (ClaimRacePoint & { runId: string })[];
  jobs: number;
  jobMs: number;
}

export function raceScenario(strategy: RaceStrategy, workers: number, jobs: number, jobMs: number): Scenario {
  const r = validateScenario({
    name: `claim-race ${strategy} x${workers}`,
    seed: 1,
    jobTypes: { work: { duration: { kind: 'constant', value: jobMs / 1000 } } },
    producers: [{ count: jobs, arrival: { kind: 'all-at-once' } }],
    workers: { count: workers },
    // A generous lease: a worker queued behind a lock must not lose its job and skew the count.
    visibilityTimeout: 60,
  });
  if (!r.ok) throw new Error(`claim-race scenario: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

export async function runClaimRace(o: ClaimRaceOptions): Promise<ClaimRaceResult> {
  if (o.strategies.some((s) => s !== 'sqlite') && !o.postgresUrl) {
    throw new StoreError('claim-race: skipLocked and forUpdate run on PostgreSQL: give --db postgres://user@host:port/dbname (or --strategies sqlite)', 2);
  }
  const points: ClaimRaceResult['points'] = [];
  const dir = o.strategies.includes('sqlite') ? mkdtempSync(join(tmpdir(), 'queue-lab-claim-race-')) : null;
  try {
    for (const strategy of o.strategies) {
      for (const workers of o.workers) {
        const scenario = raceScenario(strategy, workers, o.jobs, o.jobMs);
        const summary = strategy === 'sqlite' ? await onSqlite(scenario, dir!, o.host) : await onPostgres(scenario, strategy, o.postgresUrl!, o.host);
        if (summary.jobs.succeeded !== o.jobs) throw new Error(`claim-race ${strategy} x${workers}: ${summary.jobs.succeeded} of ${o.jobs} jobs succeeded (run ${summary.run_id})`);
        const point = { strategy, workers, jobsPerSecond: summary.throughput_per_s, runId: summary.run_id };
        points.push(point);
        o.onPoint?.(point);
      }
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return { points, jobs: o.jobs, jobMs: o.jobMs };
}

async function onSqlite(scenario: Scenario, dir: string, host: WorkerHost) {
  const db = openDatabase(join(dir, 'race.db'));
  try {
    return await runLive(scenario, { db, host, timeScale: 1, maxWallSeconds: 600 });
  } finally {
    db.close();
  }
}

async function onPostgres(scenario: Scenario, strategy: 'skipLocked' | 'forUpdate', url: string, host: WorkerHost) {
  const { pgLiveStores } = await import('./pg-live-store.ts');
  const stores = pgLiveStores(url);
  try {
    return await runLive(scenario, { store: stores.open, host, timeScale: 1, maxWallSeconds: 600, claimStrategy: strategy });
  } finally {
    await stores.closeAll();
  }
}
