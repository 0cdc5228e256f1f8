// A counter-based generator: the value for (seed, stream, job, draw) is a pure
// function of those four words. The simulation uses it instead of a sequential
// PRNG so that a job's duration, failure and jitter do not depend on the order
// in which events happen to be processed; changing one job's fate (say, a new
// fault) leaves every other job's draws unchanged, which makes runs comparable.
//
// The mixing is MurmurHash3 (x86, 32-bit) over the three words a, b, c with
// `seed` as the hash seed: well studied avalanche behaviour, pure Math.imul
// arithmetic, no allocation, so it is cheap enough for millions of calls.

/**
 * Stream ids for `hashUniform`'s `a` argument. Each random decision gets its
 * own stream so that, e.g., drawing an extra jitter value can never shift the
 * durations.
 */
export const STREAM = {
  arrival: 1,
  duration: 2,
  failure: 3,
  jitter: 4,
  poison: 5,
  slow: 6,
  crash: 7,
  duplicate: 8,
  misc: 9,
  /** A service's service time and failure, per call. */
  service: 10,
  /** Adaptive throttling's local rejection, per (job, attempt). */
  throttle: 11,
  /** A service layer's backoff jitter, per call. */
  layerJitter: 12,
} as const;

export type StreamId = (typeof STREAM)[keyof typeof STREAM];

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const TWO_POW_32 = 4294967296;

/**
 * 32 uniformly distributed bits determined only by (seed, a, b, c).
 * Inputs are read as 32-bit words (values outside [0, 2^32) wrap).
 */
export function hashUint32(seed: number, a: number, b: number, c: number): number {
  let h = seed | 0;
  let k: number;

  // Body: one MurmurHash3 block per word. Written out rather than looped so
  // the hot path has no array and no call.
  k = Math.imul(a, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;

  k = Math.imul(b, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;

  k = Math.imul(c, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;

  // Finalisation (length 12 bytes, then fmix32) gives full avalanche, so
  // neighbouring job numbers or draw indices are uncorrelated.
  h ^= 12;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A float in [0, 1) determined only by (seed, a, b, c); `a` is usually a
 * STREAM id, `b` a job number and `c` an attempt or draw index.
 * Exactly 32 bits of randomness, so 1 is never returned.
 */
export function hashUniform(seed: number, a: number, b: number, c: number): number {
  return hashUint32(seed, a, b, c) / TWO_POW_32;
}
