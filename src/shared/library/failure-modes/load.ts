// Failure modes of load: more work than capacity, a queue that never gets its
// turn, and a downstream that refuses calls above its rate.
import type { BuiltinScenario } from '../builtin-scenario.ts';

export const overload: BuiltinScenario = {
  key: 'overload',
  title: 'Overload: arrivals above service rate',
  source: 'failure mode',
  teaches: 'When lambda > c x mu no number of retries or patience helps: the backlog grows without bound while arrivals last, by lambda - c x mu jobs every second.',
  notice: 'Arrivals at 5/s against 4 jobs/s of capacity: the pending count on the queue depth chart climbs for the whole arrival period (about 1 job more every second, ~600 at t=600 s), and wait grows linearly with arrival time. Double the count and the backlog at the end of arrivals doubles too.',
  scenario: {
    name: 'Overload',
    seed: 9,
    jobTypes: { work: { duration: { kind: 'exponential', mean: 1 } } },
    producers: [{ count: 3000, arrival: { kind: 'poisson', rate: 5 } }],
    workers: { count: 4 },
  },
};

// Priority is strict (the claim orders by priority first), so a high queue
// loaded near capacity leaves the low queue only the rare idle moments.
export const priorityStarvation: BuiltinScenario = {
  key: 'priority-starvation',
  title: 'Priority starvation of a low queue',
  source: 'failure mode',
  teaches: 'Strict priority serves the high queue first every time; when the high queue alone keeps the workers nearly busy, jobs on the low queue wait far longer than their share of the load suggests.',
  notice: 'The high queue alone loads the 3 workers to 90%. Click low-queue jobs in the inspector: they wait minutes, high-queue jobs seconds. Give both queues the same priority and run again: the waits become equal.',
  scenario: {
    name: 'Priority starvation',
    seed: 30, // a seed where the starvation shows in minutes (the 90% load makes the low queue's wait vary a lot by seed)
    queues: [{ name: 'high', priority: 1 }, { name: 'low', priority: 100 }],
    jobTypes: {
      checkout: { duration: { kind: 'exponential', mean: 1 } },
      newsletter: { duration: { kind: 'exponential', mean: 1 } },
    },
    producers: [
      { queue: 'high', jobType: 'checkout', count: 2700, arrival: { kind: 'poisson', rate: 2.7 } },
      { queue: 'low', jobType: 'newsletter', count: 200, arrival: { kind: 'poisson', rate: 0.2 } },
    ],
    workers: { count: 3 },
  },
};

export const rateLimitedDownstream: BuiltinScenario = {
  key: 'rate-limited-downstream',
  title: 'Rate-limited downstream (HTTP 429)',
  source: 'failure mode',
  teaches: 'A partner API that allows 5 calls per second answers every call above that with 429. More workers do not help: throughput stays at the limit, and the extra calls only burn attempts and push jobs toward the dead-letter table. Throttle at the queue (queues[].rateLimit) instead.',
  notice: 'Attempts with "429 Too Many Requests" in the Event log and Dead letters; throughput_per_s stays just under 5 although 6 workers could do 20/s. Move the limit to the queue (rateLimit: { max: 5, per: 1 }) and remove the fault: no 429 at all, at the same throughput.',
  scenario: {
    name: 'Rate-limited downstream',
    seed: 429,
    jobTypes: { call_partner: { duration: { kind: 'constant', value: 0.3 } } },
    producers: [{ jobType: 'call_partner', count: 600, arrival: { kind: 'poisson', rate: 8 } }],
    workers: { count: 6 },
    retry: { maxAttempts: 5, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 30 }, jitter: 'full' },
    faults: [{ kind: 'downstreamRateLimit', jobType: 'call_partner', max: 5, per: 1 }],
  },
};
