// What a live run needs from its store beyond the queue operations of
// QueueStore: the run loop's bookkeeping (progress, resume, the run's own
// events, the summary), the producer's bulk enqueue, the clock that joined
// workers read, and the workers' few reads (attempt history, the downstream
// quota). Every method returns Awaitable<T> like QueueStore's, so live mode
// runs on the embedded SQLite file (sqlite-live-store.ts) and on a PostgreSQL
// server alike; callers await every call, which costs a sync store one
// microtask and no round trip.
import type { EventKind } from '../../../shared/events.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { DownstreamSummary } from '../../../shared/overload/downstream-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { OverloadSample } from '../../../shared/tables/index.ts';
import type { UnsafeRead } from '../store/claim.ts';
import type { QueueStore } from '../store/queue-store.ts';
import type { Awaitable, ClaimedJob, ClaimOptions, EnqueueInput } from '../store/types.ts';
import type { StoredSummaryContext } from '../summary/stored-summary.ts';

export type { UnsafeRead };

/** How far a live run is. */
export interface Counts {
  open: number;
  total: number;
  /** Processing with no lease to expire (no visibility timeout): nothing will move them. */
  stuck: number;
}

/** One producer arrival: a job and the chain that follows it (enqueued only when the job was not a deduplicated re-send). */
export interface Arrival {
  root: EnqueueInput;
  /** Each child's parent is the job before it (the root for the first). */
  chain: Omit<EnqueueInput, 'parentId'>[];
}

/** Scenario time 0 of a running live run, so a worker that joins later shares the host's clock. */
export interface RunClock {
  /** Wall-clock epoch ms at scenario time 0. */
  originMs: number;
  /** Wall seconds per scenario second. */
  timeScale: number;
}

/** An event the run itself writes (a worker started or crashed, a chaos fault): no job, no state change. */
export interface RunEventInput {
  t: number;
  kind: Extract<EventKind, 'worker_started' | 'worker_crashed' | 'fault_started' | 'fault_ended'>;
  worker: string | null;
  detail: string;
}

export interface LiveStore extends QueueStore {
  /** Where worker processes open the same database: a SQLite file path or a postgres:// URL. */
  readonly location: string;
  /** 'sqlite' has one write lock (BEGIN IMMEDIATE, the lock contention fault); 'postgres' locks rows. */
  readonly kind: 'sqlite' | 'postgres';

  // the host's run loop
  /** Takes an interrupted live run back (status running, owned by ownerPid); returns the time of its last event. */
  resumeRun(ownerPid: number): Awaitable<{ t: number }>;
  appendRunEvent(event: RunEventInput): Awaitable<void>;
  /** Publishes scenario time 0 for workers that join from elsewhere (`queue-lab worker`). */
  setClock(clock: RunClock): Awaitable<void>;
  readClock(): Awaitable<RunClock | null>;
  /** Every arrival's jobs in order, as few transactions as the store can (one on SQLite). */
  enqueueArrivals(arrivals: readonly Arrival[]): Awaitable<void>;
  /** Per producer, the next arrival to make: what a resumed run starts from. */
  producerProgress(producers: number): Awaitable<number[]>;
  /** True when no open job can move any more: every job is final, or the open ones are stuck. */
  settled(): Awaitable<boolean>;
  counts(): Awaitable<Counts>;
  summary(scenario: Scenario, ctx: StoredSummaryContext): Awaitable<RunSummary>;
  /** What the workers' defences refused, from the run's events (the summary's downstream.refused). */
  refusedCounts(): Awaitable<DownstreamSummary['refused']>;
  /**
   * SQLite's lock contention fault: hold the write lock for holdMs (a busy
   * wait, on purpose). Null where there is no single write lock to hold.
   */
  readonly holdWriteLock: ((holdMs: number) => void) | null;

  // the workers
  /** A plain read: is a job due for these options? Idle workers ask this before taking a write lock. */
  hasDueJob(options: ClaimOptions): Awaitable<boolean>;
  /** unsafeClaim's read half: which job this worker believes is free. */
  unsafeRead(options: ClaimOptions): Awaitable<UnsafeRead | null>;
  /** unsafeClaim's write half: takes the job read earlier, whatever happened since. */
  unsafeWrite(read: UnsafeRead, options: ClaimOptions): Awaitable<ClaimedJob | null>;
  /** jobs.attempt_base: attempts before the job's last retry from the dead-letter table. */
  attemptBase(jobId: number): Awaitable<number>;
  /** The backoff delay chosen after this round's previous failed attempt (decorrelated jitter grows from it). */
  lastBackoffDelay(jobId: number, attempt: number, base: number): Awaitable<number | null>;
  /** Appends rows of the run's measures over time (overload_samples): the host's of its services, a worker's of its defences. */
  appendOverloadSamples(rows: readonly OverloadSample[]): Awaitable<void>;
  /** Counts one call to a downstream in its fixed window, for every worker process; returns the calls made in it. */
  countDownstreamCall(key: string, window: number): Awaitable<number>;

  close(): Awaitable<void>;
}

/** A store kind's one-line refusal of a fault it cannot play. */
export function lockContentionRefusal(store: Pick<LiveStore, 'kind'>): string {
  return `lockContention holds SQLite's single write lock; a ${store.kind} store has no such lock (use --db FILE for this fault)`;
}
