// An excerpt of the worker lanes: the first attempts of the run, one lane
// per worker, one bar per attempt coloured by the state it led to (the
// app's lane colours). Attempts that did not succeed also end in a dark
// mark, so they read without colour; crashes and hangs are marked on the lane.
import type { LaneOutcome } from '../../timeline/types.ts';
import { OUTCOME_COLORS, OUTCOME_LABELS } from '../../theme/lane-colors.ts';
import { escapeHtml } from '../escape.ts';
import { formatInt, formatNumber } from '../format.ts';
import { linearScale, px, svgOpen, ticksWithin, xAxis, type Box } from '../svg.ts';
import type { LaneExcerpt } from '../types.ts';
import { legend } from './legend.ts';

const LANE_H = 16;
const TITLE = 'Worker lanes excerpt';

const MARKER_GLYPH = { crashed: '✕', hung: '⏸', recycled: '↺', joined: '⇥', started: '' } as const;

export function lanesChart(lanes: LaneExcerpt): string {
  const box: Box = { width: 720, height: 30 + lanes.workers.length * LANE_H + 40, margin: { top: 14, right: 18, bottom: 40, left: 88 } };
  if (lanes.shown === 0) {
    return `${svgOpen({ ...box, height: 60 }, TITLE, 'chart-lanes')}<text class="empty" x="360" y="34" text-anchor="middle">No attempt was made: no lanes to draw.</text></svg>`;
  }
  const xEnd = lanes.end > lanes.start ? lanes.end : lanes.start + 1;
  const xt = ticksWithin(lanes.start, xEnd, 8);
  const x = linearScale([lanes.start, xEnd], [box.margin.left, box.width - box.margin.right]);
  const laneY = (lane: number): number => box.margin.top + lane * LANE_H;
  let s = `${svgOpen(box, TITLE, 'chart-lanes')}`;
  lanes.workers.forEach((w, i) => {
    s += `<text class="lane-name" x="${box.margin.left - 6}" y="${laneY(i) + LANE_H / 2}" dy="0.32em" text-anchor="end">${escapeHtml(w)}</text>`
      + `<line class="lane" x1="${box.margin.left}" x2="${box.width - box.margin.right}" y1="${laneY(i) + LANE_H - 1}" y2="${laneY(i) + LANE_H - 1}"/>`;
  });
  const b = lanes.bars;
  for (let i = 0; i < b.start.length; i++) {
    const outcome = b.outcome[i]!;
    // Attempts that began before the window or end after it are cut at its edges.
    const xs = x(Math.max(lanes.start, b.start[i]!));
    const xe = x(Math.min(lanes.end, b.end[i] ?? lanes.end));
    const w = Math.max(1, xe - xs - 0.5);
    const y = laneY(b.worker[i]!) + 2;
    const end = b.end[i] === null ? 'still running' : `${formatNumber(b.end[i]!)} s`;
    s += `<rect x="${px(xs)}" y="${y}" width="${px(w)}" height="${LANE_H - 5}" fill="${OUTCOME_COLORS[outcome]}">`
      + `<title>job ${b.job[i]} attempt ${b.attempt[i]}: ${OUTCOME_LABELS[outcome]}, ${formatNumber(b.start[i]!)} s to ${end}</title></rect>`;
    if (outcome !== 'succeeded' && outcome !== 'running') {
      s += `<rect x="${px(xs + w - 2)}" y="${y}" width="2" height="${LANE_H - 5}" fill="#111"/>`;
    }
  }
  const laneOf = new Map(lanes.workers.map((w, i) => [w, i]));
  for (const m of lanes.markers) {
    const glyph = MARKER_GLYPH[m.kind];
    const lane = laneOf.get(m.worker);
    if (!glyph || lane === undefined) continue;
    s += `<text class="marker" x="${px(x(m.t))}" y="${laneY(lane) + LANE_H / 2}" dy="0.35em" text-anchor="middle">${glyph}<title>${escapeHtml(`${m.worker} ${m.kind} at ${formatNumber(m.t)} s${m.detail ? `: ${m.detail}` : ''}`)}</title></text>`;
  }
  s += `${xAxis(box, x, xt.ticks, xt.step, 'scenario time (s)')}</svg>`;
  const present = new Set(b.outcome);
  const items = (Object.keys(OUTCOME_COLORS) as LaneOutcome[]).filter((o) => present.has(o))
    .map((o) => ({ color: OUTCOME_COLORS[o], label: OUTCOME_LABELS[o], style: o === 'succeeded' || o === 'running' ? 'solid' as const : 'mark' as const }));
  const kinds = new Set(lanes.markers.map((m) => m.kind));
  for (const k of ['joined', 'crashed', 'hung', 'recycled'] as const) if (kinds.has(k)) items.push({ color: 'transparent', label: `${MARKER_GLYPH[k]} worker ${k}`, style: 'solid' });
  return s + legend(items) + laneNote(lanes);
}

function laneNote(lanes: LaneExcerpt): string {
  const hidden = lanes.hiddenWorkers > 0 ? ` ${formatInt(lanes.hiddenWorkers)} more workers ran attempts in this window and are not drawn.` : '';
  const which = lanes.busiest
    ? `Shows the busiest ${formatNumber(lanes.end - lanes.start)} s of the run, where the most attempts ended: ${formatInt(lanes.shown)} of its ${formatInt(lanes.total)} attempts, in claim order`
    : `Shows the first ${formatInt(lanes.shown)} of ${formatInt(lanes.total)} attempts, in claim order`;
  return `<p class="note" id="lanes-window">${which} (scenario time ${formatNumber(lanes.start)}–${formatNumber(lanes.end)} s).${escapeHtml(hidden)}</p>`;
}
