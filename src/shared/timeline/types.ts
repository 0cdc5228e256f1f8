// The shapes a RunTimeline hands to views and reports. Series are columnar
// (one array per measure, index = bucket) so a chart can feed them to d3
// without building an object per point.
import type { AttemptOutcome, JobState } from '../job/states.ts';

export interface RunTimelineOptions {
  /** Starting bucket width in scenario seconds; it doubles as the run grows. Default 0.05. */
  initialBucketSeconds?: number;
  /** Buckets kept before two neighbours merge into one (memory is O(maxBuckets)). Default 2048. */
  maxBuckets?: number;
  /** Attempt bars kept for the worker lanes; later attempts are counted but not drawn. Default 1,000,000. */
  maxLaneBars?: number;
}

export type StateCounts = Record<JobState, number>;

/** Bucket i covers [i * width, (i + 1) * width) scenario seconds. */
export interface BucketAxis {
  width: number;
  count: number;
}

/** Jobs in each state at the end of each bucket (for the stacked queue-depth chart). */
export interface DepthSeries extends BucketAxis {
  byState: Record<JobState, Int32Array>;
}

/** Events per second in each bucket. */
export interface RateSeries extends BucketAxis {
  /** Offered load: new jobs per second. */
  enqueued: Float64Array;
  /** Attempts started (claims) per second: with services, the calls the callers make. */
  started: Float64Array;
  /** Goodput: jobs that succeeded per second. */
  succeeded: Float64Array;
  /** Attempts that failed and will be retried, per second. */
  failed: Float64Array;
  dead: Float64Array;
  /** Retries whose backoff ended (retrying -> pending) per second: the waves of a retry storm. */
  retriesDue: Float64Array;
}

/** Time in system (enqueue to a final state) of the jobs that finished in each bucket; NaN where none did. */
export interface LatencySeries extends BucketAxis {
  p50: Float64Array;
  p95: Float64Array;
  p99: Float64Array;
  samples: Uint32Array;
}

export interface LatencyStats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LatencySummary {
  /** Enqueue to first claim. */
  wait: LatencyStats;
  /** Enqueue to a final state (succeeded, dead or cancelled), as in the run summary. */
  total: LatencyStats;
}

/** Linear bins of the waited retry delay (failed -> due), in seconds. */
export interface RetryDelayHistogram {
  binWidth: number;
  counts: number[];
  total: number;
  max: number;
}

/** One attempt on a worker's lane. `end` is null while it runs. */
export interface LaneBar {
  worker: string;
  job: number;
  attempt: number;
  start: number;
  end: number | null;
  outcome: LaneOutcome;
}

/** `running` for an attempt not ended yet; the rest as in ATTEMPT_OUTCOMES. */
export type LaneOutcome = 'running' | AttemptOutcome;

/**
 * Every attempt bar, columnar (index = bar, in claim order, so `start` is
 * non-decreasing). `worker` indexes `workers`, `outcome` indexes LANE_OUTCOMES,
 * `end` is NaN while running. Arrays may be longer than `count`.
 */
export interface LaneBarColumns {
  count: number;
  workers: readonly string[];
  worker: Uint16Array;
  job: Int32Array;
  attempt: Uint16Array;
  start: Float64Array;
  end: Float64Array;
  outcome: Uint8Array;
  /** The longest bar so far, for culling bars that start before the view. */
  maxDuration: number;
}

/** joined: a worker from another process or machine (`queue-lab worker`) came into the run; started: the host started (or restarted) one. */
export type WorkerMarkerKind = 'started' | 'joined' | 'crashed' | 'hung' | 'recycled';

export interface WorkerMarker {
  worker: string;
  t: number;
  kind: WorkerMarkerKind;
  detail: string | null;
}

export interface FaultSpan {
  label: string;
  start: number;
  end: number | null;
}

/** One edge of the state machine; `from` null is enqueue (a new job). */
export interface TransitionRate {
  from: JobState | null;
  to: JobState;
  /** Transitions per second over the window ending at the cursor. */
  perSecond: number;
  /** Transitions in the window. */
  count: number;
}
