// The two seed systems that are not a PHP queue: the full-featured job queue
// spec (seed 4) and the Go worker pool (seed 5).
import type { BuiltinScenario } from './builtin-scenario.ts';

// Seed 4: config/queue.php gives queues high (priority 1), default (10) and
// low (100), worker sleep 1 s when idle (Worker::daemon), max_jobs 500,
// retry max_attempts 3 with backoff [60, 120, 240], and EmailJob overrides
// maxAttempts 5 and timeout 120. Rate limit, delays, chains and batches are
// required features without numbers; ours are said in `notice`.
export const jobQueueSpec: BuiltinScenario = {
  key: 'job-queue-spec',
  title: 'Full-featured job queue spec (priorities, rate limits, delays, chains, batches)',
  source: 'seed 4: multiple queues with priorities, delayed jobs, chaining, rate limiting, batches, timeouts, max_jobs',
  teaches: 'Every feature of the spec in one run: strict queue priorities, a rate-limited queue, delayed jobs, a report -> export chain, image batches with then/catch, per-type timeouts and attempts, and backoff 60/120/240 s. max_jobs 500 is set too, but no worker reaches it in this run.',
  notice: 'Notifications (high) wait least, reports (low) most. Emails are limited to 20 a minute, so the default queue backs up while they arrive faster. Images are delayed 60 s (scheduled first, then due), each data_export starts only after its report succeeded, and image batches of 10 end with batch_then or batch_catch. A failed job retries 60 s later, then 120 s.',
  scenario: {
    name: 'Job queue spec',
    seed: 4,
    queues: [
      { name: 'high', priority: 1 },
      { name: 'default', priority: 10, rateLimit: { max: 20, per: 60 } },
      { name: 'media', priority: 50 },
      { name: 'low', priority: 100 },
    ],
    jobTypes: {
      notification: { duration: { kind: 'uniform', min: 0.2, max: 1 }, failureRate: 0.02 },
      email: { duration: { kind: 'constant', value: 2 }, failureRate: 0.1, timeout: 120, retry: { maxAttempts: 5 } },
      image_processing: { duration: { kind: 'uniform', min: 2, max: 6 }, failureRate: 0.05 },
      report_generation: { duration: { kind: 'lognormal', mean: 20, sd: 10 }, failureRate: 0.05 },
      data_export: { duration: { kind: 'uniform', min: 5, max: 10 } },
    },
    producers: [
      { queue: 'high', jobType: 'notification', count: 600, arrival: { kind: 'poisson', rate: 1 } },
      { queue: 'default', jobType: 'email', count: 200, arrival: { kind: 'poisson', rate: 0.5 } },
      { queue: 'media', jobType: 'image_processing', count: 60, arrival: { kind: 'burst', size: 10, every: 90 }, delay: 60, batch: { size: 10 } },
      { queue: 'low', jobType: 'report_generation', then: ['data_export'], count: 20, arrival: { kind: 'poisson', rate: 0.03 } },
    ],
    workers: { count: 4, pollInterval: 1, maxJobs: 500 },
    retry: { maxAttempts: 3, backoff: { kind: 'exponential', initial: 60, factor: 2, max: 240 }, jitter: 'none' },
  },
};

// Seed 5: WORKER_COUNT 3, BUFFER_SIZE 100, max_retries 3 (4 attempts),
// exponential backoff (no jitter mentioned), job types email 2-4 s,
// notification 1-2 s, report 3-5 s. The seed's stress test sends 10 jobs at
// once; bursts of 10 never fill the 100-slot channel, which the engine could
// not model (it has no blocking enqueue).
export const goWorkerPool: BuiltinScenario = {
  key: 'go-worker-pool',
  title: 'Go worker pool (3 workers, 3 retries, exponential backoff)',
  source: 'seed 5: buffered channel (100), fixed goroutine pool, 3 retries with exponential backoff',
  teaches: 'An in-memory worker pool: 3 goroutines take jobs from a buffered channel as soon as they are free, and a failed job is retried up to 3 times with exponential backoff and no jitter (1, 2, 4 s) before it is FAILED for good.',
  notice: 'Bursts of 10 jobs every 15 s (5 emails, 3 notifications, 2 reports) keep the 3 workers busy and the pending count well under the channel\'s 100 slots. Every retry lands exactly 1, 2 and 4 s after its failure; the jobs in Dead letters failed all 4 attempts.',
  scenario: {
    name: 'Go worker pool',
    seed: 5,
    jobTypes: {
      email: { duration: { kind: 'uniform', min: 2, max: 4 }, failureRate: 0.3, error: 'simulated failure' },
      notification: { duration: { kind: 'uniform', min: 1, max: 2 }, failureRate: 0.3, error: 'simulated failure' },
      report: { duration: { kind: 'uniform', min: 3, max: 5 }, failureRate: 0.3, error: 'simulated failure' },
    },
    producers: [
      { jobType: 'email', count: 150, arrival: { kind: 'burst', size: 5, every: 15 } },
      { jobType: 'notification', count: 90, start: 4, arrival: { kind: 'burst', size: 3, every: 15 } },
      { jobType: 'report', count: 60, start: 8, arrival: { kind: 'burst', size: 2, every: 15 } },
    ],
    workers: { count: 3 },
    retry: { maxAttempts: 4, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 60 }, jitter: 'none' },
  },
};
