// Runs a sweep's tasks on up to `parallel` worker processes (the built
// out/node/sweep-worker.js, plain JavaScript as live workers are), handing
// each the next task as it finishes the last, and returns the summaries in
// plan order. A failed run fails the sweep.
import { fork, type ChildProcess } from 'node:child_process';
import { checkAgainst } from '../../shared/lab-api/check-params.ts';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import { fromSweepWorkerSchema, type ToSweepWorker } from '../../shared/sweep/sweep-messages.ts';
import { builtCode } from '../paths/built-code.ts';
import { requireBuilt } from '../workers/node-worker-host.ts';
import type { SweepTask } from './sweep-plan.ts';

export interface SweepRunOptions {
  parallel: number;
  /** Store every run in this database (store full), or nothing (store none). */
  dbFile?: string;
  onProgress?(done: number, total: number): void;
  /** Each run as it finishes (any order): the lab records it so the grid fills in. */
  onResult?(task: SweepTask, summary: RunSummary): void;
  /** Aborting kills the workers and rejects: a lab closing mid-sweep. */
  signal?: AbortSignal;
  /** The worker script; default the built out/node/sweep-worker.js (tests give a stand-in). */
  workerEntry?: string;
}

export async function runSweep(tasks: readonly SweepTask[], options: SweepRunOptions): Promise<RunSummary[]> {
  const results: RunSummary[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const children: ChildProcess[] = [];
  const entry = options.workerEntry ?? requireBuilt(builtCode.sweepWorker());
  const env = { ...process.env, QUEUE_LAB_SWEEP_DB: options.dbFile ?? '', QUEUE_LAB_SWEEP_STORE: options.dbFile ? 'full' : 'none' };
  const aborted = new Promise<never>((_, reject) => {
    const abort = (): void => reject(new Error('the sweep was stopped before it finished'));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    await Promise.race([aborted, Promise.all(
      Array.from({ length: Math.max(1, Math.min(options.parallel, tasks.length)) }, () =>
        new Promise<void>((resolve, reject) => {
          const child = fork(entry, [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
          children.push(child);
          /** The run this child was given last: the only one it may answer for. */
          let given = -1;
          const feed = (): void => {
            if (next >= tasks.length) {
              child.disconnect();
              return resolve();
            }
            const task = tasks[next++]!;
            given = task.index;
            child.send({ type: 'run', index: task.index, scenario: task.scenario } satisfies ToSweepWorker);
          };
          child.on('message', (raw: unknown) => {
            const checked = checkAgainst(fromSweepWorkerSchema, raw, 'message');
            if (!checked.ok) return reject(new Error(`a sweep worker sent an invalid message: ${checked.message}`));
            const m = checked.data;
            if (m.type === 'failed') return reject(new Error(`${m.index === null ? 'a run' : `run ${m.index + 1}`} of the sweep failed: ${m.message}`));
            if (m.type === 'done') {
              if (m.index !== given) return reject(new Error(`a sweep worker answered for run ${m.index + 1}, but it was given run ${given + 1}`));
              results[m.index] = m.summary;
              options.onResult?.(tasks[m.index]!, m.summary);
              options.onProgress?.(++done, tasks.length);
            }
            feed();
          });
          child.on('exit', (code, signal) => {
            if (code !== 0 && done < tasks.length) reject(new Error(`a sweep worker exited early (code ${code}, signal ${signal})`));
          });
          child.on('error', reject);
        }),
      ),
    )]);
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  }
  return results;
}
