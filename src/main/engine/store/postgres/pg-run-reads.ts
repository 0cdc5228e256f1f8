// RunReads (../reads/run-reads.ts) on PostgreSQL: what `report`, the web
// host and a live run's summary read of a stored run, answering as the
// SQLite reads do (../reads/sqlite-*-reads.ts), value for value. A run's jobs
// have ids num * 2^32 + 1 .. num * 2^32 + seq, so its jobs and attempts are
// read as a range of ids: index seeks, however many runs the database holds.
import type { LabEvent } from '../../../../shared/events.ts';
import type { AttemptOutcome, JobState } from '../../../../shared/job/states.ts';
import type { DeadLetterGroup, DeadLetters } from '../../../../shared/report/types.ts';
import { jobId } from '../job-id.ts';
import type { JobAttempt, OverloadSample } from '../../../../shared/tables/index.ts';
import { CSV_COLUMNS, TIMELINE_DETAIL_KINDS, type JobCounts, type JobTimes, type RawEvent, type RunReads } from '../reads/run-reads.ts';
import { getJob, getJobBySeq } from './job-reads.ts';
import { statement, type PgDatabase } from './pg-database.ts';
import { getRun, listRuns } from './runs.ts';

const EVENT = 'seq, t, job, kind, from_state AS "from", to_state AS "to", worker, detail, outcome, reason';
const TIMELINE_DETAIL = `CASE WHEN kind IN (${TIMELINE_DETAIL_KINDS.map((k) => `'${k}'`).join(', ')}) THEN detail END`;
/** The last error of a dead job (errors is a JSON array of every attempt's error). */
const LAST_ERROR = `CASE WHEN left(errors, 1) = '[' THEN COALESCE(errors::jsonb ->> -1, '') ELSE errors END`;
const SEQ_OF = (column: string) => `${column} % 4294967296`;

