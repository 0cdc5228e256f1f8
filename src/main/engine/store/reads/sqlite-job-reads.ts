// The jobs, attempts and dead_jobs tables read back on SQLite (RunReads' job,
// dead-letter and export methods). A run's jobs have ids num * 2^32 + 1 ..
// num * 2^32 + seq (job-id.ts), so its jobs and attempts are read as a range
// of jobs.id / attempts.job_id: index seeks, however many runs the file holds.
import type { AttemptOutcome, JobState } from '../../../../shared/job/states.ts';
import type { DeadLetterGroup, DeadLetters } from '../../../../shared/report/types.ts';
import { attemptsTable, JOB_ATTEMPT_FIELDS, jobsTable, selectList, type JobAttempt } from '../../../../shared/tables/index.ts';
import { jobId } from '../job-id.ts';
import type { DB } from '../open-database.ts';
import { prepareJobLookup } from './sqlite-job-lookup.ts';
import { CSV_COLUMNS, JOB_TIME_FIELDS, type CsvTable, type DeadLetterGrouping, type JobCounts, type JobTimes } from './run-reads.ts';

/** The last error of a dead job: the one that sent it to the table. */
const LAST_ERROR = "CASE WHEN json_valid(errors) THEN COALESCE(json_extract(errors, '$[#-1]'), '') ELSE errors END";

const SEQ_OF = (column: string) => `${column} % 4294967296`;

type Range = [number, number];

