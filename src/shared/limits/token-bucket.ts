// Queue rate limits as token buckets: a full bucket holds `max` tokens,
// refilled continuously at max/per tokens a second, and a claim spends one.
// Instant mode keeps its buckets in memory, the store in the rate_limits
// table (every worker process must draw from the same one); both compute the
// level here, from the caller's scenario clock, so the two modes agree.

export interface RateLimitSpec {
  /** Tokens in a full bucket: claims allowed in a burst. */
  max: number;
  /** Seconds to refill a whole bucket. */
  per: number;
}

/** A bucket refilled by floating-point steps can land at 0.9999999999: a hair below 1 counts as 1. */
export const TOKEN_EPSILON = 1e-9;

/** Tokens in the bucket at `now`, from its level at `updatedAt`. */
export function bucketLevel(limit: RateLimitSpec, tokens: number, updatedAt: number, now: number): number {
  // A caller slightly behind another (worker processes each pass their own now) must not drain the bucket.
  const elapsed = Math.max(0, now - updatedAt);
  return Math.min(limit.max, tokens + elapsed * (limit.max / limit.per));
}

export function hasToken(level: number): boolean {
  return level >= 1 - TOKEN_EPSILON;
}

/** When a bucket at `level` will hold one token again: a refused claim looks again then. */
export function nextTokenAt(limit: RateLimitSpec, level: number, now: number): number {
  return now + (1 - level) / (limit.max / limit.per);
}
