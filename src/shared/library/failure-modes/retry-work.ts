// How much work retries make: Brooker's jitter study (one contended resource,
// four jitter strategies side by side) and retries multiplied by layers.
import type { BuiltinScenario } from '../builtin-scenario.ts';
import type { ScenarioInput } from '../../scenario/schema.ts';

export const JITTER_STRATEGIES = ['none', 'full', 'equal', 'decorrelated'] as const;
export const JITTER_STUDY_CLIENTS = 100;

/**
 * Marc Brooker, "Exponential Backoff and Jitter" (AWS Architecture Blog,
 * 2015): clients each make one write to one row with optimistic concurrency.
 * Here each strategy gets its own row (a service of 1 slot, no queue: a
 * write that meets another in progress conflicts and fails at once) and its
 * own 100 clients, all starting at t=0, so one run shows all four.
 */
function jitterStudy(): ScenarioInput {
  return {
    name: 'Jitter study (Brooker 2015)',
    seed: 15,
    services: Object.fromEntries(JITTER_STRATEGIES.map((j) => [`row-${j}`, { concurrency: 1, queueLimit: 0, serviceTime: { kind: 'constant', value: 0.01 } }])),
    jobTypes: Object.fromEntries(JITTER_STRATEGIES.map((j) => [`write-${j}`, { calls: { service: `row-${j}` }, retry: { jitter: j } }])),
    producers: JITTER_STRATEGIES.map((j) => ({ jobType: `write-${j}`, count: JITTER_STUDY_CLIENTS, arrival: { kind: 'all-at-once' as const } })),
    workers: { count: JITTER_STRATEGIES.length * JITTER_STUDY_CLIENTS },
    retry: { maxAttempts: 1000, backoff: { kind: 'exponential', initial: 0.002, factor: 2, max: 1 }, jitter: 'none' },
  };
}

export const jitterStudyScenario: BuiltinScenario = {
  key: 'jitter-study',
  title: 'Jitter study: calls and time to finish per strategy (Brooker 2015)',
  source: 'failure mode',
  teaches: 'Clients that collide on one resource and back off exponentially without jitter collide again at every step: n clients make about n²/2 calls. Jitter spreads them and cuts the work to about a fifth. As in Brooker\'s study, full jitter does less work than decorrelated jitter, and equal jitter, with about the same work as full, takes the longest of the three.',
  notice: 'Four groups of 100 clients, one per strategy, each writing once to its own row (10 ms per write, a write that meets another fails). In the report (Overload and verdict), per service: calls to row-none about 5,200 (n²/2 and more), to row-full and row-equal about 1,000, to row-decorrelated about 1,400; "last call ended" is each strategy\'s time to finish: about 93 s without jitter, 2 to 5 s with any.',
  scenario: jitterStudy(),
};

function layers(): ScenarioInput {
  const layerRetry = { retry: { maxAttempts: 3, backoff: { kind: 'fixed' as const, initial: 0.05 }, jitter: 'none' as const } };
  return {
    name: 'Retry amplification across 3 layers',
    seed: 16,
    services: {
      frontend: { concurrency: 50, serviceTime: { kind: 'constant', value: 0.01 }, calls: { service: 'middle', ...layerRetry } },
      middle: { concurrency: 50, serviceTime: { kind: 'constant', value: 0.01 }, calls: { service: 'storage', ...layerRetry } },
      storage: { concurrency: 50, serviceTime: { kind: 'constant', value: 0.01 }, windows: [{ from: 0, to: 3600, capacity: 0 }] },
    },
    jobTypes: { request: { timeout: 30, calls: { service: 'frontend' } } },
    producers: [{ jobType: 'request', count: 200, arrival: { kind: 'poisson', rate: 4 } }],
    workers: { count: 20 },
    retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.5 }, jitter: 'none' },
  };
}

export const retryAmplificationLayers: BuiltinScenario = {
  key: 'retry-amplification-layers',
  title: 'Retry amplification across layers',
  source: 'failure mode',
  teaches: 'Each layer that retries multiplies the calls of the layers above it: 3 attempts at each of 3 layers make 3 x 3 x 3 = 27 calls at the bottom for one request while the bottom is down. Retry at one layer only (usually the top) and the bottom sees 3.',
  notice: 'storage is down for the whole run; the job retries frontend 3 times, frontend retries middle 3 times, middle retries storage 3 times. Stats: 39 calls per job in all (3 + 9 + 27); the report (Overload and verdict) gives calls per job per service: 3 at frontend, 9 at middle, 27 at storage. Every job ends in Dead letters.',
  scenario: layers(),
};
