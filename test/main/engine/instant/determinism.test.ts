// Instant mode is deterministic: the same scenario and seed give a
// byte-identical event log (docs/architecture.md "Two run modes"), whether or not it is stored.
import { afterEach, describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import type { DB } from '../../../../src/main/engine/store/open-database.ts';
import { eventLogSha256, type EventRow } from '../../../../src/main/engine/recorder/event-log-hash.ts';
import { eventLine } from '../../../../src/shared/events.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { cleanup, scenario, tempDb } from './run-helpers.ts';

afterEach(cleanup);

/** Failures, retries with full jitter, a timed crash, random crashes, a hang, an outage, chains, batches, idempotency. */
const chaos: ScenarioInput = {
  name: 'determinism chaos',
  seed: 1234,
  queues: [
    { name: 'high', priority: 1 },
    { name: 'low', priority: 10 },
  ],
  jobTypes: {
    api: { duration: { kind: 'exponential', mean: 0.4 }, failureRate: 0.2, timeout: 2 },
    mail: { duration: { kind: 'uniform', min: 0.1, max: 0.6 }, failureRate: 0.05 },
  },
  producers: [
    { queue: 'high', jobType: 'api', count: 600, arrival: { kind: 'poisson', rate: 6 }, then: ['mail'] },
    { queue: 'low', jobType: 'mail', count: 400, arrival: { kind: 'burst', size: 20, every: 5 }, batch: { size: 10 } },
    { queue: 'low', jobType: 'api', count: 200, arrival: { kind: 'poisson', rate: 2 }, duplicateRate: 0.1, delay: 1.5 },
  ],
  workers: { count: 5, concurrency: 2, restartDelay: 0.5 },
  retry: { maxAttempts: 4, backoff: { kind: 'exponential', initial: 0.5, factor: 2, max: 8 }, jitter: 'full' },
  visibilityTimeout: 10,
  heartbeatInterval: 2,
  faults: [
    { kind: 'workerCrash', at: 12.3, worker: 2 },
    { kind: 'workerCrash', rate: 0.01 },
    { kind: 'workerHang', at: 30, worker: 4, duration: 15 },
    { kind: 'outage', jobType: 'api', from: 20, to: 35 },
    { kind: 'slowJobs', jobType: 'mail', fraction: 0.05, factor: 4 },
  ],
};

function withSeed(input: ScenarioInput, seed: number): ScenarioInput {
  return { ...input, seed };
}

type Row = EventRow;

interface Exported {
  text: string;
  count: number;
  rows: Row[];
}

/** The events table of one run, as the canonical lines that event_log_sha256 hashes. */
function exportEvents(db: DB, runId: string): Exported {
  const rows = db
    .prepare('SELECT seq, t, job, kind, from_state, to_state, worker, detail FROM events WHERE run_id = ? ORDER BY seq')
    .all(runId) as Row[];
  let text = '';
  for (const r of rows) {
    text += eventLine({ seq: r.seq, t: r.t, job: r.job, kind: r.kind, from: r.from_state, to: r.to_state, worker: r.worker, detail: r.detail });
  }
  return { text, count: rows.length, rows };
}

/** The summary without the fields that legitimately differ between two runs of one scenario. */
function comparable(s: RunSummary): Omit<RunSummary, 'run_id' | 'wall_s' | 'store'> {
  const { run_id: _r, wall_s: _w, store: _s, ...rest } = s;
  return rest;
}

describe('instant runs are deterministic', () => {
  it('the chaos scenario really exercises the faults it claims to', () => {
    const { db } = tempDb();
    const s = runInstant(scenario(chaos), { db });
    expect(s.status).toBe('completed');
    expect(s.attempts.by_outcome.failed).toBeGreaterThan(0);
    expect(s.attempts.by_outcome.crashed).toBeGreaterThan(0);
    expect(s.attempts.by_outcome.lost).toBeGreaterThan(0);
    expect(s.jobs.deduplicated).toBeGreaterThan(0);
    const kinds = new Set((db.prepare('SELECT DISTINCT kind FROM events WHERE run_id = ?').all(s.run_id) as { kind: string }[]).map((r) => r.kind));
    for (const k of ['worker_crashed', 'worker_hung', 'recovered', 'fault_started', 'fault_ended', 'failed', 'due', 'deduplicated']) {
      expect(kinds, k).toContain(k);
    }
    expect([...kinds].some((k) => k === 'batch_then' || k === 'batch_catch')).toBe(true);
    // Full jitter drew different delays: the formulas are not all alike.
    const formulas = db.prepare('SELECT DISTINCT backoff_formula FROM attempts WHERE run_id = ? AND backoff_formula IS NOT NULL').all(s.run_id);
    expect(formulas.length).toBeGreaterThan(10);
  });

  it('same scenario and seed twice: identical hash and byte-identical events in two databases', () => {
    const a = tempDb();
    const b = tempDb();
    const sa = runInstant(scenario(chaos), { db: a.db });
    const sb = runInstant(scenario(chaos), { db: b.db });
    expect(sa.event_log_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sb.event_log_sha256).toBe(sa.event_log_sha256);
    const ea = exportEvents(a.db, sa.run_id);
    const eb = exportEvents(b.db, sb.run_id);
    expect(ea.count).toBeGreaterThan(1000);
    expect(eb.text === ea.text).toBe(true);
    expect(comparable(sb)).toEqual(comparable(sa));
  });

  it('two runs of one scenario in the same database are identical too (no state leaks between runs)', () => {
    const { db } = tempDb();
    const s1 = runInstant(scenario(chaos), { db });
    const s2 = runInstant(scenario(chaos), { db });
    expect(s2.run_id).not.toBe(s1.run_id);
    expect(s2.event_log_sha256).toBe(s1.event_log_sha256);
    expect(exportEvents(db, s2.run_id).text === exportEvents(db, s1.run_id).text).toBe(true);
  });

  it('running a scenario does not mutate it, so it can be run again', () => {
    const sc = scenario(chaos);
    const before = JSON.stringify(sc);
    const s1 = runInstant(sc, { store: 'none' });
    expect(JSON.stringify(sc)).toBe(before);
    const s2 = runInstant(sc, { store: 'none' });
    expect(s2.event_log_sha256).toBe(s1.event_log_sha256);
  });

  it('a different seed gives a different event log', () => {
    const s1 = runInstant(scenario(chaos), { store: 'none' });
    const s2 = runInstant(scenario(withSeed(chaos, 1235)), { store: 'none' });
    expect(s2.event_log_sha256).not.toBe(s1.event_log_sha256);
  });

  it('store none and store full give the same hash and the same summary', () => {
    const { db } = tempDb();
    const full = runInstant(scenario(chaos), { db, store: 'full' });
    const noneWithDb = runInstant(scenario(chaos), { db, store: 'none' });
    const noneNoDb = runInstant(scenario(chaos));
    expect(full.store).toBe('full');
    expect(noneWithDb.store).toBe('none');
    expect(noneWithDb.event_log_sha256).toBe(full.event_log_sha256);
    expect(noneNoDb.event_log_sha256).toBe(full.event_log_sha256);
    expect(comparable(noneWithDb)).toEqual(comparable(full));
    expect(comparable(noneNoDb)).toEqual(comparable(full));
    // store none writes the run row and its summary, and nothing else.
    expect(db.prepare('SELECT COUNT(*) AS n FROM events WHERE run_id = ?').get(noneWithDb.run_id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM jobs WHERE run_id = ?').get(noneWithDb.run_id)).toEqual({ n: 0 });
    const row = db.prepare('SELECT status, store_level, summary_json FROM runs WHERE id = ?').get(noneWithDb.run_id) as {
      status: string; store_level: string; summary_json: string;
    };
    expect(row.status).toBe('completed');
    expect(row.store_level).toBe('none');
    expect(JSON.parse(row.summary_json)).toEqual(noneWithDb);
  });

  it('event_log_sha256 is the sha256 of the stored events (canonical encoding, seq order)', () => {
    const { db } = tempDb();
    const s = runInstant(scenario(chaos), { db });
    const exported = exportEvents(db, s.run_id);
    expect(exported.count).toBe(s.events);
    expect(eventLogSha256(exported.rows)).toBe(s.event_log_sha256);
    // A changed row, a dropped row or a swapped pair would not hash the same.
    const tampered = exported.rows.map((r, i) => (i === 5 ? { ...r, t: r.t + 1e-9 } : r));
    expect(eventLogSha256(tampered)).not.toBe(s.event_log_sha256);
    expect(eventLogSha256(exported.rows.slice(0, -1))).not.toBe(s.event_log_sha256);
    const swapped = [...exported.rows];
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    expect(eventLogSha256(swapped)).not.toBe(s.event_log_sha256);
    // seq runs 1..n without a gap.
    const seqs = db.prepare('SELECT MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS n FROM events WHERE run_id = ?').get(s.run_id);
    expect(seqs).toEqual({ lo: 1, hi: s.events, n: s.events });
  });

  it('the hash covers every field: changing a tiny thing in the scenario changes it', () => {
    const base = runInstant(scenario(chaos), { store: 'none' }).event_log_sha256;
    const slower = runInstant(scenario({ ...chaos, faults: [...(chaos.faults ?? []), { kind: 'outage', jobType: 'mail', from: 50, to: 50.5, error: 'x' }] }), { store: 'none' });
    expect(slower.event_log_sha256).not.toBe(base);
  });

  it('events never go back in time', () => {
    const { db } = tempDb();
    const s = runInstant(scenario(chaos), { db });
    const ts = (db.prepare('SELECT t FROM events WHERE run_id = ? ORDER BY seq').all(s.run_id) as { t: number }[]).map((r) => r.t);
    const back = ts.findIndex((t, i) => i > 0 && t < ts[i - 1]!);
    expect(back, `event ${back + 1} at t=${ts[back]} after t=${ts[back - 1]}`).toBe(-1);
  });
});
