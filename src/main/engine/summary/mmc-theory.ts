// When a scenario is an M/M/c queue (Poisson arrivals, exponential service,
// c identical servers, nothing failing), Erlang C predicts its mean wait;
// the summary puts the prediction next to the measurement.
import { mmcMeanQueueLength, mmcMeanWait, utilization } from '../../../shared/theory/erlang-c.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';

export function mmcTheory(s: Scenario): Pick<RunSummary, 'theory'> {
  const types = Object.values(s.jobTypes);
  const type = types[0];
  const fits =
    types.length === 1 &&
    type !== undefined &&
    type.duration.kind === 'exponential' &&
    type.duration.mean > 0 &&
    type.failureRate === 0 &&
    s.faults.length === 0 &&
    s.workers.pollInterval === 0 &&
    s.queues.every((q) => !q.rateLimit) &&
    s.producers.every((p) => p.arrival.kind === 'poisson' && p.delay === 0 && p.then.length === 0 && p.start === 0);
  if (!fits || type.duration.kind !== 'exponential') return {};
  const lambda = s.producers.reduce((sum, p) => sum + (p.arrival.kind === 'poisson' ? p.arrival.rate : 0), 0);
  const mu = 1 / type.duration.mean;
  const c = s.workers.count * s.workers.concurrency;
  const rho = utilization(c, lambda, mu);
  return {
    theory: {
      model: `M/M/${c}`, c, lambda, mu, rho,
      wait_mean: mmcMeanWait(c, lambda, mu),
      queue_length_mean: mmcMeanQueueLength(c, lambda, mu),
    },
  };
}
