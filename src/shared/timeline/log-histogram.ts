// Histograms on logarithmic bins: durations in a queue span milliseconds to
// hours, and a fixed relative error (a bin is 2^(1/sub) wide) keeps the
// percentiles honest at both ends with a few hundred counters instead of
// every sample. Two histograms on the same bins add bin by bin.
import type { LatencyStats } from './types.ts';

export interface LogBins {
  /** Values below this land in bin 0. */
  min: number;
  /** Bins per doubling. */
  sub: number;
  count: number;
}

export function logBins(min: number, max: number, sub: number): LogBins {
  return { min, sub, count: Math.ceil(Math.log2(max / min) * sub) + 2 };
}

export function binOf(bins: LogBins, value: number): number {
  if (!(value >= bins.min)) return 0; // also NaN and negatives
  const b = Math.floor(Math.log2(value / bins.min) * bins.sub) + 1;
  return b < bins.count ? b : bins.count - 1;
}

/** The geometric middle of a bin (0 for bin 0). */
export function binValue(bins: LogBins, bin: number): number {
  if (bin <= 0) return 0;
  return bins.min * 2 ** ((bin - 0.5) / bins.sub);
}

/** The lower edge of a bin (its values are >= this). */
export function binStart(bins: LogBins, bin: number): number {
  return bin <= 0 ? 0 : bins.min * 2 ** ((bin - 1) / bins.sub);
}

/**
 * The p-quantile read from counts[offset .. offset + bins.count), or NaN when
 * the histogram is empty. `max` (the largest sample) caps the answer so p = 1
 * is exact and a single sample is never reported above itself.
 */
export function quantile(bins: LogBins, counts: ArrayLike<number>, offset: number, total: number, p: number, max = Infinity): number {
  if (total <= 0) return NaN;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let b = 0; b < bins.count; b++) {
    seen += counts[offset + b]!;
    if (seen >= rank) return Math.min(binValue(bins, b), max);
  }
  return max;
}

export function statsOf(bins: LogBins, counts: ArrayLike<number>, total: number, sum: number, max: number): LatencyStats {
  if (total === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  return {
    count: total,
    mean: sum / total,
    p50: quantile(bins, counts, 0, total, 0.5, max),
    p95: quantile(bins, counts, 0, total, 0.95, max),
    p99: quantile(bins, counts, 0, total, 0.99, max),
    max,
  };
}

/** Nonzero entries as [index, count, index, count, ...]: histograms are mostly empty. */
export function toSparse(counts: ArrayLike<number>, length = counts.length): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) if (counts[i] !== 0) out.push(i, counts[i]!);
  return out;
}

export function fromSparse<T extends Uint32Array>(sparse: readonly number[], into: T): T {
  for (let i = 0; i + 1 < sparse.length; i += 2) into[sparse[i]!] = sparse[i + 1]!;
  return into;
}
