// Series and summaries derived from TimelineState for charts and reports.
import { JOB_STATES, type JobState } from '../job/states.ts';
import { BUCKET_LATENCY_BINS, EDGE_COUNT, edgeFrom, edgeId, edgeTo, FROM_NEW } from './bucket-grid.ts';
import { binValue, quantile, statsOf } from './log-histogram.ts';
import { FINE_BINS, type TimelineState } from './timeline-state.ts';
import type { DepthSeries, LatencySeries, LatencySummary, RateSeries, RetryDelayHistogram, TransitionRate } from './types.ts';

const STATES = JOB_STATES.length;

/** Jobs per state at the end of every bucket, plus jobs enqueued so far: prefix sums of the edge counts. */
export interface Depth {
  byState: Int32Array[];
  enqueued: Float64Array;
}

export function buildDepth(state: TimelineState): Depth {
  const grid = state.grid;
  const n = grid.used;
  const byState = JOB_STATES.map(() => new Int32Array(n));
  const enqueued = new Float64Array(n);
  const running = new Int32Array(STATES);
  let total = 0;
  const used: number[] = [];
  for (let e = 0; e < EDGE_COUNT; e++) if (grid.edges[e]) used.push(e);
  for (let b = 0; b < n; b++) {
    for (const e of used) {
      const c = grid.edges[e]![b]!;
      if (c === 0) continue;
      const from = Math.floor(e / STATES);
      running[e % STATES]! += c;
      if (from === FROM_NEW) total += c;
      else running[from]! -= c;
    }
    for (let s = 0; s < STATES; s++) byState[s]![b] = running[s]!;
    enqueued[b] = total;
  }
  return { byState, enqueued };
}

export function depthSeries(state: TimelineState, depth: Depth): DepthSeries {
  const byState = Object.fromEntries(JOB_STATES.map((s, i) => [s, depth.byState[i]!])) as Record<JobState, Int32Array>;
  return { width: state.grid.width, count: state.grid.used, byState };
}

function perSecond(state: TimelineState, edges: readonly number[]): Float64Array {
  const { width, used } = state.grid;
  const out = new Float64Array(used);
  for (const e of edges) {
    const series = state.grid.edges[e];
    if (!series) continue;
    for (let b = 0; b < used; b++) out[b]! += series[b]! / width;
  }
  return out;
}

function edgesFromNew(): number[] {
  return JOB_STATES.map((s) => edgeId(null, s));
}

export function rateSeries(state: TimelineState): RateSeries {
  return {
    width: state.grid.width,
    count: state.grid.used,
    enqueued: perSecond(state, edgesFromNew()),
    started: perSecond(state, [edgeId('pending', 'processing')]),
    succeeded: perSecond(state, [edgeId('processing', 'succeeded')]),
    failed: perSecond(state, [edgeId('processing', 'retrying')]),
    dead: perSecond(state, [edgeId('processing', 'dead')]),
    retriesDue: perSecond(state, [edgeId('retrying', 'pending')]),
  };
}

/** Percentiles per bucket, or per run of `merge` buckets (histograms merged, so a wide point is still a true percentile). */
export function latencySeries(state: TimelineState, merge = 1): LatencySeries {
  const { width, used, latency } = state.grid;
  const k = Math.max(1, Math.floor(merge));
  const points = Math.ceil(used / k);
  const bins = BUCKET_LATENCY_BINS.count;
  const p50 = new Float64Array(points).fill(NaN);
  const p95 = new Float64Array(points).fill(NaN);
  const p99 = new Float64Array(points).fill(NaN);
  const samples = new Uint32Array(points);
  if (latency) {
    const merged = new Uint32Array(bins);
    for (let p = 0; p < points; p++) {
      merged.fill(0);
      let total = 0;
      for (let b = p * k; b < Math.min(used, (p + 1) * k); b++) {
        for (let i = 0; i < bins; i++) {
          const n = latency[b * bins + i]!;
          merged[i]! += n;
          total += n;
        }
      }
      samples[p] = total;
      if (total === 0) continue;
      p50[p] = quantile(BUCKET_LATENCY_BINS, merged, 0, total, 0.5);
      p95[p] = quantile(BUCKET_LATENCY_BINS, merged, 0, total, 0.95);
      p99[p] = quantile(BUCKET_LATENCY_BINS, merged, 0, total, 0.99);
    }
  }
  return { width: width * k, count: points, p50, p95, p99, samples };
}

function histTotal(counts: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  return n;
}

export function latencySummary(state: TimelineState): LatencySummary {
  const [waitSum, waitMax, totalSum, totalMax] = state.latencySums;
  return {
    wait: statsOf(FINE_BINS, state.waitHist, histTotal(state.waitHist), waitSum, waitMax),
    total: statsOf(FINE_BINS, state.totalHist, histTotal(state.totalHist), totalSum, totalMax),
  };
}

/** A bin width of 1, 2, 2.5 or 5 x 10^k, so axis ticks fall on bin edges. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw * (1 - 1e-9)) return m * mag;
  return 10 * mag;
}

export function retryDelayHistogram(state: TimelineState, binCount: number): RetryDelayHistogram {
  const max = state.retryDelayMax;
  const step = niceStep(max / Math.max(1, binCount));
  const counts = new Array<number>(Math.max(1, Math.floor(max / step) + 1)).fill(0);
  let total = 0;
  const put = (value: number, n: number): void => {
    const i = Math.min(counts.length - 1, Math.floor(Math.min(value, max) / step + 1e-9));
    counts[i]! += n;
    total += n;
  };
  const exact = state.retryDelays.entries();
  if (exact) for (let i = 0; i < exact.length; i += 2) put(exact[i]!, exact[i + 1]!);
  else state.retryDelayHist.forEach((n, b) => n && put(binValue(FINE_BINS, b), n));
  return { binWidth: step, counts: total === 0 ? [] : counts, total, max };
}

export function transitionRates(state: TimelineState, t: number, windowSeconds: number): TransitionRate[] {
  const out: TransitionRate[] = [];
  const w = Math.max(windowSeconds, 1e-9);
  for (let e = 0; e < EDGE_COUNT; e++) {
    if (!state.grid.edges[e]) continue;
    const count = state.grid.edgeCountBetween(e, t - w, t);
    out.push({ from: edgeFrom(e), to: edgeTo(e), count, perSecond: count / w });
  }
  return out;
}
