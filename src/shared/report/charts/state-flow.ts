// The state machine as the run walked it: one box per job state with the
// jobs in it at the end, one arrow per transition the run made with how many
// times it did. Laid out like the app's flow board (UI.md): the happy path
// left to right on the middle row, retries below, final states on the right.
import type { JobState } from '../../job/states.ts';
import { STATE_COLORS, STATE_GLYPHS, STATE_LABELS, STATE_TEXT_ON_FILL } from '../../theme/state-colors.ts';
import { escapeHtml } from '../escape.ts';
import { formatInt } from '../format.ts';
import { px, svgOpen } from '../svg.ts';
import type { ReportData } from '../types.ts';

const BOX = { width: 720, height: 310, margin: { top: 0, right: 0, bottom: 0, left: 0 } };
const NODE_W = 128;
const NODE_H = 50;
const NEW_R = 26;

const POS: Readonly<Record<JobState | 'new', [number, number]>> = {
  new: [40, 155],
  scheduled: [170, 45],
  pending: [270, 155],
  processing: [450, 155],
  succeeded: [640, 45],
  retrying: [450, 270],
  dead: [640, 240],
  cancelled: [200, 270],
};

type Point = [number, number];

/** Where the segment from a node's centre towards `toward` leaves the node. */
function exitPoint(node: JobState | 'new', toward: Point): Point {
  const [cx, cy] = POS[node];
  const dx = toward[0] - cx;
  const dy = toward[1] - cy;
  const len = Math.hypot(dx, dy) || 1;
  const t = node === 'new'
    ? NEW_R / len
    : Math.min(dx === 0 ? Infinity : NODE_W / 2 / Math.abs(dx), dy === 0 ? Infinity : NODE_H / 2 / Math.abs(dy));
  return [cx + dx * t, cy + dy * t];
}

function edge(from: JobState | 'new', to: JobState, count: number, offset: number, maxCount: number): string {
  const label = `${from === 'new' ? 'enqueued' : STATE_LABELS[from]} → ${STATE_LABELS[to]}: ${formatInt(count)}`;
  const width = 1 + 3 * Math.log10(1 + count) / Math.log10(1 + maxCount);
  if (from === to) {
    const [cx, cy] = POS[to];
    const top = cy - NODE_H / 2;
    return `<g class="edge"><title>${escapeHtml(label)}</title><path d="M${cx + 20},${top}C${cx + 40},${top - 34} ${cx - 40},${top - 34} ${cx - 20},${top}" fill="none" stroke-width="${px(width)}" marker-end="url(#arrow)"/>`
      + `<text class="edge-count" x="${cx}" y="${top - 30}" text-anchor="middle">${formatInt(count)}</text></g>`;
  }
  const [a, b] = [POS[from], POS[to]];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  // A perpendicular shift keeps the two directions of a pair (pending <-> processing) apart.
  const nx = (-(b[1] - a[1]) / len) * offset;
  const ny = ((b[0] - a[0]) / len) * offset;
  const p0 = exitPoint(from, b);
  const p1 = exitPoint(to, a);
  const [x0, y0, x1, y1] = [p0[0] + nx, p0[1] + ny, p1[0] + nx, p1[1] + ny];
  // The count sits beside its arrow (on the arrow's left, or outside a pair), never on the line.
  const side = offset === 0 ? 11 : offset * 1.9;
  const mx = (x0 + x1) / 2 + (-(b[1] - a[1]) / len) * side;
  const my = (y0 + y1) / 2 + ((b[0] - a[0]) / len) * side;
  return `<g class="edge" data-from="${from}" data-to="${to}" data-count="${count}"><title>${escapeHtml(label)}</title>`
    + `<line x1="${px(x0)}" y1="${px(y0)}" x2="${px(x1)}" y2="${px(y1)}" stroke-width="${px(width)}" marker-end="url(#arrow)"/>`
    + `<text class="edge-count" x="${px(mx)}" y="${px(my)}" dy="0.32em" text-anchor="middle">${formatInt(count)}</text></g>`;
}

function node(state: JobState, count: number): string {
  const [cx, cy] = POS[state];
  const ink = STATE_TEXT_ON_FILL[state];
  return `<g class="node" data-state="${state}" data-count="${count}">`
    + `<rect x="${cx - NODE_W / 2}" y="${cy - NODE_H / 2}" width="${NODE_W}" height="${NODE_H}" rx="6" fill="${STATE_COLORS[state]}"/>`
    + `<text x="${cx}" y="${cy - 7}" text-anchor="middle" fill="${ink}">${STATE_GLYPHS[state]} ${STATE_LABELS[state]}</text>`
    + `<text class="node-count" x="${cx}" y="${cy + 15}" text-anchor="middle" fill="${ink}">${formatInt(count)}</text></g>`;
}

export function stateFlowChart(flow: ReportData['flow']): string {
  const pairs = new Set(flow.transitions.map((t) => `${t.from ?? 'new'}>${t.to}`));
  const maxCount = Math.max(1, ...flow.transitions.map((t) => t.count));
  const enqueued = flow.transitions.filter((t) => t.from === null).reduce((a, t) => a + t.count, 0);
  const edges = flow.transitions.map((t) => {
    const from = t.from ?? 'new';
    const paired = pairs.has(`${t.to}>${from}`);
    return edge(from, t.to, t.count, paired ? 8 : 0, maxCount);
  }).join('');
  const [nx, ny] = POS.new;
  const start = `<g class="node" data-state="new" data-count="${enqueued}"><circle cx="${nx}" cy="${ny}" r="${NEW_R}"/>`
    + `<text x="${nx}" y="${ny - 4}" text-anchor="middle">new</text><text class="node-count-small" x="${nx}" y="${ny + 11}" text-anchor="middle">${formatInt(enqueued)}</text></g>`;
  const defs = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">'
    + '<path d="M0,0L10,5L0,10Z" fill="#444"/></marker></defs>';
  const nodes = (Object.keys(STATE_COLORS) as JobState[]).map((s) => node(s, flow.counts[s])).join('');
  return `${svgOpen(BOX, 'State flow: jobs per state at the end of the run and transitions taken', 'chart-flow')}${defs}`
    + `<g class="edges">${edges}</g>${start}${nodes}</svg>`;
}
