// One preset per seed system (shared/seeds), with that system's retry
// semantics as far as the engine expresses them, plus the M/M/3 baseline.
// Where a seed leaves a number open, the choice is said in `teaches`.
import type { BuiltinScenario } from './builtin-scenario.ts';

export const mm3Baseline: BuiltinScenario = {
  key: 'mm3-baseline',
  title: 'M/M/3 at 80% load',
  source: 'queueing theory',
  teaches: 'A healthy queue: Poisson arrivals, exponential work, three workers at 80% utilisation.',
  notice: 'Compare wait_mean with the Erlang C prediction under "theory" (about 1.08 s), and L with lambda x W (Little\'s law).',
  scenario: {
    name: 'M/M/3 at 80% load',
    seed: 42,
    jobTypes: { work: { duration: { kind: 'exponential', mean: 1.0 } } },
    producers: [{ queue: 'default', jobType: 'work', count: 20000, arrival: { kind: 'poisson', rate: 2.4 } }],
    workers: { count: 3, concurrency: 1 },
  },
};

// Seed 1: QueueManager::handleFailure sets status back to pending at once
// (no backoff) while attempts < max_attempts, else moves the job to
// dead_jobs; worker.php is started by hand, so nothing restarts it, and the
// README says there is no recovery of stuck jobs.
export const phpMysqlSimulator: BuiltinScenario = {
  key: 'php-mysql-simulator',
  title: 'PHP + MySQL simulator (no stuck-job recovery)',
  source: 'seed 1: producer / queue manager / worker, row-lock claim, dead_jobs table',
  teaches: 'Attempts vs max_attempts (3) with an immediate retry (status back to pending, no backoff) and a dead_jobs table, in a queue that never recovers a job whose worker died. The claim is a transaction with SELECT ... FOR UPDATE, so no job runs twice. max_attempts 3 and the 1 s idle sleep are our choice: the seed does not give them.',
  notice: 'Worker 2 is killed at t=52 s in the middle of a report and nobody restarts it. The report stays "processing" to the end: the summary counts it as lost (1). Failed attempts are retried in the same instant ("retry in 0 s"); jobs that fail 3 times are in Dead letters with 3 errors each.',
  scenario: {
    name: 'PHP + MySQL simulator',
    seed: 7,
    jobTypes: {
      send_email: { duration: { kind: 'uniform', min: 0.5, max: 2 }, failureRate: 0.25, error: 'SMTP error' },
      generate_report: { duration: { kind: 'uniform', min: 3, max: 8 }, failureRate: 0.1, error: 'report query failed' },
    },
    producers: [
      { jobType: 'send_email', count: 200, arrival: { kind: 'constant', rate: 0.4 } },
      { jobType: 'generate_report', count: 10, arrival: { kind: 'constant', rate: 0.02 } },
    ],
    workers: { count: 2, pollInterval: 1, restart: 'never' },
    retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0 }, jitter: 'none' },
    faults: [{ kind: 'workerCrash', at: 52, worker: 2 }, { kind: 'noVisibilityTimeout' }],
  },
};

