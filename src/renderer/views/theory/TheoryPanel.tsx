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
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">
        {fixed(m.predicted)} <span className="stat-unit">{unit}</span>
      </td>
      <td className="num">
        {fixed(m.measured)} <span className="stat-unit">{unit}</span>
      </td>
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
            <td />
            <th scope="col">predicted</th>
            <th scope="col">measured</th>
            <th scope="col">error</th>
          </tr>
        </thead>
        <tbody>
          <MeasureRow label="Mean wait (Wq)" unit="s" m={check.wait} />
          <MeasureRow label="Mean queue (Lq)" unit="jobs" m={check.queueLength} />
        </tbody>
      </table>
      <p className="muted theory-note">
        {check.stable
          ? 'Steady state in theory; a finite run (warm-up, the queue draining at the end) differs by a few %.'
          : 'ρ ≥ 1: no steady state, the queue grows while arrivals last.'}
      </p>
    </div>
  );
}
