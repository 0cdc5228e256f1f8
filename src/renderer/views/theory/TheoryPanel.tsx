// Erlang C against the run: predicted and measured mean wait and mean queue
// length with the relative error, or, when the run is not M/M/c, why not.
// Shown in the Stats panel (the open run) and the Compare tab (each run).
import type { ReactElement } from 'react';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import { theoryCheck, type TheoryMeasure } from './theory-check.ts';
import './theory.css';

function fixed(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '∞';
}

function errorText(m: TheoryMeasure): string {
  if (m.relativeError === null) return '–';
  const pct = m.relativeError * 100;
  return `${pct > 0 ? '+' : pct < 0 ? '\u2212' : '±'}${Math.abs(pct).toFixed(1)} %`;
}

function MeasureRow({ label, unit, m }: { label: string; unit: string; m: TheoryMeasure }): ReactElement {
  // The unit sits in the row label, so the narrow Stats column keeps numbers on one line.
  return (
    <tr>
      <th scope="row">
        {label} <span className="stat-unit">({unit})</span>
      </th>
      <td className="num">{fixed(m.predicted)}</td>
      <td className="num">{fixed(m.measured)}</td>
      <td className="num theory-error">{errorText(m)}</td>
    </tr>
  );
}

/** caption: what to put before the model in the table's caption (a run's letter). */
export function TheoryPanel({ summary, scenarioSpec, caption }: { summary: RunSummary; scenarioSpec: unknown; caption?: string }): ReactElement {
  const check = theoryCheck(summary, scenarioSpec);
  if (check.kind === 'unknown') return <p className="muted theory-verdict">Erlang C: {check.why}.</p>;
  if (check.kind === 'not-mmc') {
    return (
      <p className="theory-verdict">
        {caption ? `${caption}: ` : ''}<strong>Not M/M/c:</strong> {check.reasons.join('; ')}. Erlang C assumes Poisson arrivals, exponential service and no failures, so it
        predicts nothing here.
      </p>
    );
  }
  const p = check.prediction;
  return (
    <div className="theory">
      <table className="theory-table">
        <caption>
          {caption ? `${caption}: ` : ''}{p.model}, λ = {fixed(p.lambda)}/s, μ = {fixed(p.mu)}/s, ρ = {fixed(p.rho)}
        </caption>
        <thead>
          <tr>
            <th scope="col">mean</th>
            <th scope="col">predicted</th>
            <th scope="col">measured</th>
            <th scope="col">error</th>
          </tr>
        </thead>
        <tbody>
          <MeasureRow label="Wait Wq" unit="s" m={check.wait} />
          <MeasureRow label="Queue Lq" unit="jobs" m={check.queueLength} />
        </tbody>
      </table>
      <p className="muted theory-note">
        {check.stable
          ? 'Erlang C is the steady state; a finite run (warm-up, the queue draining at the end, chance) lands near it, not on it: the more jobs, the closer.'
          : 'ρ ≥ 1: no steady state, the queue grows while arrivals last.'}
      </p>
    </div>
  );
}
