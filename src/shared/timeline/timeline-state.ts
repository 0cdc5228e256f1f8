// The aggregates a RunTimeline keeps, and how one event changes them. Every
// measure is folded in as the event arrives so nothing needs the event again.
import type { LabEvent } from '../events.ts';
import { JOB_STATES, STATE_CODE, type JobState } from '../job/states.ts';
import { BucketGrid, edgeId } from './bucket-grid.ts';
import { DistinctValues } from './distinct-values.ts';
import { ensureLength } from './growable.ts';
import { JobColumns } from './job-columns.ts';
import { LaneRecorder } from './lane-recorder.ts';
import { binOf, logBins, type LogBins } from './log-histogram.ts';
import type { RunTimelineOptions, WorkerMarkerKind } from './types.ts';

/** Overall wait, latency and retry-delay histograms: 0.1 ms .. ~4 months at 16 bins per doubling (+-2.2 %). */
export const FINE_BINS: LogBins = logBins(1e-4, 1e7, 16);
/** How many distinct retry delays are kept exactly before only the log histogram remains. */
export const DISTINCT_DELAY_LIMIT = 2048;

export const DEFAULT_OPTIONS: Required<RunTimelineOptions> = {
  initialBucketSeconds: 0.05,
  maxBuckets: 2048,
  maxLaneBars: 1_000_000,
};

const SUCCEEDED = STATE_CODE.succeeded;
const DEAD = STATE_CODE.dead;
const RETRYING = STATE_CODE.retrying;
const PENDING = STATE_CODE.pending;
const CANCELLED = STATE_CODE.cancelled;

export class TimelineState {
  readonly options: Required<RunTimelineOptions>;
  eventCount = 0;
  endTime = 0;
  jobCount = 0;
  readonly counts = new Int32Array(JOB_STATES.length);
  readonly grid: BucketGrid;
  readonly jobs = new JobColumns();
  readonly lanes: LaneRecorder;
  waitHist = new Uint32Array(FINE_BINS.count);
  totalHist = new Uint32Array(FINE_BINS.count);
  retryDelayHist = new Uint32Array(FINE_BINS.count);
  /** [waitSum, waitMax, totalSum, totalMax] */
  readonly latencySums: [number, number, number, number] = [0, 0, 0, 0];
  retryDelayMax = 0;
  retryDelays = new DistinctValues(DISTINCT_DELAY_LIMIT);
  /** attempts[n] = finished jobs (succeeded or dead) that took n attempts. */
  attempts = new Uint32Array(16);
  /** Bumped on every add, so derived caches know when to rebuild. */
  revision = 0;

