// Live runs started from the UI (the LabApi's startLive, resumeRun and stopRun): at most
// one at a time per host, because the REST endpoints and the chaos buttons act
// on "the" active run. Each run gets its own connection to the lab's database
// (the run loop's writes and a chaos lock-contention window hold it, not the
// host's reads; on PostgreSQL its own pool) and worker processes from the
// host's WorkerHost: child processes in the web host, utility processes in Electron.
import { randomBytes } from 'node:crypto';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { createChaosControl, type LiveChaos } from '../engine/live/chaos-control.ts';
import { runLive, type LiveRunControl } from '../engine/live/run-live.ts';
import type { WorkerHost } from '../workers/worker-host.ts';
import type { ActiveRun } from './active-run.ts';
import type { LiveRunStore } from './lab-store.ts';

export interface LiveRunsOptions {
  /** Opens the store of one run (LabStore.openLiveRun): the lab file on a new connection, or the server. */
  openStore: () => Promise<LiveRunStore>;
  /** Where worker processes come from; asked once per run. */
  workerHost: () => WorkerHost;
  log: (line: string) => void;
}

export interface StartLiveOptions {
  /** Wall seconds per scenario second. */
  timeScale: number;
  /** Overrides workers.count. */
  workers?: number;
  /** Continues this interrupted run (as `queue-lab resume` does) instead of storing a new one. */
  resumeRunId?: string;
}

interface Running {
  runId: string;
  active: ActiveRun;
  control: LiveRunControl;
  chaos: LiveChaos;
  abort: AbortController;
  /** Settles when the run loop has ended and its workers are gone. */
  done: Promise<void>;
}

export class LiveRuns {
  private current: Running | null = null;

  constructor(private readonly options: LiveRunsOptions) {}

  /** The run this host started and that is still going, if any. */
  active(): ActiveRun | null {
    return this.current?.active ?? null;
  }

  /**
   * Stores the run, starts its workers and producer, and returns its id; the
   * run goes on in the background. The caller checks that no run is active.
   */
  async start(scenario: Scenario, how: StartLiveOptions): Promise<string> {
    if (this.current) throw new Error(`run ${this.current.runId} is still running`);
    const opened = await this.options.openStore();
    const runId = how.resumeRunId ?? randomBytes(4).toString('hex');
    const abort = new AbortController();
    let started: { control: LiveRunControl; chaos: LiveChaos } | null = null;
    let markStarted!: () => void;
    const startedSignal = new Promise<void>((resolve) => (markStarted = resolve));
    // runLive stores the run, starts the workers and calls onStarted (the
    // store may answer asynchronously): wait for that, or for its failure.
    const finished = runLive(scenario, {
      ...opened.options,
      host: this.options.workerHost(),
      timeScale: how.timeScale,
      workers: how.workers,
      runId,
      resume: how.resumeRunId !== undefined,
      signal: abort.signal,
      onStarted: (control) => {
        started = { control, chaos: createChaosControl(control) };
        markStarted();
      },
    });
    await Promise.race([startedSignal, finished.catch(() => {})]);
    const run = started as { control: LiveRunControl; chaos: LiveChaos } | null;
    const done = finished.then(
      (summary) => this.options.log(`live run ${runId} ${summary.status}: ${summary.jobs.succeeded} succeeded, ${summary.jobs.dead} dead`),
      (error: unknown) => this.options.log(`live run ${runId} failed: ${(error as Error).message}`),
    ).finally(async () => {
      run?.chaos.close();
      if (this.current?.runId === runId) this.current = null;
      await opened.close().catch((error: unknown) => this.options.log(`live run ${runId}: closing its store: ${(error as Error).message}`));
    });
    if (!run) {
      // It failed before starting (the run row could not be written, ...): say why.
      const error = await finished.then(() => null, (e: unknown) => e as Error);
      await done;
      throw new Error(`the live run did not start: ${error?.message ?? 'it ended at once'}`);
    }
    const { control, chaos } = run;
    const active: ActiveRun = { runId, store: control.store, scenario, now: () => control.clock.now(), chaos };
    this.current = { runId, active, control, chaos, abort, done };
    return runId;
  }

  /** Ends the run (graceful: workers finish their jobs; kill: SIGKILL now) and waits for it. False if it is not ours and running. */
  async stop(runId: string, how: 'graceful' | 'kill'): Promise<boolean> {
    const run = this.current;
    if (!run || run.runId !== runId) return false;
    if (how === 'kill') run.control.supervisor.killAll();
    run.abort.abort();
    await run.done;
    return true;
  }

  /** For shutting the host down: kills the active run's workers and waits for the run to be stored as interrupted. */
  async close(): Promise<void> {
    if (this.current) await this.stop(this.current.runId, 'kill');
  }
}
