// What happens to one attempt of one job: how long it runs and whether it
// fails. Drawn from the seed per (job's draw key, attempt) with a
// counter-based hash, so instant mode and live workers draw the same fates for
// the same job, and a job's fate does not depend on which worker took it or
// when (the draw key: src/shared/sim/draw-key.ts).
import { hashUniform, STREAM } from '../random/hash-uniform.ts';
import { sampleDuration } from '../random/distributions.ts';
import type { FaultSpec, JobTypeSpec } from '../scenario/schema.ts';
import type { AttemptOutcome } from '../job/states.ts';
import type { FailureCause } from '../lifecycle/reasons.ts';
import { POISON_PILL_ERROR as POISON_ERROR } from '../live/poison-pill.ts';

export interface AttemptFate {
  /** Seconds the attempt occupies its worker (already cut at the timeout). */
  runFor: number;
  outcome: Extract<AttemptOutcome, 'succeeded' | 'failed' | 'timeout'>;
  error: string | null;
  /** Why it failed, for events.reason; null when it succeeded. */
  cause: FailureCause | null;
}

/** The faults that concern one job type, resolved once before a run. */
export interface JobTypeFaults {
  poisonFraction: number;
  failFirst: number;
  slowFraction: number;
  slowFactor: number;
  outages: { from: number; to: number; error: string }[];
}

export function faultsForJobType(jobType: string, faults: readonly FaultSpec[]): JobTypeFaults {
  const mine: JobTypeFaults = { poisonFraction: 0, failFirst: 0, slowFraction: 0, slowFactor: 1, outages: [] };
  for (const f of faults) {
    if (!('jobType' in f) || f.jobType !== jobType) continue;
    if (f.kind === 'poison') mine.poisonFraction = Math.max(mine.poisonFraction, f.fraction);
    else if (f.kind === 'failFirst') mine.failFirst = Math.max(mine.failFirst, f.attempts);
    else if (f.kind === 'slowJobs') {
      mine.slowFraction = f.fraction;
      mine.slowFactor = f.factor;
    } else if (f.kind === 'outage') mine.outages.push({ from: f.from, to: f.to, error: f.error });
  }
  return mine;
}

export function isPoison(seed: number, job: number, faults: JobTypeFaults): boolean {
  return faults.poisonFraction > 0 && hashUniform(seed, STREAM.poison, job, 0) < faults.poisonFraction;
}

/**
 * @param job      the job's draw key (DrawKeys; jobs.draw_key)
 * @param attempt  1 for the first try
 * @param startedAt scenario time the attempt starts (outage windows)
 * @param workerSlowdown factor from a slow-worker fault, 1 when none
 */
export function drawAttempt(
  seed: number,
  type: JobTypeSpec,
  faults: JobTypeFaults,
  job: number,
  attempt: number,
  startedAt: number,
  workerSlowdown = 1,
): AttemptFate {
  let duration = sampleDuration(
    type.duration,
    hashUniform(seed, STREAM.duration, job, 2 * attempt),
    hashUniform(seed, STREAM.duration, job, 2 * attempt + 1),
  );
  if (faults.slowFraction > 0 && hashUniform(seed, STREAM.slow, job, attempt) < faults.slowFraction) {
    duration *= faults.slowFactor;
  }
  duration *= workerSlowdown;
  if (duration > type.timeout) {
    return { runFor: type.timeout, outcome: 'timeout', error: `timed out after ${type.timeout} s`, cause: 'timeout' };
  }
  const failure = failureOf(seed, type, faults, job, attempt, startedAt);
  if (failure === null) return { runFor: duration, outcome: 'succeeded', error: null, cause: null };
  return { runFor: duration, outcome: 'failed', error: failure.error, cause: failure.cause };
}

function failureOf(
  seed: number,
  type: JobTypeSpec,
  faults: JobTypeFaults,
  job: number,
  attempt: number,
  startedAt: number,
): { error: string; cause: FailureCause } | null {
  if (isPoison(seed, job, faults)) return { error: POISON_ERROR, cause: 'poison' };
  if (attempt <= faults.failFirst) return { error: `fails its first ${faults.failFirst} attempts (attempt ${attempt})`, cause: 'fail_first' };
  for (const o of faults.outages) if (startedAt >= o.from && startedAt < o.to) return { error: o.error, cause: 'outage' };
  if (type.failureRate > 0 && hashUniform(seed, STREAM.failure, job, attempt) < type.failureRate) return { error: type.error, cause: 'failure_rate' };
  return null;
}


/** A downstream that answered 429 turns a would-be success or failure into a failure (a timeout stays one). */
export function refusedByDownstream(fate: AttemptFate): AttemptFate {
  if (fate.outcome === 'timeout') return fate;
  return { ...fate, outcome: 'failed', error: 'HTTP 429 Too Many Requests from downstream', cause: 'rate_limited' };
}
