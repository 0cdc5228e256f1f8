// Live runs are summarised from the database; instant runs from the
// simulator's memory. On a stored instant run the two must agree, which
// proves the database-side summary before live mode relies on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import { storedSummary } from '../../../../src/main/engine/summary/stored-summary.ts';
import { sqliteRunReads } from '../../../../src/main/engine/store/reads/sqlite-run-reads.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function scenario(input: ScenarioInput) {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

describe('storedSummary', () => {
  it('matches the instant summary of the same stored run', async () => {
    await expectSameSummary(scenario({
      seed: 5,
      jobTypes: { work: { duration: { kind: 'exponential', mean: 0.5 }, failureRate: 0.3, timeout: 2 } },
      producers: [{ count: 3000, arrival: { kind: 'poisson', rate: 5 }, duplicateRate: 0.05 }],
      workers: { count: 3 },
      retry: { maxAttempts: 3, jitter: 'full' },
      faults: [{ kind: 'workerCrash', at: 50, worker: 2 }, { kind: 'outage', jobType: 'work', from: 100, to: 150 }],
    }), 'recovered');
  });

  it('matches it with several producers, two queues, chains, batches, poison and a hung worker', async () => {
    await expectSameSummary(scenario({
      seed: 12,
      queues: [{ name: 'high', priority: 1 }, { name: 'low', priority: 10 }],
      jobTypes: {
        a: { duration: { kind: 'exponential', mean: 0.4 }, failureRate: 0.2 },
        b: { duration: { kind: 'uniform', min: 0.1, max: 0.6 }, timeout: 0.5 },
      },
      producers: [
        { queue: 'high', jobType: 'a', count: 600, arrival: { kind: 'poisson', rate: 4 }, then: ['b'] },
        { queue: 'low', jobType: 'b', count: 400, arrival: { kind: 'burst', size: 20, every: 8 }, batch: { size: 10 } },
      ],
      workers: { count: 4 },
      visibilityTimeout: 5,
      faults: [{ kind: 'poison', jobType: 'a', fraction: 0.05 }, { kind: 'workerHang', at: 30, worker: 2, duration: 20 }],
    }));
  });
});

/** One stored instant run, summarised from the simulator's memory and from the database: the same numbers. */
async function expectSameSummary(s: ReturnType<typeof scenario>, verdict: 'recovered' | 'none' = 'none'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-summary-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'lab.db'));
    const instant = runInstant(s, { db, store: 'full' });
  const stored = await storedSummary(sqliteRunReads(db), s, { runId: instant.run_id, mode: 'instant', wallSeconds: 0, status: 'completed' });
  db.close();
  expect(instant.jobs.dead).toBeGreaterThan(0);
  expect(stored.jobs).toEqual(instant.jobs);
  expect(stored.attempts).toEqual(instant.attempts);
  expect(stored.event_log_sha256).toBe(instant.event_log_sha256);
  expect(stored.events).toBe(instant.events);
  expect(stored.duplicates).toBe(instant.duplicates);
  expect(stored.lost).toBe(instant.lost);
  expect(stored.sim_duration_s).toBeCloseTo(instant.sim_duration_s, 9);
  for (const key of Object.keys(instant.latency_s) as (keyof typeof instant.latency_s)[]) {
    expect(stored.latency_s[key], key).toBeCloseTo(instant.latency_s[key], 9);
  }
  expect(stored.stats.mean_processing_s).toBeCloseTo(instant.stats.mean_processing_s, 6);
  expect(stored.littles_law.L).toBeCloseTo(instant.littles_law.L, 6);
  // The verdict comes from the same arrival and success times either way.
  expect(instant.verdict!.kind).toBe(verdict);
  expect(stored.verdict).toEqual(instant.verdict);
}
