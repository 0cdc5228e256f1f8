// Joining a running live run from another process or machine (`queue-lab
// worker`): N more worker processes that claim, heartbeat and complete in the
// run's database exactly like the host's own, named NAME-1, NAME-2... They
// read scenario time 0 from the database (the host publishes it once its own
// workers are ready), are restarted by a Supervisor of their own when they
// crash (the run's restart policy), and leave when the run ends or when told
// to (finish the jobs in hand, then exit). If one of them dies holding a job,
// the host's run loop recovers the job when its lease expires, as for its own.
import { scenarioSchema } from '../../../shared/scenario/schema.ts';
import type { WorkerHost } from '../../workers/worker-host.ts';
import { StoreError } from '../store/open-database.ts';
import { LiveClock } from './live-clock.ts';
import type { LiveStore, RunClock } from './live-store.ts';
import { Supervisor } from './supervisor.ts';
import { isTransient } from './transient-error.ts';

export interface JoinOptions {
  store: LiveStore;
  host: WorkerHost;
  count: number;
  /** Workers are named `${name}-1`, `${name}-2`, ... */
  name: string;
  /** Aborting makes the workers finish their jobs in hand and exit (Ctrl-C). */
  signal?: AbortSignal;
  log(line: string): void;
  /** How long to wait for the host to publish time 0 (its workers are still starting). */
  clockWaitMs?: number;
  /** How often to look whether the run is still running. */
  pollMs?: number;
}

export interface JoinResult {
  /** The run's status when the workers left ('running' when they left by themselves or were told to). */
  status: string;
  workers: string[];
  jobsDone: number;
}

/** How long the joined workers may take to finish their jobs in hand when leaving, before they are killed. */
const LEAVE_GRACE_MS = 30_000;

/** Throws a one-line StoreError (exit 2: no such run, not a live run; exit 1: not running) unless the run can take workers. */
export async function checkJoinable(store: LiveStore): Promise<{ scenarioJson: string }> {
  const run = await store.getRun(store.runId);
  if (!run) throw new StoreError(`no run ${store.runId} in this database`, 2);
  if (run.mode !== 'live') throw new StoreError(`run ${run.id} is an instant run; only a live run takes workers`, 2);
  if (run.status !== 'running') throw new StoreError(`run ${run.id} is ${run.status}, not running; there is nothing to join`, 1);
  return { scenarioJson: run.scenarioJson };
}

export async function joinRun(o: JoinOptions): Promise<JoinResult> {
  const { store } = o;
  const { scenarioJson } = await checkJoinable(store);
  const scenario = scenarioSchema.parse(JSON.parse(scenarioJson));
  const runClock = await waitForClock(o);
  if (!runClock) return { status: (await store.getRun(store.runId))?.status ?? 'gone', workers: [], jobsDone: 0 };
  const clock = new LiveClock(runClock.originMs, runClock.timeScale);
  const done = new Map<string, number>();
  const event = (kind: 'worker_started' | 'worker_crashed', worker: string, detail: string): void => {
    Promise.resolve()
      .then(() => store.appendRunEvent({ t: Math.max(0, clock.now()), kind, worker, detail }))
      .catch((e: unknown) => o.log(`could not record ${kind} of ${worker}: ${(e as Error).message}`));
  };
  const supervisor = new Supervisor(
    o.host,
    { dbFile: store.location, runId: store.runId, scenarioJson, originMs: runClock.originMs, timeScale: runClock.timeScale },
    scenario,
    clock,
    {
      workerStarted: (name, restart) => event('worker_started', name, restart ? `joined, restart ${restart}` : `joined (pid ${process.pid})`),
      workerExited: (name, exit) => {
        if (exit.reason !== 'exited') event('worker_crashed', name, `${exit.reason} (code ${exit.code}, signal ${exit.signal})`);
      },
      message: (name, m) => {
        if (m.type === 'stats') done.set(name, m.jobsDone);
        if (m.type === 'error') o.log(`${name}: ${m.message}`);
      },
    },
    o.count,
    `${o.name}-`,
  );
  const workers = Array.from({ length: o.count }, (_, i) => `${o.name}-${i + 1}`);
  supervisor.start();
  o.log(`joined run ${store.runId} with ${o.count} worker${o.count === 1 ? '' : 's'}: ${workers.join(', ')}`);
  let status = 'running';
  const pollMs = o.pollMs ?? 500;
  while (!o.signal?.aborted) {
    await sleep(pollMs, o.signal);
    if (o.signal?.aborted) break;
    try {
      status = (await store.getRun(store.runId))?.status ?? 'gone';
    } catch (error) {
      // The database is away for a moment: the workers retry on their own; look again later.
      if (!isTransient(error)) throw error;
      continue;
    }
    if (status !== 'running') break;
    if (supervisor.running === 0 && scenario.workers.restart === 'never') break;
  }
  await supervisor.stop(LEAVE_GRACE_MS);
  const jobsDone = [...done.values()].reduce((a, b) => a + b, 0);
  return { status, workers, jobsDone };
}

/** Time 0 of the run, once its host has set it; null if the run stopped running first or the wait ran out. */
async function waitForClock(o: JoinOptions): Promise<RunClock | null> {
  const until = Date.now() + (o.clockWaitMs ?? 60_000);
  let said = false;
  while (!o.signal?.aborted) {
    const clock = await o.store.readClock();
    if (clock) return clock;
    if ((await o.store.getRun(o.store.runId))?.status !== 'running') return null;
    if (Date.now() > until) throw new StoreError(`run ${o.store.runId} has not started its clock within ${Math.round((o.clockWaitMs ?? 60_000) / 1000)} s; is its host still starting?`, 1);
    if (!said) o.log(`waiting for run ${o.store.runId} to start its clock (its host's workers are starting)`);
    said = true;
    await sleep(100, o.signal);
  }
  return null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
