// Retry arrivals for the report: retries that came due, counted per second
// (or per a few seconds on a long run, at most MAX_POINTS points), with the
// run's faults, so the page shows what the Charts tab's Retry waves show:
// a storm's waves against the outage that caused them.
import { faultMarks } from '../timeline/fault-marks.ts';
import type { RunTimeline } from '../timeline/run-timeline.ts';
import type { ReportData } from './types.ts';

export function retryArrivals(timeline: Pick<RunTimeline, 'rateSeries' | 'faults' | 'endTime'>, maxPoints: number): ReportData['retryArrivals'] {
  const rates = timeline.rateSeries();
  const { width: w, count: n } = rates;
  // Whole seconds at least: 400 retries at one instant are 400 in that second, not 8,000/s over 0.05 s.
  const k = Math.max(1, Math.round(1 / w), Math.ceil(n / maxPoints));
  const t: number[] = [];
  const perSecond: number[] = [];
  let peak = 0;
  let peakAt = 0;
  for (let start = 0; start < n; start += k) {
    let count = 0;
    for (let i = start; i < Math.min(n, start + k); i++) count += rates.retriesDue[i]! * w;
    const v = Number((count / (k * w)).toPrecision(6));
    t.push(start * w);
    perSecond.push(v);
    if (v > peak) { peak = v; peakAt = start * w; }
  }
  return { t, perSecond, spanSeconds: k * w, peak, peakAt, faults: faultMarks(timeline.faults(), timeline.endTime) };
}
