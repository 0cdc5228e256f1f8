// Closed forms for independent failures with per-attempt failure probability
// p and at most k attempts (the first included), used to check the simulator's
// dead-letter counts and retry load against theory.

/** Fraction of jobs that fail every attempt and end up dead: p^k. */
export function deadFraction(p: number, k: number): number {
  if (k <= 0) return 1;
  return p ** k;
}

/**
 * Mean attempts per job, 1 + p + ... + p^(k-1) = (1 - p^k) / (1 - p); k when
 * p = 1. This is the load multiplier retries put on workers and downstreams.
 * expm1/log keep precision when p is close to 1, where 1 - p^k cancels.
 */
export function meanAttempts(p: number, k: number): number {
  if (k <= 0) return 0;
  if (p >= 1) return k;
  if (p <= 0) return 1;
  return -Math.expm1(k * Math.log(p)) / (1 - p);
}
