// One live run: real worker processes claim jobs from the database (the
// SQLite file, or a PostgreSQL server where workers on other machines join
// with `queue-lab worker`) while this process produces them, recovers expired
// leases (whoever held them), promotes due jobs and plays the faults. It talks
// to the database only through LiveStore and awaits every call. The summary
// comes from the database, with the same keys as an instant run's. If this
// process dies, the run stays `running` with our pid and is marked
// `interrupted` on the next open of the file.
import { randomBytes } from 'node:crypto';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { WorkerHost } from '../../workers/worker-host.ts';
import { StoreError, type DB } from '../store/open-database.ts';
import type { Awaitable } from '../store/types.ts';
import { BACK_TO_PENDING_NOW } from '../../../shared/lifecycle/after-attempt.ts';
import { LiveClock } from './live-clock.ts';
import { ServiceSet } from './service-set.ts';
import { PeriodicSamples } from './periodic-samples.ts';
import { serviceSampleTaker } from './service-sampler.ts';
import { LiveProducer } from './live-producer.ts';
import { lockContentionRefusal, type Counts, type LiveStore } from './live-store.ts';
import { Supervisor } from './supervisor.ts';
import { LockContention } from './lock-contention.ts';
import { SqliteLiveStore } from './sqlite-live-store.ts';
import { isTransient, retryTransient } from './transient-error.ts';

export interface LiveRunOptions {
  /** The SQLite lab database; or give `store`. */
  db?: DB;
  /** Opens the run's store on another database (PostgreSQL); the caller closes what it opened. */
  store?: (runId: string) => Awaitable<LiveStore>;
  host: WorkerHost;
  /** Wall seconds per scenario second. */
  timeScale: number;
  /** PostgreSQL only: how the workers' claims lock rows (default skipLocked; forUpdate for the claim-race lesson). */
  claimStrategy?: 'skipLocked' | 'forUpdate';
  /** Overrides workers.count. */
  workers?: number;
  runId?: string;
  /** At least this many wall ms between starting the workers and scenario time 0 (default 0: time 0 is when they are ready). */
  startLeadMs?: number;
  /** Give up (status failed) after this much wall time. */
  maxWallSeconds?: number;
  onProgress?: (done: number, total: number, t: number) => void;
  /** Aborting stops the run: workers finish their current jobs, the run is marked interrupted (resumable). */
  signal?: AbortSignal;
  /** Continue an interrupted live run (`queue-lab resume`): runId names it. */
  resume?: boolean;
  /** Called once workers and the producer run: chaos buttons and tests use it. */
  onStarted?: (control: LiveRunControl) => void;
}

export interface LiveRunControl {
  runId: string;
  scenario: Scenario;
  /** Where the workers open the database: a SQLite file or a postgres:// URL. */
  dbFile: string;
  store: LiveStore;
  supervisor: Supervisor;
  clock: LiveClock;
  /** The scenario's services as HTTP servers (chaos drops their capacity). */
  services: ServiceSet;
}

const TICK_MS = 10;
/** The counts walk every open job: the progress bar gets them at most this often (run-progress.ts). */
const PROGRESS_MS = 250;

/** A worker that takes longer than this to start does not hold the run back (it joins when it can). */
const READY_WAIT_MS = 30_000;
/**
 * Until the workers are ready, scenario time 0 lies beyond any moment the run
 * could still wait, so no worker claims before the 'clock' order that sets it.
 */
const UNSET_ORIGIN_MS = READY_WAIT_MS + 60_000;

