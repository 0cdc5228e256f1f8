// The peaks a comparison turns on, read from a run's timeline: the most
// retries that came due in any one second (what a recovering downstream
// feels), the most jobs in the system at once, and how long the run took to
// drain after its last arrival. A run summary's means hide all three: jitter
// cuts the peak of a retry storm without changing the total retries much.
import type { RunTimeline } from '../timeline/index.ts';

export interface RunPeaks {
  /** Most retries (retrying -> pending) in any window of one second, at the timeline's bucket resolution. */
  peakRetriesPerSecond: number;
  /** Start of that window, scenario seconds. */
  peakRetriesAt: number;
  /** End of the last fault window (an outage's end), or null when no fault has one. */
  faultsEndAt: number | null;
  /** The same peak counted only after faultsEndAt: what the recovered service meets. Null without fault windows. */
  peakRetriesAfterFaults: number | null;
  /** Most jobs not yet final (scheduled, pending, retrying, processing) at a bucket's end. */
  peakDepth: number;
  peakDepthAt: number;
  /** End of the last bucket in which a job arrived. */
  lastArrivalAt: number;
  /** End of the last bucket that ended with jobs still in the system (lastArrivalAt when none did). */
  drainedAt: number;
  /** drainedAt - lastArrivalAt: how long the backlog took to clear once arrivals stopped. */
  drainSeconds: number;
}

const IN_SYSTEM = ['scheduled', 'pending', 'retrying', 'processing'] as const;

/** Most of `counts` in any `window` consecutive buckets from bucket `from` on, and where that window starts. */
function peakWindow(counts: ArrayLike<number>, n: number, window: number, from = 0): { sum: number; start: number } {
  let sum = 0;
  let best = { sum: 0, start: from };
  for (let i = from; i < n; i++) {
    sum += counts[i]!;
    if (i - from >= window) sum -= counts[i - window]!;
    if (sum > best.sum + 1e-9) best = { sum, start: Math.max(0, i - window + 1) };
  }
  return best;
}

export function runPeaks(timeline: Pick<RunTimeline, 'rateSeries' | 'depthSeries' | 'faults'>): RunPeaks {
  const rates = timeline.rateSeries();
  const w = rates.width;
  const n = rates.count;
  // Counts per bucket (the series are per second). Buckets narrower than a
  // second are summed over one second; a wider bucket's count is spread
  // evenly over its seconds (the most the timeline can say).
  const retries = Array.from(rates.retriesDue, (v) => Math.round(v * w));
  const window = Math.max(1, Math.round(1 / w));
  const peak = peakWindow(retries, n, window);
  const perSecond = (sum: number): number => (w >= 1 ? sum / w : sum / (window * w));
  const ends = timeline.faults().flatMap((f) => (f.end === null ? [] : [f.end]));
  const faultsEndAt = ends.length ? Math.max(...ends) : null;
  const afterFaults = faultsEndAt === null ? null : perSecond(peakWindow(retries, n, window, Math.ceil(faultsEndAt / w - 1e-9)).sum);

  const depth = timeline.depthSeries();
  let peakDepth = 0;
  let peakDepthAt = 0;
  let lastBusy = -1;
  for (let i = 0; i < depth.count; i++) {
    let d = 0;
    for (const s of IN_SYSTEM) d += depth.byState[s][i]!;
    if (d > peakDepth) {
      peakDepth = d;
      peakDepthAt = (i + 1) * depth.width;
    }
    if (d > 0) lastBusy = i;
  }
  let lastArrival = -1;
  for (let i = 0; i < n; i++) if (rates.enqueued[i]! > 0) lastArrival = i;
  const lastArrivalAt = (lastArrival + 1) * w;
  // The bucket after the last busy one is the first to end empty.
  const drainedAt = Math.max(lastArrivalAt, (lastBusy + 2) * depth.width);
  return {
    peakRetriesPerSecond: perSecond(peak.sum),
    peakRetriesAt: peak.start * w,
    faultsEndAt,
    peakRetriesAfterFaults: afterFaults,
    peakDepth,
    peakDepthAt,
    lastArrivalAt,
    drainedAt,
    drainSeconds: drainedAt - lastArrivalAt,
  };
}
