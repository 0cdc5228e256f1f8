// Timing a command as a user types it: from spawn to exit, measured by the
// bench process around a synchronous spawn (Node start-up, module loading,
// opening the database, the run, the summary and the exit all count).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunSummary } from '../../src/shared/metrics/run-summary.ts';
import type { Scenario } from '../../src/shared/scenario/schema.ts';
import { BENCH_DIR } from './mm4.ts';

export const ROOT = join(BENCH_DIR, '..');
export const QUEUE_LAB = join(ROOT, 'bin', 'queue-lab.mjs');

export interface Timed<T> {
  /** Spawn to exit, seconds. */
  wall_s: number;
  stdout: string;
  result: T;
}

/** Runs `command args` to its end and times it; throws with its stderr when it fails. */
export function timeCommand<T>(command: string, args: readonly string[], parse: (stdout: string) => T): Timed<T> {
  const started = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall_s = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr.trim().split('\n').slice(-5).join(' / ')}`);
  return { wall_s, stdout: r.stdout, result: parse(r.stdout) };
}

/**
 * `queue-lab run SCENARIO.json --json --db FILE ...extra` on a fresh database
 * in a temp folder (deleted afterwards): the summary, the whole command's
 * time and the database's size.
 */
export function queueLabRun(scenario: Scenario, extra: readonly string[]): Timed<RunSummary> & { db_mb: number } {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-whole-'));
  try {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    const db = join(dir, 'lab.db');
    const timed = timeCommand(process.execPath, [QUEUE_LAB, 'run', file, '--json', '--db', db, ...extra], (out) => JSON.parse(out) as RunSummary);
    return { ...timed, db_mb: statSync(db).size / 2 ** 20 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
