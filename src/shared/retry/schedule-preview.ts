// The retry schedule of a policy before anything runs: for each retry, the
// un-jittered base, the rule the jitter applies to it, and the spread of the
// delays it really draws; then how long a job that always fails takes to
// reach the dead-letter table. Sampled with the engine's own retryDelay and
// hash-seeded uniforms, so the preview draws what a run would draw, and the
// same policy always previews the same numbers.
import { hashUniform } from '../random/hash-uniform.ts';
import { sampleDuration } from '../random/distributions.ts';
import type { DurationSpec, RetryPolicy } from '../scenario/schema.ts';
import { baseDelay, retryDelay } from './backoff.ts';

/** A stream of its own, so preview draws never echo a run's jitter draws. */
const PREVIEW_STREAM = 101;
export const DEFAULT_PREVIEW_SAMPLES = 2000;

export interface Spread {
  min: number;
  p10: number;
  p50: number;
  p90: number;
  max: number;
}

export interface ScheduleRow {
  /** 1: the wait after the first failure, before attempt 2. */
  retry: number;
  /** The attempt this wait leads to. */
  attempt: number;
  /** The capped delay before jitter. */
  base: number;
  /** How the jitter turns the base into a delay, in words a student can check by hand. */
  rule: string;
  delay: Spread;
  /** From the first failure to the start of this attempt, waits only. */
  waitedSoFar: Spread;
}

export interface SchedulePreview {
  maxAttempts: number;
  samples: number;
  rows: ScheduleRow[];
  /** Enqueue-to-dead-letter for a job whose every attempt fails: its attempts' durations plus every wait (no queueing). */
  toDeadLetter: Spread;
  /** The same, waits only: what the policy alone adds. */
  waitsOnly: Spread;
}

export interface PreviewOptions {
  samples?: number;
  seed?: number;
  /** How long one failing attempt takes (the job type's duration, cut at its timeout); 0 when left out. */
  attempt?: { duration: DurationSpec; timeout: number };
}

export function previewRetrySchedule(policy: RetryPolicy, options: PreviewOptions = {}): SchedulePreview {
  const samples = Math.max(1, Math.floor(options.samples ?? DEFAULT_PREVIEW_SAMPLES));
  const seed = options.seed ?? 1;
  const retries = policy.maxAttempts - 1;
  const delays = Array.from({ length: retries }, () => new Float64Array(samples));
  const waited = Array.from({ length: retries }, () => new Float64Array(samples));
  const total = new Float64Array(samples);
  const waitsOnly = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    let previous: number | undefined;
    let sumWaits = 0;
    let sumWork = 0;
    for (let a = 1; a <= policy.maxAttempts; a++) {
      if (options.attempt) {
        const { duration, timeout } = options.attempt;
        const u1 = hashUniform(seed, PREVIEW_STREAM, s, 2 * a);
        const u2 = hashUniform(seed, PREVIEW_STREAM, s, 2 * a + 1);
        sumWork += Math.min(timeout, sampleDuration(duration, u1, u2));
      }
      if (a > retries) break;
      const d = retryDelay(policy, a, previous, hashUniform(seed, PREVIEW_STREAM + 1, s, a)).delay;
      previous = d;
      sumWaits += d;
      delays[a - 1]![s] = d;
      waited[a - 1]![s] = sumWaits;
    }
    waitsOnly[s] = sumWaits;
    total[s] = sumWaits + sumWork;
  }
  const rows = delays.map((d, i): ScheduleRow => {
    const n = i + 1;
    const base = baseDelay(policy.backoff, n);
    return { retry: n, attempt: n + 1, base, rule: jitterRule(policy, base), delay: spread(d), waitedSoFar: spread(waited[i]!) };
  });
  return { maxAttempts: policy.maxAttempts, samples, rows, toDeadLetter: spread(total), waitsOnly: spread(waitsOnly) };
}

function jitterRule(policy: RetryPolicy, base: number): string {
  const b = secondsText(base);
  switch (policy.jitter) {
    case 'none':
      return `exactly ${b}`;
    case 'full':
      return `uniform [0, ${b}]`;
    case 'equal':
      return `${secondsText(base / 2)} + uniform [0, ${secondsText(base / 2)}]`;
    case 'decorrelated':
      return `uniform [${secondsText(policy.backoff.initial)}, 3 x previous], at most ${secondsText(policy.backoff.max)}`;
  }
}

export function secondsText(x: number): string {
  if (x >= 3600) return `${Number((x / 3600).toPrecision(3))} h`;
  if (x >= 120) return `${Number((x / 60).toPrecision(3))} min`;
  return `${Number(x.toPrecision(3))} s`;
}

function spread(values: Float64Array): Spread {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { min: sorted[0]!, p10: at(0.1), p50: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1]! };
}
