// The run-bound views of the tabs and the inspector, mounted with what they
// need from the stores. One place that knows each view's props.
import type { ReactElement } from 'react';
import type { LabApi } from '../../shared/lab-api/lab-api.ts';
import { DeadLetters } from '../views/dead-letters/DeadLetters.tsx';
import { EventLog } from '../views/event-log/EventLog.tsx';
import { JobInspector } from '../views/inspector/JobInspector.tsx';
import { useConnection } from '../state/connection-store.ts';
import { usePlayback } from '../state/playback-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';
import { useSelection } from '../state/selection-store.ts';

/** The api and the open run, or null when either is missing (then the view shows what to do). */
function useOpenRun(): { api: LabApi; runId: string; version: number } | null {
  const api = useConnection((s) => s.api);
  const runId = useRun((s) => s.runId);
  const version = useRun((s) => s.version);
  return api && runId ? { api, runId, version } : null;
}

export function DeadLettersView(): ReactElement {
  const open = useOpenRun();
  const selectJob = useSelection((s) => s.selectJob);
  const cursor = usePlayback((s) => s.cursor);
  const live = useRun((s) => s.phase === 'live');
  const end = useRun(runEndTime);
  if (!open) return <p className="empty-state">No run open. Run a scenario, or reopen one from the history, to see its dead-letter table.</p>;
  return (
    <DeadLetters
      key={open.runId}
      api={open.api}
      runId={open.runId}
      version={open.version}
      onSelectJob={selectJob}
      // A live run lists every dead job as it happens; a replay lists those dead by the cursor.
      cursor={live || cursor >= end ? Infinity : cursor}
      finished={!live}
    />
  );
}

export function EventLogView(): ReactElement {
  const open = useOpenRun();
  const cursor = usePlayback((s) => s.cursor);
  const { selectedJob, selectJob } = useSelection();
  if (!open) return <p className="empty-state">No run open. The event log lists every state change of a run once one is open.</p>;
  return (
    <EventLog key={open.runId} api={open.api} runId={open.runId} version={open.version} cursor={cursor} selectedJob={selectedJob} onSelectJob={selectJob} />
  );
}

export function InspectorView(): ReactElement {
  const open = useOpenRun();
  const seq = useSelection((s) => s.selectedJob);
  const live = useRun((s) => s.phase === 'live');
  if (!open) return <p className="muted">Open a run, then click a job (in the lanes, the dead letters or the event log) to see its attempts.</p>;
  return <JobInspector key={open.runId} api={open.api} runId={open.runId} seq={seq} version={open.version} finished={!live} />;
}
