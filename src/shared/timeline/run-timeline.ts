// A run's event log folded into what the views draw: state counts at any
// time (the scrubber), per-bucket series (charts), attempt bars and worker
// markers (lanes). Built incrementally from LabEvent batches in seq order;
// it keeps aggregates, never the events, so memory stays bounded for a
// million-job run. Pure TypeScript: used by the renderer, the main process
// and the HTML report.
import type { LabEvent } from '../events.ts';
import { JOB_STATES } from '../job/states.ts';
import { readSnapshot, writeSnapshot } from './snapshot-codec.ts';
import type { TimelineSnapshot } from './snapshot.ts';
import * as series from './timeline-series.ts';
import { TimelineState } from './timeline-state.ts';
import type {
  DepthSeries, FaultSpan, LaneBar, LaneBarColumns, LatencySeries, LatencySummary, RateSeries,
  RetryDelayHistogram, RunTimelineOptions, StateCounts, TransitionRate, WorkerMarker,
} from './types.ts';

function countsRecord(read: (stateIndex: number) => number): StateCounts {
  return Object.fromEntries(JOB_STATES.map((s, i) => [s, read(i)])) as StateCounts;
}

export class RunTimeline {
  private readonly state: TimelineState;
  private depth: series.Depth | null = null;
  private depthRevision = -1;

  constructor(options: RunTimelineOptions = {}) {
    this.state = new TimelineState(options);
  }

  /** Events in seq order; a batch may be any size. */
  add(events: readonly LabEvent[]): void {
    if (events.length > 0) this.state.add(events);
  }

  /** Scenario seconds of the latest event. */
  get endTime(): number { return this.state.endTime; }
  get eventCount(): number { return this.state.eventCount; }
  /** Jobs enqueued so far. */
  get jobCount(): number { return this.state.jobCount; }
  /** Scenario seconds per bucket: the resolution of countsAt and of every series. It doubles as the run grows. */
  get bucketWidth(): number { return this.state.grid.width; }
  /** Attempts not kept as lane bars because maxLaneBars was reached. */
  get droppedLaneBars(): number { return this.state.lanes.dropped; }

  /**
   * Jobs per state at scenario time t, to the resolution of a bucket: the
   * effect of every event before the start of t's bucket. Exact (every
   * event) for t >= endTime, which is where a live view usually sits.
   */
  countsAt(t: number): StateCounts {
    if (t >= this.state.endTime) return countsRecord((i) => this.state.counts[i]!);
    const b = this.boundaryBucket(t);
    if (b < 0) return countsRecord(() => 0);
    const depth = this.depthNow();
    return countsRecord((i) => depth.byState[i]![b]!);
  }

  /** Jobs enqueued by the instant countsAt(t) describes (the sum of its counts). */
  enqueuedAt(t: number): number {
    if (t >= this.state.endTime) return this.state.jobCount;
    const b = this.boundaryBucket(t);
    return b < 0 ? 0 : this.depthNow().enqueued[b]!;
  }

  depthSeries(): DepthSeries { return series.depthSeries(this.state, this.depthNow()); }
  rateSeries(): RateSeries { return series.rateSeries(this.state); }
  /** Time-in-system percentiles per bucket, or per `merge` buckets (bucketWidth x merge seconds each). */
  latencySeries(merge = 1): LatencySeries { return series.latencySeries(this.state, merge); }
  /** Overall wait and time in system; percentiles to within about 2 % (log-binned). */
  latencySummary(): LatencySummary { return series.latencySummary(this.state); }
  /** The waited delays between a failure and the retry becoming due, in about `bins` linear bins from 0. */
  retryDelayHistogram(bins = 40): RetryDelayHistogram { return series.retryDelayHistogram(this.state, bins); }
  /** attemptsPerJob()[n] = finished (succeeded or dead) jobs that took n attempts. */
  attemptsPerJob(): number[] {
    const a = Array.from(this.state.attempts);
    while (a.length > 1 && a[a.length - 1] === 0) a.pop();
    return a;
  }
  /** Transitions per edge of the state machine over [t - windowSeconds, t], for the flow board. */
  transitionRates(t: number, windowSeconds: number): TransitionRate[] { return series.transitionRates(this.state, t, windowSeconds); }

  /** Worker names in order of first appearance: one lane each. */
  workers(): readonly string[] { return this.state.lanes.workerNames; }
  /** Live columns (not a copy): read them, never write. */
  laneBars(): LaneBarColumns { return this.state.lanes.columns; }
  laneBar(index: number): LaneBar | null { return this.state.lanes.bar(index); }
  workerMarkers(): readonly WorkerMarker[] { return this.state.lanes.markers; }
  faults(): readonly FaultSpan[] { return this.state.lanes.faultSpans; }

  /** Plain JSON, columnar; the format is documented in snapshot.ts. */
  toSnapshot(): TimelineSnapshot { return writeSnapshot(this.state); }
  static fromSnapshot(snapshot: TimelineSnapshot): RunTimeline {
    const timeline = new RunTimeline(snapshot.options);
    readSnapshot(snapshot, timeline.state);
    return timeline;
  }

  /** The last whole bucket before t (-1 before the first boundary). */
  private boundaryBucket(t: number): number {
    const b = Math.floor(t / this.state.grid.width) - 1;
    return Math.min(b, this.state.grid.used - 1);
  }

  private depthNow(): series.Depth {
    if (!this.depth || this.depthRevision !== this.state.revision) {
      this.depth = series.buildDepth(this.state);
      this.depthRevision = this.state.revision;
    }
    return this.depth;
  }
}
