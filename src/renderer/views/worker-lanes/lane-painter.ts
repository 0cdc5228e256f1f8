// Paints the lanes on a canvas: thousands of bars redrawn on every frame of
// playback stay cheap because only bars in view are visited and bars thinner
// than a pixel share their pixel column.
import type { ScaleLinear } from 'd3';
import type { LaneBarColumns, LaneOutcome, FaultSpan, WorkerMarker } from '../../../shared/timeline/index.ts';
import { LANE_OUTCOMES } from '../../../shared/timeline/index.ts';
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

const MARKER_GLYPH: Record<WorkerMarker['kind'], string> = { started: '↻', crashed: '✕', hung: '‖', recycled: '♻' };

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
  for (const f of p.faults) {
    const a = Math.max(LABEL_W, x(f.start));
    const b = Math.min(p.width, x(Math.min(f.end ?? now, now)));
    if (b <= a) continue;
    ctx.fillStyle = 'rgba(213, 94, 0, 0.12)';
    ctx.fillRect(a, 0, b - a, p.height);
    ctx.fillStyle = p.colors.muted;
    ctx.fillText(`⚠ ${f.label}`, a + 3, 7);
  }

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

  ctx.font = '13px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (const m of p.markers) {
    if (m.t > now || m.t < t0 || m.t > t1 || (m.kind === 'started' && m.t === 0)) continue;
    const lane = laneOf.get(m.worker);
    if (lane === undefined) continue;
    const mx = x(m.t);
    const y = laneTop(lane);
    ctx.fillStyle = m.kind === 'crashed' ? STATE_COLORS.dead : m.kind === 'started' ? STATE_COLORS.succeeded : p.colors.text;
    ctx.fillRect(mx - 1, y - 2, 2, LANE_H + 4);
    ctx.fillText(MARKER_GLYPH[m.kind], mx, y - 6 < 0 ? y + LANE_H / 2 : y - 5);
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
