// The store's read module (RunReads) on SQLite, over a stored instant run
// with retries, dead letters, chains and batches: paged reads give the same
// rows as one big read (the report's CSV and timeline read in pages), counts
// agree with the run's own summary, and an unknown run reads as empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import { foldEvents } from '../../../../src/main/engine/store/reads/fold-events.ts';
import { csvCursor, CSV_COLUMNS, type CsvTable } from '../../../../src/main/engine/store/reads/run-reads.ts';
import { sqliteRunReads, type SqliteRunReads } from '../../../../src/main/engine/store/reads/sqlite-run-reads.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import { RunTimeline } from '../../../../src/shared/timeline/index.ts';
import { cleanup, recorderCoverage, scenario, tempDb } from '../instant/run-helpers.ts';

let reads: SqliteRunReads;
let run: RunSummary;

beforeAll(() => {
  const { db } = tempDb();
  run = runInstant(scenario(recorderCoverage), { db });
  reads = sqliteRunReads(db);
});
afterAll(cleanup);

function allPages(table: CsvTable, limit: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let after: number[] | null = null; ;) {
    const page = reads.csvRows(table, run.run_id, after, limit);
    rows.push(...page);
    if (page.length < limit) return rows;
    after = csvCursor(table, page[page.length - 1]!);
  }
}

describe('RunReads on SQLite', () => {
  it('pages the CSV tables: 7 rows at a time gives the rows of one read, in order', () => {
    for (const table of ['jobs', 'attempts', 'events'] as const) {
      const whole = reads.csvRows(table, run.run_id, null, 1e9);
      expect(whole.length, table).toBeGreaterThan(100);
      expect(whole[0]).toHaveLength(CSV_COLUMNS[table].length);
      expect(allPages(table, 7), table).toEqual(whole);
    }
    expect(reads.csvRows('jobs', run.run_id, null, 1e9)).toHaveLength(run.jobs.total);
    expect(reads.csvRows('attempts', run.run_id, null, 1e9)).toHaveLength(run.attempts.total);
    expect(reads.csvRows('events', run.run_id, null, 1e9)).toHaveLength(run.events);
  });

  it('folds every event into a timeline in pages, and the event pages agree with each other', () => {
    const timeline = new RunTimeline();
    const last = foldEvents(reads, run.run_id, timeline);
    return last.then((seq) => {
      expect(seq).toBe(reads.lastSeq(run.run_id));
      expect(seq).toBe(run.events);
      const all = reads.eventsAfter(run.run_id, 0, 1e9);
      expect(all.map((e) => e.seq)).toEqual(reads.timelineEventsAfter(run.run_id, 0, 1e9).map((e) => e.seq));
      expect(reads.lastEvents(run.run_id, 5)).toEqual(all.slice(-5));
      expect(reads.rawEventsAfter(run.run_id, 10, 3).map((r) => r[0])).toEqual([11, 12, 13]);
      expect(reads.latestTime(run.run_id)).toBeCloseTo(run.sim_duration_s, 9);
      const t = all[200]!.t;
      expect(reads.firstSeqAt(run.run_id, t)).toBe(all.find((e) => e.t >= t)!.seq);
    });
  });

  it('counts jobs and attempts as the run summary does', () => {
    const counts = reads.jobCounts(run.run_id);
    expect(counts.byState.succeeded).toBe(run.jobs.succeeded);
    expect(counts.byState.dead).toBe(run.jobs.dead);
    expect(counts.byState.cancelled).toBe(run.jobs.cancelled);
    expect(counts.endedAttempts).toBeGreaterThan(0);
    expect(reads.attemptOutcomes(run.run_id)).toMatchObject({ succeeded: run.attempts.by_outcome.succeeded, failed: run.attempts.by_outcome.failed });
    expect(reads.jobTimes(run.run_id)).toHaveLength(run.jobs.total);
    const dead = reads.deadLetterGroups(run.run_id, { maxGroups: 2, examplesPerGroup: 3 });
    expect(dead.total).toBe(run.jobs.dead);
    expect(dead.groups.length).toBeLessThanOrEqual(2);
    expect(dead.groups[0]!.exampleJobs.length).toBeGreaterThan(0);
  });

  it('reads one job and its attempts by id and by seq', () => {
    const ids = reads.jobIds(run.run_id, 'dead', 0, 3);
    expect(ids).toHaveLength(3);
    const job = reads.getJob(run.run_id, ids[0]!)!;
    expect(job.state).toBe('dead');
    expect(reads.getJobBySeq(run.run_id, job.seq)).toEqual(job);
    const attempts = reads.attemptsOf(job.jobId);
    expect(attempts.map((a) => a.attempt)).toEqual(attempts.map((_, i) => i + 1));
    expect(attempts.length).toBe(job.attemptBase + job.attempts);
  });

  it('reads an unknown run as empty, not as an error', () => {
    expect(reads.getRun('nope')).toBeUndefined();
    expect(reads.jobIds('nope', null, 0, 10)).toEqual([]);
    expect(reads.jobCounts('nope').byState.succeeded).toBe(0);
    expect(reads.csvRows('jobs', 'nope', null, 10)).toEqual([]);
    expect(reads.eventsAfter('nope', 0, 10)).toEqual([]);
    expect(reads.lastSeq('nope')).toBe(0);
  });
});
