// The header's second half: Run / Pause / Step / Stop, the clock, progress.
import type { ReactElement } from 'react';
import { usePlayback } from '../state/playback-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';
import { useConnection } from '../state/connection-store.ts';
import { useScenario } from '../state/scenario-store.ts';
import { ExportControl } from './export/ExportControl.tsx';
import { formatSeconds } from './format.ts';
import { pause, runOrResume, step, stop } from './playback-commands.ts';
import { RunProgress } from './RunProgress.tsx';

export function RunControls(): ReactElement {
  const run = useRun();
  const playing = usePlayback((s) => s.playing);
  const cursor = usePlayback((s) => s.cursor);
  const connected = useConnection((s) => s.status === 'connected');
  const validation = useScenario((s) => s.validation.status);
  const hasRun = run.phase === 'finished' || run.phase === 'live';
  const busy = run.phase === 'starting' || run.phase === 'loading';
  const invalid = validation === 'invalid';
  const runTitle = !connected
    ? 'Not connected to the lab'
    : invalid
      ? 'The scenario has errors: fix them in the Scenario tab first'
      : 'Run the scenario, or resume playback (Space)';
  const end = runEndTime(run);
  return (
    <section className="run-controls" aria-label="Run controls">
      <div className="button-row">
        <button type="button" className="primary" onClick={runOrResume} disabled={!connected || invalid || busy || (playing && hasRun)} title={runTitle}>
          <span aria-hidden="true">▶ </span>Run
        </button>
        <button type="button" onClick={pause} disabled={!playing} title="Pause playback (Space)">
          <span aria-hidden="true">❚❚ </span>Pause
        </button>
        <button type="button" onClick={step} disabled={!hasRun} title="Pause and move on 1 scenario second (.)">
          <span aria-hidden="true">→ </span>Step
        </button>
        <button type="button" onClick={stop} disabled={!hasRun} title={run.phase === 'live' ? 'Stop the live run' : 'End playback and show the whole run'}>
          <span aria-hidden="true">■ </span>Stop
        </button>
      </div>
      <output className="clock" aria-label="Scenario time" aria-live="off">
        t = <span className="num">{formatSeconds(hasRun ? cursor : 0)}</span> s
        {hasRun && <span className="clock-end"> / {formatSeconds(end)} s</span>}
      </output>
      <RunProgress />
      <ExportControl />
    </section>
  );
}
