// Paints the lanes on a canvas: thousands of bars redrawn on every frame of
// playback stay cheap because only bars in view are visited and bars thinner
// than a pixel share their pixel column.
import type { ScaleLinear } from 'd3';
import type { LaneBarColumns, LaneOutcome, FaultSpan, WorkerMarker } from '../../../shared/timeline/index.ts';
import { LANE_OUTCOMES, faultMarks, labelRows, type FaultMark } from '../../../shared/timeline/index.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { OUTCOME_COLORS } from './lane-colors.ts';

export const LABEL_W = 52;
export const LANE_H = 20;
export const LANE_GAP = 6;
export const TOP = 16;
/** Worker names and fault labels; WorkerLanes scales the whole canvas in presentation mode. */
export const LABEL_FONT_PX = 11;

export function laneTop(lane: number): number {
  return TOP + lane * (LANE_H + LANE_GAP);
}

export function canvasHeight(lanes: number): number {
  return laneTop(Math.max(1, lanes)) + 2;
}

export interface ThemeColors {
  text: string;
  muted: string;
  border: string;
  /** Fault bands, markers and their labels (--fault of the theme). */
  fault: string;
  /** Behind a fault label, so a bar under it does not make it unreadable. */
  panel: string;
}

export interface PaintInput {
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  workers: readonly string[];
  bars: LaneBarColumns;
  markers: readonly WorkerMarker[];
  faults: readonly FaultSpan[];
  /** The playback time: nothing after it is drawn, and running bars end there. */
  now: number;
  selectedJob: number | null;
  hoveredBar: number;
  colors: ThemeColors;
}

const MARKER_GLYPH: Record<WorkerMarker['kind'], string> = { started: '↻', joined: '⇥', crashed: '✕', hung: '‖', recycled: '♻' };

/** A host worker's start that is not a restart (the first start, or one added by chaos) is drawn as "added", not as a restart. */
function glyphOf(m: WorkerMarker): string {
  if (m.kind === 'started' && !(m.detail ?? '').includes('restart')) return '+';
  return MARKER_GLYPH[m.kind];
}

