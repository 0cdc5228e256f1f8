// From a run's RunTimeline and what the store knows (summary, scenario, dead
// letters) to ReportData: every series cut down to a few hundred points, so
// the report's size depends on neither the number of jobs nor of events.
import type { JobState } from '../job/states.ts';
import { LANE_OUTCOMES } from '../timeline/lane-outcomes.ts';
import { binStart } from '../timeline/log-histogram.ts';
import type { RunTimeline } from '../timeline/run-timeline.ts';
import type { TimelineSnapshot } from '../timeline/snapshot.ts';
import { FINE_BINS } from '../timeline/timeline-state.ts';
import {
  DEPTH_STATES, REPORT_FORMAT, REPORT_FORMAT_VERSION, type DepthState, type LaneExcerpt, type ReportData, type ReportInput,
} from './types.ts';
import { busiestWindow, type LaneWindow } from './lane-window.ts';
import { retryArrivals } from './retry-arrivals.ts';
import { changesOnly, meanOverSpans, type OverloadSeries } from '../overload/overload-series.ts';

/** Points per time series: about one per two pixels of a printed page's chart. */
export const MAX_POINTS = 360;
/** Attempts drawn in the worker-lanes excerpt (the first ones, in claim order). */
export const LANE_EXCERPT_ATTEMPTS = 240;
/** Attempts drawn when the excerpt is the busiest stretch: enough to show a few waves of a storm (a burst alone is 400). */
export const LANE_WINDOW_ATTEMPTS = 800;
/** Lanes drawn; a run with more workers shows the first ones to appear. */
export const MAX_LANES = 20;
/** Display bars of the latency histogram, at most. */
const MAX_LATENCY_BARS = 64;

/** The lanes excerpt's window for a run: its busiest stretch (the host then folds the events there into a lane timeline). */
export function laneWindowOf(timeline: RunTimeline, totalAttempts: number): LaneWindow {
  return busiestWindow(timeline, totalAttempts, LANE_WINDOW_ATTEMPTS);
}

/**
 * `lanes`, when given, holds the attempts of the busiest window (a timeline
 * of the events around it); without it the excerpt is the run's first attempts.
 */
export function buildReportData(timeline: RunTimeline, input: ReportInput, lanes?: { timeline: RunTimeline; window: LaneWindow }): ReportData {
  const snapshot = timeline.toSnapshot();
  const { summary } = input;
  return {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    app: { name: 'Queue Lab', version: input.appVersion },
    generatedAt: input.generatedAt,
    run: { ...input.run, scenario: summary.scenario, mode: summary.mode, seed: summary.seed },
    scenarioText: input.scenarioText,
    summary,
    timeline: { events: timeline.eventCount, endTime: timeline.endTime, bucketSeconds: timeline.bucketWidth },
    flow: { counts: timeline.countsAt(Infinity), transitions: transitionsOf(snapshot) },
    depth: depthPoints(timeline),
    rates: ratePoints(timeline),
    latency: { summary: timeline.latencySummary(), histogram: latencyHistogram(snapshot) },
    retryDelays: timeline.retryDelayHistogram(40),
    attemptsPerJob: timeline.attemptsPerJob(),
    lanes: lanes ? laneExcerpt(lanes.timeline, summary.attempts.total, lanes.window) : laneExcerpt(timeline, summary.attempts.total),
    deadLetters: input.deadLetters,
    lesson: input.lesson ?? null,
    retryArrivals: retryArrivals(timeline, MAX_POINTS),
    overload: reportOverload(input.overload ?? [], timeline.endTime),
  };
}

/** What the report's service charts draw, no more: utilization in at most MAX_POINTS spans, slots and breaker states where they change. */
function reportOverload(series: readonly OverloadSeries[], endTime: number): OverloadSeries[] {
  const span = Math.max(1, endTime / MAX_POINTS);
  const keep = (s: OverloadSeries, points: { t: number; v: number }[]): OverloadSeries => ({ ...s, t: points.map((p) => p.t), value: points.map((p) => p.v) });
  const pointsOf = (s: OverloadSeries) => s.t.map((t, i) => ({ t, v: s.value[i]! }));
  return series.flatMap((s) => {
    if (s.metric === 'utilization') return [keep(s, meanOverSpans(pointsOf(s), span))];
    if (s.metric === 'capacity' || s.metric === 'breaker_state') return [keep(s, changesOnly(pointsOf(s)))];
    return [];
  });
}

function transitionsOf(snapshot: TimelineSnapshot): ReportData['flow']['transitions'] {
  return Object.entries(snapshot.edges).map(([key, perBucket]) => {
    const [from, to] = key.split('>') as [string, JobState];
    return { from: from === 'new' ? null : (from as JobState), to, count: perBucket.reduce((a, b) => a + b, 0) };
  }).filter((e) => e.count > 0);
}

/** Buckets per point so that a series has at most MAX_POINTS points. */
function mergeFactor(buckets: number): number {
  return Math.max(1, Math.ceil(buckets / MAX_POINTS));
}

function depthPoints(timeline: RunTimeline): ReportData['depth'] {
  const depth = timeline.depthSeries();
  const k = mergeFactor(depth.count);
  const byState = Object.fromEntries(DEPTH_STATES.map((s) => [s, [0]])) as Record<DepthState, number[]>;
  const t = [0];
  for (let start = 0; start < depth.count; start += k) {
    const end = Math.min(depth.count, start + k);
    // Each bucket holds the depth at its end; the span's peak keeps a short burst visible.
    let peakIndex = end - 1;
    let peak = -1;
    for (let i = start; i < end; i++) {
      let sum = 0;
      for (const s of DEPTH_STATES) sum += depth.byState[s][i]!;
      if (sum > peak) { peak = sum; peakIndex = i; }
    }
    t.push(end * depth.width);
    for (const s of DEPTH_STATES) byState[s].push(depth.byState[s][peakIndex]!);
  }
  return { t, byState };
}

