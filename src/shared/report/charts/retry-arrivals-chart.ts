// Retry arrivals over time with the run's faults: retries that came due,
// counted per second, as a line; a fault that lasts is a shaded band with
// a solid edge at each end, an instant fault a dashed line with its icon.
// Labels sit in rows above the plot so they never print over each other.
import { labelRows, markStart } from '../../timeline/fault-marks.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { escapeHtml } from '../escape.ts';
import { formatNumber } from '../format.ts';
import { CHART, emptyChart, innerHeight, linearScale, linePath, niceTicks, px, svgOpen, ticksWithin, xAxis, yAxis, type Box } from '../svg.ts';
import type { ReportData } from '../types.ts';
import { legend } from './legend.ts';

const TITLE = 'Retry arrivals over time, with the faults';
const FAULT = '#a8467a';
const ROW_H = 14;

export function retryArrivalsChart(data: ReportData['retryArrivals'], endTime: number): string {
  const n = data.t.length;
  if (n === 0 || data.peak === 0) {
    return emptyChart(CHART, 'chart-retry-arrivals', TITLE, 'No retry came due in this run: no attempt failed and was retried.');
  }
  const xEnd = Math.max(endTime, data.t[n - 1]! + data.spanSeconds);
  const probe = linearScale([0, xEnd], [CHART.margin.left, CHART.width - CHART.margin.right]);
  const rows = labelRows(data.faults, probe, (text) => text.length * 6.6 + 8);
  const rowCount = data.faults.length ? Math.max(...rows) + 1 : 0;
  const box: Box = { ...CHART, height: CHART.height + rowCount * ROW_H, margin: { ...CHART.margin, top: CHART.margin.top + rowCount * ROW_H } };
  const x = linearScale([0, xEnd], [box.margin.left, box.width - box.margin.right]);
  const yt = niceTicks(0, data.peak, 5);
  const yBottom = box.margin.top + innerHeight(box);
  const y = linearScale([0, yt.top], [yBottom, box.margin.top]);
  const xt = ticksWithin(0, xEnd, 8);
  let faults = '';
  data.faults.forEach((f, i) => {
    const label = `<text class="fault-label" x="${px(x(markStart(f)) + 2)}" y="${CHART.margin.top + rows[i]! * ROW_H + 10}" fill="${FAULT}">${escapeHtml(`${f.icon} ${f.label}`)}</text>`;
    if (f.kind === 'instant') {
      faults += `<line x1="${px(x(f.t))}" x2="${px(x(f.t))}" y1="${box.margin.top}" y2="${yBottom}" stroke="${FAULT}" stroke-width="1.5" stroke-dasharray="3 2"/>${label}`;
    } else {
      const a = x(f.start);
      const b = x(f.end);
      faults += `<rect x="${px(a)}" y="${box.margin.top}" width="${px(Math.max(1, b - a))}" height="${px(yBottom - box.margin.top)}" fill="${FAULT}" fill-opacity="0.1"><title>${escapeHtml(`${f.label}: ${formatNumber(f.start)}–${formatNumber(f.end)} s`)}</title></rect>`
        + `<line x1="${px(a)}" x2="${px(a)}" y1="${box.margin.top}" y2="${yBottom}" stroke="${FAULT}" stroke-width="1.5"/>`
        + (f.toEnd ? '' : `<line x1="${px(b)}" x2="${px(b)}" y1="${box.margin.top}" y2="${yBottom}" stroke="${FAULT}" stroke-width="1.5"/>`)
        + label;
    }
  });
  // A step line: each span's count is flat across the span.
  const xs: number[] = [];
  const ys: number[] = [];
  data.t.forEach((t, i) => {
    xs.push(x(t), x(t + data.spanSeconds));
    ys.push(y(data.perSecond[i]!), y(data.perSecond[i]!));
  });
  const unit = data.spanSeconds <= 1.0001 ? 'retries in each second' : `retries per second (over ${formatNumber(data.spanSeconds)} s)`;
  const svg = `${svgOpen(box, TITLE, 'chart-retry-arrivals')}${faults}${yAxis(box, y, yt.ticks, yt.step, unit)}`
    + `<path d="${linePath(xs, ys)}" fill="none" stroke="${STATE_COLORS.retrying}" stroke-width="2"/>`
    + `${xAxis(box, x, xt.ticks, xt.step, 'scenario time (s)')}</svg>`;
  const items = [{ color: STATE_COLORS.retrying, label: 'retries due' }, ...(data.faults.length ? [{ color: FAULT, label: 'fault (band: lasts; dashed line: an instant)' }] : [])];
  return svg + legend(items);
}
