// The stored sweeps, and the chosen one's detail, polled while it runs so
// the progress bar moves and the grid fills in cell by cell.
import { useCallback, useEffect, useState } from 'react';
import type { LabApi, SweepDetail, SweepInfo } from '../../../shared/lab-api/lab-api.ts';

const POLL_MS = 400;

export function useSweepList(api: LabApi): { sweeps: SweepInfo[]; refresh(): void; error: string | null } {
  const [sweeps, setSweeps] = useState<SweepInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api.listSweeps().then(
      (list) => {
        setSweeps(list);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api]);
  useEffect(refresh, [refresh]);
  return { sweeps, refresh, error };
}

export function useSweepDetail(api: LabApi, sweepId: string | null, onFinished: () => void): { detail: SweepDetail | null; error: string | null } {
  const [detail, setDetail] = useState<SweepDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setError(null);
    if (!sweepId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const sweep = await api.getSweep({ sweepId });
        if (stopped) return;
        setDetail(sweep);
        if (sweep.status === 'running') timer = setTimeout(() => void load(), POLL_MS);
        else onFinished();
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onFinished is a refresh of the list: a new function each render must not restart the poll.
  }, [api, sweepId]);
  return { detail, error };
}
