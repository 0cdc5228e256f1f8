// The claim-race experiment's chart: measured throughput (jobs/s) against the
// number of worker processes, one line per claim strategy. Workers are
// plotted on a log2 axis (1, 2, 4, 8...), so doubling reads as one step; each
// measured point is marked and labelled in the tooltip. Colour is never the
// only cue: each strategy has its own glyph in the legend and on its points.
import { escapeHtml } from '../escape.ts';
import { CHART, emptyChart, innerHeight, linePath, linearScale, logScale, niceTicks, px, svgOpen, xAxis, yAxis } from '../svg.ts';
import { legend } from './legend.ts';

export interface ClaimRacePoint {
  strategy: string;
  workers: number;
  jobsPerSecond: number;
}

const TITLE = 'Claim throughput against worker processes, per claim strategy';
const STYLE: Record<string, { color: string; glyph: string; label: string }> = {
  skipLocked: { color: '#1d70b8', glyph: '●', label: 'PostgreSQL FOR UPDATE SKIP LOCKED' },
  forUpdate: { color: '#d4351c', glyph: '■', label: 'PostgreSQL FOR UPDATE (plain row lock)' },
  sqlite: { color: '#6f5e00', glyph: '▲', label: 'SQLite BEGIN IMMEDIATE' },
};
const styleOf = (s: string) => STYLE[s] ?? { color: '#555', glyph: '◆', label: s };

export function claimRaceChart(points: readonly ClaimRacePoint[]): string {
  const box = CHART;
  if (points.length === 0) return emptyChart(box, 'chart-claim-race', TITLE, 'No measurements: nothing to draw.');
  const counts = [...new Set(points.map((p) => p.workers))].sort((a, b) => a - b);
  const lo = counts[0]!;
  const hi = Math.max(counts[counts.length - 1]!, lo * 2);
  const yt = niceTicks(0, Math.max(...points.map((p) => p.jobsPerSecond)), 5);
  const x = logScale([lo, hi], [box.margin.left + 12, box.width - box.margin.right - 12]);
  const y = linearScale([0, yt.top], [box.margin.top + innerHeight(box), box.margin.top]);
  const strategies = [...new Set(points.map((p) => p.strategy))];
  let lines = '';
  for (const s of strategies) {
    const st = styleOf(s);
    const own = points.filter((p) => p.strategy === s).sort((a, b) => a.workers - b.workers);
    lines += `<path class="series" d="${linePath(own.map((p) => x(p.workers)), own.map((p) => y(p.jobsPerSecond)))}" fill="none" stroke="${st.color}" stroke-width="2"/>`;
    for (const p of own) {
      lines += `<text class="point" x="${px(x(p.workers))}" y="${px(y(p.jobsPerSecond) + 4)}" text-anchor="middle" style="fill:${st.color}">${st.glyph}`
        + `<title>${escapeHtml(`${st.label}: ${p.workers} worker${p.workers === 1 ? '' : 's'}, ${Math.round(p.jobsPerSecond)} jobs/s`)}</title></text>`;
    }
  }
  const svg = `${svgOpen(box, TITLE, 'chart-claim-race')}${yAxis(box, y, yt.ticks, yt.step, 'jobs/s')}${lines}`
    + `${xAxis(box, x, counts, 1, 'worker processes')}</svg>`;
  return svg + legend(strategies.map((s) => ({ color: styleOf(s).color, label: styleOf(s).label, glyph: styleOf(s).glyph })));
}
