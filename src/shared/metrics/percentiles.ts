// Percentiles for run reports. Linear interpolation between closest ranks
// (the "R-7" / NumPy default / Excel PERCENTILE.INC definition) so numbers
// match what a user gets from a spreadsheet or pandas on the exported data.

export interface SampleStats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The p-quantile (p in [0, 1], clamped) of an ascending array.
 * An empty array gives 0 rather than NaN, so reports and charts never show NaN.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const q = Number.isNaN(p) ? 0 : Math.min(1, Math.max(0, p));
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  const frac = pos - lo;
  // Skip the multiply when exact, so p = 1 returns the max bit for bit.
  return frac === 0 ? a : a + (b - a) * frac;
}

/** Count, mean and tail percentiles. The input is not modified. */
export function sampleStats(values: Float64Array): SampleStats {
  const count = values.length;
  if (count === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  // Typed-array sort is numeric (no comparator needed) and much faster than
  // sorting a plain array, which matters for million-job runs.
  const sorted = values.slice().sort();
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i] as number;
  return {
    count,
    mean: sum / count,
    p50: percentileSorted(sorted, 0.5),
    p95: percentileSorted(sorted, 0.95),
    p99: percentileSorted(sorted, 0.99),
    max: sorted[count - 1] as number,
  };
}
