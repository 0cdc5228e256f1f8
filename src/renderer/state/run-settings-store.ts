// How the next run starts: instant or live, the seed (null: the scenario's
// own) and, for live runs, how fast scenario time passes on the wall clock.
import { create } from 'zustand';

export type RunMode = 'instant' | 'live';

export const TIME_SCALES = [0.01, 0.05, 0.1, 0.25, 0.5, 1] as const;

export interface RunSettingsState {
  mode: RunMode;
  seed: number | null;
  /** Wall seconds per scenario second (live). */
  timeScale: number;
  setMode(mode: RunMode): void;
  setSeed(seed: number | null): void;
  setTimeScale(scale: number): void;
}

export const useRunSettings = create<RunSettingsState>((set) => ({
  mode: 'instant',
  seed: null,
  timeScale: 0.05,
  setMode: (mode) => set({ mode }),
  setSeed: (seed) => set({ seed }),
  setTimeScale: (timeScale) => set({ timeScale }),
}));
