// A retry budget as a token bucket (AWS SDK "standard" retry mode; the SRE
// book's per-client retry budget). Every retry costs tokens, a timeout retry
// more; successes (AWS) or requests (SRE) earn them back; the bucket has a
// cap. With no tokens left the retry is refused locally and the job fails
// (the lifecycle's RetryGate, reason `retry_budget`).
import { AWS_SDK_BUDGET, SRE_10PCT_BUDGET, type RetryBudgetSpec } from '../scenario/overload-schema.ts';

export interface RetryBudgetParams {
  capacity: number;
  initial: number;
  perSuccess: number;
  perRequest: number;
  retryCost: number;
  timeoutRetryCost: number;
}

export function retryBudgetParams(spec: RetryBudgetSpec): RetryBudgetParams {
  if (spec.kind === 'aws-sdk') return { ...AWS_SDK_BUDGET, initial: AWS_SDK_BUDGET.capacity };
  if (spec.kind === 'sre-10pct') return { ...SRE_10PCT_BUDGET, initial: SRE_10PCT_BUDGET.capacity };
  const { capacity, perSuccess, perRequest, retryCost, timeoutRetryCost } = spec;
  return { capacity, initial: Math.min(capacity, spec.initial ?? capacity), perSuccess, perRequest, retryCost, timeoutRetryCost };
}

export interface RetryBudget {
  params: RetryBudgetParams;
  tokens: number;
  /** Retries refused so far (the summary's downstream.refused.retry_budget). */
  refused: number;
}

export function newRetryBudget(params: RetryBudgetParams): RetryBudget {
  return { params, tokens: params.initial, refused: 0 };
}

/** A first attempt was made (SRE: each request earns a tenth of a retry). */
export function budgetOnRequest(b: RetryBudget): void {
  b.tokens = Math.min(b.params.capacity, b.tokens + b.params.perRequest);
}

/** An attempt succeeded (AWS: +1 per success). */
export function budgetOnSuccess(b: RetryBudget): void {
  b.tokens = Math.min(b.params.capacity, b.tokens + b.params.perSuccess);
}

/**
 * A retry would follow a failure: spend its cost and answer null, or refuse
 * (tokens unchanged) with the sentence the event's detail carries.
 */
export function budgetSpendForRetry(b: RetryBudget, outcome: 'failed' | 'timeout'): string | null {
  const cost = outcome === 'timeout' ? b.params.timeoutRetryCost : b.params.retryCost;
  if (b.tokens + 1e-9 < cost) {
    b.refused++;
    return `retry budget has ${fmt(b.tokens)} tokens, a ${outcome === 'timeout' ? 'timeout ' : ''}retry costs ${fmt(cost)}`;
  }
  b.tokens -= cost;
  return null;
}

function fmt(x: number): string {
  return String(Number(x.toFixed(2)));
}
