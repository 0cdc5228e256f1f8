// One progress bar with what it measures written beside it: replay position
// for a finished run, events read while loading, jobs finished in a live run.
import type { ReactElement } from 'react';
import { usePlayback } from '../state/playback-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';

function progressOf(run: ReturnType<typeof useRun.getState>, cursor: number): { value: number; label: string } | null {
  switch (run.phase) {
    case 'starting':
      return { value: 0, label: 'starting…' };
    case 'loading':
      return run.eventsExpected ? { value: run.eventsLoaded / run.eventsExpected, label: 'loading events' } : { value: 0, label: 'loading events' };
    case 'live': {
      if (!run.plannedJobs) return null;
      const counts = run.timeline.countsAt(run.lastEventTime);
      const done = counts.succeeded + counts.dead + counts.cancelled;
      return { value: done / run.plannedJobs, label: 'jobs finished' };
    }
    case 'finished': {
      const end = runEndTime(run);
      return { value: end > 0 ? cursor / end : 1, label: 'of the run' };
    }
    default:
      return null;
  }
}

export function RunProgress(): ReactElement {
  const run = useRun();
  const cursor = usePlayback((s) => s.cursor);
  const progress = progressOf(run, cursor);
  const value = Math.max(0, Math.min(1, progress?.value ?? 0));
  return (
    <div className="run-progress">
      <progress max={1} value={value} aria-label={progress ? `Progress: ${progress.label}` : 'Progress'} />
      <span className="num progress-percent">{progress ? `${Math.round(value * 100)} %` : '–'}</span>
      <span className="muted progress-label">{progress?.label ?? 'no run yet'}</span>
    </div>
  );
}
