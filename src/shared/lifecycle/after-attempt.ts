// What happens to a job when an attempt ends or its lease runs out: retry
// after a backoff, back to pending, or the dead-letter table. The one place
// that decides it; instant mode applies the answer to its in-memory table,
// the store writes it in SQL (see docs/architecture.md "Job lifecycle").
// Decisions are plain data, so a test can read them without running anything.
import { hashUniform, STREAM } from '../random/hash-uniform.ts';
import { retryDelay, type RetryDelay } from '../retry/backoff.ts';
import type { RetryPolicy } from '../scenario/schema.ts';
import type { FailureCause, TransitionEvent } from './reasons.ts';

/** processing -> succeeded: always the same event, shared so the hot path allocates nothing. */
export const SUCCEEDED_EVENT: Readonly<TransitionEvent> = Object.freeze({
  kind: 'succeeded', from: 'processing', to: 'succeeded', outcome: 'succeeded', reason: null, detail: null,
});

export interface FailedAttempt {
  outcome: 'failed' | 'timeout';
  error: string;
  cause: FailureCause | null;
  /** False for a failure no retry can fix (a job type nobody handles); default true. */
  retryable?: boolean;
}

/** Where the job stands in its current round (a retry from the dead-letter table starts a new one). */
export interface Round {
  /** 1 for the round's first attempt. */
  attempt: number;
  maxAttempts: number;
  /** The delay chosen after the previous failure (decorrelated jitter grows from it). */
  previousDelay?: number | undefined;
}

/** What the backoff's jitter is drawn from: the same job gets the same draw in both modes. */
export interface RetryDraw {
  policy: RetryPolicy;
  seed: number;
  /** The job's stable draw key (see src/shared/sim/draw-key.ts). */
  drawKey: number;
}

export interface DeadLetterEntry {
  /** dead_jobs.reason */
  reason: string;
}

export type AttemptDecision =
  | { to: 'retrying'; dueAt: number; backoff: RetryDelay; event: TransitionEvent; deadLetter: null }
  | { to: 'dead'; dueAt: null; backoff: null; event: TransitionEvent; deadLetter: DeadLetterEntry };

/**
 * Asked only when a retry would follow (attempts remain, the failure is
 * retryable): a retry budget (src/shared/overload/retry-budget.ts) answers
 * null to let it go, or the sentence saying why it refused.
 */
export type RetryGate = (outcome: FailedAttempt['outcome']) => string | null;

export function afterFailedAttempt(failure: FailedAttempt, round: Round, draw: RetryDraw, now: number, gate: RetryGate | null = null): AttemptDecision {
  if (failure.retryable !== false && round.attempt < round.maxAttempts && gate !== null) {
    const refused = gate(failure.outcome);
    if (refused !== null) {
      return {
        to: 'dead', dueAt: null, backoff: null,
        event: {
          kind: 'dead', from: 'processing', to: 'dead', outcome: failure.outcome, reason: 'retry_budget',
          detail: `${failure.outcome}: ${failure.error}; retry refused: ${refused} (attempt ${round.attempt} of ${round.maxAttempts})`,
        },
        deadLetter: { reason: `retry refused by the retry budget (attempt ${round.attempt} of ${round.maxAttempts})` },
      };
    }
  }
  if (failure.retryable === false || round.attempt >= round.maxAttempts) {
    const exhausted = round.attempt >= round.maxAttempts;
    return {
      to: 'dead', dueAt: null, backoff: null,
      event: deadEvent(failure, round.attempt, round.maxAttempts, exhausted),
      deadLetter: { reason: exhausted ? deadLetterReason(round.attempt, round.maxAttempts) : failure.error },
    };
  }
  // The only call of the backoff formula in the engine.
  const u = hashUniform(draw.seed, STREAM.jitter, draw.drawKey, round.attempt);
  const backoff = retryDelay(draw.policy, round.attempt, round.previousDelay, u);
  return { to: 'retrying', dueAt: now + backoff.delay, backoff, event: retryEvent(failure, backoff.formula), deadLetter: null };
}

/** processing -> retrying */
export function retryEvent(failure: FailedAttempt, formula: string): TransitionEvent {
  return {
    kind: 'failed', from: 'processing', to: 'retrying', outcome: failure.outcome, reason: failure.cause,
    detail: `${failure.outcome}: ${failure.error}; retry in ${formula}`,
  };
}

