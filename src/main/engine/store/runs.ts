// Rows of the runs table. owner_pid is what lets openDatabase tell a run that
// is still going (its process is alive) from one a crash interrupted; num
// (1, 2, ...) is the run's share of the jobs.id space (job-id.ts).
import { StoreError, type DB } from './open-database.ts';
import type { NewRun, RunRecord, RunStatus } from './types.ts';

interface RunRow {
  id: string;
  num: number | null;
  scenario: string;
  scenario_json: string;
  mode: RunRecord['mode'];
  seed: number;
  status: RunStatus;
  store_level: RunRecord['storeLevel'];
  created_at: string;
  finished_at: string | null;
  sim_time: number;
  summary_json: string | null;
  error: string | null;
  owner_pid: number | null;
}

export interface Runs {
  createRun(run: NewRun): void;
  finishRun(id: string, status: Exclude<RunStatus, 'running'>, summary: unknown, simTime: number, error?: string | null, finishedAt?: string): void;
  getRun(id: string): RunRecord | undefined;
  listRuns(): RunRecord[];
}

export function prepareRuns(db: DB): Runs {
  const insert = db.prepare(
    `INSERT INTO runs (id, num, scenario, scenario_json, mode, seed, status, store_level, created_at, owner_pid)
     VALUES (?, (SELECT COALESCE(MAX(num), 0) + 1 FROM runs), ?, ?, ?, ?, 'running', ?, ?, ?)`,
  );
  const finish = db.prepare(
    `UPDATE runs SET status = ?, finished_at = ?, summary_json = ?, sim_time = ?, error = ? WHERE id = ?`,
  );
  const one = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?');
  const all = db.prepare<[], RunRow>('SELECT * FROM runs ORDER BY created_at DESC, id');
  return {
    createRun(run) {
      if (one.get(run.id)) throw new StoreError(`a run with id ${run.id} already exists`, 2);
      // One statement, so the number is read and taken under one write lock.
      insert.run(
        run.id, run.scenario, run.scenarioJson, run.mode, run.seed, run.storeLevel ?? 'full',
        run.createdAt ?? new Date().toISOString(), process.pid,
      );
    },
    finishRun(id, status, summary, simTime, error = null, finishedAt = new Date().toISOString()) {
      const summaryJson = summary === null || summary === undefined ? null : typeof summary === 'string' ? summary : JSON.stringify(summary);
      const changed = finish.run(status, finishedAt, summaryJson, simTime, error, id).changes;
      if (changed === 0) throw new StoreError(`no run with id ${id}`, 2);
    },
    getRun(id) {
      const row = one.get(id);
      return row && toRecord(row);
    },
    listRuns() {
      return all.all().map(toRecord);
    },
  };
}

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id, num: r.num, scenario: r.scenario, scenarioJson: r.scenario_json, mode: r.mode, seed: r.seed, status: r.status,
    storeLevel: r.store_level, createdAt: r.created_at, finishedAt: r.finished_at, simTime: r.sim_time,
    summaryJson: r.summary_json, error: r.error, ownerPid: r.owner_pid,
  };
}
