// A dead-letter action changes the store. The shell bumps `version` only
// while it streams the run's events, which it may not do for a finished
// run, so the views that show jobs (inspector, event log) also listen here
// and read again right after an action.
import { useEffect, useState } from 'react';

type Listener = (runId: string) => void;
const listeners = new Set<Listener>();

export function announceStoreChange(runId: string): void {
  for (const listener of listeners) listener(runId);
}

/** A counter that grows each time an action changed this run's store. */
export function useStoreChanges(runId: string): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const listener: Listener = (changed) => {
      if (changed === runId) setChanges((n) => n + 1);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [runId]);
  return changes;
}
