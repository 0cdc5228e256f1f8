// Live mode's services are real (README.md "Services"): an HTTP server on
// 127.0.0.1 with its slots, called by worker processes with real timeouts.
// The metastable lesson must hold there too: after a short capacity drop a
// retry storm keeps goodput down (verdict metastable), and the same run with
// a circuit breaker recovers. The verdict is decided by the shared rule
// (src/shared/overload/verdict.ts) from the stored jobs.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLive } from '../../../../src/main/engine/live/run-live.ts';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import { NodeWorkerHost } from '../../../../src/main/workers/node-worker-host.ts';
import { decideVerdict, findTrigger } from '../../../../src/shared/overload/verdict.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../../src/shared/scenario/validate.ts';

const dir = mkdtempSync(join(tmpdir(), 'queue-lab-live-services-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * metastable-retry-storm's shape, smaller so that it runs in about 25 s of
 * wall time on a busy machine: 70% of a 40 calls/s service, 5 s at a quarter
 * of its slots from t=10 s, 1 s timeouts, 3 attempts; arrivals until t=40 s
 * (the verdict measures 0-10 s before and 25-40 s after).
 */
function storm(defence: Partial<ScenarioInput>): ScenarioInput {
  return {
    name: 'live metastable',
    seed: 13,
    services: { api: { concurrency: 4, serviceTime: { kind: 'exponential', mean: 0.1 }, windows: [{ from: 10, to: 15, capacity: 0.25 }] } },
    jobTypes: { request: { timeout: 1, calls: { service: 'api' } } },
    producers: [{ jobType: 'request', count: 1120, arrival: { kind: 'poisson', rate: 28 } }],
    workers: { count: 2, concurrency: 30 },
    retry: { maxAttempts: 3, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 10 }, jitter: 'full' },
    ...defence,
  } as ScenarioInput;
}

async function liveRun(name: string, input: ScenarioInput) {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const file = join(dir, `${name}.db`);
  const db = openDatabase(file);
  try {
    const summary = await runLive(r.scenario, { db, host: new NodeWorkerHost({ log: () => {} }), timeScale: 0.5, startLeadMs: 500, maxWallSeconds: 60 });
    const read = new Database(file, { readonly: true });
    const times = (sql: string) => Float64Array.from((read.prepare(sql).pluck().all(summary.run_id) as number[]).sort((a, b) => a - b));
    const verdict = decideVerdict(
      findTrigger(r.scenario),
      times(`SELECT finished_at FROM jobs WHERE run_id = ? AND state = 'succeeded'`),
      times(`SELECT enqueued_at FROM jobs WHERE run_id = ?`),
    );
    read.close();
    return { summary, verdict };
  } finally {
    db.close();
  }
}

describe('live services', { timeout: 120_000 }, () => {
  it('a retry storm keeps the service down after the trigger (metastable); a circuit breaker lets it recover', async () => {
    const bare = await liveRun('storm', storm({}));
    const guarded = await liveRun('breaker', storm({ circuitBreaker: {} }));
    const said = (r: typeof bare) => JSON.stringify({ verdict: r.verdict.note, before: r.verdict.goodput_before, after: r.verdict.goodput_after, downstream: r.summary.downstream });
    expect(bare.verdict.kind, said(bare)).toBe('metastable');
    // The summary's own verdict (the stored summary) says the same.
    expect(bare.summary.verdict?.kind).toBe('metastable');
    expect(guarded.summary.verdict?.kind).toBe('recovered');
    // Jobs still arrive at about 28/s after the trigger, and almost none succeed.
    expect(bare.verdict.goodput_after!, said(bare)).toBeLessThan(0.25 * bare.verdict.offered_after!);
    // The service did the work anyway: calls nobody waited for, and more calls than jobs.
    expect(bare.summary.downstream!.wasted, said(bare)).toBeGreaterThan(100);
    expect(bare.summary.downstream!.amplification, said(bare)).toBeGreaterThan(1.5);
    expect(guarded.verdict.kind, said(guarded)).toBe('recovered');
    expect(guarded.verdict.goodput_after!, said(guarded)).toBeGreaterThan(0.75 * guarded.verdict.offered_after!);
    expect(guarded.summary.downstream!.refused.circuit_open, said(guarded)).toBeGreaterThan(0);
  });
});
