// Reading a stored run back: every query the web host, the report, the CSV
// export and the live run's summary make on a run's rows, behind one
// interface, so a second store (PostgreSQL) serves `serve` and `report` by
// implementing these methods and nothing in web/ or report/ holds SQL.
//
// Methods take and return plain data. They return Awaitable<T> as QueueStore
// does: the SQLite reads answer at once (a caller holding SqliteRunReads gets
// plain values), a networked store with a Promise; code written against
// RunReads awaits. Long reads (events, CSV rows) come in pages with a cursor,
// so memory stays flat and every page is one indexed query on either store.
import type { LabEvent } from '../../../../shared/events.ts';
import type { AttemptOutcome, JobState } from '../../../../shared/job/states.ts';
import type { DeadLetters } from '../../../../shared/report/types.ts';
import type { JobAttempt, JobRow, OverloadSample } from '../../../../shared/tables/index.ts';
import type { Awaitable, JobRecord, RunRecord } from '../types.ts';

/** Counts over a run's jobs and attempts (the seeds' /stats). */
export interface JobCounts {
  byState: Record<JobState, number>;
  /** Attempts of the succeeded jobs, earlier rounds (before a retry from the DLQ) included. */
  attemptsOfSucceeded: number;
  /** Attempts that ended, whatever their outcome, and their scenario seconds. */
  endedAttempts: number;
  attemptSeconds: number;
}

/** The jobs columns the summary of a stored run reads. */
export const JOB_TIME_FIELDS = ['state', 'enqueuedAt', 'firstClaimedAt', 'finishedAt', 'completions'] as const;

/** What the summary of a stored run needs of one job (jobs in seq order). */
export type JobTimes = Pick<JobRow, (typeof JOB_TIME_FIELDS)[number]> & {
  /** Attempts rows of the job. */
  tries: number;
};

/** One event as the event-log hash takes it, with its seq as the page cursor. */
export type RawEvent = [seq: number, t: number, job: number | null, kind: LabEvent['kind'], from: JobState | null, to: JobState | null, worker: string | null, detail: string | null];

export interface DeadLetterGrouping {
  /** Groups listed; the rest are counted in moreGroups. */
  maxGroups: number;
  /** Example jobs (by seq) per group. */
  examplesPerGroup: number;
}

/**
 * The kinds whose detail a timeline reads (worker markers and fault labels;
 * an attempt's outcome comes from events.outcome). Reading the others'
 * details would cost time for nothing: most events are enqueued/claimed/
 * succeeded, and a failure's detail is a long formula.
 */
export const TIMELINE_DETAIL_KINDS = ['worker_started', 'worker_crashed', 'worker_hung', 'worker_recycled', 'fault_started', 'fault_ended'] as const;

/** The CSV export's files and their columns (the header), in order; a row's leading values are its page cursor (csvCursor). */
export const CSV_COLUMNS = {
  jobs: [
    'seq', 'queue', 'type', 'state', 'priority', 'attempts', 'max_attempts', 'enqueued_at', 'first_claimed_at', 'finished_at',
    'parent_id', 'batch_id', 'idempotency_key', 'last_error', 'cancel_reason', 'completions', 'payload',
  ],
  attempts: ['job', 'attempt', 'worker', 'started_at', 'ended_at', 'outcome', 'error', 'backoff_base', 'backoff_delay', 'backoff_formula'],
  events: ['seq', 't', 'job', 'kind', 'from_state', 'to_state', 'worker', 'detail'],
} as const;
export type CsvTable = keyof typeof CSV_COLUMNS;

export interface RunReads {
  // runs
  getRun(runId: string): Awaitable<RunRecord | undefined>;
  listRuns(): Awaitable<RunRecord[]>;

  // events
  /** Events after a seq, oldest first, every column. */
  eventsAfter(runId: string, afterSeq: number, limit: number): Awaitable<LabEvent[]>;
  /** The last `limit` events, oldest first. */
  lastEvents(runId: string, limit: number): Awaitable<LabEvent[]>;
  /** Like eventsAfter, with detail kept only where a timeline reads it (TIMELINE_DETAIL_KINDS). */
  timelineEventsAfter(runId: string, afterSeq: number, limit: number): Awaitable<LabEvent[]>;
  /** The seq of the first event at or after scenario time t; null for none. */
  firstSeqAt(runId: string, t: number): Awaitable<number | null>;
  /** The seq of the run's latest event (0 for none). */
  lastSeq(runId: string): Awaitable<number>;
  /** The scenario time of the run's latest event (0 for none): "now" for a run that is not live. */
  latestTime(runId: string): Awaitable<number>;
  /** The event log as the hash takes it, after a seq, oldest first. */
  rawEventsAfter(runId: string, afterSeq: number, limit: number): Awaitable<RawEvent[]>;

  // jobs and attempts
  getJob(runId: string, jobId: number): Awaitable<JobRecord | undefined>;
  getJobBySeq(runId: string, seq: number): Awaitable<JobRecord | undefined>;
  /** jobs.id of the run's jobs after `afterId` (optionally in one state), in id order. */
  jobIds(runId: string, state: JobState | null, afterId: number, limit: number): Awaitable<number[]>;
  jobCounts(runId: string): Awaitable<JobCounts>;
  /** Every job of the run in seq order, with what the summary needs. */
  jobTimes(runId: string): Awaitable<JobTimes[]>;
  /** Attempts per outcome over the run (attempts still open are not counted). */
  attemptOutcomes(runId: string): Awaitable<Partial<Record<AttemptOutcome, number>>>;
  /** A job's attempts, first first. */
  attemptsOf(jobId: number): Awaitable<JobAttempt[]>;

  // dead letters
  /** The run's dead letters grouped by last error and reason, largest group first. */
  deadLetterGroups(runId: string, grouping: DeadLetterGrouping): Awaitable<DeadLetters>;

  // the downstream side over time
  /** The run's overload_samples rows (service load, defences), in time order; none for a run without services. */
  overloadSamples(runId: string): Awaitable<OverloadSample[]>;

  // export
  /**
   * A page of a CSV table's rows (values in CSV_COLUMNS order; jobs.parent_id
   * and attempts.job as the job's seq) after a cursor: jobs and events by seq,
   * attempts by [job seq, attempt]. Pass csvCursor of the previous page's
   * last row, null to start.
   */
  csvRows(table: CsvTable, runId: string, after: readonly number[] | null, limit: number): Awaitable<unknown[][]>;
}

/** The cursor of a CSV row (see RunReads.csvRows): its leading key values. */
export function csvCursor(table: CsvTable, row: readonly unknown[]): number[] {
  return table === 'attempts' ? [row[0] as number, row[1] as number] : [row[0] as number];
}
