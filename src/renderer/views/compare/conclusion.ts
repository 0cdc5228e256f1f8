// The Compare tab's conclusion: one sentence per run against A, computed
// from the numbers in the table, so a student reads what changed and which
// way before reading thirteen rows. It says what got better and what got
// worse (a policy that cuts the peak can still cost retries), and it names
// an artefact instead of teaching it: the same jobs over a longer run is a
// lower throughput, not a slower system.
import type { RunPeaks } from '../../../shared/metrics/run-peaks.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import { COMPARE_METRICS, formatMetric, metricDelta, type MetricDefinition } from './metric-rows.ts';
import { PEAK_METRICS } from './peak-metrics.ts';
import { RUN_LETTERS } from './run-labels.ts';
import type { ScenarioDifference } from './scenario-diff.ts';

export interface ConcludedRun {
  summary: RunSummary | null;
  peaks: RunPeaks | null;
}

/** Changes smaller than this (relative to A) are not worth a clause. */
const NOTABLE = 0.05;
const MAX_CLAUSES = 3;

interface Wording {
  noun: string;
  up: string;
  down: string;
}

// In the order a clause is worth saying: the peaks first (what a policy change is usually for).
const WORDING: Record<string, Wording> = {
  peak_retries: { noun: 'peak retries in one second', up: 'higher', down: 'lower' },
  peak_retries_after_faults: { noun: 'peak retries after the faults end', up: 'higher', down: 'lower' },
  peak_depth: { noun: 'peak depth', up: 'higher', down: 'lower' },
  dead: { noun: 'dead jobs', up: 'more', down: 'fewer' },
  succeeded: { noun: 'jobs succeeded', up: 'more', down: 'fewer' },
  lost: { noun: 'lost jobs', up: 'more', down: 'fewer' },
  duplicates: { noun: 'duplicates', up: 'more', down: 'fewer' },
  total_p95: { noun: 'p95 time in system', up: 'higher', down: 'lower' },
  wait_p95: { noun: 'p95 wait', up: 'higher', down: 'lower' },
  retries: { noun: 'retries', up: 'more', down: 'fewer' },
  drain: { noun: 'drain time', up: 'longer', down: 'shorter' },
};

type Source = { kind: 'summary'; metric: MetricDefinition } | { kind: 'peaks'; metric: MetricDefinition<RunPeaks> };

const SOURCES: Source[] = [
  ...PEAK_METRICS.map((metric): Source => ({ kind: 'peaks', metric })),
  ...COMPARE_METRICS.map((metric): Source => ({ kind: 'summary', metric })),
];

function read(source: Source, run: ConcludedRun): number | null {
  const v = source.kind === 'peaks' ? (run.peaks ? source.metric.read(run.peaks) : null) : run.summary ? source.metric.read(run.summary) : null;
  return v === null || !Number.isFinite(v) ? null : v;
}

function withUnit(metric: MetricDefinition<never>, v: number): string {
  const unit = metric.unit === 'attempts' ? '' : metric.unit === 's' ? ' s' : metric.unit === 'jobs' ? ' jobs' : ` ${metric.unit}`;
  return `${formatMetric(metric, v)}${unit}`;
}

function percent(relative: number | null): string {
  if (relative === null) return 'from none';
  const p = Math.round(Math.abs(relative) * 100);
  return `${relative < 0 ? '\u2212' : '+'}${p} %`;
}

interface Clause {
  better: boolean;
  text: string;
}

function clauses(base: ConcludedRun, run: ConcludedRun): Clause[] {
  const out: Clause[] = [];
  for (const key of Object.keys(WORDING)) {
    const source = SOURCES.find((s) => s.metric.key === key);
    if (!source?.metric.better) continue;
    const a = read(source, base);
    const b = read(source, run);
    const delta = metricDelta(b, a);
    if (a === null || b === null || !delta || delta.difference === 0) continue;
    const metric = source.metric as MetricDefinition<never>;
    if (formatMetric(metric, a) === formatMetric(metric, b)) continue;
    if (delta.relative !== null && Math.abs(delta.relative) < NOTABLE) continue;
    const up = delta.difference > 0;
    const wording = WORDING[key]!;
    out.push({
      better: (source.metric.better === 'lower') !== up,
      text: `${up ? wording.up : wording.down} ${wording.noun} (${withUnit(metric, a)} \u2192 ${withUnit(metric, b)}, ${percent(delta.relative)})`,
    });
  }
  return out;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "retry.jitter full instead of none" for the run at `index`; the scenario name is left out (twins differ in it by design). */
function changeText(differences: readonly ScenarioDifference[], index: number): string {
  const keys = differences.filter((d) => d.path !== 'name');
  if (keys.length === 0) return '';
  const shown = keys.slice(0, 2).map((d) => `${d.path} ${d.values[index] ?? '(none)'} instead of ${d.values[0] ?? '(none)'}`);
  return ` (${shown.join(', ')}${keys.length > 2 ? `, +${keys.length - 2} more` : ''})`;
}

/** The throughput note: the same jobs finished, over a run of a different length. */
function throughputNote(letter: string, base: RunSummary | null, run: RunSummary | null): string {
  if (!base || !run || base.jobs.succeeded !== run.jobs.succeeded) return '';
  const rel = metricDelta(run.throughput_per_s, base.throughput_per_s)?.relative ?? 0;
  if (Math.abs(rel) < NOTABLE) return '';
  const longer = run.sim_duration_s > base.sim_duration_s;
  const by = Math.abs(run.sim_duration_s - base.sim_duration_s).toFixed(1);
  return ` Both finished ${base.jobs.succeeded.toLocaleString('en-US')} jobs: ${letter}'s throughput is ${rel < 0 ? 'lower' : 'higher'} (${percent(rel)}) only because its run was ${by} s ${longer ? 'longer' : 'shorter'}, not because its workers were slower.`;
}

/** One sentence per run after A: what is better, what is worse, against A. */
export function compareConclusion(runs: readonly ConcludedRun[], differences: readonly ScenarioDifference[]): string[] {
  const base = runs[0];
  if (!base) return [];
  return runs.slice(1).map((run, k) => {
    const i = k + 1;
    const letter = RUN_LETTERS[i] ?? String(i + 1);
    const found = clauses(base, run);
    const better = found.filter((c) => c.better).slice(0, MAX_CLAUSES).map((c) => c.text);
    const worse = found.filter((c) => !c.better).slice(0, MAX_CLAUSES).map((c) => c.text);
    const head = `${letter}${changeText(differences, i)} against A:`;
    const body =
      better.length && worse.length
        ? `${list(better)}, but ${list(worse)}.`
        : better.length
          ? `better where it moved: ${list(better)}.`
          : worse.length
            ? `worse where it moved: ${list(worse)}.`
            : `no measure moved by ${NOTABLE * 100} % or more: the change made no visible difference here.`;
    return `${head} ${body}${throughputNote(letter, base.summary, run.summary)}`;
  });
}
