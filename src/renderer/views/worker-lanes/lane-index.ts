// Bars grouped by lane, for hit testing under the pointer: within a lane the
// bars are in claim order, so start times are sorted and a binary search
// finds the candidates near a time.
import type { LaneBarColumns } from '../../../shared/timeline/index.ts';

export interface LaneIndex {
  /** barsByLane[lane] = bar indices, by start time. */
  barsByLane: Int32Array[];
}

export function buildLaneIndex(bars: LaneBarColumns, lanes: number): LaneIndex {
  const counts = new Int32Array(lanes);
  for (let i = 0; i < bars.count; i++) counts[bars.worker[i]!]!++;
  const barsByLane = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(lanes);
  for (let i = 0; i < bars.count; i++) {
    const w = bars.worker[i]!;
    barsByLane[w]![fill[w]!++] = i;
  }
  return { barsByLane };
}

/** The first position in `list` whose bar starts at or after t. */
export function firstStartingAt(bars: LaneBarColumns, list: Int32Array, t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bars.start[list[mid]!]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The bar on `lane` under time t (a running bar counts up to `now`), or the
 * nearest one within `slack` seconds so a sliver of a bar can still be hovered.
 */
export function barAt(bars: LaneBarColumns, index: LaneIndex, lane: number, t: number, now: number, slack: number): number {
  const list = index.barsByLane[lane];
  if (!list) return -1;
  let best = -1;
  let bestGap = slack;
  const stop = firstStartingAt(bars, list, t + slack);
  for (let k = stop - 1; k >= 0; k--) {
    const i = list[k]!;
    const start = bars.start[i]!;
    if (start < t - slack - bars.maxDuration) break;
    if (start > now) continue;
    const end = Math.min(Number.isNaN(bars.end[i]!) ? now : bars.end[i]!, now);
    const gap = t < start ? start - t : t > end ? t - end : 0;
    if (gap < bestGap || (gap === 0 && bestGap === 0 && best < 0)) {
      best = i;
      bestGap = gap;
      if (gap === 0) break;
    }
  }
  return best;
}
