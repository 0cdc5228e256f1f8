// Loads the selected runs (scenario and timeline each), in selection order.
import { useEffect, useState } from 'react';
import type { LabApi, RunDetail } from '../../../shared/lab-api/lab-api.ts';
import type { RunTimeline } from '../../../shared/timeline/index.ts';
import { loadRunDetail, loadRunTimeline } from './compared-run-cache.ts';

export interface ComparedRun {
  detail: RunDetail;
  timeline: RunTimeline;
}

export type ComparedRunsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; runs: ComparedRun[] };

async function loadRun(api: LabApi, id: string): Promise<ComparedRun> {
  const detail = await loadRunDetail(api, id);
  const timeline = await loadRunTimeline(api, id, detail.status !== 'running');
  return { detail, timeline };
}

export function useComparedRuns(api: LabApi, ids: readonly string[]): ComparedRunsState {
  const [state, setState] = useState<ComparedRunsState>({ status: 'loading' });
  const key = ids.join(',');
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    Promise.all(key.split(',').map((id) => loadRun(api, id))).then(
      (runs) => current && setState({ status: 'ready', runs }),
      (error: unknown) => current && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, key]);
  return state;
}
