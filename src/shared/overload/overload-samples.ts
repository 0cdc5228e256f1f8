// How the downstream side is measured for the charts over time (the
// overload_samples table, src/shared/tables/overload-samples.ts): the rows of
// one service's load and of one caller's defences at a moment. Both modes
// make their rows here, so a metric means the same in either: instant mode's
// simulator on its grid of scenario time, live mode's host for its services
// and each live worker for the defences it holds.
import { BREAKER_STATE_VALUE, type OverloadSample } from '../tables/overload-samples.ts';
import { rejectionProbability, type AdaptiveThrottle } from './adaptive-throttling.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import type { RetryBudget } from './retry-budget.ts';
import { windowTotals } from './sliding-window.ts';

/** A service's load at a moment; utilization is over the step that ends then. */
export interface ServiceLoad {
  /** Busy slot-seconds over the step / (concurrency x step): the share of the service's full capacity used. Left out by a sampler that works it out later. */
  utilization?: number;
  /** Calls holding a slot now. */
  inService: number;
  /** Calls waiting for a slot now. */
  queued: number;
  /** Slots open now (less than concurrency in a capacity window, 0 in an outage). */
  capacity: number;
}

export function serviceSamples(t: number, source: string, name: string, load: ServiceLoad, out: OverloadSample[]): void {
  if (load.utilization !== undefined) out.push({ t, source, name, metric: 'utilization', value: load.utilization });
  out.push(
    { t, source, name, metric: 'in_service', value: load.inService },
    { t, source, name, metric: 'queued', value: load.queued },
    { t, source, name, metric: 'capacity', value: load.capacity },
  );
}

/** A job type's defences: whichever it has. */
export interface Defences {
  budget: RetryBudget | null;
  breaker: CircuitBreaker | null;
  throttle: AdaptiveThrottle | null;
}

export function hasDefences(d: Defences): boolean {
  return d.budget !== null || d.breaker !== null || d.throttle !== null;
}

export function defenceSamples(t: number, source: string, name: string, d: Defences, out: OverloadSample[]): void {
  if (d.budget) out.push({ t, source, name, metric: 'budget_tokens', value: d.budget.tokens });
  if (d.breaker) out.push(breakerSample(t, source, name, d.breaker));
  if (d.throttle) out.push({ t, source, name, metric: 'throttle_p', value: throttleProbability(d.throttle, t) });
}

export function breakerSample(t: number, source: string, name: string, b: CircuitBreaker): OverloadSample {
  return { t, source, name, metric: 'breaker_state', value: BREAKER_STATE_VALUE[b.state] };
}

/** The probability the throttle would reject a request made now (read only: counts nothing). */
export function throttleProbability(th: AdaptiveThrottle, now: number): number {
  const { a: requests, b: accepts } = windowTotals(th.counts, now);
  return rejectionProbability(requests, accepts, th.spec.k);
}
