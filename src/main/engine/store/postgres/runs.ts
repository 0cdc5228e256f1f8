// Rows of the runs table (see ../runs.ts). Columns are aliased to RunRecord's
// field names, so a row read back is the record, shaped as SQLite's store gives it.
// owner_pid is the host's pid on its own machine: on a shared server it
// cannot tell whether that process lives, so runs are not marked
// interrupted at open as the SQLite store does.
import type { NewRun, RunRecord, RunStatus } from '../types.ts';
import { statement, StoreError, type PgDatabase } from './pg-database.ts';

const RECORD = `id, num, scenario, scenario_json AS "scenarioJson", mode, seed, status, store_level AS "storeLevel",
                created_at AS "createdAt", finished_at AS "finishedAt", sim_time AS "simTime", summary_json AS "summaryJson",
                error, owner_pid AS "ownerPid"`;
// Runs created at once on two machines must not share a number: one at a time.
const LOCK = statement('runs_lock', 'SELECT pg_advisory_xact_lock(81, 0) AS locked');
const INSERT = statement(
  'runs_insert',
  `INSERT INTO runs (id, num, scenario, scenario_json, mode, seed, status, store_level, created_at, owner_pid)
   SELECT $1, COALESCE(MAX(num), 0) + 1, $2, $3, $4, $5, 'running', $6, $7, $8 FROM runs`,
);
const FINISH = statement(
  'runs_finish',
  'UPDATE runs SET status = $1, finished_at = $2, summary_json = $3, sim_time = $4, error = $5 WHERE id = $6',
);
const ONE = statement('runs_one', `SELECT ${RECORD} FROM runs WHERE id = $1`);
const ALL = statement('runs_all', `SELECT ${RECORD} FROM runs ORDER BY created_at DESC, id`);

export async function createRun(db: PgDatabase, run: NewRun): Promise<void> {
  await db.transaction(run.id, async (tx) => {
    await tx.q(LOCK, []);
    if ((await tx.q(ONE, [run.id])).length > 0) throw new StoreError(`a run with id ${run.id} already exists`, 2);
    await tx.q(INSERT, [
      run.id, run.scenario, run.scenarioJson, run.mode, run.seed, run.storeLevel ?? 'full',
      run.createdAt ?? new Date().toISOString(), process.pid,
    ]);
  });
}

export async function finishRun(
  db: PgDatabase, id: string, status: Exclude<RunStatus, 'running'>, summary: unknown, simTime: number, error: string | null = null,
): Promise<void> {
  const summaryJson = summary === null || summary === undefined ? null : typeof summary === 'string' ? summary : JSON.stringify(summary);
  const changed = await db.run(FINISH, [status, new Date().toISOString(), summaryJson, simTime, error, id]);
  if (changed === 0) throw new StoreError(`no run with id ${id}`, 2);
}

export async function getRun(db: PgDatabase, id: string): Promise<RunRecord | undefined> {
  return (await db.q<RunRecord>(ONE, [id]))[0];
}

export async function listRuns(db: PgDatabase): Promise<RunRecord[]> {
  return db.q<RunRecord>(ALL, []);
}
