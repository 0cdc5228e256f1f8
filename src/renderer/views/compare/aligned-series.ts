// The compared runs' series on one time axis. Each RunTimeline picks its own
// bucket width (it doubles as a run grows), so a short run has finer buckets
// than a long one; lines from different widths would not be comparable
// (a rate averaged over 0.1 s is spikier than over 1.6 s). Every run is
// resampled onto one common width: the widest run's, doubled until the
// longest run fits in the chart's point budget.
import type { RunTimeline } from '../../../shared/timeline/index.ts';
import type { Point } from '../charts/chart-data.ts';

export interface CommonAxis {
  /** Seconds per point, for every run. */
  width: number;
  /** The end of the longest run: the shared x domain is [0, xMax]. */
  xMax: number;
}

export function commonAxis(runs: readonly { bucketWidth: number; endTime: number }[], maxPoints: number): CommonAxis {
  const xMax = Math.max(0, ...runs.map((r) => r.endTime));
  let width = Math.max(1e-9, ...runs.map((r) => r.bucketWidth));
  while (xMax / width > maxPoints) width *= 2;
  return { width, xMax };
}

/** span: the sum over the target bucket's whole width (a rate counted per target span, see mergePerSpan). */
type Reduce = 'mean' | 'last' | 'max' | 'span';

/**
 * Source bucket i covers [i w, (i + 1) w); it goes to target bucket
 * floor(centre / target). mean: rates stay rates; last: a level (queue depth)
 * at the end of the target bucket; max: a percentile spike must not average away.
 * NaN (no sample) is skipped; a target bucket with no sample is NaN (a gap).
 */
export function resample(values: ArrayLike<number>, count: number, width: number, target: number, how: Reduce): Point[] {
  const out: Point[] = [];
  let j = -1;
  let sum = 0;
  let n = 0;
  let last = NaN;
  let max = NaN;
  let end = 0;
  const flush = (): void => {
    if (j < 0) return;
    const v = n === 0 ? NaN : how === 'mean' ? sum / n : how === 'span' ? (sum * width) / target : how === 'last' ? last : max;
    out.push({ t: how === 'last' ? end : (j + 0.5) * target, v });
  };
  for (let i = 0; i < count; i++) {
    const bucket = Math.floor(((i + 0.5) * width) / target);
    if (bucket !== j) {
      flush();
      for (let gap = j + 1; gap < bucket && j >= 0; gap++) out.push({ t: (gap + 0.5) * target, v: NaN });
      j = bucket;
      sum = 0;
      n = 0;
      max = NaN;
    }
    const v = values[i]!;
    end = (i + 1) * width;
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
    last = v;
    if (!(v <= max)) max = v;
  }
  flush();
  return out;
}

// isolatedPoints lives with Point in ../charts/chart-data.ts (the line chart draws them); re-exported for the compare code.
export { isolatedPoints } from '../charts/chart-data.ts';

export interface RunSeries {
  /** Jobs not final yet (pending, scheduled, retrying, processing), averaged over each interval. */
  inSystem: Point[];
  /** Jobs waiting to be claimed (pending + scheduled), averaged over each interval. */
  waiting: Point[];
  succeededPerSecond: Point[];
  /** Time in system, p95 of the jobs finishing in each point's interval. */
  latencyP95: Point[];
  /** Retries whose backoff ended, per second: the retry arrivals. */
  retriesPerSecond: Point[];
}

function sum(...arrays: ArrayLike<number>[]): Float64Array {
  const n = arrays[0]?.length ?? 0;
  const out = new Float64Array(n);
  for (const a of arrays) for (let i = 0; i < n; i++) out[i]! += a[i]!;
  return out;
}

export function runSeries(timeline: RunTimeline, axis: CommonAxis): RunSeries {
  const depth = timeline.depthSeries();
  const rates = timeline.rateSeries();
  const d = depth.byState;
  // Whole numbers of buckets merged exactly (widths are powers of two apart), then resampled to the axis.
  const merge = Math.max(1, Math.floor(axis.width / timeline.bucketWidth + 1e-9));
  const latency = timeline.latencySeries(merge);
  // The mean of the bucket-end levels is about the time-average depth of each
  // interval: steadier to compare than the level at one instant, which for a
  // busy queue is mostly noise.
  const level = (v: ArrayLike<number>) => resample(v, depth.count, depth.width, axis.width, 'mean');
  const rate = (v: ArrayLike<number>) => resample(v, rates.count, rates.width, axis.width, 'mean');
  return {
    inSystem: level(sum(d.pending, d.scheduled, d.retrying, d.processing)),
    waiting: level(sum(d.pending, d.scheduled)),
    succeededPerSecond: rate(rates.succeeded),
    latencyP95: resample(latency.p95, latency.count, latency.width, axis.width, 'max'),
    // Counted per whole second at least: a burst of 400 retries at one instant is "400 in a second", not 8,000/s over a 0.05 s bucket.
    retriesPerSecond: resample(rates.retriesDue, rates.count, rates.width, Math.max(1, axis.width), 'span'),
  };
}

export function alignedSeries(timelines: readonly RunTimeline[], maxPoints: number): { axis: CommonAxis; runs: RunSeries[] } {
  const axis = commonAxis(timelines, maxPoints);
  return { axis, runs: timelines.map((t) => runSeries(t, axis)) };
}
