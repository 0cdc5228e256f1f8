// The playback cursor: the scenario second every view shows. A finished run
// is replayed by advancing it on animation frames at `speed` scenario
// seconds per wall second; a live run's cursor follows the newest event
// unless the user paused or scrubbed.
import { create } from 'zustand';
import { fittedReplaySpeed } from './replay-speed.ts';

export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 30, 100] as const;
/** How far Step moves the cursor, in scenario seconds. */
export const STEP_SECONDS = 1;

export interface PlaybackState {
  cursor: number;
  playing: boolean;
  /** Scenario seconds per wall second. */
  speed: number;
  /** The speed is fitted to each run's length (about 25 s of replay) until the user picks one. */
  fitSpeed: boolean;
  /** Live: the cursor tracks the newest event. */
  follow: boolean;
  setCursor(t: number): void;
  setSpeed(speed: number): void;
  /** Back to a fitted speed, for a run of `duration` scenario seconds. */
  fitTo(duration: number): void;
  play(): void;
  pause(): void;
  reset(): void;
}

export const usePlayback = create<PlaybackState>((set) => ({
  cursor: 0,
  playing: false,
  speed: 5,
  fitSpeed: true,
  follow: false,
  setCursor: (t) => set({ cursor: Math.max(0, t), follow: false }),
  setSpeed: (speed) => set({ speed, fitSpeed: false }),
  fitTo: (duration) => set({ speed: fittedReplaySpeed(duration), fitSpeed: true }),
  play: () => set({ playing: true }),
  pause: () => set({ playing: false, follow: false }),
  reset: () => set({ cursor: 0, playing: false, follow: false }),
}));
