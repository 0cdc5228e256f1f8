// Shared by the bench scripts: the M/M/4 model file, one timed instant run,
// and the small formatting helpers. Nothing here is part of the app.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runInstant } from '../../src/main/engine/run-instant.ts';
import { openDatabase } from '../../src/main/engine/store/open-database.ts';
import { scenarioSchema, type Scenario } from '../../src/shared/scenario/schema.ts';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MODEL_FILE = join(BENCH_DIR, 'models', 'mm4.yaml');

/** The model's parameters, read back from the scenario so that the theory line uses what was simulated. */
export interface MmcParams {
  c: number;
  lambda: number;
  mu: number;
}

/** bench/models/mm4.yaml with the job count (and optionally the seed) overridden. */
export function loadModel(jobs: number, seed?: number): Scenario {
  const raw = parse(readFileSync(MODEL_FILE, 'utf8')) as Record<string, unknown> & { producers: Record<string, unknown>[] };
  const producers = raw.producers.map((p, i) => (i === 0 ? { ...p, count: jobs } : p));
  return scenarioSchema.parse({ ...raw, producers, ...(seed === undefined ? {} : { seed }) });
}

export function modelParams(scenario: Scenario): MmcParams {
  const producer = scenario.producers[0]!;
  const type = scenario.jobTypes[producer.jobType ?? 'work']!;
  if (producer.arrival.kind !== 'poisson' || type.duration.kind !== 'exponential') {
    throw new Error(`${MODEL_FILE} is no longer an M/M/c model`);
  }
  return { c: scenario.workers.count * scenario.workers.concurrency, lambda: producer.arrival.rate, mu: 1 / type.duration.mean };
}

export interface TimedRun {
  /** Wall-clock seconds of the runInstant call (DB open/close excluded). */
  wall_s: number;
  events: number;
  jobs: number;
  wait_mean: number;
  event_log_sha256: string;
  /** Size of the database file after the run (full only), in MB. */
  db_mb?: number;
}

/** One instant run; `full` writes into a fresh database file in os.tmpdir() that is deleted afterwards. */
export function timedRun(scenario: Scenario, store: 'full' | 'none'): TimedRun {
  const file = store === 'full' ? join(tmpdir(), `queue-lab-bench-${process.pid}-${Date.now()}.db`) : null;
  const db = file ? openDatabase(file) : undefined;
  try {
    const started = performance.now();
    const summary = runInstant(scenario, { db, store });
    const wall_s = (performance.now() - started) / 1000;
    let db_mb: number | undefined;
    if (db && file) {
      db.close();
      db_mb = statSync(file).size / 2 ** 20;
    }
    return {
      wall_s,
      events: summary.events,
      jobs: summary.jobs.total,
      wait_mean: summary.latency_s.wait_mean,
      event_log_sha256: summary.event_log_sha256,
      ...(db_mb === undefined ? {} : { db_mb }),
    };
  } finally {
    if (db?.open) db.close();
    if (file) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** `--name value` from argv, or the fallback. */
export function arg(argv: readonly string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** A job count: 200000, 200k, 1m, 1e6. */
export function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`not a job count: ${text}`);
  const n = Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2]!.toLowerCase()] ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a job count: ${text}`);
  return n;
}
