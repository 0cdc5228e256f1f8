// The run-bound views of the tabs and the inspector, mounted with what they
// need from the stores. One place that knows each view's props.
import type { ReactElement } from 'react';
import { useConnection } from '../state/connection-store.ts';
import { usePlayback } from '../state/playback-store.ts';
import { useRun } from '../state/run-store.ts';
import { useSelection } from '../state/selection-store.ts';
import { ViewPlaceholder } from './ViewPlaceholder.tsx';

function useRunBinding(): { ready: boolean } {
  const api = useConnection((s) => s.api);
  const runId = useRun((s) => s.runId);
  return { ready: api !== null && runId !== null };
}

export function DeadLettersView(): ReactElement {
  const { ready } = useRunBinding();
  if (!ready) return <p className="empty-state">No run open. Run a scenario, or reopen one from the history, to see its dead-letter table.</p>;
  return <ViewPlaceholder name="Dead letters" what="the dead-letter table arrives with its view." />;
}

export function EventLogView(): ReactElement {
  const { ready } = useRunBinding();
  usePlayback((s) => s.cursor);
  useSelection((s) => s.selectedJob);
  if (!ready) return <p className="empty-state">No run open. The event log lists every state change of a run once one is open.</p>;
  return <ViewPlaceholder name="Event log" what="the streaming event log arrives with its view." />;
}

export function InspectorView(): ReactElement {
  const { ready } = useRunBinding();
  const seq = useSelection((s) => s.selectedJob);
  if (!ready) return <p className="muted">Open a run, then click a job (in the lanes, the dead letters or the event log) to see its attempts.</p>;
  if (seq === null) return <p className="muted">Click a job in the lanes, the dead-letter table or the event log to inspect it.</p>;
  return <ViewPlaceholder name="Job inspector" what={`job ${seq}: details arrive with the inspector view.`} />;
}
