// Sweeps started through the LabApi: planned and checked before the call
// answers (a bad key is the caller's error, nothing runs), then run in the
// background on worker processes while each finished run is recorded, so
// getSweep shows the grid filling in. One sweep at a time per host: it
// already uses every core.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { MAX_LAB_SWEEP_RUNS, type SweepVary } from '../../shared/sweep/sweep-shapes.ts';
import { LabApiError } from '../../shared/lab-api/lab-api-error.ts';
import type { DB } from '../engine/store/open-database.ts';
import { planSweep, SweepPlanError, varyPathKeys, type Vary } from './sweep-plan.ts';
import { runSweep } from './sweep-runner.ts';
import { prepareSweepStore, type SweepStore } from './sweep-store.ts';

export interface LabSweepsOptions {
  db: DB;
  /** Worker processes per sweep; default one per core but one, so the host stays responsive. */
  parallel?: number;
  /** The worker script (tests may give a stand-in); default the built sweep worker. */
  workerEntry?: string;
  log?: (line: string) => void;
}

export class LabSweeps {
  readonly store: SweepStore;
  private running: { id: string; abort: AbortController; done: Promise<void> } | null = null;

  constructor(private readonly options: LabSweepsOptions) {
    this.store = prepareSweepStore(options.db);
  }

  /** Plans the sweep (throwing bad_params naming `vary` for a key the scenario lacks) and starts it. */
  start(base: Scenario, vary: readonly SweepVary[], seeds: number): string {
    if (this.running) {
      throw new LabApiError({ code: 'run_active', message: `startSweep: sweep ${this.running.id} is still running in this host; wait for it to finish` });
    }
    let tasks;
    try {
      tasks = planSweep(base, vary.map(toVary), seeds);
    } catch (error) {
      if (error instanceof SweepPlanError) throw new LabApiError({ code: 'bad_params', field: 'vary', message: `startSweep: ${error.message}` });
      throw error;
    }
    if (tasks.length > MAX_LAB_SWEEP_RUNS) {
      throw new LabApiError({
        code: 'bad_params',
        field: 'vary',
        message: `startSweep: ${tasks.length} runs; at most ${MAX_LAB_SWEEP_RUNS} in a sweep started here (it holds the host's cores); run larger ones with \`queue-lab sweep\``,
      });
    }
    const id = randomBytes(4).toString('hex');
    this.store.create({ id, scenario: base.name, scenarioJson: JSON.stringify(base), vary, seeds, total: tasks.length });
    const abort = new AbortController();
    const parallel = this.options.parallel ?? Math.max(1, availableParallelism() - 1);
    const done = runSweep(tasks, {
      parallel,
      dbFile: this.options.db.name,
      signal: abort.signal,
      ...(this.options.workerEntry ? { workerEntry: this.options.workerEntry } : {}),
      onResult: (task, summary) => this.store.addRun(id, { task: task.index, combination: task.combination, seed: task.seed, values: task.values, runId: summary.run_id }),
    }).then(
      () => this.store.finish(id, 'completed'),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.store.finish(id, abort.signal.aborted ? 'interrupted' : 'failed', message);
        this.options.log?.(`sweep ${id}: ${message}`);
      },
    ).finally(() => {
      this.running = null;
    });
    this.running = { id, abort, done };
    return id;
  }

  /** Stops a running sweep (its finished runs stay stored) and waits for its workers to be gone. */
  async close(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.done;
  }
}

function toVary(v: SweepVary): Vary {
  // The same key syntax as `--vary`, read by the same function.
  return { path: v.path, keys: varyPathKeys(v.path, `vary ${v.path}`), values: v.values };
}
