// Failure modes an instructor demos in class.
import type { BuiltinScenario } from './builtin-scenario.ts';

export const poisonMessage: BuiltinScenario = {
  key: 'poison-message',
  title: 'Poison message to the dead-letter table',
  source: 'failure mode',
  teaches: 'A payload the handler can never process fails every attempt and must end in the dead-letter table, not loop forever.',
  notice: 'About 2% of jobs are poison: each uses all 5 attempts and lands in dead_jobs with every error kept. The rest succeed.',
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

export const retryStormNoJitter: BuiltinScenario = {
  key: 'retry-storm-no-jitter',
  title: 'Retry storm after an outage, no jitter',
  source: 'failure mode',
  teaches: 'Without jitter, every job that failed during an outage retries at the same instants: synchronized waves hit the recovering service.',
  notice: 'After the outage ends at t=40 s, retries arrive in spikes at the same backoff steps. Compare with retry-storm-full-jitter.',
  scenario: {
    name: 'Retry storm (no jitter)',
    seed: 40,
    jobTypes: { call_api: { duration: { kind: 'constant', value: 0.2 } } },
    producers: [{ jobType: 'call_api', count: 3000, arrival: { kind: 'constant', rate: 50 } }],
    workers: { count: 10 },
    retry: { maxAttempts: 8, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 60 }, jitter: 'none' },
    faults: [{ kind: 'outage', jobType: 'call_api', from: 10, to: 40 }],
  },
};

export const retryStormFullJitter: BuiltinScenario = {
  key: 'retry-storm-full-jitter',
  title: 'Retry storm after an outage, full jitter',
  source: 'failure mode',
  teaches: 'Full jitter spreads retries uniformly over [0, backoff]: the same failures, no synchronized waves.',
  notice: 'Same arrivals and outage as retry-storm-no-jitter (same seed): the peak of retry arrivals is much lower.',
  scenario: { ...retryStormNoJitter.scenario, name: 'Retry storm (full jitter)', retry: { maxAttempts: 8, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 60 }, jitter: 'full' } },
};

export const overload: BuiltinScenario = {
  key: 'overload',
  title: 'Overload: arrivals above service rate',
  source: 'failure mode',
  teaches: 'When lambda > c x mu no number of retries or patience helps: the backlog grows without bound while arrivals last.',
  notice: 'Arrivals at 5/s against 4 jobs/s of capacity: the pending count climbs for the whole arrival period, and wait grows linearly.',
  scenario: {
    name: 'Overload',
    seed: 9,
    jobTypes: { work: { duration: { kind: 'exponential', mean: 1 } } },
    producers: [{ count: 3000, arrival: { kind: 'poisson', rate: 5 } }],
    workers: { count: 4 },
  },
};

export const workerCrashRecovery: BuiltinScenario = {
  key: 'worker-crash-recovery',
  title: 'Worker crash and visibility-timeout recovery',
  source: 'failure mode',
  teaches: 'A crashed worker\'s job is not lost: its lease expires after the visibility timeout and another worker takes it.',
  notice: 'Workers crash at random (rate 1 per 100 s each); every job still ends succeeded, with attempts marked "crashed" and wait spikes of ~30 s.',
  scenario: {
    name: 'Worker crash and recovery',
    seed: 21,
    jobTypes: { work: { duration: { kind: 'exponential', mean: 2 } } },
    producers: [{ count: 1000, arrival: { kind: 'poisson', rate: 1.2 } }],
    workers: { count: 3, restartDelay: 2 },
    visibilityTimeout: 30,
    retry: { maxAttempts: 5 },
    faults: [{ kind: 'workerCrash', rate: 0.01 }],
  },
};
