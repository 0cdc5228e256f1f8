// Where the state machine's nodes sit and how its edges bend, in a fixed
// 900 x 330 viewBox: the happy path runs left to right along the middle,
// retries loop underneath, and the exits (succeeded, dead, cancelled) sit
// at the edges.
import type { JobState } from '../../../shared/job/states.ts';

export const VIEW_W = 900;
export const VIEW_H = 330;
export const NODE_W = 132;
export const NODE_H = 62;

export type FlowNode = JobState | 'new';

export const NODE_CENTER: Readonly<Record<FlowNode, { x: number; y: number }>> = {
  new: { x: 34, y: 150 },
  scheduled: { x: 190, y: 52 },
  pending: { x: 330, y: 150 },
  processing: { x: 540, y: 150 },
  succeeded: { x: 800, y: 52 },
  dead: { x: 800, y: 262 },
  retrying: { x: 540, y: 282 },
  cancelled: { x: 190, y: 282 },
};

/** The point where the segment from the centre of `node` toward (tx, ty) leaves its box. */
function boxExit(node: FlowNode, tx: number, ty: number): { x: number; y: number } {
  const c = NODE_CENTER[node];
  if (node === 'new') return c;
  const dx = tx - c.x;
  const dy = ty - c.y;
  const sx = dx === 0 ? Infinity : NODE_W / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : NODE_H / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

/** Bend of each edge (perpendicular offset of the curve's control point), so opposite edges do not overlap. */
const BEND: Partial<Record<string, number>> = {
  'retrying>pending': -40,
  'processing>pending': -46,
  'dead>pending': 60,
  'dead>cancelled': 30,
  'processing>retrying': -24,
};

/** An SVG path from one node's border to the other's, curved where BEND says so. */
export function edgePath(from: FlowNode, to: JobState): string {
  const a = NODE_CENTER[from];
  const b = NODE_CENTER[to];
  const p = boxExit(from, b.x, b.y);
  const q = boxExit(to, a.x, a.y);
  const bend = BEND[`${from}>${to}`] ?? 0;
  if (bend === 0) return `M${p.x},${p.y} L${q.x},${q.y}`;
  const mx = (p.x + q.x) / 2;
  const my = (p.y + q.y) / 2;
  const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
  const cx = mx + (-(q.y - p.y) / len) * bend;
  const cy = my + ((q.x - p.x) / len) * bend;
  return `M${p.x},${p.y} Q${cx},${cy} ${q.x},${q.y}`;
}

/** Every edge drawn even at rate zero, so the board teaches the whole machine before a run starts. */
export const DRAWN_EDGES: readonly (readonly [FlowNode, JobState])[] = [
  ['new', 'pending'], ['new', 'scheduled'], ['scheduled', 'pending'], ['pending', 'processing'],
  ['processing', 'succeeded'], ['processing', 'retrying'], ['retrying', 'pending'], ['processing', 'dead'],
  ['processing', 'pending'], ['dead', 'pending'], ['scheduled', 'cancelled'], ['pending', 'cancelled'],
  ['retrying', 'cancelled'], ['dead', 'cancelled'],
];
