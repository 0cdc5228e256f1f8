// What a report needs of a stored run, through the store's reads (RunReads):
// the run row, its summary and scenario, its dead letters grouped by error,
// and a RunTimeline folded from its stored events in pages (memory stays flat
// however long the run).
import { stringify } from 'yaml';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import { BUILTIN_SCENARIOS } from '../../shared/library/index.ts';
import { matchBuiltin } from '../../shared/library/match-builtin.ts';
import { LANE_EXCERPT_ATTEMPTS, LANE_WINDOW_ATTEMPTS, type DeadLetters, type Lesson, type RunInfo } from '../../shared/report/index.ts';
import { RunTimeline } from '../../shared/timeline/index.ts';
import { foldEvents } from '../engine/store/reads/fold-events.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';
import { ReportInputError } from './report-errors.ts';

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

/** `source` names where the run was looked for (the lab file), for the error. */
export async function readRun(reads: RunReads, runId: string, source: string): Promise<StoredRun> {
  const row = await reads.getRun(runId);
  if (!row) throw new ReportInputError(`no run ${runId} in ${source} (queue-lab run prints the run id)`);
  if (row.summaryJson === null || row.num === null) {
    throw new ReportInputError(`run ${runId} is ${row.status} and has no summary yet; a report needs a finished run${row.status === 'interrupted' ? ' (queue-lab resume finishes it)' : ''}`);
  }
  return {
    run: { id: row.id, status: row.status, createdAt: row.createdAt, finishedAt: row.finishedAt },
    num: row.num,
    summary: JSON.parse(row.summaryJson) as RunSummary,
    scenarioText: stringify(JSON.parse(row.scenarioJson), { lineWidth: 0 }),
    storeLevel: row.storeLevel,
    lesson: lessonOf(JSON.parse(row.scenarioJson)),
  };
}

function lessonOf(spec: unknown): Lesson | null {
  const builtin = matchBuiltin(spec, BUILTIN_SCENARIOS)?.info;
  return builtin ? { title: builtin.title, teaches: builtin.teaches, notice: builtin.notice } : null;
}

/** The run's events folded into a RunTimeline; only the first lane bars are kept (the report draws an excerpt). */
export async function buildTimeline(reads: RunReads, runId: string): Promise<RunTimeline> {
  const timeline = new RunTimeline({ maxLaneBars: LANE_EXCERPT_ATTEMPTS });
  await foldEvents(reads, runId, timeline);
  return timeline;
}

/** Events after the window starts by at most its length (attempts begun just before it), folded up to its end: the lanes of the busiest stretch. */
export async function buildLaneTimeline(reads: RunReads, runId: string, window: { start: number; end: number }): Promise<RunTimeline> {
  const from = Math.max(0, window.start - Math.max(1, window.end - window.start));
  const first = await reads.firstSeqAt(runId, from);
  const timeline = new RunTimeline({ maxLaneBars: 20 * LANE_WINDOW_ATTEMPTS });
  if (first === null) return timeline;
  await foldEvents(reads, runId, timeline, { afterSeq: first - 1, untilT: window.end });
  return timeline;
}

export async function readDeadLetters(reads: RunReads, runId: string): Promise<DeadLetters> {
  return reads.deadLetterGroups(runId, { maxGroups: MAX_DEAD_GROUPS, examplesPerGroup: EXAMPLES_PER_GROUP });
}