// Seed 2: "Delay = 2^attempts + jitter" (2, 4, 8 s, "retry in 4.3s"). Equal
// jitter on a base of 2^(n+1) is d/2 + uniform[0, d/2] = 2^n + uniform[0, 2^n]:
// the seed's formula, with a jitter as large as the step (the seed does not
// say how large). recoverStuckJobs() looks at updated_at, which only the
// claim sets: no heartbeat, so the heartbeat interval is as long as the lease.
export const laravelNotificationWorker: BuiltinScenario = {
  key: 'laravel-notification-worker',
  title: 'Laravel notification worker (2^n + jitter, 5 attempts, 60 s visibility)',
  source: 'seed 2: HTTP enqueue with idempotency key, PENDING/PROCESSING/RETRY/SUCCESS/FAILED',
  teaches: 'Backoff of 2^n s plus jitter (up to another 2^n s) for at most 5 attempts, a 60 s visibility timeout counted from the claim (recoverStuckJobs) that brings a crashed worker\'s job back, and an idempotency key that answers a re-sent POST with the existing job.',
  notice: 'Retries wait 2-4 s, 4-8 s, 8-16 s, 16-32 s (the failed events say "retry in ..."); jobs failing 5 times end FAILED (Dead letters). The crash at t=30 s leaves its job processing until 60 s after its claim, then a "recovered" event puts it back. 5% of POSTs are re-sends: "deduplicated" counts them.',
  scenario: {
    name: 'Laravel notification worker',
    seed: 2024,
    jobTypes: { notify: { duration: { kind: 'lognormal', mean: 0.8, sd: 0.4 }, failureRate: 0.25, timeout: 30, error: 'provider returned 500' } },
    producers: [{ jobType: 'notify', count: 2000, arrival: { kind: 'poisson', rate: 2 }, duplicateRate: 0.05 }],
    workers: { count: 3, pollInterval: 1 },
    retry: { maxAttempts: 5, backoff: { kind: 'exponential', initial: 4, factor: 2, max: 300 }, jitter: 'equal' },
    visibilityTimeout: 60,
    heartbeatInterval: 60,
    faults: [{ kind: 'workerCrash', at: 30, worker: 1 }],
  },
};

// Seed 3: supervisor numprocs=2 running queue:work --queue=high,default
// --sleep=3 --tries=3 --timeout=30; QUEUE_RETRY_AFTER=90 is the lease, counted
// from reserved_at (Laravel does not heartbeat); Laravel's default backoff is
// 0; RateLimiter::for('emails') allows 60 per minute.
export const laravelDatabaseQueue: BuiltinScenario = {
  key: 'laravel-database-queue',
  title: 'Laravel database queue (tries 3, timeout 30, retry_after 90)',
  source: 'seed 3: jobs / failed_jobs / job_batches, queue:work --tries=3 --timeout=30 --sleep=3',
  teaches: 'Two supervised workers polling with --sleep 3 (high before default), mail limited to 60 a minute (RateLimiter), job timeouts that count as failed tries, failed_jobs after 3 tries, retry_after 90 as the lease of a killed worker\'s job, and batches of reports with then/catch.',
  notice: 'Some reports run past the 30 s timeout ("timed out after 30 s") and are tried again; jobs that fail 3 times are in Dead letters (failed_jobs). Worker 1 is killed at t=236 s in the middle of a report: supervisor restarts it at once, but the report is reserved again only 90 s after it was first reserved (a "recovered" event). Report batches end with batch_then, or batch_catch when a report died.',
  scenario: {
    name: 'Laravel database queue',
    seed: 3,
    queues: [{ name: 'high', priority: 1, rateLimit: { max: 60, per: 60 } }, { name: 'default', priority: 10 }],
    jobTypes: {
      mail: { duration: { kind: 'exponential', mean: 2 }, failureRate: 0.2, timeout: 30, error: 'Swift_TransportException: connection refused' },
      report: { duration: { kind: 'lognormal', mean: 18, sd: 12 }, timeout: 30, error: 'SQLSTATE[HY000]: report query failed' },
    },
    producers: [
      { queue: 'high', jobType: 'mail', count: 300, arrival: { kind: 'poisson', rate: 0.3 } },
      { queue: 'default', jobType: 'report', count: 50, arrival: { kind: 'poisson', rate: 0.05 }, batch: { size: 10 } },
    ],
    workers: { count: 2, pollInterval: 3, queues: ['high', 'default'], restart: 'always', restartDelay: 1 },
    retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0 }, jitter: 'none' },
    visibilityTimeout: 90,
    heartbeatInterval: 90,
    faults: [{ kind: 'workerCrash', at: 236, worker: 1 }, { kind: 'poison', jobType: 'report', fraction: 0.1 }],
  },
};
