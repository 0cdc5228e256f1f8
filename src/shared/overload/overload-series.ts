// The overload_samples rows of a run as the charts take them: one series per
// (source, name, metric), times and values in time order. The LabApi sends
// this shape (getOverloadSeries): a few thousand rows become a few dozen
// arrays, not a few thousand objects. The Charts tab and the exported report
// draw from it with the step helpers below.
import { z } from 'zod';
import { BREAKER_STATE_VALUE, OVERLOAD_METRICS, type OverloadSample } from '../tables/overload-samples.ts';

export const overloadSeriesSchema = z.object({
  source: z.string(),
  name: z.string(),
  metric: z.enum(OVERLOAD_METRICS),
  t: z.array(z.number()),
  value: z.array(z.number()),
});
export type OverloadSeries = z.output<typeof overloadSeriesSchema>;

/** Rows in time order (as RunReads.overloadSamples returns them) to series, in order of first appearance. */
export function toOverloadSeries(rows: readonly OverloadSample[]): OverloadSeries[] {
  const byKey = new Map<string, OverloadSeries>();
  for (const r of rows) {
    const key = `${r.source}\u0000${r.name}\u0000${r.metric}`;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { source: r.source, name: r.name, metric: r.metric, t: [], value: [] }));
    s.t.push(r.t);
    s.value.push(r.value);
  }
  return [...byKey.values()];
}

/** A time point of a series. */
export interface TimePoint {
  t: number;
  v: number;
}

/**
 * Points that each hold the mean over the step ending at their t, merged
 * into spans of at least `span` seconds: the mean of a span is the
 * step-weighted mean of its points (exact, whatever the steps were).
 */
export function meanOverSpans(points: readonly TimePoint[], span: number): TimePoint[] {
  const out: TimePoint[] = [];
  let start = points[0]?.t ?? 0;
  let area = 0;
  let last = start;
  for (const p of points.slice(1)) {
    area += p.v * (p.t - last);
    last = p.t;
    if (last - start >= span - 1e-9) {
      out.push({ t: last, v: area / (last - start) });
      start = last;
      area = 0;
    }
  }
  if (last > start) out.push({ t: last, v: area / (last - start) });
  return points.length > 0 ? [{ t: points[0]!.t, v: points[0]!.v }, ...out] : [];
}

/** Keeps a step series' first point, its changes and its last point (a grid repeats the state). */
export function changesOnly(points: readonly TimePoint[]): TimePoint[] {
  return points.filter((p, i) => i === 0 || i === points.length - 1 || p.v !== points[i - 1]!.v);
}

/** Open spells as [start, end] in scenario seconds: drawn as bands behind the step line. */
export function openSpells(steps: readonly TimePoint[], end: number, state: number = BREAKER_STATE_VALUE.open): [number, number][] {
  const out: [number, number][] = [];
  steps.forEach((p, i) => {
    if (p.v !== state) return;
    const until = steps[i + 1]?.t ?? end;
    const last = out[out.length - 1];
    if (last && last[1] >= p.t) last[1] = Math.max(last[1], until);
    else out.push([p.t, until]);
  });
  return out.filter(([a, b]) => b > a);
}
