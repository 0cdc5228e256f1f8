// The dead-letter table's data and actions. Every action calls the real
// store through the LabApi (which writes retried_from_dead / cancelled
// events, so the event log shows it), then reads the table again and says
// what happened in one status line.
import { useCallback, useEffect, useState } from 'react';
import { LabApiError, type DeadJobInfo, type LabApi } from '../../../shared/lab-api/lab-api.ts';
import { useThrottledValue } from '../inspector/use-throttled-value.ts';
import { announceStoreChange } from './store-changes.ts';

export interface DeadLetterState {
  rows: DeadJobInfo[];
  loaded: boolean;
  /** The table held rows earlier (so an empty one was emptied by hand, not never filled). */
  hadRows: boolean;
  /** The outcome of the last action or read, for the status line. */
  status: { text: string; error: boolean } | null;
  busy: boolean;
  retryOne(d: DeadJobInfo): Promise<void>;
  forgetOne(d: DeadJobInfo): Promise<void>;
  retryAll(): Promise<void>;
  flush(): Promise<void>;
}

/** Forgets run this many at a time: a flush of thousands should not take a round trip each in turn. */
const FLUSH_PARALLEL = 32;

function describe(error: unknown): string {
  if (error instanceof LabApiError && error.code === 'not_dead') return `${error.message} (someone acted on it first)`;
  return (error as Error).message ?? String(error);
}

export function useDeadLetters(api: LabApi, runId: string, version: number): DeadLetterState {
  const [rows, setRows] = useState<DeadJobInfo[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [hadRows, setHadRows] = useState(false);
  const [status, setStatus] = useState<DeadLetterState['status']>(null);
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);
  const tick = useThrottledValue(version, 500);

  useEffect(() => {
    setRows([]);
    setLoaded(false);
    setHadRows(false);
    setStatus(null);
  }, [runId]);

  useEffect(() => {
    let cancelled = false;
    api.listDead({ runId }).then(
      (list) => {
        if (cancelled) return;
        setRows(list);
        setLoaded(true);
        if (list.length > 0) setHadRows(true);
      },
      (error: unknown) => {
        if (!cancelled) setStatus({ text: `Cannot read the dead letters: ${describe(error)}`, error: true });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, runId, tick, reloads]);

  const act = useCallback(async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setStatus({ text: await work(), error: false });
    } catch (error) {
      setStatus({ text: describe(error), error: true });
    } finally {
      setBusy(false);
      setReloads((n) => n + 1);
      announceStoreChange(runId);
    }
  }, [runId]);

  return {
    rows,
    loaded,
    hadRows,
    status,
    busy,
    retryOne: (d) =>
      act(async () => {
        await api.retryDead({ runId, jobId: d.jobId });
        return `Job ${d.seq} retried: back to pending with a fresh set of attempts.`;
      }),
    forgetOne: (d) =>
      act(async () => {
        await api.forgetDead({ runId, jobId: d.jobId });
        return `Job ${d.seq} forgotten: cancelled, its errors kept in the event log.`;
      }),
    retryAll: () =>
      act(async () => {
        const { retried } = await api.retryDead({ runId, all: true });
        return `Retried ${retried} dead job${retried === 1 ? '' : 's'}: back to pending.`;
      }),
    flush: () =>
      act(async () => {
        const all = await api.listDead({ runId });
        let forgotten = 0;
        for (let i = 0; i < all.length; i += FLUSH_PARALLEL) {
          const done = await Promise.allSettled(all.slice(i, i + FLUSH_PARALLEL).map((d) => api.forgetDead({ runId, jobId: d.jobId })));
          forgotten += done.filter((r) => r.status === 'fulfilled').length;
        }
        const missed = all.length - forgotten;
        return `Flushed: ${forgotten} dead letter${forgotten === 1 ? '' : 's'} forgotten${missed ? `, ${missed} had already left the table` : ''}.`;
      }),
  };
}
