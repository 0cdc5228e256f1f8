// Per job type, what its attempts do on the service side: the call (service,
// timeout) and the defences with their state (src/shared/overload). Built
// once per run from the scenario through callerConfig, which live mode uses too.
import { callerConfig } from '../../../shared/overload/caller-config.ts';
import { newAdaptiveThrottle, type AdaptiveThrottle } from '../../../shared/overload/adaptive-throttling.ts';
import { newCircuitBreaker, type CircuitBreaker } from '../../../shared/overload/circuit-breaker.ts';
import { budgetSpendForRetry, newRetryBudget, retryBudgetParams, type RetryBudget } from '../../../shared/overload/retry-budget.ts';
import type { RetryGate } from '../../../shared/lifecycle/after-attempt.ts';
import type { DownstreamCounts } from '../../../shared/overload/downstream-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';

export interface Caller {
  call: { service: number; name: string; timeout: number } | null;
  budget: RetryBudget | null;
  /** The lifecycle's retry gate over `budget`, made once. */
  gate: RetryGate | null;
  breaker: CircuitBreaker | null;
  throttle: AdaptiveThrottle | null;
}

export function buildCallers(s: Scenario, typeNames: readonly string[], serviceIndex: (name: string) => number): Caller[] {
  return typeNames.map((name) => {
    const c = callerConfig(s, name);
    const budget = c.retryBudget ? newRetryBudget(retryBudgetParams(c.retryBudget)) : null;
    return {
      call: c.call ? { service: serviceIndex(c.call.service), name: c.call.service, timeout: c.call.timeout } : null,
      budget,
      gate: budget ? (outcome) => budgetSpendForRetry(budget, outcome) : null,
      breaker: c.circuitBreaker ? newCircuitBreaker(c.circuitBreaker) : null,
      throttle: c.adaptiveThrottling ? newAdaptiveThrottle(c.adaptiveThrottling) : null,
    };
  });
}

/** What the defences refused over the run, summed over job types. */
export function refusedCounts(callers: readonly Caller[]): DownstreamCounts['refused'] {
  const r = { retry_budget: 0, circuit_open: 0, throttled: 0 };
  for (const c of callers) {
    r.retry_budget += c.budget?.refused ?? 0;
    r.circuit_open += c.breaker?.refused ?? 0;
    r.throttled += c.throttle?.refused ?? 0;
  }
  return r;
}
