// Stored runs, newest first: click one to reopen and scrub through it. Each
// row says when it started, its short id and its outcome, so three runs of
// one scenario and seed can be told apart.
import { useEffect, type ReactElement } from 'react';
import type { RunInfo } from '../../shared/lab-api/lab-api.ts';
import { formatCount } from './format.ts';
import { useConnection } from '../state/connection-store.ts';
import { reopenRun } from '../state/reopen-run.ts';
import { useRunHistory } from '../state/run-history-store.ts';
import { useRun } from '../state/run-store.ts';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function outcome(r: RunInfo): string {
  const jobs = r.summary?.jobs;
  return jobs ? `${formatCount(jobs.succeeded)} ok, ${formatCount(jobs.dead)} dead` : 'completed';
}

export function RunHistoryPanel(): ReactElement {
  const api = useConnection((s) => s.api);
  const { runs, loading, error, refresh } = useRunHistory();
  const openId = useRun((s) => s.runId);
  useEffect(() => {
    if (api) void refresh(api);
  }, [api, refresh]);
  return (
    <section className="panel run-history" aria-labelledby="history-heading">
      <div className="panel-title-row">
        <h2 id="history-heading">Run history</h2>
        <button type="button" className="small" onClick={() => api && void refresh(api)} disabled={!api || loading}>
          Refresh
        </button>
      </div>
      {error && <p className="error-text">Could not list runs: {error}</p>}
      {runs.length === 0 && !error && <p className="muted">No stored runs yet. Pick a scenario and press Run; every run is kept here to reopen.</p>}
      <ul className="history-list">
        {runs.slice(0, 50).map((r) => (
          <li key={r.id}>
            <button type="button" className="history-item" aria-current={r.id === openId ? 'true' : undefined} onClick={() => void reopenRun(r.id)}>
              <span className="history-name">{r.scenario}</span>
              <span className="history-meta muted">
                {r.mode} · seed {r.seed} · {when(r.createdAt)}
              </span>
              <span className="history-meta muted">
                #{r.id.slice(0, 8)} · {r.status === 'completed' ? outcome(r) : r.status}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
