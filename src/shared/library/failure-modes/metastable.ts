// Metastable failure (Bronson et al., HotOS 2021; Huang et al., OSDI 2022):
// a short trigger pushes a service over capacity, callers time out and
// retry, the service keeps working on calls nobody waits for, and the retries
// keep it there after the trigger has ended. The same run four times: with
// no defence (metastable) and with one client-side defence each (recovered).
import type { BuiltinScenario } from '../builtin-scenario.ts';
import type { ScenarioInput } from '../../scenario/schema.ts';

/**
 * 70 jobs/s against a service of 10 slots x 0.1 s (100 calls/s: 70% load);
 * 150 callers, so they can offer 150 calls/s once every call times out
 * after 1 s; 10 s at 20% capacity from t=30 s is the trigger. The callers are
 * 5 workers of 30 lanes, not 150 single-lane workers: the same 150 slots in
 * instant mode (the same verdicts and numbers), and a live run forks 5
 * processes instead of 150 (live runs take at most 64), each one client with
 * its own budget, breaker or throttle as real clients have.
 */
function metastableRun(name: string, defence: Pick<ScenarioInput, 'retryBudget' | 'circuitBreaker' | 'adaptiveThrottling'>): ScenarioInput {
  return {
    name,
    seed: 13,
    services: { api: { concurrency: 10, serviceTime: { kind: 'exponential', mean: 0.1 }, windows: [{ from: 30, to: 40, capacity: 0.2 }] } },
    jobTypes: { request: { timeout: 1, calls: { service: 'api' } } },
    producers: [{ jobType: 'request', count: 8400, arrival: { kind: 'poisson', rate: 70 } }],
    workers: { count: 5, concurrency: 30 },
    retry: { maxAttempts: 3, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 10 }, jitter: 'full' },
    ...defence,
  };
}

const SAME_RUN = 'The same run as metastable-retry-storm (70% load, 10 s at 20% capacity from t=30 s, 1 s timeouts, 3 attempts)';

export const metastableRetryStorm: BuiltinScenario = {
  key: 'metastable-retry-storm',
  twin: 'metastable-retry-budget',
  title: 'Metastable failure: a retry storm that outlives its trigger',
  source: 'failure mode',
  teaches: 'A short capacity drop makes calls time out; callers retry, and the service keeps serving the calls they gave up on. Offered calls stay above capacity after the trigger has ended, so every call waits longer than its timeout: goodput stays near 0 though the service is healthy again. The trigger is gone; the retries are the failure.',
  notice: 'A service of 100 calls/s at 70% load loses 80% of its slots for 10 s at t=30 s. Stats: verdict metastable (goodput after the trigger far below 50% of before), downstream wasted in the thousands (calls served after their caller gave up), amplification about 2.5 calls per job. Compare with its twins: one defence each and the verdict is recovered.',
  scenario: metastableRun('Metastable retry storm', {}),
};

export const metastableRetryBudget: BuiltinScenario = {
  key: 'metastable-retry-budget',
  twin: 'metastable-retry-storm',
  title: 'Metastable failure averted: a retry budget (AWS SDK numbers)',
  source: 'failure mode',
  teaches: 'A retry budget (the AWS SDK token bucket: 500 tokens, 5 per retry, 10 per timeout retry, +1 per success) stops retrying once failures have spent it: jobs fail instead of retrying, offered calls fall below capacity, the service drains and goodput comes back.',
  notice: `${SAME_RUN}, with retryBudget aws-sdk. Stats: verdict recovered; downstream refused.retry_budget counts the retries the empty bucket refused (those jobs are in Dead letters with reason retry_budget); amplification about 1.0 instead of 2.5.`,
  scenario: metastableRun('Metastable retry storm, retry budget', { retryBudget: { kind: 'aws-sdk' } }),
};

export const metastableCircuitBreaker: BuiltinScenario = {
  key: 'metastable-circuit-breaker',
  twin: 'metastable-retry-storm',
  title: 'Metastable failure averted: a circuit breaker',
  source: 'failure mode',
  teaches: 'A circuit breaker opens when half of the calls in 10 s fail, refuses calls locally for 5 s (they fail at once, costing the service nothing), then lets 3 probes through. The service drains while the breaker is open, and the probes find it healthy.',
  notice: `${SAME_RUN}, with a circuit breaker (defaults: 50% failures over 10 s, at least 10 calls, open 5 s, 3 probes). Stats: verdict recovered; downstream refused.circuit_open counts the calls refused while open (reason circuit_open in the Event log).`,
  scenario: metastableRun('Metastable retry storm, circuit breaker', { circuitBreaker: {} }),
};

export const metastableAdaptiveThrottling: BuiltinScenario = {
  key: 'metastable-adaptive-throttling',
  twin: 'metastable-retry-storm',
  title: 'Metastable failure averted: client-side adaptive throttling',
  source: 'failure mode',
  teaches: 'Google SRE\'s adaptive throttling refuses calls locally with probability (requests - 2 x accepts) / (requests + 1): while the service accepts little, the client sends about twice what it accepts, the backlog of abandoned calls drains, and sending grows back with the accepts.',
  notice: `${SAME_RUN}, with adaptiveThrottling (K = 2, a 10 s window: the book's 2 minutes reacts too slowly for a 2-minute run). Stats: verdict recovered; downstream refused.throttled counts the local rejections (reason throttled).`,
  scenario: metastableRun('Metastable retry storm, adaptive throttling', { adaptiveThrottling: { k: 2, window: 10 } }),
};
