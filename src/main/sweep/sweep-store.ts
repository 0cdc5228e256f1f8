// Sweeps kept in the lab database, so the lab can list them, show their
// grid and open any cell's run later. A sweep's runs are ordinary runs (the
// runs table); `sweeps` holds what was varied and how far it got, and
// `sweep_runs` which run is which cell.
//
// The tables are created on first use (IF NOT EXISTS) instead of by a
// numbered migration: sweeps are an extra of the lab, not part of the queue's
// schema, and a file without them stays readable by any Queue Lab.
import { isAlive, type DB } from '../engine/store/open-database.ts';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import type { SweepDetail, SweepInfo, SweepRun, SweepValue, SweepVary } from '../../shared/sweep/sweep-shapes.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sweeps (
    id            TEXT PRIMARY KEY,
    scenario      TEXT NOT NULL,               -- scenario name
    scenario_json TEXT NOT NULL,               -- the resolved base scenario
    vary_json     TEXT NOT NULL,               -- [{ path, values }], the grid's axes in order
    seeds         INTEGER NOT NULL,            -- runs per combination
    total         INTEGER NOT NULL,            -- runs planned
    status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
    created_at    TEXT NOT NULL,
    finished_at   TEXT,
    error         TEXT,
    owner_pid     INTEGER                      -- process running it; a dead owner means interrupted
  );
  CREATE TABLE IF NOT EXISTS sweep_runs (
    sweep_id    TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
    task        INTEGER NOT NULL,              -- position in the plan: combination-major, then seed
    combination INTEGER NOT NULL,
    seed        INTEGER NOT NULL,
    values_json TEXT NOT NULL,                 -- { path: value } of this run
    run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    PRIMARY KEY (sweep_id, task)
  );`;

interface SweepRow {
  id: string;
  scenario: string;
  vary_json: string;
  seeds: number;
  total: number;
  status: SweepInfo['status'];
  created_at: string;
  finished_at: string | null;
  error: string | null;
  owner_pid: number | null;
  done: number;
}

export interface NewSweep {
  id: string;
  scenario: string;
  scenarioJson: string;
  vary: readonly SweepVary[];
  seeds: number;
  total: number;
}

export interface SweepStore {
  create(sweep: NewSweep): void;
  addRun(sweepId: string, run: { task: number; combination: number; seed: number; values: Record<string, SweepValue>; runId: string }): void;
  finish(sweepId: string, status: 'completed' | 'failed' | 'interrupted', error?: string | null): void;
  list(): SweepInfo[];
  get(sweepId: string): SweepDetail | undefined;
}

export function prepareSweepStore(db: DB): SweepStore {
  db.exec(SCHEMA);
  const withDone = `SELECT s.*, (SELECT COUNT(*) FROM sweep_runs r WHERE r.sweep_id = s.id) AS done FROM sweeps s`;
  const insert = db.prepare(
    `INSERT INTO sweeps (id, scenario, scenario_json, vary_json, seeds, total, status, created_at, owner_pid)
     VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
  );
  const insertRun = db.prepare(`INSERT INTO sweep_runs (sweep_id, task, combination, seed, values_json, run_id) VALUES (?, ?, ?, ?, ?, ?)`);
  const finish = db.prepare(`UPDATE sweeps SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = 'running'`);
  const all = db.prepare<[], SweepRow>(`${withDone} ORDER BY s.created_at DESC, s.id`);
  const one = db.prepare<[string], SweepRow>(`${withDone} WHERE s.id = ?`);
  const runsOf = db.prepare<[string], { task: number; combination: number; seed: number; values_json: string; run_id: string; summary_json: string | null }>(
    `SELECT r.task, r.combination, r.seed, r.values_json, r.run_id, runs.summary_json
       FROM sweep_runs r JOIN runs ON runs.id = r.run_id WHERE r.sweep_id = ? ORDER BY r.task`,
  );
  const info = (row: SweepRow): SweepInfo => ({
    id: row.id,
    scenario: row.scenario,
    vary: JSON.parse(row.vary_json) as SweepVary[],
    seeds: row.seeds,
    // A sweep left running by a process that is gone was interrupted (a crash, a closed lab).
    status: row.status === 'running' && row.owner_pid !== null && !isAlive(row.owner_pid) ? 'interrupted' : row.status,
    total: row.total,
    done: row.done,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
  });
  return {
    create(s) {
      insert.run(s.id, s.scenario, s.scenarioJson, JSON.stringify(s.vary), s.seeds, s.total, new Date().toISOString(), process.pid);
    },
    addRun(sweepId, r) {
      insertRun.run(sweepId, r.task, r.combination, r.seed, JSON.stringify(r.values), r.runId);
    },
    finish(sweepId, status, error = null) {
      finish.run(status, new Date().toISOString(), error, sweepId);
    },
    list: () => all.all().map(info),
    get(sweepId) {
      const row = one.get(sweepId);
      if (!row) return undefined;
      const runs: SweepRun[] = [];
      for (const r of runsOf.all(sweepId)) {
        // A run stored without a summary (it failed) has nothing to show in a cell.
        if (r.summary_json === null) continue;
        runs.push({
          task: r.task,
          combination: r.combination,
          seed: r.seed,
          values: JSON.parse(r.values_json) as Record<string, SweepValue>,
          runId: r.run_id,
          summary: JSON.parse(r.summary_json) as RunSummary,
        });
      }
      return { ...info(row), runs };
    },
  };
}
