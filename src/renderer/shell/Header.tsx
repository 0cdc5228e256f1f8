// The top bar: which scenario, how to run it, and the run controls (UI.md).
import type { ReactElement } from 'react';
import { SPEEDS, usePlayback } from '../state/playback-store.ts';
import { formatSpeed } from '../state/replay-speed.ts';
import { runEndTime, useRun } from '../state/run-store.ts';
import { usePrefs } from '../state/prefs-store.ts';
import { TIME_SCALES, useRunSettings } from '../state/run-settings-store.ts';
import { useScenario } from '../state/scenario-store.ts';
import { HelpPopover } from './HelpPopover.tsx';
import { LibraryToggle } from './LibraryDrawer.tsx';
import { RunControls } from './RunControls.tsx';
import { ScenarioSelect } from './ScenarioSelect.tsx';

export function Header(): ReactElement {
  const settings = useRunSettings();
  const speed = usePlayback((s) => s.speed);
  const setSpeed = usePlayback((s) => s.setSpeed);
  const fitSpeed = usePlayback((s) => s.fitSpeed);
  const runEnd = useRun(runEndTime);
  const prefs = usePrefs();
  const scenarioSeed = useScenario((s) => s.builtins.find((b) => b.key === s.builtinKey)?.scenario.seed);
  return (
    <header className="app-header">
      <div className="header-row">
        <h1 className="app-title">Queue Lab</h1>
        <ScenarioSelect />
        <fieldset className="mode-switch">
          <legend>Mode</legend>
          {(['instant', 'live'] as const).map((mode) => (
            <label key={mode} title={mode === 'live' ? 'Real worker processes on the SQLite file; chaos buttons work' : 'Simulated on a virtual clock: deterministic, then replayed'}>
              <input
                type="radio"
                name="run-mode"
                value={mode}
                checked={settings.mode === mode}
                onChange={() => settings.setMode(mode)}
              />
              {mode}
            </label>
          ))}
        </fieldset>
        <label className="field-inline">
          Seed
          <input
            type="number"
            className="seed-input num"
            min={0}
            step={1}
            value={settings.seed ?? ''}
            placeholder={scenarioSeed === undefined ? 'scenario' : String(scenarioSeed)}
            onChange={(e) => settings.setSeed(e.target.value === '' ? null : Math.max(0, Math.floor(Number(e.target.value))))}
          />
        </label>
        {settings.mode === 'instant' ? (
          <label className="field-inline" title="Scenario seconds per wall second while replaying; Fit plays any run in about 25 s">
            Speed
            <select value={fitSpeed ? 'fit' : speed} onChange={(e) => (e.target.value === 'fit' ? usePlayback.getState().fitTo(runEnd) : setSpeed(Number(e.target.value)))}>
              <option value="fit">{fitSpeed ? `Fit (${formatSpeed(speed)})` : 'Fit to about 25 s'}</option>
              {SPEEDS.map((s) => (
                <option key={s} value={s}>{`${s}×`}</option>
              ))}
            </select>
          </label>
        ) : (
          <label className="field-inline" title="Wall seconds per scenario second">
            Time scale
            <select value={settings.timeScale} onChange={(e) => settings.setTimeScale(Number(e.target.value))}>
              {TIME_SCALES.map((s) => (
                <option key={s} value={s}>{`1 s = ${s * 1000} ms`}</option>
              ))}
            </select>
          </label>
        )}
        <div className="header-tools">
          <LibraryToggle />
          <button type="button" className="theme-toggle" aria-pressed={prefs.theme === 'dark'} onClick={() => prefs.setTheme(prefs.theme === 'dark' ? 'light' : 'dark')}>
            {prefs.theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </button>
          <button type="button" aria-pressed={prefs.presentation} onClick={prefs.togglePresentation} title="Large type, high contrast (p)">
            Presentation
          </button>
          <HelpPopover />
        </div>
      </div>
      <RunControls />
    </header>
  );
}