function firstBarFrom(bars: LaneBarColumns, t: number): number {
  let lo = 0;
  let hi = bars.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bars.start[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function paintLanes(ctx: CanvasRenderingContext2D, p: PaintInput): void {
  const { x, bars, now } = p;
  ctx.clearRect(0, 0, p.width, p.height);
  const [t0, t1] = x.domain() as [number, number];
  const tEnd = Math.min(t1, now);
  const laneOf = new Map(p.workers.map((w, i) => [w, i]));

  ctx.font = `${LABEL_FONT_PX}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  const marks = faultMarks(p.faults, now).filter((m) => (m.kind === 'instant' ? m.t : m.start) <= now);
  paintFaultShapes(ctx, p, marks);

  ctx.textAlign = 'right';
  p.workers.forEach((w, lane) => {
    const y = laneTop(lane);
    ctx.fillStyle = p.colors.border;
    ctx.fillRect(LABEL_W, y + LANE_H + LANE_GAP / 2, p.width - LABEL_W, 1);
    ctx.fillStyle = p.colors.text;
    ctx.fillText(w, LABEL_W - 6, y + LANE_H / 2);
  });
  ctx.textAlign = 'left';

  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, 0, p.width - LABEL_W, p.height);
  ctx.clip();
  const lastPx = new Float64Array(p.workers.length).fill(-Infinity);
  const selected: number[] = [];
  for (let i = firstBarFrom(bars, t0 - bars.maxDuration); i < bars.count; i++) {
    const start = bars.start[i]!;
    if (start > tEnd) break;
    const endRaw = bars.end[i]!;
    const running = Number.isNaN(endRaw) || endRaw > now;
    const end = running ? now : endRaw;
    if (end < t0) continue;
    const lane = bars.worker[i]!;
    const x0 = x(start);
    const x1 = x(end);
    const w = Math.max(1, x1 - x0);
    if (bars.job[i] === p.selectedJob) selected.push(i);
    // A sliver in a pixel already painted adds nothing visible.
    if (x1 - x0 < 1 && x0 < lastPx[lane]!) continue;
    lastPx[lane] = x0 + w;
    const outcome: LaneOutcome = running ? 'running' : LANE_OUTCOMES[bars.outcome[i]!]!;
    ctx.globalAlpha = outcome === 'lost' ? 0.5 : 1;
    ctx.fillStyle = OUTCOME_COLORS[outcome];
    ctx.fillRect(x0, laneTop(lane) + 2, w, LANE_H - 4);
    if (w >= 6 && outcome !== 'succeeded' && outcome !== 'running') {
      // A dark end cap: a failed attempt reads as failed without its colour.
      ctx.fillStyle = p.colors.text;
      ctx.fillRect(x0 + w - 2, laneTop(lane) + 2, 2, LANE_H - 4);
    }
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 2;
  ctx.strokeStyle = p.colors.text;
  for (const i of selected) outlineBar(ctx, x, bars, i, now);
  if (p.hoveredBar >= 0 && p.hoveredBar < bars.count) {
    ctx.lineWidth = 1.5;
    outlineBar(ctx, x, bars, p.hoveredBar, now);
  }

  paintFaultLabels(ctx, p, marks);
  ctx.font = '13px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (const m of p.markers) {
    if (m.t > now || m.t < t0 || m.t > t1 || (m.kind === 'started' && m.t === 0)) continue;
    const lane = laneOf.get(m.worker);
    if (lane === undefined) continue;
    const mx = x(m.t);
    const y = laneTop(lane);
    ctx.fillStyle = m.kind === 'crashed' ? STATE_COLORS.dead : m.kind === 'started' || m.kind === 'joined' ? STATE_COLORS.succeeded : p.colors.text;
    ctx.fillRect(mx - 1, y - 2, 2, LANE_H + 4);
    ctx.fillText(glyphOf(m), mx, y - 6 < 0 ? y + LANE_H / 2 : y - 5);
  }
  ctx.restore();

  if (now >= t0 && now <= t1) {
    const cx = Math.round(x(now)) + 0.5;
    ctx.strokeStyle = p.colors.text;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(cx, 0);
    ctx.lineTo(cx, p.height);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

function outlineBar(ctx: CanvasRenderingContext2D, x: ScaleLinear<number, number>, bars: LaneBarColumns, i: number, now: number): void {
  const start = bars.start[i]!;
  if (start > now) return;
  const endRaw = bars.end[i]!;
  const end = Number.isNaN(endRaw) || endRaw > now ? now : endRaw;
  const x0 = x(start);
  const w = Math.max(3, x(end) - x0);
  ctx.strokeRect(x0 - 1, laneTop(bars.worker[i]!) + 1, w + 2, LANE_H - 2);
}

const FAULT_ROW_H = 14;

/** Bands (translucent, with a solid edge at each end) and instant markers (a line), under the bars. */
function paintFaultShapes(ctx: CanvasRenderingContext2D, p: PaintInput, marks: readonly FaultMark[]): void {
  const { x } = p;
  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, 0, p.width - LABEL_W, p.height);
  ctx.clip();
  ctx.strokeStyle = p.colors.fault;
  ctx.fillStyle = p.colors.fault;
  for (const m of marks) {
    if (m.kind === 'instant') {
      ctx.globalAlpha = 0.9;
      ctx.fillRect(Math.round(x(m.t)) - 1, 0, 2, p.height);
      continue;
    }
    const a = x(m.start);
    const b = x(Math.min(m.end, p.now));
    ctx.globalAlpha = 0.1;
    ctx.fillRect(a, 0, Math.max(1, b - a), p.height);
    ctx.globalAlpha = 0.9;
    ctx.fillRect(Math.round(a), 0, 1, p.height);
    if (m.end <= p.now && !m.toEnd) ctx.fillRect(Math.round(b) - 1, 0, 1, p.height);
  }
  ctx.restore();
}

/** Each label in its own row (labelRows), on a panel-coloured pill, above the bars. */
function paintFaultLabels(ctx: CanvasRenderingContext2D, p: PaintInput, marks: readonly FaultMark[]): void {
  if (marks.length === 0) return;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const width = (text: string): number => ctx.measureText(text).width + 6;
  const rows = labelRows(marks, (t) => Math.max(LABEL_W, p.x(t)) + 2, width);
  marks.forEach((m, i) => {
    const text = `${m.icon} ${m.label}`;
    const left = Math.max(LABEL_W, p.x(m.kind === 'instant' ? m.t : m.start)) + 2;
    const y = 1 + rows[i]! * FAULT_ROW_H;
    if (y + FAULT_ROW_H > p.height) return;
    ctx.globalAlpha = 0.92;
    ctx.fillStyle = p.colors.panel;
    ctx.fillRect(left, y, width(text), FAULT_ROW_H - 1);
    ctx.globalAlpha = 1;
    ctx.fillStyle = p.colors.fault;
    ctx.fillText(text, left + 3, y + FAULT_ROW_H / 2);
  });
}
