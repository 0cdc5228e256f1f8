// Duration sampling by inverse transform. The caller supplies the uniforms
// (normally from hashUniform keyed by job and attempt), so a sample depends
// only on those keys and never on how many other samples were drawn before.
import type { DurationSpec } from '../scenario/schema.ts';

/**
 * Exponential with the given mean from one uniform in [0, 1).
 * log1p(-u) keeps precision for small u and is finite because u < 1.
 */
export function exponentialSample(mean: number, u: number): number {
  if (mean <= 0) return 0;
  return -mean * Math.log1p(-u);
}

/**
 * A standard normal from two uniforms (Box–Muller, cosine branch).
 * 1 - u1 is in (0, 1], so the logarithm is finite.
 */
export function standardNormal(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Parameters (mu, sigma) of the underlying normal for a lognormal whose own
 * mean and standard deviation are given; users think in the latter.
 */
export function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log1p((sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/**
 * One duration in seconds, never negative (a normal with a large sd is
 * truncated at 0, which models a no-op job rather than time running backwards).
 * `u1`, `u2` are uniforms in [0, 1); single-uniform kinds ignore `u2`.
 */
export function sampleDuration(spec: DurationSpec, u1: number, u2: number): number {
  let x: number;
  switch (spec.kind) {
    case 'constant':
      x = spec.value;
      break;
    case 'uniform':
      x = spec.min + (spec.max - spec.min) * u1;
      break;
    case 'exponential':
      x = exponentialSample(spec.mean, u1);
      break;
    case 'normal':
      x = spec.sd === 0 ? spec.mean : spec.mean + spec.sd * standardNormal(u1, u2);
      break;
    case 'lognormal': {
      if (spec.mean <= 0) return 0;
      if (spec.sd === 0) {
        x = spec.mean;
        break;
      }
      const { mu, sigma } = lognormalParams(spec.mean, spec.sd);
      x = Math.exp(mu + sigma * standardNormal(u1, u2));
      break;
    }
  }
  return x > 0 ? x : 0;
}

/** Theoretical mean of the spec, ignoring truncation at 0 (used for load and ρ). */
export function durationMean(spec: DurationSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
    case 'normal':
    case 'lognormal':
      return spec.mean;
  }
}

/**
 * Theoretical variance of the spec, ignoring truncation at 0. Queueing
 * formulas for general service times (Pollaczek–Khinchine) need the second
 * moment, not just the mean.
 */
export function durationVariance(spec: DurationSpec): number {
  switch (spec.kind) {
    case 'constant':
      return 0;
    case 'uniform': {
      const w = spec.max - spec.min;
      return (w * w) / 12;
    }
    case 'exponential':
      return spec.mean * spec.mean;
    case 'normal':
    case 'lognormal':
      return spec.sd * spec.sd;
  }
}
