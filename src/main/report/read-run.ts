// What a report needs from the lab database: the run row, its summary and
// scenario, its dead letters grouped by error, and a RunTimeline built from
// its stored events in chunks (memory stays flat however long the run).
import { stringify } from 'yaml';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import { BUILTIN_SCENARIOS } from '../../shared/library/index.ts';
import { matchBuiltin } from '../../shared/library/match-builtin.ts';
import { LANE_EXCERPT_ATTEMPTS, LANE_WINDOW_ATTEMPTS, type DeadLetterGroup, type DeadLetters, type Lesson, type RunInfo } from '../../shared/report/index.ts';
import { RunTimeline } from '../../shared/timeline/index.ts';
import { prepareTimelineEventPage } from '../engine/store/event-reads.ts';
import type { DB } from '../engine/store/open-database.ts';
import { ReportInputError } from './report-errors.ts';

/** Events per read: large enough that SQLite's per-call cost vanishes, small enough to keep memory flat. */
const CHUNK = 20_000;
/** Dead-letter groups listed in a report; the rest are counted. */
export const MAX_DEAD_GROUPS = 50;
const EXAMPLES_PER_GROUP = 5;

export interface StoredRun {
  run: RunInfo;
  num: number;
  summary: RunSummary;
  scenarioText: string;
  storeLevel: 'full' | 'none';
  /** The lesson card of the built-in the run was made from, if it was one, untouched. */
  lesson: Lesson | null;
}

interface RunRow {
  id: string;
  num: number | null;
  scenario_json: string;
  status: string;
  store_level: 'full' | 'none';
  created_at: string;
  finished_at: string | null;
  summary_json: string | null;
}

export function readRun(db: DB, runId: string, dbPath: string): StoredRun {
  const row = db.prepare<[string], RunRow>(
    'SELECT id, num, scenario_json, status, store_level, created_at, finished_at, summary_json FROM runs WHERE id = ?',
  ).get(runId);
  if (!row) throw new ReportInputError(`no run ${runId} in ${dbPath} (queue-lab run prints the run id)`);
  if (row.summary_json === null || row.num === null) {
    throw new ReportInputError(`run ${runId} is ${row.status} and has no summary yet; a report needs a finished run${row.status === 'interrupted' ? ' (queue-lab resume finishes it)' : ''}`);
  }
  return {
    run: { id: row.id, status: row.status, createdAt: row.created_at, finishedAt: row.finished_at },
    num: row.num,
    summary: JSON.parse(row.summary_json) as RunSummary,
    scenarioText: stringify(JSON.parse(row.scenario_json), { lineWidth: 0 }),
    storeLevel: row.store_level,
    lesson: lessonOf(JSON.parse(row.scenario_json)),
  };
}

function lessonOf(spec: unknown): Lesson | null {
  const builtin = matchBuiltin(spec, BUILTIN_SCENARIOS)?.info;
  return builtin ? { title: builtin.title, teaches: builtin.teaches, notice: builtin.notice } : null;
}

/** The run's events folded into a RunTimeline; only the first lane bars are kept (the report draws an excerpt). */
export function buildTimeline(db: DB, runId: string): RunTimeline {
  const page = prepareTimelineEventPage(db);
  const timeline = new RunTimeline({ maxLaneBars: LANE_EXCERPT_ATTEMPTS });
  let after = 0;
  for (;;) {
    const events = page.all(runId, after, CHUNK);
    if (events.length === 0) break;
    timeline.add(events);
    after = events[events.length - 1]!.seq;
    if (events.length < CHUNK) break;
  }
  return timeline;
}

/** Events after the window starts by at most its length (attempts begun just before it), folded up to its end: the lanes of the busiest stretch. */
export function buildLaneTimeline(db: DB, runId: string, window: { start: number; end: number }): RunTimeline {
  const from = Math.max(0, window.start - Math.max(1, window.end - window.start));
  const first = db.prepare<[string, number], number | null>('SELECT MIN(seq) FROM events WHERE run_id = ? AND t >= ?').pluck().get(runId, from) ?? null;
  const timeline = new RunTimeline({ maxLaneBars: 20 * LANE_WINDOW_ATTEMPTS });
  if (first === null) return timeline;
  const page = prepareTimelineEventPage(db);
  let after = first - 1;
  for (;;) {
    const events = page.all(runId, after, CHUNK);
    const inWindow = events.filter((e) => e.t <= window.end);
    if (inWindow.length) timeline.add(inWindow);
    // Live runs write nearly in time order: one page wholly past the end ends the read.
    if (events.length < CHUNK || inWindow.length === 0) break;
    after = events[events.length - 1]!.seq;
  }
  return timeline;
}

/** The last error of a dead job: the one that sent it to the table. */
const LAST_ERROR = "CASE WHEN json_valid(errors) THEN COALESCE(json_extract(errors, '$[#-1]'), '') ELSE errors END";

export function readDeadLetters(db: DB, runId: string): DeadLetters {
  const total = db.prepare<[string], number>('SELECT COUNT(*) FROM dead_jobs WHERE run_id = ?').pluck().get(runId) ?? 0;
  if (total === 0) return { total: 0, groups: [], moreGroups: 0 };
  const rows = db.prepare<[string], { error: string; reason: string; n: number; queues: string; types: string; first: number; last: number }>(
    `SELECT ${LAST_ERROR} AS error, reason, COUNT(*) AS n, json_group_array(DISTINCT queue) AS queues, json_group_array(DISTINCT type) AS types,
            MIN(died_at) AS first, MAX(died_at) AS last
       FROM dead_jobs WHERE run_id = ? GROUP BY 1, 2 ORDER BY n DESC, first`,
  ).all(runId);
  const groups: DeadLetterGroup[] = rows.slice(0, MAX_DEAD_GROUPS).map((r) => ({
    error: String(r.error), reason: r.reason, count: r.n, queues: JSON.parse(r.queues) as string[], types: JSON.parse(r.types) as string[],
    firstDiedAt: r.first, lastDiedAt: r.last, exampleJobs: [],
  }));
  const byKey = new Map(groups.map((g) => [`${g.error}\u0000${g.reason}`, g]));
  // One pass for the first few jobs of every group (a window function), not a query per group.
  const examples = db.prepare<[string, number], { error: string; reason: string; seq: number }>(
    `WITH d AS (SELECT ${LAST_ERROR} AS error, reason, job_id,
                       ROW_NUMBER() OVER (PARTITION BY ${LAST_ERROR}, reason ORDER BY died_at, job_id) AS k
                  FROM dead_jobs WHERE run_id = ?)
     SELECT d.error, d.reason, j.seq FROM d JOIN jobs j ON j.id = d.job_id WHERE d.k <= ? ORDER BY d.k`,
  ).all(runId, EXAMPLES_PER_GROUP);
  for (const e of examples) byKey.get(`${String(e.error)}\u0000${e.reason}`)?.exampleJobs.push(e.seq);
  return { total, groups, moreGroups: Math.max(0, rows.length - MAX_DEAD_GROUPS) };
}
