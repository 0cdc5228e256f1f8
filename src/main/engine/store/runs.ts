// Rows of the runs table. owner_pid is what lets openDatabase tell a run that
// is still going (its process is alive) from one a crash interrupted; num
// (1, 2, ...) is the run's share of the jobs.id space (job-id.ts).
import { runsTable, selectList } from '../../../shared/tables/index.ts';
import { StoreError, type DB } from './open-database.ts';
import type { NewRun, RunRecord, RunStatus } from './types.ts';

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
  // Columns aliased to the row's fields: a row read back is the record.
  const one = db.prepare<[string], RunRecord>(`SELECT ${selectList(runsTable)} FROM runs WHERE id = ?`);
  const all = db.prepare<[], RunRecord>(`SELECT ${selectList(runsTable)} FROM runs ORDER BY created_at DESC, id`);
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
    getRun: (id) => one.get(id),
    listRuns: () => all.all(),
  };
}
