// What happens to one attempt of one job: how long it runs and whether it
// fails. Drawn from the seed per (job, attempt) with a counter-based hash, so
// instant mode and live workers draw the same fates for the same job, and a
// job's fate does not depend on which worker took it or when.
import { hashUniform, STREAM } from '../random/hash-uniform.ts';
import { sampleDuration } from '../random/distributions.ts';
import type { FaultSpec, JobTypeSpec } from '../scenario/schema.ts';
import type { AttemptOutcome } from '../job/states.ts';

export interface AttemptFate {
  /** Seconds the attempt occupies its worker (already cut at the timeout). */
  runFor: number;
  outcome: Extract<AttemptOutcome, 'succeeded' | 'failed' | 'timeout'>;
  error: string | null;
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
 * @param job      the job's number within the run (jobs.seq)
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
    return { runFor: type.timeout, outcome: 'timeout', error: `timed out after ${type.timeout} s` };
  }
  const error = failureOf(seed, type, faults, job, attempt, startedAt);
  return { runFor: duration, outcome: error === null ? 'succeeded' : 'failed', error };
}

function failureOf(
  seed: number,
  type: JobTypeSpec,
  faults: JobTypeFaults,
  job: number,
  attempt: number,
  startedAt: number,
): string | null {
  if (isPoison(seed, job, faults)) return 'poison message: the handler throws on this payload every time';
  if (attempt <= faults.failFirst) return `fails its first ${faults.failFirst} attempts (attempt ${attempt})`;
  for (const o of faults.outages) if (startedAt >= o.from && startedAt < o.to) return o.error;
  if (type.failureRate > 0 && hashUniform(seed, STREAM.failure, job, attempt) < type.failureRate) return type.error;
  return null;
}
