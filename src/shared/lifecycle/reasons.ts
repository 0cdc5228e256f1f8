// Why a job moved, as a fixed code that is stored in events.reason beside the
// attempt's outcome (events.outcome). Views and reports read these columns;
// `detail` stays the human sentence and nobody parses it (rewording a
// message must not break a view).
import type { EventKind } from '../events.ts';
import type { AttemptOutcome, JobState } from '../job/states.ts';

/** Why an attempt failed: what the seeded draw (or the worker) said. */
export const FAILURE_CAUSES = [
  'failure_rate', // the job type's failureRate came up
  'poison', // a poison job (the poison fault, or a poison pill fired by hand)
  'fail_first', // the failFirst fault: the first N attempts fail
  'outage', // a downstream outage window was open when the attempt started
  'timeout', // the attempt ran past the job type's timeout
  'rate_limited', // the downstream answered 429 (downstreamRateLimit)
  'unknown_type', // no handler for the job type: not retryable
  'worker_crashed', // the worker process died mid-job (found when the lease expired)
  'worker_lost', // the worker stopped heartbeating (found when the lease expired)
  // The overload model (README.md "Services"): a call to a downstream service.
  'call_timeout', // outcome timeout: the caller gave up; the service keeps working on the call (wasted work)
  'service_error', // the service answered an error (its failureRate, or its own calls to the next layer failed)
  'service_full', // the service's queue was at queueLimit: refused at once
  // Refused locally by a client-side defence: no call was made (outcome failed).
  'circuit_open', // the circuit breaker is open (or half-open with its probes out)
  'throttled', // adaptive throttling rejected the call (Google SRE, "Handling Overload")
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** Causes of a call refused on the caller's side by a defence: the service never saw it. */
export const REFUSED_LOCALLY: ReadonlySet<FailureCause> = new Set(['circuit_open', 'throttled']);

/** Why a job moved, for the transitions that are not an attempt's own failure. */
export const MOVE_REASONS = [
  'attempts_exhausted', // dead: the round's last attempt failed
  'not_retryable', // dead: a failure no retry can fix
  'lease_expired', // recovered: the visibility timeout ran out
  'parent_succeeded', // due: the job this one waits for succeeded
  'parent_died', // cancelled: the job this one waits for died
  'parent_cancelled', // cancelled: the job this one waits for was cancelled
  'double_claim', // claimed / completed_again under the unsafe claim
  'all_succeeded', // batch_then
  'some_not_succeeded', // batch_catch
  'retry_budget', // dead: the retry budget had no tokens for another attempt (the retry was refused locally)
] as const;
export type MoveReason = (typeof MOVE_REASONS)[number];

export type Reason = FailureCause | MoveReason;
export const REASONS = [...FAILURE_CAUSES, ...MOVE_REASONS] as const;

/** One event as a lifecycle decision describes it; the caller adds time, job and worker. */
export interface TransitionEvent {
  kind: EventKind;
  from: JobState | null;
  to: JobState | null;
  outcome: AttemptOutcome | null;
  reason: Reason | null;
  detail: string | null;
}
