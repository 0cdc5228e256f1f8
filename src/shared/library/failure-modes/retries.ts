// Failure modes of the retry path: a message that can never succeed, and the
// synchronized retries of a thundering herd with and without jitter.
import type { BuiltinScenario } from '../builtin-scenario.ts';
import type { ScenarioInput } from '../../scenario/schema.ts';

export const poisonMessage: BuiltinScenario = {
  key: 'poison-message',
  title: 'Poison message to the dead-letter table',
  source: 'failure mode',
  teaches: 'A payload the handler can never process fails every attempt and must end in the dead-letter table, not loop forever.',
  notice: 'About 2% of jobs are poison: each uses all 5 attempts and lands in the Dead letters tab with its 5 errors kept. Every other job succeeds; jobs.dead equals the number of poison jobs.',
  scenario: {
    name: 'Poison message',
    seed: 11,
    jobTypes: { work: { duration: { kind: 'exponential', mean: 0.5 } } },
    producers: [{ count: 2000, arrival: { kind: 'poisson', rate: 4 } }],
    workers: { count: 3 },
    retry: { maxAttempts: 5, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 60 }, jitter: 'full' },
    faults: [{ kind: 'poison', jobType: 'work', fraction: 0.02 }],
  },
};

// A fan-out (a cron that enqueues 400 webhook calls at once) while the
// partner is down: 400 jobs fail within the same fraction of a second. That
// shared failure instant is what makes a storm; a steady trickle of arrivals
// would desynchronize the retries by itself and teach nothing.
function retryStorm(name: string, jitter: 'none' | 'full'): ScenarioInput {
  return {
    name,
    seed: 40,
    jobTypes: { call_api: { duration: { kind: 'constant', value: 0.2 } } },
    producers: [{ jobType: 'call_api', count: 1200, start: 5, arrival: { kind: 'burst', size: 400, every: 10 } }],
    workers: { count: 20, concurrency: 10 },
    retry: { maxAttempts: 10, backoff: { kind: 'exponential', initial: 2, factor: 2, max: 60 }, jitter },
    faults: [{ kind: 'outage', jobType: 'call_api', from: 0, to: 40 }],
  };
}

export const retryStormNoJitter: BuiltinScenario = {
  key: 'retry-storm-no-jitter',
  twin: 'retry-storm-full-jitter',
  title: 'Retry storm after an outage, no jitter',
  source: 'failure mode',
  teaches: 'Without jitter, jobs that failed together retry together: every backoff step (2, 4, 8, 16, 32 s) brings the whole burst back at one instant, and the first calls after the outage hit the recovering service as a wall.',
  notice: 'Bursts of 400 calls at t=5, 15, 25 s fail during the outage (0-40 s). In Charts, Retry waves shows spikes of 400 retries in a single second, also after t=40 when the service is back (the last at t=68 s); the retry delay histogram has only 5 bars (2, 4, 8, 16, 32 s). Compare with its twin, retry-storm-full-jitter (same seed).',
  scenario: retryStorm('Retry storm (no jitter)', 'none'),
};

export const retryStormFullJitter: BuiltinScenario = {
  key: 'retry-storm-full-jitter',
  twin: 'retry-storm-no-jitter',
  title: 'Retry storm after an outage, full jitter',
  source: 'failure mode',
  teaches: 'Full jitter draws each delay uniformly in [0, backoff]: the same failures come back spread out, so the recovering service sees a trickle instead of a wall.',
  notice: 'Same bursts and outage as retry-storm-no-jitter. Retry waves peaks at about 315 retries in one second (inside the outage) instead of 400, and once the outage ends (t=40 s) at most about 75 a second where the no-jitter run sends 400 at once: jitter cuts the peaks the recovering service meets. It does not cut the total: jittered waits are shorter on average, so more attempts land inside the outage (about 6,200 retries instead of 5,200) and the run drains about 30 s later. The retry delay histogram is a spread, not 5 bars.',
  scenario: retryStorm('Retry storm (full jitter)', 'full'),
};
