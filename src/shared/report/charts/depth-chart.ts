// Queue depth by state over time: a stacked area of the jobs waiting or
// working (processing at the bottom, as in the app's chart).
import { STATE_COLORS, STATE_GLYPHS, STATE_LABELS } from '../../theme/state-colors.ts';
import { DEPTH_STATES, type ReportData } from '../types.ts';
import { areaPath, CHART, emptyChart, innerHeight, linearScale, niceTicks, svgOpen, ticksWithin, xAxis, yAxis } from '../svg.ts';
import { legend } from './legend.ts';

const TITLE = 'Queue depth by state over time';

export function depthChart(depth: ReportData['depth'], endTime: number): string {
  const n = depth.t.length;
  let peak = 0;
  const stacked: number[][] = [];
  const running = new Array<number>(n).fill(0);
  stacked.push([...running]);
  for (const s of DEPTH_STATES) {
    for (let i = 0; i < n; i++) running[i]! += depth.byState[s][i]!;
    stacked.push([...running]);
  }
  for (const v of running) peak = Math.max(peak, v);
  if (n < 2 || peak === 0) return emptyChart(CHART, 'chart-depth', TITLE, 'No job ever waited: nothing to draw.');
  const box = CHART;
  const xEnd = Math.max(endTime, depth.t[n - 1]!);
  const xt = ticksWithin(0, xEnd, 8);
  const yt = niceTicks(0, peak, 5);
  const x = linearScale([0, xEnd], [box.margin.left, box.width - box.margin.right]);
  const y = linearScale([0, yt.top], [box.margin.top + innerHeight(box), box.margin.top]);
  const xs = depth.t.map(x);
  let layers = '';
  DEPTH_STATES.forEach((s, k) => {
    const d = areaPath(xs, stacked[k]!.map(y), stacked[k + 1]!.map(y));
    layers += `<path class="layer" d="${d}" fill="${STATE_COLORS[s]}"><title>${STATE_LABELS[s]}</title></path>`;
  });
  const svg = `${svgOpen(box, TITLE, 'chart-depth')}${yAxis(box, y, yt.ticks, yt.step, 'jobs')}${layers}`
    + `${xAxis(box, x, xt.ticks, xt.step, 'scenario time (s)')}</svg>`;
  return svg + legend(DEPTH_STATES.map((s) => ({ color: STATE_COLORS[s], label: STATE_LABELS[s], glyph: STATE_GLYPHS[s] })));
}
