// The Compare tab: pick stored runs, then see them side by side.
import { useEffect, type ReactElement } from 'react';
import type { LabApi } from '../../../shared/lab-api/lab-api.ts';
import { useConnection } from '../../state/connection-store.ts';
import { useRunHistory } from '../../state/run-history-store.ts';
import { useRun } from '../../state/run-store.ts';
import { ComparedRuns } from './ComparedRuns.tsx';
import { useCompareSelection } from './compare-selection.ts';
import { RunPicker } from './RunPicker.tsx';
import { useComparedRuns } from './use-compared-runs.ts';
import './compare.css';

function Comparison({ api, ids }: { api: LabApi; ids: readonly string[] }): ReactElement {
  const state = useComparedRuns(api, ids);
  if (state.status === 'loading') return <p className="empty-state" role="status">Loading {ids.length} runs…</p>;
  if (state.status === 'error') return <p className="error-text">Could not load the runs: {state.message}</p>;
  return <ComparedRuns runs={state.runs} />;
}

export function CompareView(): ReactElement {
  const api = useConnection((s) => s.api);
  const { runs, refresh } = useRunHistory();
  const openId = useRun((s) => s.runId);
  const phase = useRun((s) => s.phase);
  const selected = useCompareSelection((s) => s.selected);
  // A run that just finished should be pickable without pressing Refresh.
  useEffect(() => {
    if (api) void refresh(api);
  }, [api, refresh, phase]);
  if (!api) return <p className="empty-state">Not connected to the lab yet.</p>;
  const tooFew = 'Compare needs two stored runs. Run a scenario twice with one setting changed (say, 2 workers, then 4), then pick both here.';
  if (runs.length === 0) return <p className="empty-state">{tooFew}</p>;
  return (
    <section className="compare" aria-label="Compare runs">
      <RunPicker api={api} runs={runs} openId={openId} />
      {runs.length < 2 && selected.length < 2 ? (
        <p className="empty-state">{tooFew} A built-in with a twin (the retry storms) pairs with it in one click above.</p>
      ) : selected.length < 2 ? (
        <p className="empty-state">Pick {selected.length === 0 ? 'two to four runs' : 'one more run'} above, or compare the open run with the previous run of its scenario.</p>
      ) : (
        <Comparison api={api} ids={selected} />
      )}
    </section>
  );
}
