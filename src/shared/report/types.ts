// The shapes of an exported run report. ReportData is what the HTML shows,
// what `--format json` writes and what the HTML embeds in its
// <script type="application/json" id="queue-lab-results"> tag: the summary
// and aggregated series only (never the events), so a million-job run still
// makes a small file.
import type { JobState } from '../job/states.ts';
import type { RunSummary } from '../metrics/run-summary.ts';
import type { OverloadSeries } from '../overload/overload-series.ts';
import type { FaultMark } from '../timeline/fault-marks.ts';
import type { LaneOutcome, LatencySummary, RetryDelayHistogram, StateCounts, WorkerMarker } from '../timeline/types.ts';

export const REPORT_FORMAT = 'queue-lab-report';
export const REPORT_FORMAT_VERSION = 1;

/** Dead jobs that died of the same last error (and for the same reason). */
export interface DeadLetterGroup {
  /** The last attempt's error, the one that sent the job to the dead-letter table. */
  error: string;
  /** Why it died: "attempts exhausted (5 of 5)", a lease expiry, ... */
  reason: string;
  count: number;
  queues: string[];
  types: string[];
  firstDiedAt: number;
  lastDiedAt: number;
  /** jobs.seq of the first few, for looking them up in the app. */
  exampleJobs: number[];
}

export interface DeadLetters {
  /** Dead jobs in the table now (a job retried by hand has left it). */
  total: number;
  /** Largest groups first; at most MAX_DEAD_GROUPS of them. */
  groups: DeadLetterGroup[];
  /** Groups not listed. */
  moreGroups: number;
}

export interface RunInfo {
  id: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
}

/** What the Node side (or the renderer) hands the generator besides the timeline. */
export interface ReportInput {
  summary: RunSummary;
  run: RunInfo;
  /** The scenario as the user reads it (YAML), defaults filled in. */
  scenarioText: string;
  appVersion: string;
  /** ISO 8601; passed in so the generator stays pure and tests are reproducible. */
  generatedAt: string;
  deadLetters: DeadLetters;
  /** The built-in's lesson card, when the run is an untouched built-in. */
  lesson?: Lesson | null;
  /** The run's overload_samples as series (runs with services); the report keeps what its charts draw. */
  overload?: OverloadSeries[];
}

export interface Lesson {
  title: string;
  teaches: string;
  notice: string;
}

/** A time axis of points: series[i] belongs to t[i] (scenario seconds, the end of its span). */
export interface TimePoints {
  t: number[];
}

export interface LaneExcerpt {
  /** True: the window is the busiest stretch of the run (lane-window.ts); false: the run from its start. */
  busiest?: boolean;
  /** Which attempts are drawn: `shown` of `total`, in claim order, those in [start, end]. */
  shown: number;
  total: number;
  start: number;
  end: number;
  workers: string[];
  /** Lanes with attempts in the window that are not drawn (too many to read). */
  hiddenWorkers: number;
  bars: { worker: number[]; job: number[]; attempt: number[]; start: number[]; end: (number | null)[]; outcome: LaneOutcome[] };
  markers: WorkerMarker[];
}

export interface ReportData {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_FORMAT_VERSION;
  app: { name: 'Queue Lab'; version: string };
  generatedAt: string;
  run: RunInfo & { scenario: string; mode: RunSummary['mode']; seed: number };
  scenarioText: string;
  summary: RunSummary;
  timeline: { events: number; endTime: number; bucketSeconds: number };
  flow: {
    /** Jobs per state at the end of the run. */
    counts: StateCounts;
    /** Every transition the run made, `from` null for an enqueue. */
    transitions: { from: JobState | null; to: JobState; count: number }[];
  };
  /** Jobs waiting or working, per state, at the peak of each span (a burst stays visible). */
  depth: TimePoints & { byState: Record<DepthState, number[]> };
  /** Per second, averaged over each span. */
  rates: TimePoints & { enqueued: number[]; succeeded: number[]; failed: number[]; dead: number[]; retriesDue: number[] };
  latency: {
    summary: LatencySummary;
    /** Log bins: bin i covers [edges[i], edges[i + 1]) seconds; `instant` counts the samples below edges[0]. */
    histogram: { edges: number[]; wait: number[]; total: number[]; instantWait: number; instantTotal: number };
  };
  retryDelays: RetryDelayHistogram;
  /** attemptsPerJob[n] = finished jobs that took n attempts. */
  attemptsPerJob: number[];
  lanes: LaneExcerpt;
  deadLetters: DeadLetters;
  lesson: Lesson | null;
  /** Retries that came due, per second over spans of spanSeconds starting at t[i], and the run's faults. */
  retryArrivals: { t: number[]; perSecond: number[]; spanSeconds: number; peak: number; peakAt: number; faults: FaultMark[] };
  /** Service utilization (means over spans), open slots and breaker state, changes only (empty without services; absent in older files). */
  overload?: OverloadSeries[];
}

/** The states that wait or work: finished states only grow and would flatten a depth chart. */
export const DEPTH_STATES = ['processing', 'pending', 'retrying', 'scheduled'] as const satisfies readonly JobState[];
export type DepthState = (typeof DEPTH_STATES)[number];
