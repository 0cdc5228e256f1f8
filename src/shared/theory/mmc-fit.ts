// Whether a scenario is an M/M/c queue (Poisson arrivals, exponential
// service, c identical servers, nothing failing or throttling), and if so
// Erlang C's prediction. When it is not, the reasons say which assumption
// breaks, in words a student can act on ("not M/M/c: failures retry"): the
// UI shows them instead of a prediction that would not apply. One definition
// for the run summary (src/main/engine/summary) and the renderer.
import type { RunSummary } from '../metrics/run-summary.ts';
import type { Scenario } from '../scenario/schema.ts';
import { mmcMeanQueueLength, mmcMeanWait, utilization } from './erlang-c.ts';

export type MmcFit =
  | { fits: true; c: number; lambda: number; mu: number }
  | { fits: false; reasons: string[] };

export type MmcPrediction = NonNullable<RunSummary['theory']>;

function listed(names: readonly string[]): string {
  return [...new Set(names)].join(', ');
}

export function mmcFit(s: Scenario): MmcFit {
  const reasons: string[] = [];
  const types = Object.entries(s.jobTypes);
  if (types.length !== 1) reasons.push(`${types.length} job types (${listed(types.map(([name]) => name))}): service is a mix, not one exponential`);
  for (const [name, type] of types) {
    if (type.duration.kind !== 'exponential') reasons.push(`service time of ${name} is ${type.duration.kind}, not exponential`);
    else if (!(type.duration.mean > 0)) reasons.push(`service time of ${name} is 0`);
    if (type.failureRate > 0) reasons.push(`failures retry (${name} fails ${+(type.failureRate * 100).toPrecision(3)} % of attempts)`);
  }
  // An attempt that calls a service takes the service's queueing and service time, not `duration`.
  const callers = types.filter(([, t]) => (t.calls ?? s.calls) !== undefined).map(([name]) => name);
  if (callers.length > 0) reasons.push(`attempts call a downstream service (${listed(callers)}): their time is the service's, with its own queue`);
  if (s.faults.length > 0) reasons.push(`faults injected (${listed(s.faults.map((f) => f.kind))})`);
  if (s.workers.pollInterval > 0) reasons.push(`workers poll every ${s.workers.pollInterval} s instead of taking a job at once`);
  const limited = s.queues.filter((q) => q.rateLimit).map((q) => q.name);
  if (limited.length > 0) reasons.push(`rate-limited queue (${listed(limited)})`);
  const notPoisson = s.producers.filter((p) => p.arrival.kind !== 'poisson').map((p) => p.arrival.kind);
  if (notPoisson.length > 0) reasons.push(`arrivals are ${listed(notPoisson)}, not Poisson`);
  if (s.producers.some((p) => p.delay > 0 || p.start > 0)) reasons.push('delayed or late-starting producers');
  if (s.producers.some((p) => p.then.length > 0)) reasons.push('chained jobs');
  const type = types[0]?.[1];
  if (reasons.length > 0 || !type || type.duration.kind !== 'exponential') return { fits: false, reasons };
  const lambda = s.producers.reduce((sum, p) => sum + (p.arrival.kind === 'poisson' ? p.arrival.rate : 0), 0);
  return { fits: true, c: s.workers.count * s.workers.concurrency, lambda, mu: 1 / type.duration.mean };
}

/** Erlang C's steady-state mean wait and mean queue length (Infinity when rho >= 1). */
export function mmcPrediction(fit: { c: number; lambda: number; mu: number }): MmcPrediction {
  const { c, lambda, mu } = fit;
  return {
    model: `M/M/${c}`, c, lambda, mu,
    rho: utilization(c, lambda, mu),
    wait_mean: mmcMeanWait(c, lambda, mu),
    queue_length_mean: mmcMeanQueueLength(c, lambda, mu),
  };
}