export function prepareJobReads(db: DB) {
  const runNum = db.prepare<[string], number | null>('SELECT num FROM runs WHERE id = ?').pluck();
  const ids = db.prepare<[number, number, number, number], number>('SELECT id FROM jobs WHERE id > ? AND id > ? AND id <= ? ORDER BY id LIMIT ?').pluck();
  const idsInState = db
    .prepare<[number, number, number, string, number], number>('SELECT id FROM jobs WHERE id > ? AND id > ? AND id <= ? AND state = ? ORDER BY id LIMIT ?')
    .pluck();
  const stateCounts = db.prepare<[number, number], { state: JobState; n: number; attempts: number }>(
    'SELECT state, COUNT(*) AS n, SUM(attempt_base + attempts) AS attempts FROM jobs WHERE id > ? AND id <= ? GROUP BY state',
  );
  const ended = db.prepare<[number, number], { n: number; seconds: number | null }>(
    'SELECT COUNT(*) AS n, SUM(ended_at - started_at) AS seconds FROM attempts WHERE job_id > ? AND job_id <= ? AND ended_at IS NOT NULL',
  );
  const times = db.prepare<[string], JobTimes>(
    `SELECT ${selectList(jobsTable, JOB_TIME_FIELDS)}, (SELECT COUNT(*) FROM attempts a WHERE a.job_id = j.id) AS tries
       FROM jobs j WHERE run_id = ? ORDER BY seq`,
  );
  const outcomes = db.prepare<[string], { outcome: AttemptOutcome; n: number }>(
    'SELECT outcome, COUNT(*) AS n FROM attempts WHERE run_id = ? AND outcome IS NOT NULL GROUP BY outcome',
  );
  const attempts = db.prepare<[number], JobAttempt>(`SELECT ${selectList(attemptsTable, JOB_ATTEMPT_FIELDS)} FROM attempts WHERE job_id = ? ORDER BY attempt`);
  const deadTotal = db.prepare<[string], number>('SELECT COUNT(*) FROM dead_jobs WHERE run_id = ?').pluck();
  const deadGroups = db.prepare<[string], { error: string; reason: string; n: number; queues: string; types: string; first: number; last: number }>(
    `SELECT ${LAST_ERROR} AS error, reason, COUNT(*) AS n, json_group_array(DISTINCT queue) AS queues, json_group_array(DISTINCT type) AS types,
            MIN(died_at) AS first, MAX(died_at) AS last
       FROM dead_jobs WHERE run_id = ? GROUP BY 1, 2 ORDER BY n DESC, first`,
  );
  // One pass for the first few jobs of every group (a window function), not a query per group.
  const deadExamples = db.prepare<[string, number], { error: string; reason: string; seq: number }>(
    `WITH d AS (SELECT ${LAST_ERROR} AS error, reason, job_id,
                       ROW_NUMBER() OVER (PARTITION BY ${LAST_ERROR}, reason ORDER BY died_at, job_id) AS k
                  FROM dead_jobs WHERE run_id = ?)
     SELECT d.error, d.reason, j.seq FROM d JOIN jobs j ON j.id = d.job_id WHERE d.k <= ? ORDER BY d.k`,
  );
  const csv = {
    jobs: db
      .prepare<[number, number, number]>(
        `SELECT ${CSV_COLUMNS.jobs.map((c) => (c === 'parent_id' ? `${SEQ_OF('parent_id')} AS parent_id` : c)).join(', ')}
           FROM jobs WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`,
      )
      .raw(),
    attempts: db
      .prepare<[number, number, number, number]>(
        `SELECT ${SEQ_OF('job_id')} AS job, ${CSV_COLUMNS.attempts.slice(1).join(', ')}
           FROM attempts WHERE (job_id, attempt) > (?, ?) AND job_id <= ? ORDER BY job_id, attempt LIMIT ?`,
      )
      .raw(),
    events: db.prepare<[string, number, number]>(`SELECT ${CSV_COLUMNS.events.join(', ')} FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`).raw(),
  };

  /** (first id - 1, last possible id] of the run's jobs; undefined for no run. */
  function range(runId: string): Range | undefined {
    const num = runNum.get(runId);
    if (num === undefined || num === null) return undefined;
    return [jobId(num, 0), jobId(num + 1, 0)];
  }

  return {
    ...prepareJobLookup(db),

    jobIds(runId: string, state: JobState | null, afterId: number, limit: number): number[] {
      const r = range(runId);
      if (!r) return [];
      return state === null ? ids.all(afterId, r[0], r[1], limit) : idsInState.all(afterId, r[0], r[1], state, limit);
    },

    jobCounts(runId: string): JobCounts {
      const byState: Record<JobState, number> = { scheduled: 0, pending: 0, processing: 0, succeeded: 0, retrying: 0, dead: 0, cancelled: 0 };
      const counts: JobCounts = { byState, attemptsOfSucceeded: 0, endedAttempts: 0, attemptSeconds: 0 };
      const r = range(runId);
      if (!r) return counts;
      for (const row of stateCounts.all(r[0], r[1])) {
        byState[row.state] = row.n;
        if (row.state === 'succeeded') counts.attemptsOfSucceeded = row.attempts;
      }
      const e = ended.get(r[0], r[1]);
      counts.endedAttempts = e?.n ?? 0;
      counts.attemptSeconds = e?.seconds ?? 0;
      return counts;
    },

    jobTimes: (runId: string): JobTimes[] => times.all(runId),

    attemptOutcomes: (runId: string): Partial<Record<AttemptOutcome, number>> => Object.fromEntries(outcomes.all(runId).map((r) => [r.outcome, r.n])),

    attemptsOf: (id: number): JobAttempt[] => attempts.all(id),

    deadLetterGroups(runId: string, grouping: DeadLetterGrouping): DeadLetters {
      const total = deadTotal.get(runId) ?? 0;
      if (total === 0) return { total: 0, groups: [], moreGroups: 0 };
      const rows = deadGroups.all(runId);
      const groups: DeadLetterGroup[] = rows.slice(0, grouping.maxGroups).map((r) => ({
        error: String(r.error), reason: r.reason, count: r.n, queues: JSON.parse(r.queues) as string[], types: JSON.parse(r.types) as string[],
        firstDiedAt: r.first, lastDiedAt: r.last, exampleJobs: [],
      }));
      const byKey = new Map(groups.map((g) => [`${g.error}\u0000${g.reason}`, g]));
      for (const e of deadExamples.all(runId, grouping.examplesPerGroup)) byKey.get(`${String(e.error)}\u0000${e.reason}`)?.exampleJobs.push(e.seq);
      return { total, groups, moreGroups: Math.max(0, rows.length - grouping.maxGroups) };
    },

    csvRows(table: CsvTable, runId: string, after: readonly number[] | null, limit: number): unknown[][] {
      if (table === 'events') return csv.events.all(runId, after?.[0] ?? 0, limit) as unknown[][];
      const num = runNum.get(runId);
      if (num === undefined || num === null) return [];
      const hi = jobId(num + 1, 0);
      if (table === 'jobs') return csv.jobs.all(jobId(num, after?.[0] ?? 0), hi, limit) as unknown[][];
      return csv.attempts.all(jobId(num, after?.[0] ?? 0), after?.[1] ?? 0, hi, limit) as unknown[][];
    },
  };
}
