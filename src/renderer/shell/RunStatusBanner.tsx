// One line above the board saying what is on screen and what to do next:
// the empty state before any run, loading, errors with their cause.
import type { ReactElement } from 'react';
import { useConnection } from '../state/connection-store.ts';
import { useRun } from '../state/run-store.ts';
import { formatCount } from './format.ts';

export function RunStatusBanner(): ReactElement | null {
  const run = useRun();
  const connection = useConnection();
  if (connection.status === 'failed' || connection.status === 'closed') {
    return (
      <p className="banner banner-error" role="alert">
        {connection.status === 'failed' ? 'Could not reach the lab' : 'The connection to the lab closed'}
        {connection.error ? `: ${connection.error}` : ''}. Check that <code>queue-lab serve</code> is still running, then{' '}
        <button type="button" className="small" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    );
  }
  switch (run.phase) {
    case 'idle':
      return (
        <p className="banner">
          No run yet. Pick a scenario in the library (or open a file), then press <strong>Run</strong>; the board, lanes and charts fill in as it plays.
        </p>
      );
    case 'starting':
      return <p className="banner" role="status">Running the scenario…</p>;
    case 'loading':
      return (
        <p className="banner" role="status">
          Loading run {run.runId}: {formatCount(run.eventsLoaded)}
          {run.eventsExpected ? ` of ${formatCount(run.eventsExpected)}` : ''} events…
        </p>
      );
    case 'error':
      return (
        <p className="banner banner-error" role="alert">
          {run.error}
        </p>
      );
    case 'live':
      return (
        <p className="banner banner-live" role="status">
          <span className="live-dot" aria-hidden="true" /> Live run {run.runId} of “{run.scenarioName}”: fire faults from the chaos bar above (one key each, see Keys), Stop ends it.
        </p>
      );
    case 'finished':
      return (
        <p className="banner">
          Run {run.runId} of “{run.scenarioName}” ({run.mode}, seed {run.info?.seed ?? run.summary?.seed ?? '–'}): {formatCount(run.eventsLoaded)} events.
          {run.info?.status === 'interrupted' && <> Stopped before its end; <code>queue-lab resume {run.runId}</code> finishes it.</>} Drag the timeline below to
          scrub; click a job to inspect it.
        </p>
      );
  }
}
