// One live run: real worker processes claim jobs from the SQLite file while
// this process produces them, recovers expired leases, promotes due jobs and
// plays the faults. The summary comes from the database, with the same keys
// as an instant run's. If this process dies, the run stays `running` with
// our pid and is marked `interrupted` on the next open of the file.
import { randomBytes } from 'node:crypto';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { WorkerHost } from '../../workers/worker-host.ts';
import { prepareAppendEvent } from '../store/events.ts';
import type { DB } from '../store/open-database.ts';
import { SqliteQueueStore } from '../store/queue-store.ts';
import { storedSummary } from '../summary/stored-summary.ts';
import { BACK_TO_PENDING_NOW } from '../../../shared/lifecycle/after-attempt.ts';
import { LiveClock } from './live-clock.ts';
import { LiveProducer } from './live-producer.ts';
import { Supervisor } from './supervisor.ts';
import { LockContention } from './lock-contention.ts';
import { RunProgress } from './run-progress.ts';
import { sqliteRunReads } from '../store/reads/sqlite-run-reads.ts';

export interface LiveRunOptions {
  db: DB;
  host: WorkerHost;
  /** Wall seconds per scenario second. */
  timeScale: number;
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
  dbFile: string;
  store: SqliteQueueStore;
  supervisor: Supervisor;
  clock: LiveClock;
}

const TICK_MS = 10;

/** Takes an interrupted run back: status running, owned by us, resumed at its last event's time. */
function resumePoint(db: DB, runId: string): { t: number } {
  const row = db.prepare<[string], { status: string; mode: string }>('SELECT status, mode FROM runs WHERE id = ?').get(runId);
  if (!row || row.mode !== 'live' || row.status !== 'interrupted') {
    throw new Error(`run ${runId} cannot be resumed: ${row ? `it is a ${row.mode} run, ${row.status}` : 'no such run'}`);
  }
  db.prepare(`UPDATE runs SET status = 'running', owner_pid = ?, error = NULL WHERE id = ?`).run(process.pid, runId);
  const t = db.prepare<[string], { t: number | null }>('SELECT MAX(t) AS t FROM events WHERE run_id = ?').get(runId)?.t ?? 0;
  return { t };
}
/** A worker that takes longer than this to start does not hold the run back (it joins when it can). */
const READY_WAIT_MS = 30_000;
/**
 * Until the workers are ready, scenario time 0 lies beyond any moment the run
 * could still wait, so no worker claims before the 'clock' order that sets it.
 */
const UNSET_ORIGIN_MS = READY_WAIT_MS + 60_000;

export async function runLive(scenario: Scenario, options: LiveRunOptions): Promise<RunSummary> {
  const { db } = options;
  const runId = options.runId ?? randomBytes(4).toString('hex');
  const store = new SqliteQueueStore(db, runId);
  const resumed = options.resume ? resumePoint(db, runId) : null;
  if (!resumed) store.createRun({ id: runId, scenario: scenario.name, scenarioJson: JSON.stringify(scenario), mode: 'live', seed: scenario.seed });
  // Scenario time 0 is set once the first workers are ready (below), so jobs
  // do not pile up before anyone can take them and no fixed pause is paid.
  // A resumed run continues from the last time it recorded.
  const startAt = resumed?.t ?? 0;
  const launchedAt = Date.now();
  const clock = new LiveClock(launchedAt + UNSET_ORIGIN_MS, options.timeScale);
  if (!resumed) for (const q of scenario.queues) if (q.rateLimit) store.setRateLimit(q.name, q.rateLimit, 0);
  const appendEvent = prepareAppendEvent(db, runId);
  const workerEvent = (kind: 'worker_started' | 'worker_crashed', worker: string, detail: string): void => {
    // The first workers start before time 0 is set: they start at time 0.
    db.transaction(() => appendEvent({ t: Math.max(clock.now(), startAt), job: null, kind, worker, detail })).immediate();
  };
  const unsafe = scenario.faults.some((f) => f.kind === 'unsafeClaim');
  const readyWorkers = new Set<string>();
  const leaseEnabled = !scenario.faults.some((f) => f.kind === 'noVisibilityTimeout');
  const supervisor = new Supervisor(
    options.host,
    { dbFile: db.name, runId, scenarioJson: JSON.stringify(scenario), originMs: clock.originMs, timeScale: options.timeScale },
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
  const producer = new LiveProducer(scenario, store, clock, resumed ? LiveProducer.progressOf(db, runId, scenario.producers.length) : []);
  const contention = new LockContention(db, scenario.faults);
  const started = Date.now();
  const progress = new RunProgress(db, runId);

  supervisor.start();
  // Before the first await: callers (the web host's startLive) rely on it.
  options.onStarted?.({ runId, scenario, dbFile: db.name, store, supervisor, clock });
  // The jobs due at the start are enqueued while the workers boot.
  producer.start(startAt);
  // On a busy machine workers can take seconds to boot: the run's time starts
  // when they can work, or an outage at t = 10 s is over before anyone sees it.
  await waitFor(() => readyWorkers.size >= supervisor.size || options.signal?.aborted === true, READY_WAIT_MS);
  const origin = Math.max(Date.now(), launchedAt + (options.startLeadMs ?? 0)) - startAt * options.timeScale * 1000;
  clock.moveOrigin(origin);
  supervisor.order({ type: 'clock', originMs: origin });
  supervisor.startFaults();
  producer.wake();
  let status: 'completed' | 'failed' | 'interrupted' = 'completed';
  let error: string | null = null;
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, TICK_MS));
      if (options.signal?.aborted) {
        status = 'interrupted';
        error = 'stopped by the user';
        break;
      }
      const now = clock.now();
      if (now < startAt) continue;
      contention.tick(now);
      store.promoteDue(now);
      if (leaseEnabled) store.recoverExpiredLeases(now, () => BACK_TO_PENDING_NOW(now), supervisor.crashed);
      const c = options.onProgress ? progress.countsIfDue() : null;
      if (c) options.onProgress?.(c.total - c.open, c.total, now);
      // Done when nothing can move any more: every job final, or the only
      // open ones are stuck with no lease to expire (no visibility timeout),
      // or no worker is left to take the rest (restart: never).
      const nothingRuns = supervisor.running === 0 && scenario.workers.restart === 'never';
      if (producer.done && (nothingRuns || progress.settled())) {
        const end = progress.counts();
        options.onProgress?.(end.total - end.open, end.total, now);
        break;
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
  }
  const summary = await storedSummary(sqliteRunReads(db), scenario, { runId, mode: 'live', wallSeconds: (Date.now() - started) / 1000, status });
  store.finishRun(runId, status, summary, summary.sim_duration_s, error);
  return summary;
}

async function waitFor(done: () => boolean, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  // 2 ms: time 0 follows the last 'ready' closely (a worker message wakes this loop anyway).
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
}
