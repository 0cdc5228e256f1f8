// queue-lab resume RUN_ID: finish a live run whose host process died. Jobs
// already done stay done; jobs the dead workers held come back when their
// leases expire; the producer goes on from its last arrival. On PostgreSQL
// (--db postgres://...) a run stopped by Ctrl-C or from the UI is
// interrupted and resumes the same way; a run whose host machine died stays
// `running` there (the server cannot tell whether a pid on another machine
// lives), and is refused as still running.
import { runLive, type LiveRunOptions } from '../../engine/live/run-live.ts';
import { explain, openDatabase } from '../../engine/store/open-database.ts';
import { defaultDbPath } from '../../paths/default-db-path.ts';
import { dbTarget, openRunReads, targetLabel, type DbTarget } from '../../engine/store/open-store.ts';
import type { Awaitable, RunRecord } from '../../engine/store/types.ts';
import { prepareRuns } from '../../engine/store/runs.ts';
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
  const label = targetLabel(target);
  const opened = target.kind === 'postgres' ? await openOnPostgres(target) : openOnFile(target.file);
  const bar = new ProgressBar();
  try {
    const run = checkResumable(await opened.getRun(runId), runId, label);
    const summary = await runLive(scenarioSchema.parse(JSON.parse(run.scenarioJson)), {
      ...opened.options,
      host: new NodeWorkerHost(),
      timeScale,
      runId,
      resume: true,
      onProgress: (done, total, t) => bar.update(done, total, `${done}/${total} jobs, t = ${t.toFixed(1)} s`),
    });
    bar.done();
    io.out(values.json ? JSON.stringify(summary) : formatSummary(summary) + `  database  ${label}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || target.kind === 'postgres') throw error;
    throw explain(error, target.file);
  } finally {
    bar.done();
    await opened.close();
  }
}

/** Where the run is read and resumed: its run row, and the store runLive takes. */
interface ResumeStore {
  getRun(runId: string): Awaitable<RunRecord | undefined>;
  options: Pick<LiveRunOptions, 'db' | 'store'>;
  close(): Promise<void>;
}

function openOnFile(file: string): ResumeStore {
  const db = openDatabase(file); // marks a run whose process died interrupted
  const runs = prepareRuns(db);
  return { getRun: (id) => runs.getRun(id), options: { db }, close: async () => void db.close() };
}

/** The server opened without creating tables (a database without them has no run to resume: one line). */
async function openOnPostgres(target: Extract<DbTarget, { kind: 'postgres' }>): Promise<ResumeStore> {
  const reads = await openRunReads(target, true);
  const { openLiveStore } = await import('../../engine/live/open-live-store.ts');
  const opened: { close(): Promise<void> | void }[] = [];
  return {
    getRun: (id) => reads.reads.getRun(id),
    options: {
      store: async (id) => {
        const store = await openLiveStore(target.url, id);
        opened.push(store);
        return store;
      },
    },
    close: async () => {
      for (const store of opened) await store.close();
      await reads.close();
    },
  };
}

/** The run resume may continue: a live run, interrupted. */
function checkResumable(run: RunRecord | undefined, runId: string, where: string): RunRecord {
  if (!run) throw new UsageError(`no run ${runId} in ${where}`);
  if (run.mode !== 'live') throw new UsageError(`run ${runId} is an instant run; instant runs are deterministic: run the scenario again`);
  if (run.status === 'running') throw new UsageError(`run ${runId} is still running (host process ${run.ownerPid}); stop it there first (Ctrl-C, or Stop in the lab)`);
  if (run.status !== 'interrupted') throw new UsageError(`run ${runId} is ${run.status}; only an interrupted run can be resumed`);
  return run;
}
