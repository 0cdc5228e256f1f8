// queue-lab resume RUN_ID: finish a live run whose host process died. Jobs
// already done stay done; jobs the dead workers held come back when their
// leases expire; the producer goes on from its last arrival. On PostgreSQL
// (--db postgres://...) a run stopped by Ctrl-C or from the UI is
// interrupted and resumes the same way; a run whose host machine died stays
// `running` there (the server cannot tell whether a pid on another machine
// lives), and is refused as still running.
import { runLive } from '../../engine/live/run-live.ts';
import { explain, openDatabase } from '../../engine/store/open-database.ts';
import { defaultDbPath } from '../../paths/default-db-path.ts';
import { dbTarget, openRunReads, targetLabel, type DbTarget } from '../../engine/store/open-store.ts';
import type { RunRecord } from '../../engine/store/types.ts';
import { scenarioSchema } from '../../../shared/scenario/schema.ts';
import { NodeWorkerHost } from '../../workers/node-worker-host.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { formatSummary } from '../format-summary.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { ProgressBar } from '../progress-bar.ts';
import { RESUME_USAGE } from '../usage.ts';

export async function resumeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    'time-scale': { type: 'string', default: '0.05' },
    json: { type: 'boolean', default: false },
  }, RESUME_USAGE);
  if (positionals.length !== 1) throw new UsageError(`resume takes one run id\n\n${RESUME_USAGE}`);
  const timeScale = Number(values['time-scale']);
  if (!Number.isFinite(timeScale) || timeScale <= 0 || timeScale > 100) throw new UsageError(`--time-scale: expected a number > 0 and <= 100, got "${values['time-scale']}"`);
  const runId = positionals[0]!;
  const target = dbTarget(values.db ?? defaultDbPath());
  if (target.kind === 'postgres') return resumeOnPostgres(runId, target, { timeScale, json: values.json }, io);
  const dbPath = values.db ?? defaultDbPath();
  const db = openDatabase(dbPath);
  const bar = new ProgressBar();
  try {
    const run = db.prepare<[string], { mode: string; status: string; scenario_json: string; owner_pid: number | null }>(
      'SELECT mode, status, scenario_json, owner_pid FROM runs WHERE id = ?',
    ).get(runId);
    if (!run) throw new UsageError(`no run ${runId} in ${dbPath}`);
    if (run.mode !== 'live') throw new UsageError(`run ${runId} is an instant run; instant runs are deterministic: run the scenario again`);
    if (run.status === 'running') throw new UsageError(`run ${runId} is still running (process ${run.owner_pid})`);
    if (run.status !== 'interrupted') throw new UsageError(`run ${runId} is ${run.status}; only an interrupted run can be resumed`);
    const scenario = scenarioSchema.parse(JSON.parse(run.scenario_json));
    const summary = await runLive(scenario, {
      db,
      host: new NodeWorkerHost(),
      timeScale,
      runId,
      resume: true,
      onProgress: (done, total, t) => bar.update(done, total, `${done}/${total} jobs, t = ${t.toFixed(1)} s`),
    });
    bar.done();
    io.out(values.json ? JSON.stringify(summary) : formatSummary(summary) + `  database  ${dbPath}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw explain(error, dbPath);
  } finally {
    bar.done();
    db.close();
  }
}

/** The run resume may continue: a live run, interrupted. */
function checkResumable(run: RunRecord | undefined, runId: string, where: string): RunRecord {
  if (!run) throw new UsageError(`no run ${runId} in ${where}`);
  if (run.mode !== 'live') throw new UsageError(`run ${runId} is an instant run; instant runs are deterministic: run the scenario again`);
  if (run.status === 'running') throw new UsageError(`run ${runId} is still running (host process ${run.ownerPid}); stop it there first (Ctrl-C, or Stop in the lab)`);
  if (run.status !== 'interrupted') throw new UsageError(`run ${runId} is ${run.status}; only an interrupted run can be resumed`);
  return run;
}

async function resumeOnPostgres(runId: string, target: Extract<DbTarget, { kind: 'postgres' }>, o: { timeScale: number; json: boolean }, io: CliIo): Promise<number> {
  const { openLiveStore } = await import('../../engine/live/open-live-store.ts');
  const label = targetLabel(target);
  const reads = await openRunReads(target, true); // one line for a refused connection, wrong credentials, no schema
  let run: RunRecord;
  try {
    run = checkResumable(await reads.reads.getRun(runId), runId, label);
  } finally {
    await reads.close();
  }
  const opened: { close(): Promise<void> | void }[] = [];
  const bar = new ProgressBar();
  try {
    const summary = await runLive(scenarioSchema.parse(JSON.parse(run.scenarioJson)), {
      store: async (id) => {
        const store = await openLiveStore(target.url, id);
        opened.push(store);
        return store;
      },
      host: new NodeWorkerHost(),
      timeScale: o.timeScale,
      runId,
      resume: true,
      onProgress: (done, total, t) => bar.update(done, total, `${done}/${total} jobs, t = ${t.toFixed(1)} s`),
    });
    bar.done();
    io.out(o.json ? JSON.stringify(summary) : formatSummary(summary) + `  database  ${label}\n`);
    return EXIT.ok;
  } finally {
    bar.done();
    for (const store of opened) await store.close();
  }
}
