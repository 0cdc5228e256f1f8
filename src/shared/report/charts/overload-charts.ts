// The report's service charts over time (issue 13), from the run's
// overload_samples (ReportData.overload): each service's utilization against
// its open slots, and each circuit breaker's state as a step line over
// shaded open spells. The run's faults (the trigger among them) are bands,
// as in the Charts tab, so a reader sees the service stay saturated after
// the trigger ended, or the breaker that let it drain.
import { changesOnly, openSpells, type OverloadSeries, type TimePoint } from '../../overload/overload-series.ts';
import { BREAKER_STATE_VALUE } from '../../tables/overload-samples.ts';
import type { FaultMark } from '../../timeline/fault-marks.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { escapeHtml } from '../escape.ts';
import { formatNumber } from '../format.ts';
import { CHART, innerHeight, linearScale, linePath, px, svgOpen, ticksWithin, xAxis, yAxis, type Box, type Scale } from '../svg.ts';
import { legend } from './legend.ts';

const FAULT = '#a8467a';
const LINE_COLORS = [STATE_COLORS.processing, STATE_COLORS.retrying, STATE_COLORS.scheduled, STATE_COLORS.succeeded];
const color = (i: number): string => LINE_COLORS[i % LINE_COLORS.length]!;

const pointsOf = (s: OverloadSeries): TimePoint[] => s.t.map((t, i) => ({ t, v: s.value[i]! }));

/** Fault spans as bands (instants as lines) behind a chart's data. */
function faultBands(faults: readonly FaultMark[], x: Scale, top: number, bottom: number): string {
  return faults.map((f) => {
    if (f.kind === 'instant') return `<line x1="${px(x(f.t))}" x2="${px(x(f.t))}" y1="${top}" y2="${bottom}" stroke="${FAULT}" stroke-width="1.5" stroke-dasharray="3 2"/>`;
    const a = x(f.start);
    return `<rect x="${px(a)}" y="${top}" width="${px(Math.max(1, x(f.end) - a))}" height="${px(bottom - top)}" fill="${FAULT}" fill-opacity="0.1"><title>${escapeHtml(`${f.label}: ${formatNumber(f.start)}–${formatNumber(f.end)} s`)}</title></rect>`;
  }).join('');
}

/** A step path: each value held until the next point, the last until `end`. */
function stepPath(points: readonly TimePoint[], x: Scale, y: Scale, end: number): string {
  const xs: number[] = [];
  const ys: number[] = [];
  points.forEach((p, i) => {
    const next = points[i + 1]?.t ?? Math.max(end, p.t);
    xs.push(x(p.t), x(next));
    ys.push(y(p.v), y(p.v));
  });
  return linePath(xs, ys);
}

function frame(endTime: number, box: Box): { x: Scale; top: number; bottom: number; xt: { ticks: number[]; step: number } } {
  const x = linearScale([0, Math.max(endTime, 1e-9)], [box.margin.left, box.width - box.margin.right]);
  return { x, top: box.margin.top, bottom: box.margin.top + innerHeight(box), xt: ticksWithin(0, endTime, 8) };
}

export function utilizationChart(series: readonly OverloadSeries[], endTime: number, faults: readonly FaultMark[]): string {
  const util = series.filter((s) => s.metric === 'utilization');
  if (util.length === 0) return '';
  const box = CHART;
  const { x, top, bottom, xt } = frame(endTime, box);
  const y = linearScale([0, 100], [bottom, top]);
  const many = util.length > 1;
  let lines = '';
  const items: { color: string; label: string; style?: 'outline' }[] = [];
  util.forEach((u, i) => {
    const pts = pointsOf(u);
    lines += `<path d="${linePath(pts.map((p) => x(p.t)), pts.map((p) => y(Math.min(100, p.v * 100))))}" fill="none" stroke="${color(i)}" stroke-width="2"/>`;
    items.push({ color: color(i), label: `${many ? `${u.name}: ` : ''}utilization` });
    const cap = series.find((s) => s.metric === 'capacity' && s.name === u.name && s.source === u.source);
    if (cap) {
      const full = Math.max(...cap.value) || 1;
      lines += `<path d="${stepPath(pointsOf(cap).map((p) => ({ t: p.t, v: (100 * p.v) / full })), x, y, endTime)}" fill="none" stroke="${color(i)}" stroke-width="1.5" stroke-dasharray="2 3"/>`;
      items.push({ color: color(i), label: `${many ? `${u.name}: ` : ''}open slots (dotted)`, style: 'outline' });
    }
  });
  const svg = `${svgOpen(box, 'Service utilization over time', 'chart-service-utilization')}${faultBands(faults, x, top, bottom)}`
    + `${yAxis(box, y, [0, 20, 40, 60, 80, 100], 20, '% of the service')}${lines}${xAxis(box, x, xt.ticks, xt.step, 'scenario time (s)')}</svg>`;
  return svg + legend([...items, ...(faults.length ? [{ color: FAULT, label: 'fault or trigger (band)' }] : [])]);
}

const LEVELS: [number, string][] = [[BREAKER_STATE_VALUE.closed, 'closed'], [BREAKER_STATE_VALUE['half-open'], 'half-open'], [BREAKER_STATE_VALUE.open, 'open']];

export function breakerChart(series: readonly OverloadSeries[], endTime: number, faults: readonly FaultMark[]): string {
  const breakers = series.filter((s) => s.metric === 'breaker_state');
  if (breakers.length === 0) return '';
  const box: Box = { ...CHART, height: 170, margin: { ...CHART.margin, left: 70 } };
  const { x: xb, top, bottom, xt } = frame(endTime, box);
  const y = linearScale([-0.25, 2.25], [bottom, top]);
  let body = faultBands(faults, xb, top, bottom);
  const items: { color: string; label: string }[] = [];
  breakers.forEach((b, i) => {
    const steps = changesOnly(pointsOf(b));
    for (const [a, e] of openSpells(steps, endTime)) {
      body += `<rect x="${px(xb(a))}" y="${top}" width="${px(Math.max(1, xb(e) - xb(a)))}" height="${px(bottom - top)}" fill="${STATE_COLORS.dead}" fill-opacity="${px(0.3 / breakers.length)}"><title>open ${formatNumber(a)}–${formatNumber(e)} s</title></rect>`;
    }
    body += `<path d="${stepPath(steps, xb, y, endTime)}" fill="none" stroke="${color(i)}" stroke-width="2"${i ? ' stroke-dasharray="6 3"' : ''}/>`;
    items.push({ color: color(i), label: breakers.length > 1 ? `${b.name} (${b.source})` : b.name });
  });
  const levels = LEVELS.map(([v, name]) => `<line class="grid" x1="${box.margin.left}" x2="${box.width - box.margin.right}" y1="${px(y(v))}" y2="${px(y(v))}"/>`
    + `<text x="${box.margin.left - 6}" y="${px(y(v))}" dy="0.32em" text-anchor="end">${name}</text>`).join('');
  const svg = `${svgOpen(box, 'Circuit breaker state over time', 'chart-breaker-state')}<g class="axis">${levels}</g>${body}`
    + `${xAxis(box, xb, xt.ticks, xt.step, 'scenario time (s)')}</svg>`;
  return svg + legend([...items, { color: STATE_COLORS.dead, label: 'open (shaded)' }]);
}
