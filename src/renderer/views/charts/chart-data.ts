// Bucket series reshaped for drawing: at most a few hundred points per chart
// (a bucket can be narrower than a pixel), as plain {t, value} rows.

export interface Point {
  /** Scenario seconds at the middle of the (merged) bucket. */
  t: number;
  v: number;
}

/** How many buckets to merge so a series has at most `maxPoints` points. */
export function mergeFactor(bucketCount: number, maxPoints: number): number {
  return Math.max(1, Math.ceil(bucketCount / maxPoints));
}

/** Average of each run of `k` buckets (rates stay rates), skipping NaN; NaN where a run has no value. */
export function mergeMean(values: ArrayLike<number>, count: number, width: number, k: number): Point[] {
  const out: Point[] = [];
  for (let start = 0; start < count; start += k) {
    const end = Math.min(count, start + k);
    let sum = 0;
    let n = 0;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    out.push({ t: ((start + end) / 2) * width, v: n ? sum / n : NaN });
  }
  return out;
}

/**
 * Events per second over each run of `k` buckets, counting the whole span
 * even where the run ends inside it: "retries in each second" for a burst
 * in the run's last, partial second is its count, not its count divided by
 * the sliver of that second the run lasted.
 */
export function mergePerSpan(values: ArrayLike<number>, count: number, width: number, k: number): Point[] {
  const out: Point[] = [];
  for (let start = 0; start < count; start += k) {
    const end = Math.min(count, start + k);
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i]!;
    out.push({ t: (start + k / 2) * width, v: sum / k });
  }
  return out;
}

/** The value at the end of each run of `k` buckets (levels such as queue depth). */
export function mergeLast(values: ArrayLike<number>, count: number, width: number, k: number): Point[] {
  const out: Point[] = [];
  for (let start = 0; start < count; start += k) {
    const end = Math.min(count, start + k);
    out.push({ t: end * width, v: values[end - 1]! });
  }
  return out;
}

/** Max of each run (latency percentiles: a spike must not average away). */
export function mergeMax(values: ArrayLike<number>, count: number, width: number, k: number): Point[] {
  const out: Point[] = [];
  for (let start = 0; start < count; start += k) {
    const end = Math.min(count, start + k);
    let m = NaN;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (!Number.isNaN(v) && !(v <= m)) m = v;
    }
    out.push({ t: ((start + end) / 2) * width, v: m });
  }
  return out;
}

/** Seconds as a short axis label: 950 ms, 12 s, 3.5 min, 2 h. */
export function formatSeconds(s: number): string {
  const a = Math.abs(s);
  if (a === 0) return '0';
  if (a < 1) return `${+(s * 1000).toPrecision(3)} ms`;
  if (a < 120) return `${+s.toPrecision(3)} s`;
  if (a < 7200) return `${+(s / 60).toPrecision(3)} min`;
  return `${+(s / 3600).toPrecision(3)} h`;
}

/** Points with a value whose neighbours both have none: a line through them draws nothing, so the chart puts a dot there. */
export function isolatedPoints(points: readonly Point[]): Point[] {
  const has = (i: number): boolean => i >= 0 && i < points.length && Number.isFinite(points[i]!.v);
  return points.filter((_, i) => has(i) && !has(i - 1) && !has(i + 1));
}