/** processing -> dead, with the round's count in the sentence. */
export function deadEvent(failure: FailedAttempt, attempt: number, maxAttempts: number, exhausted: boolean): TransitionEvent {
  return {
    kind: 'dead', from: 'processing', to: 'dead', outcome: failure.outcome, reason: exhausted ? 'attempts_exhausted' : 'not_retryable',
    detail: `${failure.outcome}: ${failure.error} (attempt ${attempt} of ${maxAttempts})`,
  };
}

/** dead_jobs.reason of a job that died after an attempt. */
export function deadLetterReason(attempt: number, maxAttempts: number): string {
  return attempt >= maxAttempts ? `attempts exhausted (${attempt} of ${maxAttempts})` : `not retried (attempt ${attempt} of ${maxAttempts})`;
}

// ---- lease expiry ----------------------------------------------------------

export interface ExpiredAttempt {
  /** crashed: the worker's process is known dead; lost: it just stopped heartbeating. */
  outcome: 'crashed' | 'lost';
  /** How long the lease was (visibility timeout), when known. */
  leaseSeconds: number | null;
  attempt: number;
  maxAttempts: number;
}

export type LeaseDecision =
  | { to: 'pending'; dueAt: number; error: string; event: TransitionEvent; deadLetter: null }
  | { to: 'dead'; dueAt: null; error: string; event: TransitionEvent; deadLetter: DeadLetterEntry };

/** The error an expired attempt leaves in attempts.error. */
export function leaseExpiredError(outcome: 'crashed' | 'lost', leaseSeconds: number | null): string {
  const what = outcome === 'crashed' ? 'worker crashed mid-job' : 'worker stopped heartbeating';
  return `${what}; lease expired${leaseSeconds === null ? '' : ` after ${Number(leaseSeconds.toPrecision(6))} s`}`;
}

/**
 * A lease ran out: the job goes straight back to pending (no backoff: the
 * attempt did not fail, its worker vanished), or dies on the round's last attempt.
 */
export function afterLeaseExpiry(x: ExpiredAttempt, now: number): LeaseDecision {
  const error = leaseExpiredError(x.outcome, x.leaseSeconds);
  if (x.attempt >= x.maxAttempts) {
    return {
      to: 'dead', dueAt: null, error, event: recoveredEvent(x.outcome, error, 'dead', null, true),
      deadLetter: { reason: leaseDeadLetterReason(x.attempt, x.maxAttempts) },
    };
  }
  return { to: 'pending', dueAt: now, error, event: recoveredEvent(x.outcome, error, 'pending', null, false), deadLetter: null };
}

/** What the store's recovery asks its caller while attempts remain: back to pending now. */
export const BACK_TO_PENDING_NOW = (now: number): RetryDelay & { dueAt: number } => ({
  dueAt: now, base: 0, delay: 0, formula: 'lease expired: back to pending',
});

/** processing -> pending | retrying | dead after a lease expired. */
export function recoveredEvent(
  outcome: 'crashed' | 'lost',
  error: string,
  to: 'pending' | 'retrying' | 'dead',
  retryFormula: string | null,
  exhausted: boolean,
): TransitionEvent {
  const detail =
    to === 'dead' ? `${error}; ${exhausted ? 'attempts exhausted' : 'not retried'}` : to === 'retrying' ? `${error}; retry in ${retryFormula}` : error;
  return { kind: 'recovered', from: 'processing', to, outcome, reason: 'lease_expired', detail };
}

export function leaseDeadLetterReason(attempt: number, maxAttempts: number): string {
  const round = `${attempt} of ${maxAttempts}`;
  return attempt >= maxAttempts ? `lease expired on the last attempt (${round})` : `lease expired; not retried (attempt ${round})`;
}

/** A worker reported on a job it no longer held: counted, changes nothing. */
export function leaseLostEvent(attempt: number, outcome: 'succeeded' | 'failed' | 'timeout' | 'crashed' | 'lost'): TransitionEvent {
  return { kind: 'lease_lost', from: null, to: null, outcome, reason: null, detail: `attempt ${attempt} ended as ${outcome}; the job had moved on` };
}

/** A second completion of a job already succeeded (unsafe claim): a duplicate. */
export function completedAgainEvent(completions: number): TransitionEvent {
  return { kind: 'completed_again', from: 'succeeded', to: 'succeeded', outcome: 'succeeded', reason: 'double_claim', detail: `completed ${completions} times` };
}