const S = {
  after: statement('rr_events_after', `SELECT ${EVENT} FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`),
  last: statement('rr_events_last', `SELECT ${EVENT} FROM events WHERE run_id = $1 ORDER BY seq DESC LIMIT $2`),
  timeline: statement(
    'rr_events_timeline',
    `SELECT seq, t, job, kind, from_state AS "from", to_state AS "to", worker, ${TIMELINE_DETAIL} AS detail, outcome, reason
       FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
  ),
  firstSeqAt: statement('rr_first_seq_at', 'SELECT MIN(seq) AS v FROM events WHERE run_id = $1 AND t >= $2'),
  lastSeq: statement('rr_last_seq', 'SELECT MAX(seq) AS v FROM events WHERE run_id = $1'),
  latestTime: statement('rr_latest_time', 'SELECT MAX(t) AS v FROM events WHERE run_id = $1'),
  raw: statement('rr_events_raw', 'SELECT seq, t, job, kind, from_state, to_state, worker, detail FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3'),
  runNum: statement('rr_run_num', 'SELECT num FROM runs WHERE id = $1'),
  ids: statement('rr_job_ids', 'SELECT id FROM jobs WHERE id > $1 AND id > $2 AND id <= $3 AND ($4::text IS NULL OR state = $4) ORDER BY id LIMIT $5'),
  stateCounts: statement('rr_state_counts', 'SELECT state, COUNT(*) AS n, SUM(attempt_base + attempts) AS attempts FROM jobs WHERE id > $1 AND id <= $2 GROUP BY state'),
  ended: statement(
    'rr_ended',
    'SELECT COUNT(*) AS n, SUM(ended_at - started_at) AS seconds FROM attempts WHERE job_id > $1 AND job_id <= $2 AND ended_at IS NOT NULL',
  ),
  times: statement(
    'rr_job_times',
    `SELECT state, enqueued_at AS "enqueuedAt", first_claimed_at AS "firstClaimedAt", finished_at AS "finishedAt", completions,
            (SELECT COUNT(*) FROM attempts a WHERE a.job_id = j.id) AS tries
       FROM jobs j WHERE run_id = $1 ORDER BY seq`,
  ),
  outcomes: statement('rr_outcomes', 'SELECT outcome, COUNT(*) AS n FROM attempts WHERE run_id = $1 AND outcome IS NOT NULL GROUP BY outcome'),
  attempts: statement(
    'rr_attempts_of',
    `SELECT attempt, worker, started_at AS "startedAt", ended_at AS "endedAt", outcome, error, backoff_base AS "backoffBase",
            backoff_delay AS "backoffDelay", backoff_formula AS "backoffFormula"
       FROM attempts WHERE job_id = $1 ORDER BY attempt`,
  ),
  // Rows at the same time in the order they were written (insert-only table: ctid follows the inserts).
  overload: statement('rr_overload_samples', 'SELECT t, source, name, metric, value FROM overload_samples WHERE run_id = $1 ORDER BY t, ctid'),
  deadTotal: statement('rr_dead_total', 'SELECT COUNT(*) AS v FROM dead_jobs WHERE run_id = $1'),
  deadGroups: statement(
    'rr_dead_groups',
    `SELECT ${LAST_ERROR} AS error, reason, COUNT(*) AS n, array_agg(DISTINCT queue) AS queues, array_agg(DISTINCT type) AS types,
            MIN(died_at) AS first, MAX(died_at) AS last
       FROM dead_jobs WHERE run_id = $1 GROUP BY 1, 2 ORDER BY n DESC, first`,
  ),
  deadExamples: statement(
    'rr_dead_examples',
    `WITH d AS (SELECT ${LAST_ERROR} AS error, reason, job_id,
                       ROW_NUMBER() OVER (PARTITION BY ${LAST_ERROR}, reason ORDER BY died_at, job_id) AS k
                  FROM dead_jobs WHERE run_id = $1)
     SELECT d.error, d.reason, j.seq FROM d JOIN jobs j ON j.id = d.job_id WHERE d.k <= $2 ORDER BY d.k`,
  ),
  csvJobs: statement(
    'rr_csv_jobs',
    `SELECT ${CSV_COLUMNS.jobs.map((c) => (c === 'parent_id' ? `${SEQ_OF('parent_id')} AS parent_id` : c)).join(', ')}
       FROM jobs WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3`,
  ),
  csvAttempts: statement(
    'rr_csv_attempts',
    `SELECT ${SEQ_OF('job_id')} AS job, ${CSV_COLUMNS.attempts.slice(1).join(', ')}
       FROM attempts WHERE (job_id, attempt) > ($1, $2) AND job_id <= $3 ORDER BY job_id, attempt LIMIT $4`,
  ),
  csvEvents: statement('rr_csv_events', `SELECT ${CSV_COLUMNS.events.join(', ')} FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`),
};

type Range = [number, number];

export function postgresRunReads(db: PgDatabase): RunReads {
  const one = async <T>(s: (typeof S)[keyof typeof S], values: unknown[]): Promise<T | null> => (await db.q<{ v: T | null }>(s, values))[0]?.v ?? null;
  /** (first id - 1, last possible id] of the run's jobs; undefined for no run. */
  async function range(runId: string): Promise<Range | undefined> {
    const num = (await db.q<{ num: number | null }>(S.runNum, [runId]))[0]?.num ?? null;
    return num === null ? undefined : [jobId(num, 0), jobId(num + 1, 0)];
  }

  return {
    getRun: (runId) => getRun(db, runId),
    listRuns: () => listRuns(db),

    eventsAfter: (runId, afterSeq, limit) => db.q<LabEvent>(S.after, [runId, afterSeq, limit]),
    lastEvents: async (runId, limit) => (await db.q<LabEvent>(S.last, [runId, limit])).reverse(),
    timelineEventsAfter: (runId, afterSeq, limit) => db.q<LabEvent>(S.timeline, [runId, afterSeq, limit]),
    firstSeqAt: (runId, t) => one<number>(S.firstSeqAt, [runId, t]),
    lastSeq: async (runId) => (await one<number>(S.lastSeq, [runId])) ?? 0,
    latestTime: async (runId) => (await one<number>(S.latestTime, [runId])) ?? 0,
    rawEventsAfter: async (runId, afterSeq, limit) => (await db.rows(S.raw, [runId, afterSeq, limit])) as RawEvent[],

    getJob: (runId, id) => getJob(db, runId, id),
    getJobBySeq: (runId, seq) => getJobBySeq(db, runId, seq),
    async jobIds(runId, state, afterId, limit) {
      const r = await range(runId);
      if (!r) return [];
      return (await db.q<{ id: number }>(S.ids, [afterId, r[0], r[1], state, limit])).map((row) => row.id);
    },
    async jobCounts(runId) {
      const byState: Record<JobState, number> = { scheduled: 0, pending: 0, processing: 0, succeeded: 0, retrying: 0, dead: 0, cancelled: 0 };
      const counts: JobCounts = { byState, attemptsOfSucceeded: 0, endedAttempts: 0, attemptSeconds: 0 };
      const r = await range(runId);
      if (!r) return counts;
      for (const row of await db.q<{ state: JobState; n: number; attempts: number }>(S.stateCounts, r)) {
        byState[row.state] = row.n;
        if (row.state === 'succeeded') counts.attemptsOfSucceeded = row.attempts;
      }
      const e = (await db.q<{ n: number; seconds: number | null }>(S.ended, r))[0];
      counts.endedAttempts = e?.n ?? 0;
      counts.attemptSeconds = e?.seconds ?? 0;
      return counts;
    },
    jobTimes: (runId) => db.q<JobTimes>(S.times, [runId]),
    attemptOutcomes: async (runId) =>
      Object.fromEntries((await db.q<{ outcome: AttemptOutcome; n: number }>(S.outcomes, [runId])).map((r) => [r.outcome, r.n])),
    attemptsOf: (id) => db.q<JobAttempt>(S.attempts, [id]),
    overloadSamples: (runId) => db.q<OverloadSample>(S.overload, [runId]),

    async deadLetterGroups(runId, grouping): Promise<DeadLetters> {
      const total = (await one<number>(S.deadTotal, [runId])) ?? 0;
      if (total === 0) return { total: 0, groups: [], moreGroups: 0 };
      const rows = await db.q<{ error: string; reason: string; n: number; queues: string[]; types: string[]; first: number; last: number }>(S.deadGroups, [runId]);
      const groups: DeadLetterGroup[] = rows.slice(0, grouping.maxGroups).map((r) => ({
        error: String(r.error), reason: r.reason, count: r.n, queues: r.queues, types: r.types,
        firstDiedAt: r.first, lastDiedAt: r.last, exampleJobs: [],
      }));
      const byKey = new Map(groups.map((g) => [`${g.error}\u0000${g.reason}`, g]));
      for (const e of await db.q<{ error: string; reason: string; seq: number }>(S.deadExamples, [runId, grouping.examplesPerGroup])) {
        byKey.get(`${String(e.error)}\u0000${e.reason}`)?.exampleJobs.push(e.seq);
      }
      return { total, groups, moreGroups: Math.max(0, rows.length - grouping.maxGroups) };
    },

    async csvRows(table, runId, after, limit) {
      if (table === 'events') return db.rows(S.csvEvents, [runId, after?.[0] ?? 0, limit]);
      const num = (await db.q<{ num: number | null }>(S.runNum, [runId]))[0]?.num ?? null;
      if (num === null) return [];
      const hi = jobId(num + 1, 0);
      if (table === 'jobs') return db.rows(S.csvJobs, [jobId(num, after?.[0] ?? 0), hi, limit]);
      return db.rows(S.csvAttempts, [jobId(num, after?.[0] ?? 0), after?.[1] ?? 0, hi, limit]);
    },
  };
}
