// "Keep scales" in the Charts tab: while on, each chart's y axis only grows,
// to the largest value of any run shown since, so switching from one run
// to another keeps the axes and the difference stays visible (a smaller
// peak looks smaller, instead of being stretched to the same height).
import { useEffect } from 'react';
import { create } from 'zustand';

interface ChartScaleState {
  keep: boolean;
  /** The largest y seen per chart while keep is on. */
  maxima: Record<string, number>;
  setKeep(keep: boolean): void;
  note(key: string, yMax: number): void;
}

export const useChartScale = create<ChartScaleState>((set, get) => ({
  keep: false,
  maxima: {},
  setKeep: (keep) => set({ keep, maxima: {} }),
  note: (key, yMax) => {
    const { keep, maxima } = get();
    if (keep && Number.isFinite(yMax) && yMax > (maxima[key] ?? 0)) set({ maxima: { ...maxima, [key]: yMax } });
  },
}));

/** The y maximum a chart draws: its own, or with Keep scales the largest seen for `key`. */
export function useKeptMax(key: string | undefined, own: number): number {
  const keep = useChartScale((s) => s.keep);
  const kept = useChartScale((s) => (key && s.keep ? (s.maxima[key] ?? 0) : 0));
  const note = useChartScale((s) => s.note);
  // keep is a dependency: switching it on must record the scale on screen now.
  useEffect(() => {
    if (key && keep) note(key, own);
  }, [key, own, note, keep]);
  return Math.max(own, kept);
}
