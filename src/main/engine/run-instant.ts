// One instant run from start to summary: the run row, the simulation, the
// recorder, and the run row's final status. A failure mid-run rolls back the
// open chunk and marks the run failed; nothing half-written is left behind
// without a status that says so.
import { randomBytes } from 'node:crypto';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { HashOnlyRecorder } from './recorder/hash-only-recorder.ts';
import type { RunRecorder } from './recorder/run-recorder.ts';
import { SqliteRecorder } from './recorder/sqlite-recorder.ts';
import { Simulation } from './instant/simulation.ts';
import { instantSummary } from './summary/instant-summary.ts';
import type { DB } from './store/open-database.ts';

export interface InstantRunOptions {
  /** The lab database; without one nothing is stored (tests, quick what-ifs). */
  db?: DB;
  /** full: every job, attempt and event; none: only the run row and its summary. */
  store?: 'full' | 'none';
  runId?: string;
  onProgress?: (done: number, total: number, t: number) => void;
  /**
   * Who writes a stored run's rows: `thread`, a second thread beside the
   * simulation; `direct`, the simulation's own thread. Default: the thread
   * for a file database and runs of THREAD_FROM_JOBS jobs or more (starting
   * it costs tens of ms, more than a small run's writes).
   */
  writer?: 'thread' | 'direct';
}

const THREAD_FROM_JOBS = 20_000;

export function runInstant(scenario: Scenario, options: InstantRunOptions = {}): RunSummary {
  const started = performance.now();
  const store = options.store ?? 'full';
  const runId = options.runId ?? randomBytes(4).toString('hex');
  const db = options.db;
  let runNum = 0;
  if (db) {
    runNum = (
      db.prepare(
        `INSERT INTO runs (id, num, scenario, scenario_json, mode, seed, status, store_level, created_at, owner_pid)
         VALUES (?, (SELECT COALESCE(MAX(num), 0) + 1 FROM runs), ?, ?, 'instant', ?, 'running', ?, ?, ?) RETURNING num`,
      ).get(runId, scenario.name, JSON.stringify(scenario), scenario.seed, store, new Date().toISOString(), process.pid) as { num: number }
    ).num;
  }
  const jobs = scenario.producers.reduce((n, p) => n + p.count * (1 + p.then.length), 0);
  const thread = db !== undefined && !db.memory && (options.writer ?? (jobs >= THREAD_FROM_JOBS ? 'thread' : 'direct')) === 'thread';
  const recorder: RunRecorder = db && store === 'full' ? new SqliteRecorder(db, runId, runNum, { thread }) : new HashOnlyRecorder();
  try {
    const result = new Simulation(scenario, recorder, { onProgress: options.onProgress }).run();
    const summary = instantSummary(scenario, result, {
      runId,
      store,
      wallSeconds: (performance.now() - started) / 1000,
    });
    db?.prepare(`UPDATE runs SET status = 'completed', finished_at = ?, sim_time = ?, summary_json = ? WHERE id = ?`).run(
      new Date().toISOString(),
      summary.sim_duration_s,
      JSON.stringify(summary),
      runId,
    );
    return summary;
  } catch (error) {
    recorder.abort();
    db?.prepare(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`).run(
      new Date().toISOString(),
      (error as Error).message,
      runId,
    );
    throw error;
  }
}
