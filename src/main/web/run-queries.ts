// The reads of one run that the web host needs and the QueueStore interface
// does not offer: event pages, job lists by state, and the seeds' /stats.
// They run on the host's own connection to the lab file (WAL: readers never
// wait for the workers' writes).
//
// A run's jobs have ids num * 2^32 + 1 .. num * 2^32 + seq (job-id.ts), so
// its jobs and attempts are read as a range of jobs.id / attempts.job_id:
// index seeks, however many runs the file holds.
import type { LabEvent } from '../../shared/events.ts';
import type { JobState } from '../../shared/job/states.ts';
import { prepareEventsAfter, prepareLastEvents } from '../engine/store/event-reads.ts';
import { jobId } from '../engine/store/job-id.ts';
import type { DB } from '../engine/store/open-database.ts';

/** The seeds' /stats (seed 2's keys, seed 4's rates), over a whole run. */
export interface RunStats {
  total: number;
  scheduled: number;
  pending: number;
  retrying: number;
  processing: number;
  succeeded: number;
  dead: number;
  cancelled: number;
  /** Attempts per succeeded job, earlier rounds (before a retry from the DLQ) included. */
  avg_attempts_success: number;
  /** Succeeded jobs per scenario second since the run began. */
  jobs_per_s: number;
  /** Mean scenario seconds of the attempts that ended, whatever their outcome. */
  mean_processing_s: number;
  /** succeeded / (succeeded + dead), as the instant summary's stats. */
  success_rate: number;
}

type Range = [number, number];

export class RunQueries {
  private readonly runNum;
  private readonly eventsAfter;
  private readonly lastEvents;
  private readonly lastEventTime;
  private readonly lastEventSeq;
  private readonly jobIds;
  private readonly jobIdsInState;
  private readonly stateCounts;
  private readonly processing;

  constructor(db: DB) {
    this.runNum = db.prepare<[string], number | null>('SELECT num FROM runs WHERE id = ?').pluck();
    this.eventsAfter = prepareEventsAfter(db);
    this.lastEvents = prepareLastEvents(db);
    this.lastEventTime = db.prepare<[string], number | null>('SELECT MAX(t) FROM events WHERE run_id = ?').pluck();
    this.lastEventSeq = db.prepare<[string], number | null>('SELECT MAX(seq) FROM events WHERE run_id = ?').pluck();
    this.jobIds = db.prepare<[number, number, number, number], number>('SELECT id FROM jobs WHERE id > ? AND id > ? AND id <= ? ORDER BY id LIMIT ?').pluck();
    this.jobIdsInState = db
      .prepare<[number, number, number, string, number], number>('SELECT id FROM jobs WHERE id > ? AND id > ? AND id <= ? AND state = ? ORDER BY id LIMIT ?')
      .pluck();
    this.stateCounts = db.prepare<[number, number], { state: JobState; n: number; attempts: number }>(
      'SELECT state, COUNT(*) AS n, SUM(attempt_base + attempts) AS attempts FROM jobs WHERE id > ? AND id <= ? GROUP BY state',
    );
    this.processing = db.prepare<[number, number], { n: number; seconds: number | null }>(
      'SELECT COUNT(*) AS n, SUM(ended_at - started_at) AS seconds FROM attempts WHERE job_id > ? AND job_id <= ? AND ended_at IS NOT NULL',
    );
  }

  /** Whether the run exists. */
  hasRun(runId: string): boolean {
    return this.runNum.get(runId) !== undefined;
  }

  /** Events after `afterSeq`, oldest first. */
  eventsAfterSeq(runId: string, afterSeq: number, limit: number): LabEvent[] {
    return this.eventsAfter.all(runId, afterSeq, limit);
  }

  /** The last `limit` events, oldest first. */
  recentEvents(runId: string, limit: number): LabEvent[] {
    return this.lastEvents.all(runId, limit).reverse();
  }

  /** The scenario time of the run's latest event (0 for none): "now" for a run that is not live. */
  latestTime(runId: string): number {
    return this.lastEventTime.get(runId) ?? 0;
  }

  /** The seq of the run's latest event (0 for none). */
  lastSeq(runId: string): number {
    return this.lastEventSeq.get(runId) ?? 0;
  }

  /** jobs.id of the run's jobs after `afterId`, in id order. */
  listJobIds(runId: string, state: JobState | null, afterId: number, limit: number): number[] {
    const range = this.range(runId);
    if (!range) return [];
    return state === null
      ? this.jobIds.all(afterId, range[0], range[1], limit)
      : this.jobIdsInState.all(afterId, range[0], range[1], state, limit);
  }

  stats(runId: string, now: number): RunStats {
    const count: Record<JobState, number> = { scheduled: 0, pending: 0, processing: 0, succeeded: 0, retrying: 0, dead: 0, cancelled: 0 };
    let attemptsOfSucceeded = 0;
    let processed = { n: 0, seconds: 0 as number | null };
    const range = this.range(runId);
    if (range) {
      for (const row of this.stateCounts.all(range[0], range[1])) {
        count[row.state] = row.n;
        if (row.state === 'succeeded') attemptsOfSucceeded = row.attempts;
      }
      processed = this.processing.get(range[0], range[1]) ?? processed;
    }
    const total = Object.values(count).reduce((a, b) => a + b, 0);
    const { succeeded, dead } = count;
    return {
      total,
      ...count,
      avg_attempts_success: succeeded > 0 ? attemptsOfSucceeded / succeeded : 0,
      jobs_per_s: now > 0 ? succeeded / now : 0,
      mean_processing_s: processed.n > 0 ? (processed.seconds ?? 0) / processed.n : 0,
      success_rate: succeeded + dead > 0 ? succeeded / (succeeded + dead) : 0,
    };
  }

  /** (first id - 1, last possible id] of the run's jobs; undefined for no run. */
  private range(runId: string): Range | undefined {
    const num = this.runNum.get(runId);
    if (num === undefined || num === null) return undefined;
    return [jobId(num, 0), jobId(num + 1, 0)];
  }
}
