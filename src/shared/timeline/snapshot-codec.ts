// TimelineState <-> TimelineSnapshot (format in snapshot.ts).
import { type JobState, STATE_CODE } from '../job/states.ts';
import { BUCKET_LATENCY_BINS, EDGE_COUNT, edgeKey, edgeOfKey } from './bucket-grid.ts';
import { DistinctValues } from './distinct-values.ts';
import { ensureLength } from './growable.ts';
import { NO_STATE } from './job-columns.ts';
import { fromSparse, toSparse } from './log-histogram.ts';
import type { TimelineSnapshot } from './snapshot.ts';
import { DISTINCT_DELAY_LIMIT, FINE_BINS, type TimelineState } from './timeline-state.ts';

const CLOSED_STATES = new Set([STATE_CODE.succeeded, STATE_CODE.cancelled]);
const orMinus1 = (x: number): number => (Number.isNaN(x) ? -1 : x);
const orNaN = (x: number): number => (x < 0 ? NaN : x);

export function writeSnapshot(s: TimelineState): TimelineSnapshot {
  const grid = s.grid;
  const edges: Record<string, number[]> = {};
  grid.edges.forEach((series, e) => {
    if (series) edges[edgeKey(e)] = Array.from(series.subarray(0, grid.used));
  });
  const latency: number[] = [];
  if (grid.latency) {
    const bins = BUCKET_LATENCY_BINS.count;
    for (let b = 0; b < grid.used; b++) {
      for (let k = 0; k < bins; k++) {
        const n = grid.latency[b * bins + k]!;
        if (n) latency.push(b, k, n);
      }
    }
  }
  const c = s.lanes.columns;
  const n = c.count;
  const open: number[] = [];
  const jobs = s.jobs;
  for (let j = 0; j < jobs.state.length; j++) {
    const st = jobs.state[j]!;
    if (st === NO_STATE || CLOSED_STATES.has(st)) continue;
    open.push(j, st, orMinus1(jobs.enqueuedAt[j]!), orMinus1(jobs.failedAt[j]!), jobs.attempts[j]!);
  }
  return {
    v: 1,
    options: { ...s.options },
    eventCount: s.eventCount,
    endTime: s.endTime,
    width: grid.width,
    buckets: grid.used,
    edges,
    latency,
    waitHist: toSparse(s.waitHist),
    totalHist: toSparse(s.totalHist),
    retryDelayHist: toSparse(s.retryDelayHist),
    latencySums: [...s.latencySums],
    retryDelayMax: s.retryDelayMax,
    retryDelaysExact: s.retryDelays.entries(),
    attempts: Array.from(s.attempts),
    workers: [...s.lanes.workerNames],
    bars: {
      worker: Array.from(c.worker.subarray(0, n)),
      job: Array.from(c.job.subarray(0, n)),
      attempt: Array.from(c.attempt.subarray(0, n)),
      start: Array.from(c.start.subarray(0, n)),
      end: Array.from(c.end.subarray(0, n), (x) => (Number.isNaN(x) ? null : x)),
      outcome: Array.from(c.outcome.subarray(0, n)),
    },
    markers: s.lanes.markers.map((m) => ({ ...m })),
    faults: s.lanes.faultSpans.map((f) => ({ ...f })),
    droppedBars: s.lanes.dropped,
    open,
  };
}

export function readSnapshot(snap: TimelineSnapshot, s: TimelineState): void {
  if (snap.v !== 1) throw new Error(`unknown timeline snapshot version ${String(snap.v)}`);
  s.eventCount = snap.eventCount;
  s.endTime = snap.endTime;
  const grid = s.grid;
  grid.width = snap.width;
  grid.used = snap.buckets;
  for (const [key, values] of Object.entries(snap.edges)) {
    const e = edgeOfKey(key);
    if (!(e >= 0 && e < EDGE_COUNT)) throw new Error(`timeline snapshot: unknown edge ${key}`);
    const series = (grid.edges[e] = new Uint32Array(grid.maxBuckets));
    series.set(values.slice(0, grid.maxBuckets));
  }
  if (snap.latency.length > 0) {
    const bins = BUCKET_LATENCY_BINS.count;
    const lat = (grid.latency = new Uint32Array(grid.maxBuckets * bins));
    for (let i = 0; i + 2 < snap.latency.length; i += 3) lat[snap.latency[i]! * bins + snap.latency[i + 1]!] = snap.latency[i + 2]!;
  }
  // Current counts and the enqueued total are the sums over every bucket.
  for (const [key, values] of Object.entries(snap.edges)) {
    const [from, to] = key.split('>') as [string, string];
    let sum = 0;
    for (const v of values) sum += v;
    s.counts[STATE_CODE[to as JobState]]! += sum;
    if (from === 'new') s.jobCount += sum;
    else s.counts[STATE_CODE[from as JobState]]! -= sum;
  }
  s.waitHist = fromSparse(snap.waitHist, new Uint32Array(FINE_BINS.count));
  s.totalHist = fromSparse(snap.totalHist, new Uint32Array(FINE_BINS.count));
  s.retryDelayHist = fromSparse(snap.retryDelayHist, new Uint32Array(FINE_BINS.count));
  s.latencySums.splice(0, 4, ...snap.latencySums);
  s.retryDelayMax = snap.retryDelayMax;
  s.retryDelays = DistinctValues.from(snap.retryDelaysExact, DISTINCT_DELAY_LIMIT);
  s.attempts = Uint32Array.from(snap.attempts.length > 0 ? snap.attempts : [0]);
  readLanes(snap, s);
  for (let i = 0; i + 4 < snap.open.length; i += 5) {
    const j = snap.open[i]!;
    s.jobs.fit(j);
    s.jobs.state[j] = snap.open[i + 1]!;
    s.jobs.enqueuedAt[j] = orNaN(snap.open[i + 2]!);
    s.jobs.failedAt[j] = orNaN(snap.open[i + 3]!);
    s.jobs.attempts[j] = snap.open[i + 4]!;
  }
  s.revision++;
}

function readLanes(snap: TimelineSnapshot, s: TimelineState): void {
  const lanes = s.lanes;
  for (const w of snap.workers) lanes.worker(w);
  const b = snap.bars;
  const n = b.start.length;
  const c = lanes.columns;
  c.worker = ensureLength(c.worker, n);
  c.job = ensureLength(c.job, n);
  c.attempt = ensureLength(c.attempt, n);
  c.start = ensureLength(c.start, n);
  c.end = ensureLength(c.end, n);
  c.outcome = ensureLength(c.outcome, n);
  c.worker.set(b.worker);
  c.job.set(b.job);
  c.attempt.set(b.attempt);
  c.start.set(b.start);
  c.outcome.set(b.outcome);
  let maxDuration = 0;
  for (let i = 0; i < n; i++) {
    const end = b.end[i];
    c.end[i] = end ?? NaN;
    if (end != null && end - b.start[i]! > maxDuration) maxDuration = end - b.start[i]!;
  }
  c.count = n;
  c.maxDuration = maxDuration;
  lanes.dropped = snap.droppedBars;
  lanes.markers.push(...snap.markers.map((m) => ({ ...m })));
  lanes.faultSpans.push(...snap.faults.map((f) => ({ ...f })));
  lanes.reopen();
}

