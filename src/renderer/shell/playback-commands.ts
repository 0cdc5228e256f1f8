// Run / Play-Pause / Step / Skip to end as plain functions, shared by the
// buttons and the keyboard shortcuts so both do exactly the same thing.
// Run always means "a new run of the scenario in the editor"; resuming a
// paused replay is Play (or Space), never Run, so an edited scenario is
// never mistaken for the run on screen.
import { runInstant, startLive, stopRun } from '../state/run-actions.ts';
import { STEP_SECONDS, usePlayback } from '../state/playback-store.ts';
import { useRunSettings } from '../state/run-settings-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';

export function startNewRun(): void {
  if (useRunSettings.getState().mode === 'live') void startLive();
  else void runInstant();
}

export function pause(): void {
  usePlayback.getState().pause();
}

/** Space and the Play button: pause, resume, or replay a finished run from the start; never starts a new run (that is Run's job). */
export function togglePlay(): void {
  const run = useRun.getState();
  const playback = usePlayback.getState();
  if (playback.playing) return pause();
  if (run.phase === 'live') {
    usePlayback.setState({ playing: true, follow: true, cursor: run.lastEventTime });
    return;
  }
  if (run.phase !== 'finished') return;
  if (playback.cursor >= runEndTime(run) - 1e-9) usePlayback.setState({ cursor: 0 });
  usePlayback.getState().play();
}

export function step(): void {
  const run = useRun.getState();
  const { cursor } = usePlayback.getState();
  usePlayback.setState({ playing: false, follow: false, cursor: Math.min(runEndTime(run), cursor + STEP_SECONDS) });
}

/** Live: stop the run. Replay: skip to its end. */
export function stop(): void {
  void stopRun();
}
