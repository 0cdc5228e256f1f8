// The open run's overload series (LabApi getOverloadSeries): read when the
// run opens, again at most every 2 s while a live run is running (its host
// and workers write samples as it goes), and once more when it finishes.
import { useEffect, useState } from 'react';
import type { OverloadSeries } from '../../../shared/overload/overload-series.ts';
import { useConnection } from '../../state/connection-store.ts';
import { useRun } from '../../state/run-store.ts';
import { useThrottledValue } from '../inspector/use-throttled-value.ts';

export interface OverloadSeriesState {
  series: OverloadSeries[];
  loaded: boolean;
  error: string | null;
  /** The run is live: samples are still coming. */
  live: boolean;
}

const LIVE_REREAD_MS = 2000;

export function useOverloadSeries(): OverloadSeriesState {
  const api = useConnection((s) => s.api);
  const runId = useRun((s) => s.runId);
  const live = useRun((s) => s.phase === 'live');
  const version = useRun((s) => s.version);
  // A finished run is read once; a live one each time its (throttled) version moves.
  const tick = useThrottledValue(live ? version : -1, LIVE_REREAD_MS);
  const [state, setState] = useState<Omit<OverloadSeriesState, 'live'>>({ series: [], loaded: false, error: null });

  useEffect(() => setState({ series: [], loaded: false, error: null }), [runId]);

  useEffect(() => {
    if (!api || !runId) return;
    let cancelled = false;
    api.getOverloadSeries({ runId }).then(
      (series) => !cancelled && setState({ series, loaded: true, error: null }),
      (error: unknown) => !cancelled && setState((s) => ({ ...s, error: (error as Error).message ?? String(error) })),
    );
    return () => {
      cancelled = true;
    };
  }, [api, runId, tick, live]);

  return { ...state, live };
}
