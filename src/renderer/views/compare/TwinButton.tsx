// The one-click pair for a built-in with a twin (retry storm with and
// without jitter, graceful shutdown and kill -9): shown when the open run
// is one of them.
import { useEffect, useState, type ReactElement } from 'react';
import type { LabApi, RunInfo } from '../../../shared/lab-api/lab-api.ts';
import { useRunHistory } from '../../state/run-history-store.ts';
import { useScenario } from '../../state/scenario-store.ts';
import { useCompareSelection } from './compare-selection.ts';
import { twinOfRun, twinPair, type TwinOfRun } from './twin-pair.ts';

export function TwinButton({ api, runs, openId }: { api: LabApi; runs: readonly RunInfo[]; openId: string | null }): ReactElement | null {
  const builtins = useScenario((s) => s.builtins);
  const [pair, setPair] = useState<TwinOfRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = runs.find((r) => r.id === openId && r.status === 'completed') ?? null;
  useEffect(() => {
    let current = true;
    setPair(null);
    if (open) void twinOfRun(api, open, builtins).then((p) => current && setPair(p), () => undefined);
    return () => {
      current = false;
    };
  }, [api, open, builtins]);
  if (!pair) return null;
  const click = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const ids = await twinPair(api, runs, pair);
      await useRunHistory.getState().refresh(api);
      useCompareSelection.getState().set(ids);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="small" disabled={busy} onClick={() => void click()} title={`Runs “${pair.twin.title}” with seed ${pair.run.seed} if no such run is stored yet`}>
        {busy ? 'Running the twin…' : `Compare with its twin: ${pair.twin.title}`}
      </button>
      {error && <span className="error-text">The twin did not run: {error}</span>}
    </>
  );
}
