// Choose 2-4 stored runs to compare (the first chosen is the baseline, A),
// or in one click the open run against the previous run of its scenario or
// against its built-in twin.
import type { ReactElement } from 'react';
import type { LabApi, RunInfo } from '../../../shared/lab-api/lab-api.ts';
import { MAX_COMPARED, previousRunPair, useCompareSelection } from './compare-selection.ts';
import { RUN_LETTERS } from './run-labels.ts';
import { TwinButton } from './TwinButton.tsx';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function RunPicker({ api, runs, openId }: { api: LabApi; runs: readonly RunInfo[]; openId: string | null }): ReactElement {
  const { selected, toggle, set } = useCompareSelection();
  const pair = previousRunPair(runs, openId);
  const full = selected.length >= MAX_COMPARED;
  return (
    <fieldset className="compare-picker">
      <legend>Runs to compare (2 to {MAX_COMPARED}; the first picked is A, the baseline)</legend>
      <div className="compare-picker-actions">
        <button type="button" className="small" disabled={!pair} onClick={() => pair && set(pair)} title={pair ? undefined : 'needs an earlier run of the same scenario'}>
          Compare with the previous run of this scenario
        </button>
        <TwinButton api={api} runs={runs} openId={openId} />
        <button type="button" className="small" disabled={selected.length === 0} onClick={() => set([])}>
          Clear
        </button>
      </div>
      <ul className="compare-run-list">
        {runs.slice(0, 40).map((r) => {
          const at = selected.indexOf(r.id);
          return (
            <li key={r.id}>
              <label className={at >= 0 ? 'is-picked' : undefined}>
                <input type="checkbox" checked={at >= 0} disabled={at < 0 && (full || r.status === 'running')} onChange={() => toggle(r.id)} />
                <span className="compare-pick-letter" aria-hidden="true">
                  {at >= 0 ? RUN_LETTERS[at] : ''}
                </span>
                <span className="compare-pick-name">{r.scenario}</span>
                <span className="muted compare-pick-meta">
                  {r.mode} · seed {r.seed} · {r.status === 'completed' ? when(r.createdAt) : r.status}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