function ratePoints(timeline: RunTimeline): ReportData['rates'] {
  const rates = timeline.rateSeries();
  const k = mergeFactor(rates.count);
  const mean = (series: Float64Array): number[] => {
    const out: number[] = [];
    for (let start = 0; start < rates.count; start += k) {
      const end = Math.min(rates.count, start + k);
      let sum = 0;
      for (let i = start; i < end; i++) sum += series[i]!;
      out.push(round(sum / (end - start)));
    }
    return out;
  };
  const t: number[] = [];
  for (let start = 0; start < rates.count; start += k) t.push(Math.min(rates.count, start + k) * rates.width);
  return {
    t, enqueued: mean(rates.enqueued), succeeded: mean(rates.succeeded), failed: mean(rates.failed),
    dead: mean(rates.dead), retriesDue: mean(rates.retriesDue),
  };
}

/** Six significant digits: enough for any chart, a third of the JSON of a full double. */
function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : 0;
}

function latencyHistogram(snapshot: TimelineSnapshot): ReportData['latency']['histogram'] {
  const dense = (sparse: readonly number[]): number[] => {
    const out = new Array<number>(FINE_BINS.count).fill(0);
    for (let i = 0; i + 1 < sparse.length; i += 2) out[sparse[i]!] = sparse[i + 1]!;
    return out;
  };
  const wait = dense(snapshot.waitHist);
  const total = dense(snapshot.totalHist);
  // Bin 0 holds everything under FINE_BINS.min (a job claimed the instant it
  // arrived): a log axis cannot place it, so it is counted apart.
  let lo = Infinity;
  let hi = -1;
  for (let b = 1; b < FINE_BINS.count; b++) {
    if (wait[b]! + total[b]! > 0) { lo = Math.min(lo, b); hi = b; }
  }
  const result = { edges: [] as number[], wait: [] as number[], total: [] as number[], instantWait: wait[0]!, instantTotal: total[0]! };
  if (hi < 0) return result;
  // Group fine bins (16 per doubling) by a power of two, aligned so that edges fall on whole doublings.
  let group = 1;
  while (group < FINE_BINS.sub && (hi - lo + 1) / group > MAX_LATENCY_BARS) group *= 2;
  const first = lo - ((lo - 1) % group);
  for (let b = first; b <= hi; b += group) {
    let w = 0;
    let s = 0;
    for (let f = b; f < Math.min(b + group, FINE_BINS.count); f++) { w += wait[f]!; s += total[f]!; }
    result.edges.push(round(binStart(FINE_BINS, b)));
    result.wait.push(w);
    result.total.push(s);
  }
  result.edges.push(round(binStart(FINE_BINS, first + result.wait.length * group)));
  return result;
}

function laneExcerpt(timeline: RunTimeline, totalAttempts: number, window?: LaneWindow): LaneExcerpt {
  const columns = timeline.laneBars();
  const names = timeline.workers();
  const shownCount = window ? columns.count : Math.min(columns.count, LANE_EXCERPT_ATTEMPTS);
  const laneOf = new Map<number, number>();
  const workers: string[] = [];
  let hiddenWorkers = 0;
  const bars: LaneExcerpt['bars'] = { worker: [], job: [], attempt: [], start: [], end: [], outcome: [] };
  let end = 0;
  const cap = window ? LANE_WINDOW_ATTEMPTS : LANE_EXCERPT_ATTEMPTS;
  for (let i = 0; i < shownCount && bars.start.length < cap; i++) {
    // In a window: only the attempts that overlap it.
    if (window && (columns.start[i]! > window.end || (!Number.isNaN(columns.end[i]!) && columns.end[i]! < window.start))) continue;
    const w = columns.worker[i]!;
    let lane = laneOf.get(w);
    if (lane === undefined) {
      if (workers.length >= MAX_LANES) { laneOf.set(w, -1); hiddenWorkers++; continue; }
      lane = workers.length;
      laneOf.set(w, lane);
      workers.push(names[w]!);
    }
    if (lane < 0) continue;
    const barEnd = columns.end[i]!;
    bars.worker.push(lane);
    bars.job.push(columns.job[i]!);
    bars.attempt.push(columns.attempt[i]!);
    bars.start.push(columns.start[i]!);
    bars.end.push(Number.isNaN(barEnd) ? null : barEnd);
    bars.outcome.push(LANE_OUTCOMES[columns.outcome[i]!]!);
    end = Math.max(end, Number.isNaN(barEnd) ? timeline.endTime : barEnd);
  }
  const start = window ? window.start : shownCount > 0 ? columns.start[0]! : 0;
  // A full excerpt stops where its last attempt does (no empty tail); otherwise it is the whole window.
  if (window) end = bars.start.length >= cap ? Math.min(window.end, Math.max(end, window.start)) : window.end;
  const laneNames = new Set(workers);
  const markers = timeline.workerMarkers().filter((m) => laneNames.has(m.worker) && m.t >= start && m.t <= end && m.kind !== 'started');
  return {
    busiest: window?.busiest ?? false,
    shown: bars.start.length,
    total: Math.max(totalAttempts, columns.count + timeline.droppedLaneBars),
    start, end, workers, hiddenWorkers, bars, markers,
  };
}

