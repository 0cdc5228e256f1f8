// Built-in sweeps: a scenario and the keys to vary, shipped with the lab
// like the built-in scenarios, for a lesson that is a curve rather than one
// run. `queue-lab sweep KEY` runs one with its own axes (and the LabApi's
// startSweep takes its scenario and vary as they are here).
import type { ScenarioInput } from '../scenario/schema.ts';
import { JITTER_STRATEGIES } from './failure-modes/retry-work.ts';

export interface BuiltinSweep {
  key: string;
  title: string;
  teaches: string;
  scenario: ScenarioInput;
  /** The grid's axes: rows, then columns (paths into the resolved scenario). */
  vary: { path: string; values: (string | number)[] }[];
}

export const JITTER_SWEEP_CLIENTS = [10, 25, 50, 100, 200] as const;

/**
 * Brooker's "Exponential Backoff and Jitter" charts plot the calls and the
 * time to finish against the number of clients: one row (a service of 1
 * slot, no queue: a write that meets another conflicts), N clients writing
 * once at t=0, with the jitter-study's backoff; one strategy per run.
 */
function jitterByClients(): ScenarioInput {
  return {
    name: 'Jitter study by number of clients (Brooker 2015)',
    seed: 15,
    services: { row: { concurrency: 1, queueLimit: 0, serviceTime: { kind: 'constant', value: 0.01 } } },
    jobTypes: { write: { calls: { service: 'row' } } },
    producers: [{ jobType: 'write', count: 100, arrival: { kind: 'all-at-once' } }],
    workers: { count: Math.max(...JITTER_SWEEP_CLIENTS) },
    retry: { maxAttempts: 1000, backoff: { kind: 'exponential', initial: 0.002, factor: 2, max: 1 }, jitter: 'none' },
  };
}

export const BUILTIN_SWEEPS: readonly BuiltinSweep[] = [
  {
    key: 'jitter-study-clients',
    title: 'Jitter study: calls and time to finish by number of clients (Brooker 2015)',
    teaches: 'Without jitter the calls grow with the square of the clients; with any jitter about linearly, full jitter the least. Read the grid by the metric calls (work) and last call s (time to finish).',
    scenario: jitterByClients(),
    vary: [
      { path: 'producers[0].count', values: [...JITTER_SWEEP_CLIENTS] },
      { path: 'retry.jitter', values: [...JITTER_STRATEGIES] },
    ],
  },
];

export function findBuiltinSweep(key: string): BuiltinSweep | undefined {
  return BUILTIN_SWEEPS.find((s) => s.key === key);
}
