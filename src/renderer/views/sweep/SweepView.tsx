// The Sweep tab: start a sweep of the scenario in the editor over one or two
// keys, or pick a stored one (the CLI's `sweep --db` too), and see where the
// system tips over: a grid coloured by verdict (recovered / metastable) or
// by a summary metric, filling in while the sweep runs. A cell opens its run.
import type { ReactElement } from 'react';
import type { LabApi, SweepDetail, SweepInfo } from '../../../shared/lab-api/lab-api.ts';
import { findSweepMetric, SWEEP_METRICS } from '../../../shared/sweep/sweep-metrics.ts';
import { useConnection } from '../../state/connection-store.ts';
import { reopenRun } from '../../state/reopen-run.ts';
import { SweepForm } from './SweepForm.tsx';
import { SweepGridView } from './SweepGridView.tsx';
import { SweepLegend } from './SweepLegend.tsx';
import { sweepGrid } from './sweep-grid.ts';
import { useSweepSelection, VERDICT_METRIC } from './sweep-selection.ts';
import { useSweepDetail, useSweepList } from './use-sweep.ts';
import './sweep.css';

function sweepTitle(s: SweepInfo): string {
  const keys = s.vary.map((v) => `${v.path} (${v.values.length})`).join(' × ');
  const status = s.status === 'completed' ? `${s.total} runs` : `${s.status}, ${s.done}/${s.total} runs`;
  return `${s.scenario}: ${keys}, ${status}, ${new Date(s.createdAt).toLocaleString()}`;
}

function SweepProgress({ sweep }: { sweep: SweepDetail }): ReactElement | null {
  if (sweep.status === 'completed') return null;
  if (sweep.status !== 'running') {
    return (
      <p className="error-text" role="status">
        This sweep {sweep.status === 'failed' ? 'failed' : 'was interrupted'} after {sweep.done} of {sweep.total} runs{sweep.error ? `: ${sweep.error}` : ''}. The finished cells are shown.
      </p>
    );
  }
  return (
    <div className="sweep-progress">
      <progress id="sweep-progress" max={sweep.total} value={sweep.done} aria-label="Sweep progress" />
      <label htmlFor="sweep-progress" role="status">
        {sweep.done} of {sweep.total} runs
      </label>
    </div>
  );
}

function SweepResult({ sweep }: { sweep: SweepDetail }): ReactElement {
  const { metric: chosen, setMetric } = useSweepSelection();
  const metric = findSweepMetric(chosen === VERDICT_METRIC ? 'success_rate' : chosen) ?? SWEEP_METRICS[0]!;
  const grid = sweepGrid(sweep, metric);
  const byVerdict = chosen === VERDICT_METRIC && grid.hasVerdicts;
  return (
    <>
      <SweepProgress sweep={sweep} />
      <div className="sweep-toolbar">
        <label>
          Colour by{' '}
          <select value={byVerdict ? VERDICT_METRIC : metric.key} onChange={(e) => setMetric(e.target.value)}>
            {grid.hasVerdicts && <option value={VERDICT_METRIC}>verdict (recovered / metastable)</option>}
            {SWEEP_METRICS.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <SweepLegend grid={grid} metric={metric} byVerdict={byVerdict} />
      </div>
      <SweepGridView grid={grid} metric={metric} byVerdict={byVerdict} onOpen={(runId) => void reopenRun(runId)} />
    </>
  );
}

function SweepPanel({ api }: { api: LabApi }): ReactElement {
  const { sweeps, refresh, error: listError } = useSweepList(api);
  const { sweepId, select, setMetric } = useSweepSelection();
  const { detail, error } = useSweepDetail(api, sweepId, refresh);
  const running = sweeps.some((s) => s.status === 'running') || detail?.status === 'running';
  return (
    <section className="sweep" aria-label="Sweep">
      <SweepForm
        api={api}
        busy={running}
        onStarted={(id) => {
          select(id);
          setMetric(VERDICT_METRIC);
          refresh();
        }}
      />
      {listError && <p className="error-text">Could not list the sweeps: {listError}</p>}
      {sweeps.length > 0 && (
        <label className="sweep-picker">
          Stored sweeps{' '}
          <select value={sweepId ?? ''} onChange={(e) => select(e.target.value || null)}>
            <option value="">Pick a sweep…</option>
            {sweeps.map((s) => (
              <option key={s.id} value={s.id}>
                {sweepTitle(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && <p className="error-text">Could not load the sweep: {error}</p>}
      {detail ? (
        <SweepResult sweep={detail} />
      ) : (
        !sweepId && (
          <p className="empty-state">
            No sweep picked. Choose one or two keys above and press Run sweep: each cell is one run of the scenario with those values, so a class sees where the
            system tips over (try a metastable built-in with its trigger length and load).
          </p>
        )
      )}
    </section>
  );
}

export function SweepView(): ReactElement {
  const api = useConnection((s) => s.api);
  if (!api) return <p className="empty-state">Not connected to the lab yet.</p>;
  return <SweepPanel api={api} />;
}
