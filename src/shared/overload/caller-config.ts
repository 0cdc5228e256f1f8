// What one job type does on the service side, with the global keys laid
// under the job type's own (a job type's `calls`, `retryBudget`,
// `circuitBreaker` or `adaptiveThrottling` replaces the global one whole).
// Both modes resolve the scenario through here, so they agree on it.
import type { AdaptiveThrottlingSpec, CircuitBreakerSpec, RetryBudgetSpec } from '../scenario/overload-schema.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface CallerConfig {
  /** The service the job type's attempts call, and when the caller gives up (the job type's timeout unless the call names one). */
  call: { service: string; timeout: number } | null;
  retryBudget: RetryBudgetSpec | null;
  circuitBreaker: CircuitBreakerSpec | null;
  adaptiveThrottling: AdaptiveThrottlingSpec | null;
}

export function callerConfig(s: Scenario, jobType: string): CallerConfig {
  const t = s.jobTypes[jobType];
  if (t === undefined) return { call: null, retryBudget: null, circuitBreaker: null, adaptiveThrottling: null };
  const call = t.calls ?? s.calls;
  return {
    call: call === undefined ? null : { service: call.service, timeout: call.timeout ?? t.timeout },
    retryBudget: t.retryBudget ?? s.retryBudget ?? null,
    circuitBreaker: t.circuitBreaker ?? s.circuitBreaker ?? null,
    adaptiveThrottling: t.adaptiveThrottling ?? s.adaptiveThrottling ?? null,
  };
}

/** Does the run model downstream services at all? */
export function hasServices(s: Scenario): boolean {
  return Object.keys(s.services ?? {}).length > 0;
}
