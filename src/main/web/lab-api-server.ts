// The LabApi implemented on the lab's database (a SQLite file or a PostgreSQL
// server, behind LabStore), in process. Transports (the
// WebSocket, Electron IPC) hand it what they received through
// `dispatch`, which validates the params with the shared schemas before any
// handler sees them; `api` is the same surface as a typed object, answering
// with JSON copies exactly as a transport would.
import { checkAgainst, checkParams } from '../../shared/lab-api/check-params.ts';
import {
  isLabMethod,
  LabApiError,
  labMethodsFrom,
  LAB_METHOD_NAMES,
  subscribeParamsSchema,
  type EventBatch,
  type LabApi,
  type LabHandlers,
} from '../../shared/lab-api/lab-api.ts';
import { BUILTIN_SCENARIOS } from '../../shared/library/index.ts';
import { scenarioSchema, type Scenario } from '../../shared/scenario/schema.ts';
import { parseScenarioText } from '../../shared/scenario/validate.ts';
import { runInstant } from '../engine/run-instant.ts';
import { exportReport } from '../report/report-export.ts';
import { ReportInputError } from '../report/report-errors.ts';
import { jobId as jobIdOf } from '../engine/store/job-id.ts';
import type { DB } from '../engine/store/open-database.ts';
import type { QueueStore } from '../engine/store/queue-store.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';
import type { RunRecord } from '../engine/store/types.ts';
import { NodeWorkerHost } from '../workers/node-worker-host.ts';
import { LabSweeps } from '../sweep/lab-sweeps.ts';
import type { ActiveRun } from './active-run.ts';
import { AttemptInfos } from './attempt-infos.ts';
import { ChaosRefused, fireChaos } from './chaos.ts';
import { EventFeed, type FeedListener } from './event-feed.ts';
import { sqliteLabStore, type LabStore } from './lab-store.ts';
import { LiveRuns } from './live-runs.ts';
import { runDetail, runInfo } from './run-info.ts';
import { instantScenarioOfParams, liveScenarioOfParams, scenarioOfParams } from './scenario-params.ts';
import { TimelineBuilder } from './timeline-builder.ts';
import { toOverloadSeries } from '../../shared/overload/overload-series.ts';

export interface LabApiServerOptions {
  /** Where the lab's runs are: a SQLite file or a PostgreSQL server (closed with the server); or give `db`. */
  store?: LabStore;
  /** The SQLite lab file (the caller closes it): shorthand for store: sqliteLabStore(db). */
  db?: DB;
  /**
   * A live run handed over from outside (`serve --run`), if any. Runs started
   * through startLive are the server's own; either kind is "the" active run:
   * dead-letter actions on it go through its store and clock.
   */
  activeRun?: () => ActiveRun | null;
  /** Live runs started through the LabApi; default: on the store, with worker child processes (NodeWorkerHost). */
  liveRuns?: LiveRuns;
  /** Sweeps started through the LabApi; default: on the lab file, with the built sweep worker (none on PostgreSQL). */
  sweeps?: LabSweeps;
  /** How often the event stream looks for new events, ms. */
  pollMs?: number;
  log?: (line: string) => void;
}

export interface LabApiServer {
  /** The in-process LabApi: validated params, JSON-copied results. */
  readonly api: LabApi;
  /** One call as a transport received it; rejects with LabApiError (unknown_method, bad_params, ...). */
  dispatch(method: string, params: unknown): Promise<unknown>;
  /** The event stream for a transport that manages its own delivery (backpressure). */
  subscribe(params: unknown, listener: FeedListener): Promise<() => void>;
  /** Reads of the lab's runs (what the seeds' endpoints serve besides the store's own). */
  readonly reads: RunReads;
  /** The active live run: one started through startLive, else the one handed over. */
  activeRun(): ActiveRun | null;
  /** Stops the event streams and kills a live run this server started (stored as interrupted). */
  close(): Promise<void>;
}

/** SqliteQueueStore prepares every statement in its constructor: keep a few. */
const STORES_KEPT = 8;

