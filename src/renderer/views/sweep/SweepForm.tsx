// Starts a sweep of the scenario in the editor over one or two keys: the
// grid's rows and columns. The host checks every combination before it runs
// anything, so a bad key or value comes back here, named.
import { useState, type FormEvent, type ReactElement } from 'react';
import type { LabApi, SweepVary } from '../../../shared/lab-api/lab-api.ts';
import { errorText, scenarioParams } from '../../state/run-actions.ts';
import { useRunSettings } from '../../state/run-settings-store.ts';
import { useScenario } from '../../state/scenario-store.ts';
import { BUILTIN_SWEEPS, type BuiltinSweep } from '../../../shared/library/builtin-sweeps.ts';
import { parseValues, variableKeys } from './sweep-keys.ts';

interface Axis {
  path: string;
  values: string;
}

function AxisFields({ id, legend, axis, onChange }: { id: string; legend: string; axis: Axis; onChange(axis: Axis): void }): ReactElement {
  return (
    <fieldset className="sweep-axis">
      <legend>{legend}</legend>
      <label>
        Key
        <input id={`${id}-path`} list="sweep-keys" value={axis.path} spellCheck={false} placeholder="workers.count" onChange={(e) => onChange({ ...axis, path: e.target.value })} />
      </label>
      <label>
        Values
        <input id={`${id}-values`} value={axis.values} spellCheck={false} placeholder="1, 2, 4" onChange={(e) => onChange({ ...axis, values: e.target.value })} />
      </label>
    </fieldset>
  );
}

export function SweepForm({ api, busy, onStarted }: { api: LabApi; busy: boolean; onStarted(sweepId: string): void }): ReactElement {
  const lastValid = useScenario((s) => s.lastValid);
  const seed = useRunSettings((s) => s.seed);
  const [rows, setRows] = useState<Axis>({ path: 'workers.count', values: '1, 2, 3, 4' });
  const [columns, setColumns] = useState<Axis>({ path: 'retry.maxAttempts', values: '1, 3, 5' });
  const [seeds, setSeeds] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const vary: SweepVary[] = [];
    for (const [name, axis] of [['Rows', rows], ['Columns', columns]] as const) {
      if (name === 'Columns' && axis.path.trim() === '') continue;
      if (axis.path.trim() === '') return setError(`${name}: name a key to vary, e.g. workers.count`);
      const parsed = parseValues(axis.values);
      if (!parsed.ok) return setError(`${name} (${axis.path}): ${parsed.message}`);
      vary.push({ path: axis.path.trim(), values: parsed.values });
    }
    setError(null);
    setStarting(true);
    try {
      const { sweepId } = await api.startSweep({ ...scenarioParams(), ...(seed === null ? {} : { seed }), vary, seeds });
      onStarted(sweepId);
    } catch (err) {
      // The host names its method ("startSweep: ..."); the user pressed Run sweep and needs only the why.
      setError(`The sweep did not start: ${errorText(err).replace(/^startSweep: /, '')}.`);
    } finally {
      setStarting(false);
    }
  };

  // A built-in sweep brings its scenario and axes: the editor's scenario is not touched.
  const startBuiltin = async (sweep: BuiltinSweep): Promise<void> => {
    setError(null);
    setStarting(true);
    try {
      const { sweepId } = await api.startSweep({ scenario: sweep.scenario as Record<string, unknown>, vary: sweep.vary });
      onStarted(sweepId);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setStarting(false);
    }
  };

  return (
    <form className="sweep-form" aria-label="New sweep" onSubmit={(e) => void submit(e)}>
      <p className="sweep-form-what">
        Sweep <strong>{lastValid?.name ?? 'the scenario in the editor'}</strong> in instant mode: one run per cell (per seed), every run stored.
      </p>
      <datalist id="sweep-keys">
        {variableKeys(lastValid).map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <div className="sweep-form-fields">
        <AxisFields id="sweep-rows" legend="Rows" axis={rows} onChange={setRows} />
        <AxisFields id="sweep-columns" legend="Columns (optional)" axis={columns} onChange={setColumns} />
        <label className="sweep-seeds">
          Seeds per cell
          <input type="number" min={1} max={20} value={seeds} onChange={(e) => setSeeds(Math.max(1, Math.min(20, Math.round(Number(e.target.value)) || 1)))} />
        </label>
        <button type="submit" className="primary" disabled={busy || starting}>
          {busy ? 'Sweep running…' : 'Run sweep'}
        </button>
      </div>
      <p className="sweep-builtins">
        Built-in:{' '}
        {BUILTIN_SWEEPS.map((b) => (
          <button key={b.key} type="button" title={b.teaches} disabled={busy || starting} onClick={() => void startBuiltin(b)}>
            {b.title}
          </button>
        ))}
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
