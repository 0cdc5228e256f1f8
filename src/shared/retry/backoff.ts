// Retry delays, exactly as README.md "What the retry keys mean" defines them. For attempt
// n = 1, 2, ... after a failure: fixed waits `initial`, linear `initial * n`,
// exponential `initial * factor^(n-1)`, each capped at `max`; then jitter.
// Jitter definitions follow the AWS Architecture Blog post "Exponential
// Backoff and Jitter". The uniform is supplied by the caller so a delay is
// reproducible from (seed, job, attempt).
import type { z } from 'zod';
import type { BackoffSpec, Jitter, RetryPolicy, retryOverrideSchema } from '../scenario/schema.ts';

type RetryOverride = z.output<typeof retryOverrideSchema>;

export interface RetryDelay {
  /** The capped delay before jitter, in seconds. */
  base: number;
  /** The delay actually waited, in seconds. */
  delay: number;
  /** A short human explanation of how `delay` was reached, for the UI. */
  formula: string;
}

/** Attempt numbers below 1 or fractional are treated as the nearest valid one. */
function attemptNumber(n: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

/**
 * The uncapped exponential growth, but computed so that it never overflows:
 * once factor^(n-1) would pass max/initial the answer is just `max`, and
 * pow is not evaluated at all (factor 10, n 1000 would be Infinity).
 */
function exponentialCapped(initial: number, factor: number, max: number, n: number): number {
  if (initial <= 0) return 0;
  if (initial >= max) return max;
  if (factor <= 1) return initial;
  const stepsToCap = Math.log(max / initial) / Math.log(factor);
  if (n - 1 >= stepsToCap) return max;
  return Math.min(max, initial * factor ** (n - 1));
}

/** The capped, un-jittered delay before attempt n + 1 (n = failures so far). */
export function baseDelay(backoff: BackoffSpec, n: number): number {
  const k = attemptNumber(n);
  const { initial, max } = backoff;
  switch (backoff.kind) {
    case 'fixed':
      return Math.min(max, initial);
    case 'linear':
      return Math.min(max, initial * k);
    case 'exponential':
      return exponentialCapped(initial, backoff.factor, max, k);
  }
}

/** Configured values: as short as possible ("1 s", "0.25 s"). */
function fmtSpec(x: number): string {
  if (!Number.isFinite(x)) return '∞ s';
  return `${Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)))} s`;
}

/** Random outcomes: always two decimals, so the UI columns line up. */
function fmtDrawn(x: number): string {
  return `${x.toFixed(2)} s`;
}

/** The left part of the formula: how the un-jittered base came about. */
function describeBase(backoff: BackoffSpec, n: number, base: number): string {
  const { initial, max } = backoff;
  let raw: number;
  let text: string;
  switch (backoff.kind) {
    case 'fixed':
      raw = initial;
      text = `fixed ${fmtSpec(initial)}`;
      break;
    case 'linear':
      raw = initial * n;
      text = `linear ${fmtSpec(initial)} x ${n} = ${fmtSpec(raw)}`;
      break;
    case 'exponential': {
      raw = initial * backoff.factor ** (n - 1);
      const power = `${fmtSpec(initial)} x ${backoff.factor}^${n - 1}`;
      // For a huge n the raw value may be Infinity; say "> cap" instead.
      text = Number.isFinite(raw) ? `${power} = ${fmtSpec(raw)}` : `${power} > ${fmtSpec(max)}`;
      break;
    }
  }
  return raw > base ? `${text} (cap ${fmtSpec(max)})` : text;
}

const JITTER_LABEL: Record<Exclude<Jitter, 'decorrelated'>, string> = {
  none: 'no jitter',
  full: 'full jitter',
  equal: 'equal jitter',
};

/**
 * The delay before attempt n + 1 after the n-th failure.
 * `previousDelay` is the delay chosen after the previous failure (only the
 * decorrelated jitter uses it; `initial` stands in when there is none).
 * `u` is a uniform in [0, 1).
 */
export function retryDelay(
  policy: RetryPolicy,
  n: number,
  previousDelay: number | undefined,
  u: number,
): RetryDelay {
  const k = attemptNumber(n);
  const { backoff, jitter } = policy;
  const base = baseDelay(backoff, k);

  if (jitter === 'decorrelated') {
    // Decorrelated jitter grows from the previous delay rather than from n,
    // so it ignores the backoff kind and factor by definition.
    const { initial, max } = backoff;
    const hasPrev = previousDelay !== undefined && Number.isFinite(previousDelay);
    const prev = hasPrev ? Math.max(0, previousDelay) : initial;
    const hi = Math.max(initial, 3 * prev);
    const drawn = initial + (hi - initial) * u;
    const delay = Math.min(max, drawn);
    const prevText = hasPrev ? fmtDrawn(prev) : fmtSpec(prev);
    const capText = drawn > max ? ` (cap ${fmtSpec(max)})` : '';
    return {
      base,
      delay,
      formula: `decorrelated: uniform[${fmtSpec(initial)}, 3 x ${prevText}] -> ${fmtDrawn(delay)}${capText}`,
    };
  }

  let delay: number;
  switch (jitter) {
    case 'none':
      delay = base;
      break;
    case 'full':
      delay = base * u;
      break;
    case 'equal':
      delay = base / 2 + (base / 2) * u;
      break;
  }
  const result = jitter === 'none' ? fmtSpec(delay) : fmtDrawn(delay);
  return { base, delay, formula: `${describeBase(backoff, k, base)}, ${JITTER_LABEL[jitter]} -> ${result}` };
}

/**
 * A job type's retry policy: the global one with the job type's override laid
 * on top, key by key, including inside `backoff` (so `backoff: { max: 10 }`
 * keeps the global kind, initial and factor). Undefined keys do not override.
 */
export function resolveRetryPolicy(global: RetryPolicy, override: RetryOverride | undefined): RetryPolicy {
  if (!override) return { ...global, backoff: { ...global.backoff } };
  const b = override.backoff;
  return {
    maxAttempts: override.maxAttempts ?? global.maxAttempts,
    jitter: override.jitter ?? global.jitter,
    backoff: {
      kind: b?.kind ?? global.backoff.kind,
      initial: b?.initial ?? global.backoff.initial,
      factor: b?.factor ?? global.backoff.factor,
      max: b?.max ?? global.backoff.max,
    },
  };
}
