// The header's second half: Run / Play-Pause / Step / Stop (Skip to end in a
// replay; Resume for a stopped live run), the clock with how long the replay
// takes, progress.
import { useRef, type ReactElement } from 'react';
import { usePlayback } from '../state/playback-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';
import { useConnection } from '../state/connection-store.ts';
import { useScenario } from '../state/scenario-store.ts';
import { ExportControl } from './export/ExportControl.tsx';
import { formatSeconds } from './format.ts';
import { formatSpeed, formatWallLength, replayLength } from '../state/replay-speed.ts';
import { canResume, resumeLive } from '../state/run-actions.ts';
import { startNewRun, step, stop, togglePlay } from './playback-commands.ts';
import { RunProgress } from './RunProgress.tsx';
import { useKeepFocus } from './use-keep-focus.ts';

export function RunControls(): ReactElement {
  const run = useRun();
  const playing = usePlayback((s) => s.playing);
  const cursor = usePlayback((s) => s.cursor);
  const speed = usePlayback((s) => s.speed);
  const connected = useConnection((s) => s.status === 'connected');
  const validation = useScenario((s) => s.validation.status);
  const hasRun = run.phase === 'finished' || run.phase === 'live';
  const busy = run.phase === 'starting' || run.phase === 'loading';
  const invalid = validation === 'invalid';
  const runTitle = !connected
    ? 'Not connected to the lab'
    : invalid
      ? 'The scenario has errors: fix them in the Scenario tab first'
      : run.phase === 'live'
        ? 'A live run is going: stop it first'
        : 'Start a new run of the scenario in the editor';
  const buttons = useRef<HTMLDivElement>(null);
  useKeepFocus(buttons);
  const end = runEndTime(run);
  const replay = run.phase === 'finished';
  // A live run's workers take a few seconds to spawn and connect; until the
  // first job event the clock sits at 0.0, which reads as "stuck" without a word.
  const startingWorkers = run.mode === 'live' && (run.phase === 'starting' || (run.phase === 'live' && run.lastEventTime === 0));
  return (
    <section className="run-controls" aria-label="Run controls">
      <div className="button-row" ref={buttons}>
        <button type="button" className="primary" onClick={startNewRun} disabled={!connected || invalid || busy || run.phase === 'live'} title={runTitle}>
          <span aria-hidden="true">▶ </span>Run
        </button>
        <button type="button" onClick={togglePlay} disabled={!playing && !hasRun} title={playing ? 'Pause playback (Space)' : 'Play the open run from here (Space)'}>
          {playing ? <><span aria-hidden="true">❚❚ </span>Pause</> : <><span aria-hidden="true">▷ </span>Play</>}
        </button>
        <button type="button" onClick={step} disabled={!hasRun} title="Pause and move on 1 scenario second (.)">
          <span aria-hidden="true">→ </span>Step
        </button>
        {replay ? (
          <button type="button" onClick={stop} title="End playback and show the whole run">
            <span aria-hidden="true">⇥ </span>Skip to end
          </button>
        ) : (
          <button type="button" onClick={stop} disabled={run.phase !== 'live'} title="Stop the live run">
            <span aria-hidden="true">■ </span>Stop
          </button>
        )}
        {canResume(run) && (
          <button type="button" onClick={() => void resumeLive()} disabled={!connected} title="Continue this stopped live run from where it stopped">
            <span aria-hidden="true">↻ </span>Resume
          </button>
        )}
      </div>
      <output className="clock" aria-label="Scenario time" aria-live="off">
        t = <span className="num">{formatSeconds(hasRun ? cursor : 0)}</span> s
        {hasRun && <span className="clock-end"> / {formatSeconds(end)} s</span>}
      </output>
      {startingWorkers && (
        <span role="status" className="starting-workers muted">
          Starting workers…
        </span>
      )}
      {replay && (
        <span className="replay-length muted" title="How long the whole replay takes at this speed (Speed in the header changes it)">
          replay {formatWallLength(replayLength(end, speed))} at {formatSpeed(speed)}
        </span>
      )}
      <RunProgress />
      <ExportControl />
    </section>
  );
}
