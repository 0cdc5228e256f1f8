// One preset per seed system (shared/seeds), with that system's retry
// semantics as far as the engine expresses them.
import type { BuiltinScenario } from './builtin-scenario.ts';

export const mm3Baseline: BuiltinScenario = {
  key: 'mm3-baseline',
  title: 'M/M/3 at 80% load',
  source: 'queueing theory',
  teaches: 'A healthy queue: Poisson arrivals, exponential work, three workers at 80% utilisation.',
  notice: 'Compare wait_mean with the Erlang C prediction under "theory", and L with lambda x W (Little\'s law).',
  scenario: {
    name: 'M/M/3 at 80% load',
    seed: 42,
    jobTypes: { work: { duration: { kind: 'exponential', mean: 1.0 } } },
    producers: [{ queue: 'default', jobType: 'work', count: 20000, arrival: { kind: 'poisson', rate: 2.4 } }],
    workers: { count: 3, concurrency: 1 },
  },
};

export const phpMysqlSimulator: BuiltinScenario = {
  key: 'php-mysql-simulator',
  title: 'PHP + MySQL simulator (no stuck-job recovery)',
  source: 'seed 1: producer / queue manager / worker, row-lock claim, dead_jobs table',
  teaches: 'Attempts vs max_attempts and a dead-letter table, in a queue that never recovers a job whose worker died.',
  notice: 'Worker 2 is killed at t=20 s. Its job stays "processing" forever: the summary counts it as lost, because nothing recovers stuck jobs.',
  scenario: {
    name: 'PHP + MySQL simulator',
    seed: 7,
    jobTypes: { send_email: { duration: { kind: 'uniform', min: 0.5, max: 2 }, failureRate: 0.2, error: 'SMTP error' } },
    producers: [{ jobType: 'send_email', count: 200, arrival: { kind: 'constant', rate: 2 } }],
    workers: { count: 2, pollInterval: 1, restart: 'never' },
    retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0 }, jitter: 'none' },
    faults: [{ kind: 'workerCrash', at: 20, worker: 2 }, { kind: 'noVisibilityTimeout' }],
  },
};

export const laravelNotificationWorker: BuiltinScenario = {
  key: 'laravel-notification-worker',
  title: 'Laravel notification worker (2^n + jitter, 5 attempts, 60 s visibility)',
  source: 'seed 2: HTTP enqueue with idempotency key, PENDING/PROCESSING/RETRY/SUCCESS/FAILED',
  teaches: 'Exponential backoff with jitter, a visibility timeout that recovers a crashed worker\'s job, and idempotent enqueue.',
  notice: 'The crash at t=30 s leaves a job processing until its 60 s lease expires, then it is retried. 5% of requests are re-sent and deduplicated.',
  scenario: {
    name: 'Laravel notification worker',
    seed: 2024,
    jobTypes: { notify: { duration: { kind: 'lognormal', mean: 0.8, sd: 0.4 }, failureRate: 0.25, timeout: 30, error: 'provider returned 500' } },
    producers: [{ jobType: 'notify', count: 2000, arrival: { kind: 'poisson', rate: 3 }, duplicateRate: 0.05 }],
    workers: { count: 3 },
    retry: { maxAttempts: 5, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 300 }, jitter: 'full' },
    visibilityTimeout: 60,
    faults: [{ kind: 'workerCrash', at: 30, worker: 1 }],
  },
};

export const laravelDatabaseQueue: BuiltinScenario = {
  key: 'laravel-database-queue',
  title: 'Laravel database queue (tries 3, timeout 30, retry_after 90)',
  source: 'seed 3: jobs / failed_jobs / job_batches, queue:work --tries=3 --timeout=30 --sleep=3',
  teaches: 'A polling worker (--sleep 3), job timeouts that count as failed tries, and retry_after as the visibility timeout.',
  notice: 'Some reports run past the 30 s timeout and fail; after 3 tries they land in failed_jobs (dead_jobs). Polling adds up to 3 s of wait.',
  scenario: {
    name: 'Laravel database queue',
    seed: 3,
    queues: [{ name: 'high', priority: 1 }, { name: 'default', priority: 10 }],
    jobTypes: {
      mail: { duration: { kind: 'exponential', mean: 2 }, failureRate: 0.1, timeout: 30 },
      report: { duration: { kind: 'lognormal', mean: 15, sd: 12 }, timeout: 30 },
    },
    producers: [
      { queue: 'high', jobType: 'mail', count: 300, arrival: { kind: 'poisson', rate: 0.5 } },
      { queue: 'default', jobType: 'report', count: 60, arrival: { kind: 'poisson', rate: 0.1 }, batch: { size: 10 } },
    ],
    workers: { count: 4, pollInterval: 3, queues: ['high', 'default'] },
    retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0 }, jitter: 'none' },
    visibilityTimeout: 90,
  },
};

export const goWorkerPool: BuiltinScenario = {
  key: 'go-worker-pool',
  title: 'Go worker pool (3 workers, 3 retries, exponential backoff)',
  source: 'seed 5: buffered channel (100), fixed goroutine pool, 3 retries with exponential backoff',
  teaches: 'An in-memory worker pool: immediate hand-off to idle goroutines and retries with exponential backoff and no jitter.',
  notice: 'With no jitter, every retry of a job lands exactly 1, 2 and 4 s after its failures; the dead jobs failed all 4 attempts.',
  scenario: {
    name: 'Go worker pool',
    seed: 5,
    jobTypes: { email: { duration: { kind: 'uniform', min: 0.1, max: 0.5 }, failureRate: 0.3, error: 'simulated failure' } },
    producers: [{ jobType: 'email', count: 1000, arrival: { kind: 'burst', size: 100, every: 20 } }],
    workers: { count: 3 },
    retry: { maxAttempts: 4, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 60 }, jitter: 'none' },
  },
};
