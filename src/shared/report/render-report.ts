// ReportData to one self-contained HTML document: inline CSS, inline SVG, the
// results as JSON in a <script type="application/json"> tag and no script
// that runs. The CSP forbids every fetch, so the file opens offline and
// cannot phone home even if a scenario name smuggled markup in.
import { depthChart } from './charts/depth-chart.ts';
import { lanesChart } from './charts/lanes-chart.ts';
import { latencyChart } from './charts/latency-chart.ts';
import { retryArrivalsChart } from './charts/retry-arrivals-chart.ts';
import { retryDelayChart } from './charts/retry-delay-chart.ts';
import { stateFlowChart } from './charts/state-flow.ts';
import { escapeHtml, jsonForScriptTag } from './escape.ts';
import { formatInt, formatNumber } from './format.ts';
import { REPORT_CSS } from './report-styles.ts';
import { deadLettersSection } from './sections/dead-letters.ts';
import { metricsSection } from './sections/metrics.ts';
import { overloadSection } from './sections/overload.ts';
import { breakerChart, utilizationChart } from './charts/overload-charts.ts';
import type { Lesson, ReportData } from './types.ts';

// form-action and base-uri are not fetch directives, so default-src 'none' does not cover them.
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";
export const RESULTS_SCRIPT_ID = 'queue-lab-results';

function fact(label: string, value: string, id?: string): string {
  return `<div><dt>${escapeHtml(label)}</dt><dd${id ? ` id="${id}"` : ''}>${escapeHtml(value)}</dd></div>`;
}

/** `page`: printing starts this section on a new page; the pages pair up flow + depth, latency + retry delays, retry arrivals + lanes, then dead letters and the scenario alone. */
function section(id: string, title: string, body: string, page: boolean): string {
  return `<section id="${id}"${page ? ' class="page"' : ''}><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function chartBlock(lead: string, chart: string): string {
  return `<p class="note">${escapeHtml(lead)}</p><div class="chart-block">${chart}</div>`;
}

/** The built-in's lesson card, as the app shows it beside the run: what it teaches and what to notice. */
function lessonCard(lesson: Lesson): string {
  return `<aside class="lesson" id="lesson" aria-label="Lesson"><h2>Lesson: ${escapeHtml(lesson.title)}</h2>`
    + `<p><strong>What it teaches.</strong> ${escapeHtml(lesson.teaches)}</p>`
    + `<p><strong>What to notice.</strong> ${escapeHtml(lesson.notice)}</p></aside>`;
}

/** Service utilization and breaker state over time, under the overload numbers (nothing for a run without samples). */
function overloadCharts(data: ReportData): string {
  const series = data.overload ?? [];
  const end = data.timeline.endTime;
  const faults = data.retryArrivals.faults;
  const utilization = utilizationChart(series, end, faults);
  const breaker = breakerChart(series, end, faults);
  return (utilization ? chartBlock('Busy slot-time as a share of each service\'s full concurrency (1 s means or wider), against the slots open: a service near 100% after the trigger band is still overloaded.', utilization) : '')
    + (breaker ? chartBlock('Each circuit breaker\'s state over time; open spells shaded.', breaker) : '');
}

export function renderReportHtml(data: ReportData): string {
  const { run, summary } = data;
  const title = `Queue Lab report: ${run.scenario}`;
  const head = `<header class="report-head"><h1>${escapeHtml(title)}</h1><dl class="run-facts">`
    + fact('run', run.id, 'run-id') + fact('mode', run.mode) + fact('seed', String(run.seed), 'run-seed') + fact('status', run.status)
    + fact('started', run.createdAt) + fact('finished', run.finishedAt ?? '–')
    + fact('Queue Lab', data.app.version, 'app-version') + fact('report written', data.generatedAt)
    + '</dl></header>';
  const flowLead = `Every job state with the jobs in it when the run ended, and every transition the run took with how many times `
    + `(${formatInt(data.timeline.events)} events over ${formatNumber(data.timeline.endTime)} s of scenario time).`;
  const arrivals = data.retryArrivals;
  const body = [
    ...(data.lesson ? [lessonCard(data.lesson)] : []),
    section('summary', 'Summary', metricsSection(summary), false),
    ...(overloadSection(summary) ? [section('overload', 'Overload and verdict', overloadSection(summary) + overloadCharts(data), false)] : []),
    section('state-flow', 'State flow', chartBlock(flowLead, stateFlowChart(data.flow)), true),
    section('queue-depth', 'Queue depth over time', chartBlock(
      `Jobs waiting or working, stacked by state; each point is the peak of ${formatNumber(data.timeline.bucketSeconds)} s or more of the run, so short bursts stay visible.`,
      depthChart(data.depth, data.timeline.endTime),
    ), false),
    section('latency', 'Latency distribution', chartBlock(
      'How long jobs took, on a log scale: from enqueue to their final state, and from enqueue to their first claim.',
      latencyChart(data.latency.histogram, summary.latency_s),
    ), true),
    section('retry-delays', 'Retry delays', chartBlock(
      'The delay each failed attempt waited before its retry became due: the backoff and jitter policy as it played out.',
      retryDelayChart(data.retryDelays),
    ), false),
    section('retry-arrivals', 'Retry arrivals and faults', chartBlock(
      `Retries that came due, counted in each ${arrivals.spanSeconds <= 1.0001 ? 'second' : `${formatNumber(arrivals.spanSeconds)} s (as a rate per second)`}; `
        + `peak ${formatNumber(arrivals.peak)} per second at ${formatNumber(arrivals.peakAt)} s. Faults are drawn where they happened.`,
      retryArrivalsChart(arrivals, data.timeline.endTime),
    ), true),
    section('worker-lanes', 'Worker lanes (excerpt)', chartBlock(
      'One lane per worker, one bar per attempt, coloured by where the attempt led.',
      lanesChart(data.lanes),
    ), false),
    section('dead-letters', 'Dead letters by error', deadLettersSection(data.deadLetters), true),
    section('scenario', 'Scenario', `<p class="note">As resolved for this run, every default filled in (seed ${run.seed}).</p>`
      + `<pre class="scenario" id="scenario-text">${escapeHtml(data.scenarioText)}</pre>`, true),
  ].join('\n');
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<meta name="generator" content="Queue Lab ${escapeHtml(data.app.version)}">`
    + `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head>\n<body><main>${head}\n${body}\n`
    + `<footer>Written by Queue Lab ${escapeHtml(data.app.version)} on ${escapeHtml(data.generatedAt)}. `
    + `The numbers and series above are embedded as JSON in this file (script#${RESULTS_SCRIPT_ID}).</footer></main>\n`
    + `<script type="application/json" id="${RESULTS_SCRIPT_ID}">${jsonForScriptTag(data)}</script>\n</body></html>\n`;
}
