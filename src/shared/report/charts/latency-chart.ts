// The latency distribution on a log time axis (a queue's waits span
// milliseconds to hours): time in system as filled bars, wait before the
// first claim as an outline, and the summary's percentiles as marked lines.
// Neither series is a job state, so both are neutral ink, told apart by
// fill versus outline rather than by colour.
import type { RunSummary } from '../../metrics/run-summary.ts';
import { escapeHtml } from '../escape.ts';
import { formatInt, formatSeconds } from '../format.ts';
import { CHART, emptyChart, innerHeight, linePath, linearScale, logScale, niceTicks, px, svgOpen, xAxis, yAxis } from '../svg.ts';
import type { ReportData } from '../types.ts';
import { legend } from './legend.ts';

const TITLE = 'Latency distribution';
const TOTAL_INK = '#6b7280';
const WAIT_INK = '#111111';

function decadeLabel(v: number): string {
  if (v < 1) return `${Number((v * 1000).toPrecision(3))} ms`;
  return `${formatInt(v)} s`;
}

export function latencyChart(h: ReportData['latency']['histogram'], latency: RunSummary['latency_s']): string {
  const bins = h.total.length;
  if (bins === 0) return emptyChart(CHART, 'chart-latency', TITLE, 'No job finished or was claimed after a measurable wait.');
  const box = { ...CHART, height: CHART.height + 14, margin: { ...CHART.margin, top: 42 } };
  const lo = h.edges[0]!;
  const hi = h.edges[bins]!;
  const x = logScale([lo, hi], [box.margin.left, box.width - box.margin.right]);
  const yt = niceTicks(0, Math.max(...h.total, ...h.wait), 5);
  const y = linearScale([0, yt.top], [box.margin.top + innerHeight(box), box.margin.top]);
  let bars = '';
  for (let i = 0; i < bins; i++) {
    const n = h.total[i]!;
    if (n === 0) continue;
    const x0 = x(h.edges[i]!);
    const w = Math.max(1, x(h.edges[i + 1]!) - x0 - 0.5);
    bars += `<rect x="${px(x0)}" y="${px(y(n))}" width="${px(w)}" height="${px(y(0) - y(n))}" fill="${TOTAL_INK}">`
      + `<title>${formatInt(n)} jobs spent ${formatSeconds(h.edges[i]!)}–${formatSeconds(h.edges[i + 1]!)} in the system</title></rect>`;
  }
  // The wait histogram as a step outline over the same bins.
  const sx: number[] = [];
  const sy: number[] = [];
  for (let i = 0; i < bins; i++) {
    sx.push(x(h.edges[i]!), x(h.edges[i + 1]!));
    sy.push(y(h.wait[i]!), y(h.wait[i]!));
  }
  const wait = `<path d="${linePath(sx, sy)}" fill="none" stroke="${WAIT_INK}" stroke-width="1.5" stroke-dasharray="4 2"><title>Wait before the first claim</title></path>`;
  const decades: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); 10 ** e <= hi * (1 + 1e-9); e++) decades.push(10 ** e);
  // One label row per percentile, so p95 and p99 of a long tail never print over each other,
  // anchored inward near the edges so none is cut off.
  const marks = ([['p50', latency.total_p50], ['p95', latency.total_p95], ['p99', latency.total_p99]] as const)
    .filter(([, v]) => v >= lo && v <= hi)
    .map(([name, v], k) => {
      const xv = x(v);
      const xp = px(xv);
      const anchor = xv > box.width - box.margin.right - 70 ? 'end' : xv < box.margin.left + 70 ? 'start' : 'middle';
      return `<g class="mark"><line x1="${xp}" x2="${xp}" y1="${14 + k * 12}" y2="${box.height - box.margin.bottom}"/>`
        + `<text x="${xp}" y="${10 + k * 12}" text-anchor="${anchor}">${name} ${escapeHtml(formatSeconds(v))}</text></g>`;
    }).join('');
  const svg = `${svgOpen(box, TITLE, 'chart-latency')}${yAxis(box, y, yt.ticks, yt.step, 'jobs')}${bars}${wait}${marks}`
    + `${xAxis(box, x, decades, 1, 'seconds (log scale)', (v) => decadeLabel(v))}</svg>`;
  const notes: string[] = [];
  if (h.instantWait > 0) notes.push(`${formatInt(h.instantWait)} jobs were claimed the moment they arrived (wait under 0.1 ms, not drawn on the log axis).`);
  if (h.instantTotal > 0) notes.push(`${formatInt(h.instantTotal)} jobs finished in under 0.1 ms (not drawn).`);
  return svg + legend([
    { color: TOTAL_INK, label: 'time in system (enqueue to final state)' },
    { color: WAIT_INK, label: 'wait (enqueue to first claim), dashed outline', style: 'outline' },
  ]) + notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
}
