// The editor's retry-schedule preview as plain data: for one job type of a
// validated scenario, its resolved retry policy sampled with the engine's own
// delays (previewRetrySchedule, as `queue-lab schedule` does), and the texts
// the table and the sentence show. Memoised: the preview is recomputed only
// when the policy, the attempt's duration or the seed change, not on every
// keystroke elsewhere in the file.
import { resolveRetryPolicy } from '../../../shared/retry/backoff.ts';
import { previewRetrySchedule, secondsText, type SchedulePreview, type ScheduleRow, type Spread } from '../../../shared/retry/schedule-preview.ts';
import type { RetryPolicy, Scenario } from '../../../shared/scenario/schema.ts';

/** Enough draws for a steady p10/p90 (their error is about 1 %), few enough to follow typing. */
export const EDITOR_PREVIEW_SAMPLES = 1000;
/** Draws per preview at most: 1000 samples x 999 retries would take a second; long schedules get fewer samples. */
const MAX_DRAWS = 50_000;
/** A table longer than this shows its first and last rows around a gap. */
const MAX_TABLE_ROWS = 12;

export interface ScheduleRowView {
  retry: number;
  attempt: number;
  base: number;
  delay: Spread;
  baseText: string;
  rule: string;
  p50Text: string;
  rangeText: string;
  waitedText: string;
}

export type TableEntry = { kind: 'row'; row: ScheduleRowView } | { kind: 'gap'; hidden: number };

export interface ScheduleView {
  jobType: string;
  /** The job type overrides some of the scenario's retry keys. */
  ownPolicy: boolean;
  policy: RetryPolicy;
  policyText: string;
  samples: number;
  rows: ScheduleRowView[];
  table: TableEntry[];
  toDeadLetter: Spread;
  waitsOnly: Spread;
  /** "A job that always fails reaches the dead-letter table after about …". */
  deadLetterText: string;
}

export function previewSamples(maxAttempts: number): number {
  return Math.max(100, Math.min(EDITOR_PREVIEW_SAMPLES, Math.floor(MAX_DRAWS / Math.max(1, maxAttempts))));
}

function rangeText(s: Spread, joiner = ' – '): string {
  return `${secondsText(s.p10)}${joiner}${secondsText(s.p90)}`;
}

/** Configured values as the file has them ("300 s", not "5 min"), so they match the YAML. */
const specText = (x: number): string => `${Number(x.toPrecision(6))} s`;

function backoffText(policy: RetryPolicy): string {
  const { kind, initial, factor, max } = policy.backoff;
  const i = specText(initial);
  const formula = kind === 'fixed' ? i : kind === 'linear' ? `${i} × n` : `${i} × ${factor}^(n−1)`;
  return `${kind} ${formula}, at most ${specText(max)}`;
}

export function policyText(policy: RetryPolicy): string {
  const jitter = policy.jitter === 'none' ? 'no jitter' : `${policy.jitter} jitter`;
  return `${policy.maxAttempts} ${policy.maxAttempts === 1 ? 'attempt' : 'attempts'}; backoff ${backoffText(policy)}; ${jitter}`;
}

function rowView(r: ScheduleRow): ScheduleRowView {
  return {
    retry: r.retry,
    attempt: r.attempt,
    base: r.base,
    delay: r.delay,
    baseText: secondsText(r.base),
    rule: r.rule,
    p50Text: secondsText(r.delay.p50),
    rangeText: rangeText(r.delay),
    waitedText: secondsText(r.waitedSoFar.p50),
  };
}

/** The first rows, a gap, and the last two: the start and the cap are what a student checks. */
export function tableEntries(rows: ScheduleRowView[], limit = MAX_TABLE_ROWS): TableEntry[] {
  if (rows.length <= limit) return rows.map((row) => ({ kind: 'row', row }));
  const head = rows.slice(0, limit - 2);
  const tail = rows.slice(-2);
  return [...head.map((row): TableEntry => ({ kind: 'row', row })), { kind: 'gap', hidden: rows.length - limit }, ...tail.map((row): TableEntry => ({ kind: 'row', row }))];
}

function deadLetterText(p: SchedulePreview): string {
  const about = `about ${secondsText(p.toDeadLetter.p50)} (p10–p90: ${rangeText(p.toDeadLetter, ' to ')})`;
  if (p.rows.length === 0) return `A job that always fails reaches the dead-letter table after its only attempt: ${about}.`;
  return `A job that always fails reaches the dead-letter table after ${about}: ${secondsText(p.waitsOnly.p50)} of backoff plus its ${p.maxAttempts} attempts.`;
}

const cache = new Map<string, SchedulePreview>();
const CACHE_SIZE = 32;

function cachedPreview(policy: RetryPolicy, attempt: { duration: Scenario['jobTypes'][string]['duration']; timeout: number }, seed: number): SchedulePreview {
  const samples = previewSamples(policy.maxAttempts);
  const key = JSON.stringify([policy, attempt, seed, samples]);
  let preview = cache.get(key);
  if (preview) {
    // Newest last, so the oldest entry is the first one dropped.
    cache.delete(key);
  } else {
    preview = previewRetrySchedule(policy, { samples, seed, attempt });
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, preview);
  return preview;
}

/** The job types a preview can be drawn for, in file order. */
export function previewJobTypes(scenario: Scenario): string[] {
  return Object.keys(scenario.jobTypes);
}

/** null when the scenario has no such job type. */
export function scheduleView(scenario: Scenario, jobType: string): ScheduleView | null {
  const spec = scenario.jobTypes[jobType];
  if (!spec) return null;
  const policy = resolveRetryPolicy(scenario.retry, spec.retry);
  const preview = cachedPreview(policy, { duration: spec.duration, timeout: spec.timeout }, scenario.seed);
  const rows = preview.rows.map(rowView);
  return {
    jobType,
    ownPolicy: spec.retry !== undefined && Object.values(spec.retry).some((v) => v !== undefined),
    policy,
    policyText: policyText(policy),
    samples: preview.samples,
    rows,
    table: tableEntries(rows),
    toDeadLetter: preview.toDeadLetter,
    waitsOnly: preview.waitsOnly,
    deadLetterText: deadLetterText(preview),
  };
}
