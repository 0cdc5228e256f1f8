// Run / Pause / Step / Stop as plain functions, shared by the buttons and the
// keyboard shortcuts so both do exactly the same thing.
import { runInstant, startLive, stopRun } from '../state/run-actions.ts';
import { STEP_SECONDS, usePlayback } from '../state/playback-store.ts';
import { useRunSettings } from '../state/run-settings-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';

/** Run starts a new run when none is open (or the open one is over and at its end); otherwise it resumes playback. */
export function runOrResume(): void {
  const run = useRun.getState();
  const playback = usePlayback.getState();
  if (run.phase === 'live') {
    usePlayback.setState({ playing: true, follow: true, cursor: run.lastEventTime });
    return;
  }
  const atEnd = playback.cursor >= runEndTime(run) - 1e-9;
  if (run.phase === 'finished' && !atEnd) return playback.play();
  startNewRun();
}

export function startNewRun(): void {
  if (useRunSettings.getState().mode === 'live') void startLive();
  else void runInstant();
}

export function pause(): void {
  usePlayback.getState().pause();
}

/** Space: pause, resume, or replay a finished run from the start; never starts a new run (that is Run's job). */
export function togglePlay(): void {
  const run = useRun.getState();
  const playback = usePlayback.getState();
  if (playback.playing) return pause();
  if (run.phase === 'live') return runOrResume();
  if (run.phase !== 'finished') return;
  if (playback.cursor >= runEndTime(run) - 1e-9) usePlayback.setState({ cursor: 0 });
  usePlayback.getState().play();
}

export function step(): void {
  const run = useRun.getState();
  const { cursor } = usePlayback.getState();
  usePlayback.setState({ playing: false, follow: false, cursor: Math.min(runEndTime(run), cursor + STEP_SECONDS) });
}

export function stop(): void {
  void stopRun();
}
