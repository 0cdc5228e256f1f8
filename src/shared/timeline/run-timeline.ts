// A run's event log folded into what the views draw: state counts at any
// time (the scrubber), per-bucket series (charts), attempt bars and worker
// markers (lanes). Built incrementally from LabEvent batches in seq order;
// it keeps aggregates, never the events, so memory stays bounded for a
// million-job run. Pure TypeScript: used by the renderer, the main process
// and the HTML report.
import type { LabEvent } from '../events.ts';
import { JOB_STATES } from '../job/states.ts';
import type { TimelineSnapshot } from './snapshot.ts';
import type {
  DepthSeries, FaultSpan, LaneBar, LaneBarColumns, LatencySeries, LatencySummary, RateSeries,
  RetryDelayHistogram, RunTimelineOptions, StateCounts, TransitionRate, WorkerMarker,
} from './types.ts';

function zeroCounts(): StateCounts {
  return Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as StateCounts;
}

export class RunTimeline {
  constructor(options: RunTimelineOptions = {}) {
    void options;
  }

  add(events: readonly LabEvent[]): void {
    void events;
  }

  get endTime(): number { return 0; }
  get eventCount(): number { return 0; }
  /** Jobs enqueued so far. */
  get jobCount(): number { return 0; }
  /** Scenario seconds per bucket: the resolution of countsAt and the series. */
  get bucketWidth(): number { return 0.05; }

  /** Jobs per state after every event with time < the bucket boundary at or below t; exact for t >= endTime. */
  countsAt(t: number): StateCounts { void t; return zeroCounts(); }
  /** Jobs enqueued by the same instant countsAt(t) describes. */
  enqueuedAt(t: number): number { void t; return 0; }
  depthSeries(): DepthSeries { throw new Error('not yet'); }
  rateSeries(): RateSeries { throw new Error('not yet'); }
  latencySeries(): LatencySeries { throw new Error('not yet'); }
  latencySummary(): LatencySummary { throw new Error('not yet'); }
  retryDelayHistogram(bins = 40): RetryDelayHistogram { void bins; return { binWidth: 0, counts: [], total: 0, max: 0 }; }
  /** attemptsPerJob()[n] = finished (succeeded or dead) jobs that took n attempts. */
  attemptsPerJob(): number[] { return []; }
  /** Transitions per edge over [t - windowSeconds, t], for the flow board. */
  transitionRates(t: number, windowSeconds: number): TransitionRate[] { void t; void windowSeconds; return []; }
  workers(): readonly string[] { return []; }
  laneBars(): LaneBarColumns { throw new Error('not yet'); }
  laneBar(index: number): LaneBar | null { void index; return null; }
  workerMarkers(): readonly WorkerMarker[] { return []; }
  faults(): readonly FaultSpan[] { return []; }

  toSnapshot(): TimelineSnapshot { throw new Error('not yet'); }
  static fromSnapshot(snapshot: TimelineSnapshot): RunTimeline { void snapshot; return new RunTimeline(); }
}
