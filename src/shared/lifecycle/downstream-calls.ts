// What a call to a downstream service means for the attempt that made it
// (README.md "Services", "Defences"): the caller's timeout, the service's
// answers, and refusals by a defence on the caller's side, each as the
// FailedAttempt the lifecycle then retries or dead-letters like any other.
// Also the one rule for a service layer retrying its own call to the next
// layer. Both modes use these, so an outcome reads the same everywhere.
import { hashUniform, STREAM } from '../random/hash-uniform.ts';
import { resolveRetryPolicy, retryDelay } from '../retry/backoff.ts';
import type { RetryPolicy, Scenario, ServiceSpec } from '../scenario/schema.ts';
import type { FailedAttempt } from './after-attempt.ts';

/** The caller gave up; the service was not told and keeps working on the call. */
export function callTimedOut(service: string, timeout: number): FailedAttempt {
  return { outcome: 'timeout', cause: 'call_timeout', error: `no answer from ${service} within ${timeout} s (it keeps working on the call)` };
}

export type ServiceRefusal = 'outage' | 'service_full' | 'service_error';

/** The service answered with an error (or refused at once: an outage, a full queue). */
export function serviceFailed(service: string, why: ServiceRefusal, text: string | null = null): FailedAttempt {
  const error =
    why === 'outage' ? `${service} unavailable (503): capacity 0`
      : why === 'service_full' ? `${service} refused the call (429): its queue is full`
        : `${service} failed${text === null ? '' : `: ${text}`}`;
  return { outcome: 'failed', cause: why, error };
}

/** A defence on the caller's side refused the call: the service never saw it. */
export function refusedLocally(cause: 'circuit_open' | 'throttled', sentence: string): FailedAttempt {
  return { outcome: 'failed', cause, error: sentence };
}

export type LayerDecision = { retry: true; delay: number } | { retry: false };

/**
 * A service's call to the next layer failed (attempt `attempt` of the
 * layer's policy): retry after the backoff, or give up and fail the call
 * this service is serving. `callKey` names the call for the jitter draw.
 */
export function afterFailedLayerCall(policy: RetryPolicy, attempt: number, previousDelay: number | undefined, seed: number, callKey: number): LayerDecision {
  if (attempt >= policy.maxAttempts) return { retry: false };
  const u = hashUniform(seed, STREAM.layerJitter, callKey, attempt);
  return { retry: true, delay: retryDelay(policy, attempt, previousDelay, u).delay };
}

/** A layer's retry policy: one attempt unless its `calls` names `retry`, then laid over the scenario's top-level `retry`. */
export function layerPolicy(s: Scenario, retry: NonNullable<ServiceSpec['calls']>['retry']): RetryPolicy {
  if (retry === undefined) return { ...s.retry, maxAttempts: 1 };
  return resolveRetryPolicy(s.retry, retry);
}
