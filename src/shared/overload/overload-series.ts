// The overload_samples rows of a run as the charts take them: one series per
// (source, name, metric), times and values in time order. The LabApi sends
// this shape (getOverloadSeries): a few thousand rows become a few dozen
// arrays, not a few thousand objects.
import { z } from 'zod';
import { OVERLOAD_METRICS, type OverloadSample } from '../tables/overload-samples.ts';

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
