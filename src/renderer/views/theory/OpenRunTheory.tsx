// Erlang C for the open run, in the Stats panel. The summary carries the
// prediction when the run fits M/M/c; otherwise the stored scenario is read
// (once per run) to say why it does not fit.
import { useEffect, useState, type ReactElement } from 'react';
import { useConnection } from '../../state/connection-store.ts';
import { useRun } from '../../state/run-store.ts';
import { loadRunDetail } from '../compare/compared-run-cache.ts';
import { TheoryPanel } from './TheoryPanel.tsx';

function useScenarioSpec(runId: string | null, needed: boolean): { spec: unknown; loaded: boolean } {
  const api = useConnection((s) => s.api);
  const [state, setState] = useState<{ runId: string | null; spec: unknown }>({ runId: null, spec: null });
  useEffect(() => {
    if (!api || !runId || !needed) return;
    let current = true;
    loadRunDetail(api, runId).then(
      (d) => current && setState({ runId, spec: d.scenarioSpec }),
      () => current && setState({ runId, spec: null }),
    );
    return () => {
      current = false;
    };
  }, [api, runId, needed]);
  return { spec: state.runId === runId ? state.spec : null, loaded: state.runId === runId };
}

export function OpenRunTheory(): ReactElement | null {
  const runId = useRun((s) => s.runId);
  const summary = useRun((s) => s.summary);
  const needsSpec = summary !== null && summary.theory === undefined;
  const { spec, loaded } = useScenarioSpec(runId, needsSpec);
  return (
    <div className="theory-section">
      <h3>Theory: Erlang C (M/M/c)</h3>
      {summary === null ? (
        <p className="muted">Shown when the run is finished: Erlang C’s mean wait and queue length next to the measured ones, where the scenario is M/M/c.</p>
      ) : needsSpec && !loaded ? (
        <p className="muted">Checking the scenario…</p>
      ) : (
        <TheoryPanel summary={summary} scenarioSpec={spec} />
      )}
    </div>
  );
}