export function createLabApiServer(options: LabApiServerOptions): LabApiServer {
  const lab = options.store ?? sqliteLabStore(options.db!);
  const ownsStore = options.store !== undefined;
  const log = options.log ?? (() => undefined);
  const live = options.liveRuns ?? new LiveRuns({ openStore: () => lab.openLiveRun(), workerHost: () => new NodeWorkerHost(), log });
  const handedOver = options.activeRun ?? (() => null);
  const activeRun = (): ActiveRun | null => live.active() ?? handedOver();
  const { reads } = lab;
  const attempts = new AttemptInfos(reads);
  const timelines = new TimelineBuilder(reads);
  const feed = new EventFeed(reads, options.pollMs ?? 100, (error) => log(`event stream: ${(error as Error).message}`));
  const stores = new Map<string, QueueStore>();
  const sweeps = options.sweeps ?? (lab.file ? new LabSweeps({ db: lab.file, log }) : null);

  async function runOrThrow(id: string): Promise<RunRecord> {
    const run = await reads.getRun(id);
    if (!run) throw new LabApiError({ code: 'not_found', field: 'runId', message: `no run ${JSON.stringify(id)} in this lab` });
    return run;
  }

  /** Instant runs and sweeps on a store that cannot keep them: one plain line saying what to do instead. */
  function fileOnly(method: string): LabApiError {
    return new LabApiError({ code: 'bad_params', message: `${method}: ${lab.fileOnly ?? 'not available in this lab'}` });
  }

  /** The store and clock for acting on a run: the live run's own, or the lab's for a finished run. */
  async function actorFor(runId: string): Promise<{ store: QueueStore; now: number }> {
    await runOrThrow(runId);
    const live = activeRun();
    if (live && live.runId === runId) return { store: live.store, now: live.now() };
    let store = stores.get(runId);
    if (!store) {
      store = lab.queueStore(runId);
      stores.set(runId, store);
      if (stores.size > STORES_KEPT) stores.delete(stores.keys().next().value!);
    }
    // A run that is not live has no clock: its latest event keeps the log in time order.
    return { store, now: await reads.latestTime(runId) };
  }

  async function jobOrThrow(runId: string, jobId: number | undefined, seq: number | undefined) {
    const run = await runOrThrow(runId);
    const id = jobId ?? (run.num === null ? -1 : jobIdOf(run.num, seq!));
    const job = await (await actorFor(runId)).store.getJob(id);
    if (!job) {
      const which = jobId !== undefined ? `job ${jobId}` : `job number ${seq}`;
      throw new LabApiError({ code: 'not_found', field: jobId !== undefined ? 'jobId' : 'seq', message: `no ${which} in run ${runId}` });
    }
    return job;
  }

  const handlers: LabHandlers = {
    listScenarios: () =>
      BUILTIN_SCENARIOS.map((b) => ({ key: b.key, title: b.title, source: b.source, teaches: b.teaches, notice: b.notice, ...(b.twin ? { twin: b.twin } : {}), scenario: b.scenario })),

    validateScenario: ({ text, format }) => parseScenarioText(text, format),

    runInstant: (params) => {
      const scenario = instantScenarioOfParams(params);
      if (!lab.file) throw fileOnly('runInstant');
      return runInstant(scenario, { db: lab.file, store: params.store });
    },

    startLive: async (params) => {
      const scenario = liveScenarioOfParams(params);
      const running = activeRun();
      if (running) {
        throw new LabApiError({ code: 'run_active', message: `startLive: run ${running.runId} is still running in this host; stop it first (stopRun)` });
      }
      return { runId: await live.start(scenario, { timeScale: params.timeScale, workers: params.workers }) };
    },

    resumeRun: async ({ runId, timeScale }) => {
      const run = await runOrThrow(runId);
      const running = activeRun();
      if (running) {
        throw new LabApiError({ code: 'run_active', message: `resumeRun: run ${running.runId} is still running in this host; stop it first (stopRun)` });
      }
      const scenario = resumableScenario(run);
      return { runId: await live.start(scenario, { timeScale, resumeRunId: runId }) };
    },

    stopRun: async ({ runId, how }) => {
      await runOrThrow(runId);
      return { stopped: await live.stop(runId, how) };
    },

    listRuns: async () => (await reads.listRuns()).map(runInfo),

    getRun: async ({ id }) => {
      const run = await reads.getRun(id);
      if (!run) throw new LabApiError({ code: 'not_found', field: 'id', message: `no run ${JSON.stringify(id)} in this lab` });
      return runDetail(run);
    },

    getActiveRun: () => {
      const live = activeRun();
      return live ? { runId: live.runId } : null;
    },

    getJob: ({ runId, jobId, seq }) => jobOrThrow(runId, jobId, seq),

    listAttempts: async ({ runId, jobId, seq }) => attempts.attemptsOf(runId, await jobOrThrow(runId, jobId, seq)),

    getTimeline: async ({ runId }) => {
      await runOrThrow(runId);
      return timelines.snapshotOf(runId);
    },

    listEvents: async ({ runId, afterSeq, limit }) => {
      await runOrThrow(runId);
      return reads.eventsAfter(runId, afterSeq, limit);
    },

    listDead: async ({ runId }) => (await actorFor(runId)).store.listDead(),

    getOverloadSeries: async ({ runId }) => {
      await runOrThrow(runId);
      return toOverloadSeries(await reads.overloadSamples(runId));
    },

    retryDead: async ({ runId, jobId, all }) => {
      const { store, now } = await actorFor(runId);
      if (all) return { retried: await store.retryAll(now) };
      const done = await store.retryOne(jobId!, now);
      if (!done.ok) throw notDead(runId, jobId!);
      return { retried: 1 };
    },

    forgetDead: async ({ runId, jobId }) => {
      const { store, now } = await actorFor(runId);
      const done = await store.forget(jobId, now);
      if (!done.ok) throw notDead(runId, jobId);
      return { forgotten: 1 };
    },

    exportReport: async ({ runId, format }) => {
      await runOrThrow(runId);
      try {
        return await exportReport(reads, runId, format, lab.label);
      } catch (error) {
        // A run that exists but has no report (still running, stored without events) is the caller's to fix.
        if (error instanceof ReportInputError) throw new LabApiError({ code: 'bad_params', field: 'runId', message: `exportReport: ${error.message}` });
        throw error;
      }
    },

    // A lab on PostgreSQL has no sweeps: the list is empty and starting one says why.
    listSweeps: () => sweeps?.store.list() ?? [],

    startSweep: (params) => {
      const scenario = scenarioOfParams('startSweep', params);
      if (!sweeps) throw fileOnly('startSweep');
      return { sweepId: sweeps.start(scenario, params.vary, params.seeds) };
    },

    getSweep: ({ sweepId }) => {
      const sweep = sweeps?.store.get(sweepId);
      if (!sweep) throw new LabApiError({ code: 'not_found', field: 'sweepId', message: `no sweep ${JSON.stringify(sweepId)} in this lab` });
      return sweep;
    },

    chaos: async (params) => {
      try {
        return await fireChaos(activeRun(), params);
      } catch (error) {
        // The run's own checks (a worker number or job type it does not have) say "field: why".
        if (error instanceof RangeError) {
          throw new LabApiError({ code: 'bad_params', field: error.message.split(':')[0], message: `chaos: ${error.message}` });
        }
        if (!(error instanceof ChaosRefused)) throw error;
        const code = error.status === 409 ? 'no_active_run' : 'bad_params';
        throw new LabApiError({ code, message: `chaos: ${error.message}`, ...(error.field === undefined ? {} : { field: error.field }) });
      }
    },
  };

  async function dispatch(method: string, params: unknown): Promise<unknown> {
    if (!isLabMethod(method)) {
      throw new LabApiError({ code: 'unknown_method', message: `unknown method ${JSON.stringify(method)}; the LabApi has ${LAB_METHOD_NAMES.join(', ')}` });
    }
    const parsed = checkParams(method, params);
    try {
      return await (handlers[method] as (p: unknown) => unknown)(parsed);
    } catch (error) {
      if (error instanceof LabApiError) throw error;
      throw new LabApiError({ code: 'internal', message: `${method}: ${(error as Error).message ?? String(error)}` });
    }
  }

  async function subscribe(params: unknown, listener: FeedListener): Promise<() => void> {
    const checked = checkAgainst(subscribeParamsSchema, params ?? {}, 'params');
    if (!checked.ok) throw new LabApiError({ code: 'bad_params', field: checked.field, message: `subscribeEvents: ${checked.message}` });
    await runOrThrow(checked.data.runId);
    return feed.subscribe(checked.data.runId, checked.data.afterSeq, listener);
  }

  const api: LabApi = {
    ...labMethodsFrom(async (method, params) => jsonCopy(await dispatch(method, params))),
    async subscribeEvents(params, listener) {
      const runId = (params as { runId?: unknown }).runId;
      return subscribe(params, {
        deliver: (events) => listener(jsonCopy<EventBatch>({ runId: runId as string, events })),
        ready: () => true,
      });
    },
  };

  return {
    api,
    dispatch,
    subscribe,
    reads,
    activeRun,
    close: async () => {
      feed.close();
      stores.clear();
      await Promise.all([live.close(), sweeps?.close()]);
      if (ownsStore) await lab.close();
    },
  };
}

/** The scenario of a run resumeRun may continue: a live run, stopped (interrupted), the same rules as `queue-lab resume`. */
function resumableScenario(run: RunRecord): Scenario {
  const refuse = (why: string): LabApiError => new LabApiError({ code: 'bad_params', field: 'runId', message: `resumeRun: run ${run.id} ${why}` });
  if (run.mode !== 'live') throw refuse('is an instant run; instant runs are deterministic: run the scenario again');
  if (run.status === 'running') throw refuse('is still running (in another process)');
  if (run.status !== 'interrupted') throw refuse(`is ${run.status}; only a stopped (interrupted) live run can be resumed`);
  return scenarioSchema.parse(JSON.parse(run.scenarioJson));
}

function notDead(runId: string, jobId: number): LabApiError {
  return new LabApiError({ code: 'not_dead', field: 'jobId', message: `job ${jobId} is not in the dead-letter table of run ${runId}` });
}

function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