export async function runLive(scenario: Scenario, options: LiveRunOptions): Promise<RunSummary> {
  const runId = options.runId ?? randomBytes(4).toString('hex');
  const store = options.store ? await options.store(runId) : new SqliteLiveStore(options.db!, runId);
  const contentionFault = scenario.faults.some((f) => f.kind === 'lockContention');
  if (contentionFault && !store.holdWriteLock) throw new StoreError(`faults: ${lockContentionRefusal(store)}`, 2);
  const resumed = options.resume ? await store.resumeRun(process.pid) : null;
  if (!resumed) await store.createRun({ id: runId, scenario: scenario.name, scenarioJson: JSON.stringify(scenario), mode: 'live', seed: scenario.seed });
  // Scenario time 0 is set once the first workers are ready (below), so jobs
  // do not pile up before anyone can take them and no fixed pause is paid.
  // A resumed run continues from the last time it recorded.
  const startAt = resumed?.t ?? 0;
  const launchedAt = Date.now();
  const clock = new LiveClock(launchedAt + UNSET_ORIGIN_MS, options.timeScale);
  if (!resumed) for (const q of scenario.queues) if (q.rateLimit) await store.setRateLimit(q.name, q.rateLimit, 0);
  const note = noteOnce();
  // Worker events are the story of the run, not its state: one the store cannot take now is logged and dropped.
  const workerEvent = (kind: 'worker_started' | 'worker_crashed', worker: string, detail: string): void => {
    // The first workers start before time 0 is set: they start at time 0.
    const written = retryTransient(() => store.appendRunEvent({ t: Math.max(clock.now(), startAt), kind, worker, detail }), (e) => note('event', e), 10_000);
    written.catch((e: unknown) => process.stderr.write(`queue-lab: could not record ${kind} of ${worker}: ${(e as Error).message}\n`));
  };
  const unsafe = scenario.faults.some((f) => f.kind === 'unsafeClaim');
  const readyWorkers = new Set<string>();
  const leaseEnabled = !scenario.faults.some((f) => f.kind === 'noVisibilityTimeout');
  // The scenario's services as HTTP servers on 127.0.0.1, up before any worker calls them.
  const services = await ServiceSet.start(scenario, clock);
  // The services over time for the charts, from time 0 on (each worker samples its own defences).
  const serviceSamples = services.set.size > 0 ? new PeriodicSamples(
    serviceSampleTaker(Object.entries(scenario.services ?? {}).map(([name, spec]) => ({ server: services.set.server(name)!, concurrency: spec.concurrency }))),
    store, clock, (line) => process.stderr.write(`queue-lab: ${line}\n`),
  ) : null;
  const supervisor = new Supervisor(
    options.host,
    {
      dbFile: store.location, runId, scenarioJson: JSON.stringify(scenario), originMs: clock.originMs, timeScale: options.timeScale,
      ...(options.claimStrategy ? { claimStrategy: options.claimStrategy } : {}),
      ...(services.set.size > 0 ? { services: services.urls } : {}),
    },
    scenario,
    clock,
    {
      workerStarted: (name, restart) => workerEvent('worker_started', name, restart ? `restart ${restart}` : 'started'),
      workerExited: (name, exit) => {
        if (exit.reason !== 'exited') workerEvent('worker_crashed', name, `${exit.reason} (code ${exit.code}, signal ${exit.signal})`);
      },
      message: (name, m) => {
        if (m.type === 'ready') readyWorkers.add(name);
        if (m.type === 'ready' && unsafe) supervisor.broadcast({ type: 'unsafeClaim', on: true });
        if (m.type === 'error') process.stderr.write(`queue-lab: worker ${name}: ${m.message}\n`);
      },
    },
    options.workers,
  );
  const producer = new LiveProducer(scenario, store, clock, resumed ? await store.producerProgress(scenario.producers.length) : []);
  const contention = new LockContention(store.holdWriteLock, scenario.faults);
  const started = Date.now();

  supervisor.start();
  options.onStarted?.({ runId, scenario, dbFile: store.location, store, supervisor, clock, services: services.set });
  // The jobs due at the start are enqueued while the workers boot.
  producer.start(startAt);
  // On a busy machine workers can take seconds to boot: the run's time starts
  // when they can work, or an outage at t = 10 s is over before anyone sees it.
  await waitFor(() => readyWorkers.size >= supervisor.size || options.signal?.aborted === true, READY_WAIT_MS);
  const origin = Math.max(Date.now(), launchedAt + (options.startLeadMs ?? 0)) - startAt * options.timeScale * 1000;
  clock.moveOrigin(origin);
  supervisor.order({ type: 'clock', originMs: origin });
  // Workers joining from elsewhere (queue-lab worker) read time 0 from the database.
  await store.setClock({ originMs: origin, timeScale: options.timeScale });
  serviceSamples?.start();
  supervisor.startFaults();
  producer.wake();
  let status: 'completed' | 'failed' | 'interrupted' = 'completed';
  let error: string | null = null;
  let countedAt = -Infinity;
  const report = (c: Counts, now: number): void => {
    countedAt = Date.now();
    options.onProgress?.(c.total - c.open, c.total, now);
  };
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, TICK_MS));
      if (options.signal?.aborted) {
        status = 'interrupted';
        error = 'stopped by the user';
        break;
      }
      if (producer.failure) throw producer.failure;
      const now = clock.now();
      if (now < startAt) continue;
      try {
        contention.tick(now);
        await store.promoteDue(now);
        if (leaseEnabled) await store.recoverExpiredLeases(now, () => BACK_TO_PENDING_NOW(now), supervisor.crashed);
        if (options.onProgress && Date.now() - countedAt >= PROGRESS_MS) report(await store.counts(), now);
        // Done when nothing can move any more: every job final, or the only
        // open ones are stuck with no lease to expire (no visibility timeout),
        // or no worker is left to take the rest (restart: never).
        const nothingRuns = supervisor.running === 0 && scenario.workers.restart === 'never';
        if (producer.done && (nothingRuns || (await store.settled()))) {
          report(await store.counts(), now);
          break;
        }
      } catch (e) {
        // The database is away for a moment (PostgreSQL restarting): the next tick tries again.
        if (!isTransient(e)) throw e;
        note('tick', e as Error);
      }
      if (options.maxWallSeconds !== undefined && Date.now() - started > options.maxWallSeconds * 1000) {
        status = 'failed';
        error = `did not finish within ${options.maxWallSeconds} s of wall time`;
        break;
      }
    }
  } finally {
    producer.stop();
    await supervisor.stop();
    await serviceSamples?.stop();
    await services.set.close();
  }
  const wallSeconds = (Date.now() - started) / 1000;
  return retryTransient(
    async () => {
      // The refusals happen in the workers; the run's events have each, on either store.
      const downstream = services.set.size > 0 ? { services: services.set.counts(), refused: await store.refusedCounts() } : null;
      // A capacity drop fired from the chaos bar is judged as a trigger, like a scheduled window.
      const summary = await store.summary(services.set.judged(scenario), { runId, mode: 'live', wallSeconds, status, downstream });
      await store.finishRun(runId, status, summary, summary.sim_duration_s, error);
      return summary;
    },
    (e) => note('finish', e),
  );
}

/** Logs the first transient failure of each kind; the rest are retried quietly. */
function noteOnce(): (what: string, error: Error) => void {
  const seen = new Set<string>();
  return (what, error) => {
    if (seen.has(what)) return;
    seen.add(what);
    process.stderr.write(`queue-lab: the database did not answer (${error.message}); retrying\n`);
  };
}

async function waitFor(done: () => boolean, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  // 2 ms: time 0 follows the last 'ready' closely (a worker message wakes this loop anyway).
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
}