  constructor(options: RunTimelineOptions) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.grid = new BucketGrid(this.options.initialBucketSeconds, this.options.maxBuckets);
    this.lanes = new LaneRecorder(this.options.maxLaneBars);
  }

  add(events: readonly LabEvent[]): void {
    for (let i = 0; i < events.length; i++) this.addOne(events[i]!);
    this.revision++;
  }

  private addOne(e: LabEvent): void {
    this.eventCount++;
    const t = e.t;
    if (t > this.endTime) this.endTime = t;
    const bucket = this.grid.bucketFor(t);
    const job = e.job;
    if (job !== null) this.jobs.fit(job);
    switch (e.kind) {
      case 'claimed':
        if (job !== null) {
          const n = ++this.jobs.attempts[job]!;
          if (n === 1) this.sampleWait(t - this.jobs.enqueuedAt[job]!);
          if (e.worker !== null) this.lanes.claim(e.worker, job, n, t);
        }
        break;
      case 'succeeded':
      case 'completed_again':
        if (job !== null && e.worker !== null) this.lanes.end(e.worker, job, t, 'succeeded');
        break;
      case 'failed':
      case 'dead':
        if (job !== null && e.worker !== null) this.lanes.end(e.worker, job, t, e.outcome ?? 'failed');
        break;
      case 'lease_lost':
        if (job !== null && e.worker !== null) this.lanes.end(e.worker, job, t, e.outcome ?? 'lost');
        break;
      case 'recovered':
        if (job !== null) this.lanes.recover(job, t);
        break;
      case 'worker_started':
      case 'worker_crashed':
      case 'worker_hung':
      case 'worker_recycled':
        if (e.worker !== null) this.lanes.mark(e.worker, t, markerKind(e.kind, e.detail), e.detail);
        break;
      case 'fault_started':
        this.lanes.faultStarted(e.detail ?? 'fault', t);
        break;
      case 'fault_ended':
        this.lanes.faultEnded(e.detail ?? 'fault', t);
        break;
      default:
        break;
    }
    if (job !== null && e.to !== null && e.from !== e.to) this.transition(job, e.from, e.to, t, bucket);
  }

  private transition(job: number, from: JobState | null, to: JobState, t: number, bucket: number): void {
    const jobs = this.jobs;
    const toCode = STATE_CODE[to];
    this.counts[toCode]!++;
    this.grid.countEdge(edgeId(from, to), bucket);
    if (from === null) {
      this.jobCount++;
      jobs.enqueuedAt[job] = t;
    } else {
      const fromCode = STATE_CODE[from];
      this.counts[fromCode]!--;
      // A dead job retried by hand is no longer finished: its attempts count again when it ends.
      if (fromCode === DEAD) this.attempts[Math.min(jobs.attempts[job]!, this.attempts.length - 1)]!--;
      if (fromCode === RETRYING && toCode === PENDING) this.sampleRetryDelay(t - jobs.failedAt[job]!);
    }
    jobs.state[job] = toCode;
    if (toCode === SUCCEEDED || toCode === DEAD) this.countAttempts(jobs.attempts[job]!);
    if (toCode === RETRYING) jobs.failedAt[job] = t;
    else if (toCode === SUCCEEDED || toCode === DEAD || toCode === CANCELLED) this.sampleTotal(t - jobs.enqueuedAt[job]!, bucket);
  }

  /** Time in system, enqueue to a final state: the run summary's `total` and Little's W. */
  private sampleTotal(total: number, bucket: number): void {
    if (!(total >= 0)) return;
    this.totalHist[binOf(FINE_BINS, total)]!++;
    this.latencySums[2] += total;
    if (total > this.latencySums[3]) this.latencySums[3] = total;
    this.grid.countLatency(bucket, total);
  }

  private countAttempts(n: number): void {
    if (n >= this.attempts.length) this.attempts = ensureLength(this.attempts, Math.min(n + 1, 0x10000));
    this.attempts[Math.min(n, this.attempts.length - 1)]!++;
  }

  private sampleWait(wait: number): void {
    if (!(wait >= 0)) return; // enqueued before this timeline started (a resumed stream)
    this.waitHist[binOf(FINE_BINS, wait)]!++;
    this.latencySums[0] += wait;
    if (wait > this.latencySums[1]) this.latencySums[1] = wait;
  }

  private sampleRetryDelay(delay: number): void {
    if (!(delay >= 0)) return;
    this.retryDelayHist[binOf(FINE_BINS, delay)]!++;
    // Microseconds: t(due) - t(failed) carries float noise, and 1 s must stay one value.
    this.retryDelays.add(Math.round(delay * 1e6) / 1e6);
    if (delay > this.retryDelayMax) this.retryDelayMax = delay;
  }
}

function markerKind(kind: 'worker_started' | 'worker_crashed' | 'worker_hung' | 'worker_recycled', detail: string | null): WorkerMarkerKind {
  // A joined worker's first start says "joined (pid N)" (join-run.ts); its restarts are restarts like any other.
  if (kind === 'worker_started') return detail !== null && detail.startsWith('joined') && !detail.includes('restart') ? 'joined' : 'started';
  return kind === 'worker_crashed' ? 'crashed' : kind === 'worker_hung' ? 'hung' : 'recycled';
}
