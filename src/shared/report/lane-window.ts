// Where the report's worker-lanes excerpt looks: the stretch of the run in
// which the most attempts ended, about as long as LANE_EXCERPT_ATTEMPTS
// attempts take at the run's average pace. The first attempts of a run are
// usually its quietest (a 99 s retry storm's excerpt used to cover 0.4 s);
// the busiest moment is where the lanes have something to say.
import type { RunTimeline } from '../timeline/run-timeline.ts';

export interface LaneWindow {
  start: number;
  end: number;
  /** False when the whole run fits in the excerpt. */
  busiest: boolean;
}

export function busiestWindow(timeline: Pick<RunTimeline, 'rateSeries' | 'endTime'>, totalAttempts: number, budget: number): LaneWindow {
  const rates = timeline.rateSeries();
  const { width: w, count: n } = rates;
  if (totalAttempts <= budget || n === 0) return { start: 0, end: timeline.endTime, busiest: false };
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) ends[i] = (rates.succeeded[i]! + rates.failed[i]! + rates.dead[i]!) * w;
  const k = Math.min(n, Math.max(1, Math.round((budget / totalAttempts) * n)));
  let sum = 0;
  let best = -1;
  let at = 0;
  for (let i = 0; i < n; i++) {
    sum += ends[i]!;
    if (i >= k) sum -= ends[i - k]!;
    if (i >= k - 1 && sum > best) {
      best = sum;
      at = i - k + 1;
    }
  }
  return { start: at * w, end: Math.min(timeline.endTime, (at + k) * w), busiest: true };
}
