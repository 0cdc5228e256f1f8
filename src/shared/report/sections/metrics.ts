// The summary metrics a student quotes, large and with units. Each value is a
// <data> element carrying the summary's exact number, so a reader (or a test)
// can check the rounded text against the run's --json summary.
import type { RunSummary } from '../../metrics/run-summary.ts';
import { escapeHtml } from '../escape.ts';
import { formatInt, formatNumber, formatPercent, formatSeconds } from '../format.ts';

type Kind = 'int' | 'seconds' | 'number' | 'percent' | 'per_s';

interface Metric {
  /** Dotted path into RunSummary: what data-metric names. */
  path: string;
  label: string;
  kind: Kind;
}

interface Group {
  title: string;
  metrics: Metric[];
}

export const METRIC_GROUPS: readonly Group[] = [
  { title: 'Jobs', metrics: [
    { path: 'jobs.total', label: 'enqueued', kind: 'int' },
    { path: 'jobs.succeeded', label: 'succeeded', kind: 'int' },
    { path: 'jobs.dead', label: 'dead', kind: 'int' },
    { path: 'jobs.cancelled', label: 'cancelled', kind: 'int' },
    { path: 'jobs.pending', label: 'still waiting', kind: 'int' },
    { path: 'jobs.deduplicated', label: 'deduplicated enqueues', kind: 'int' },
  ] },
  { title: 'Attempts', metrics: [
    { path: 'attempts.total', label: 'attempts', kind: 'int' },
    { path: 'attempts.retries', label: 'retries', kind: 'int' },
    { path: 'attempts.mean_per_succeeded', label: 'attempts per succeeded job', kind: 'number' },
    { path: 'stats.success_rate', label: 'success rate', kind: 'percent' },
  ] },
  { title: 'Wait (enqueue to first claim)', metrics: [
    { path: 'latency_s.wait_mean', label: 'mean', kind: 'seconds' },
    { path: 'latency_s.wait_p50', label: 'p50', kind: 'seconds' },
    { path: 'latency_s.wait_p95', label: 'p95', kind: 'seconds' },
    { path: 'latency_s.wait_p99', label: 'p99', kind: 'seconds' },
  ] },
  { title: 'Time in system (enqueue to final state)', metrics: [
    { path: 'latency_s.total_mean', label: 'mean', kind: 'seconds' },
    { path: 'latency_s.total_p50', label: 'p50', kind: 'seconds' },
    { path: 'latency_s.total_p95', label: 'p95', kind: 'seconds' },
    { path: 'latency_s.total_p99', label: 'p99', kind: 'seconds' },
  ] },
  { title: 'Run', metrics: [
    { path: 'throughput_per_s', label: 'throughput', kind: 'per_s' },
    { path: 'sim_duration_s', label: 'scenario time', kind: 'seconds' },
    { path: 'wall_s', label: 'wall time', kind: 'seconds' },
    { path: 'events', label: 'events', kind: 'int' },
  ] },
  { title: 'Correctness', metrics: [
    { path: 'duplicates', label: 'jobs completed twice', kind: 'int' },
    { path: 'lost', label: 'jobs lost', kind: 'int' },
    { path: 'lease_lost', label: 'completions refused (lease lost)', kind: 'int' },
  ] },
  { title: "Little's law", metrics: [
    { path: 'littles_law.L', label: 'L (mean jobs in system)', kind: 'number' },
    { path: 'littles_law.lambda', label: 'λ (jobs/s)', kind: 'number' },
    { path: 'littles_law.W', label: 'W (mean time in system)', kind: 'seconds' },
    { path: 'littles_law.lambda_W', label: 'λ × W', kind: 'number' },
  ] },
];

export function valueAt(summary: RunSummary, path: string): unknown {
  let v: unknown = summary;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function format(kind: Kind, v: number): string {
  switch (kind) {
    case 'int': return formatInt(v);
    case 'seconds': return formatSeconds(v);
    case 'percent': return formatPercent(v);
    case 'per_s': return `${formatNumber(v)} jobs/s`;
    default: return formatNumber(v);
  }
}

function metricCell(summary: RunSummary, m: Metric): string {
  const v = valueAt(summary, m.path);
  if (typeof v !== 'number') return '';
  return `<div class="metric"><dt>${escapeHtml(m.label)}</dt><dd><data value="${v}" data-metric="${m.path}">${format(m.kind, v)}</data></dd></div>`;
}

function theory(summary: RunSummary): string {
  const t = summary.theory;
  if (!t) return '';
  return `<div class="metric-group"><h3>Theory: ${escapeHtml(t.model)} (c = ${t.c}, ρ = ${formatNumber(t.rho)})</h3><dl>`
    + `<div class="metric"><dt>predicted mean wait</dt><dd><data value="${t.wait_mean}" data-metric="theory.wait_mean">${formatSeconds(t.wait_mean)}</data></dd></div>`
    + `<div class="metric"><dt>measured mean wait</dt><dd>${formatSeconds(summary.latency_s.wait_mean)}</dd></div>`
    + `<div class="metric"><dt>predicted mean queue length</dt><dd><data value="${t.queue_length_mean}" data-metric="theory.queue_length_mean">${formatNumber(t.queue_length_mean)}</data></dd></div>`
    + '</dl></div>';
}

export function metricsSection(summary: RunSummary): string {
  const groups = METRIC_GROUPS.map((g) => `<div class="metric-group"><h3>${escapeHtml(g.title)}</h3><dl>${g.metrics.map((m) => metricCell(summary, m)).join('')}</dl></div>`);
  return `<div class="metrics">${groups.join('')}${theory(summary)}</div>`
    + `<p class="note">Event log SHA-256 <code>${escapeHtml(summary.event_log_sha256)}</code>: the same scenario and seed in instant mode give the same hash.</p>`;
}
