// Which sweep the Sweep tab shows and by which metric, kept while the tab is
// hidden (tabs unmount their panels).
import { create } from 'zustand';

export const VERDICT_METRIC = 'verdict';

interface SweepSelection {
  sweepId: string | null;
  /** A SWEEP_METRICS key, or VERDICT_METRIC. */
  metric: string;
  select(sweepId: string | null): void;
  setMetric(metric: string): void;
}

export const useSweepSelection = create<SweepSelection>((set) => ({
  sweepId: null,
  metric: 'success_rate',
  select: (sweepId) => set({ sweepId }),
  setMetric: (metric) => set({ metric }),
}));
