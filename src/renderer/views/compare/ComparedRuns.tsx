// The comparison itself: which runs (legend), what differs between their
// scenarios, what the seeds mean, then the overlaid charts, the metrics table
// and Erlang C per run.
import { useMemo, type ReactElement } from 'react';
import { runPeaks } from '../../../shared/metrics/run-peaks.ts';
import { usePrefs } from '../../state/prefs-store.ts';
import { TheoryPanel } from '../theory/TheoryPanel.tsx';
import { CompareCharts } from './CompareCharts.tsx';
import { compareConclusion } from './conclusion.ts';
import { MetricsTable } from './MetricsTable.tsx';
import { RUN_LETTERS, runLabels, seedStatement } from './run-labels.ts';
import { runStyle } from './run-styles.ts';
import { RunSwatch } from './RunSwatch.tsx';
import { describeDifference, diffScenarios } from './scenario-diff.ts';
import type { ComparedRun } from './use-compared-runs.ts';

export function ComparedRuns({ runs }: { runs: readonly ComparedRun[] }): ReactElement {
  const theme = usePrefs((s) => s.theme);
  const styles = runs.map((_, i) => runStyle(i, theme));
  const details = runs.map((r) => r.detail);
  const differences = diffScenarios(details.map((d) => d.scenarioSpec));
  const sameScenarioName = details.every((d) => d.scenario === details[0]!.scenario);
  const labels = runLabels(details, differences);
  const seeds = details.map((d) => d.seed);
  const peaks = useMemo(() => runs.map((r) => runPeaks(r.timeline)), [runs]);
  const conclusion = compareConclusion(details.map((d, i) => ({ summary: d.summary, peaks: peaks[i]! })), differences);
  return (
    <div className="compare-body">
      <ul className="compare-legend" aria-label="Compared runs">
        {labels.map((label, i) => (
          <li key={details[i]!.id}>
            <RunSwatch style={styles[i]!} />
            <span>{label}</span>
            {details[i]!.status !== 'completed' && <span className="muted"> ({details[i]!.status})</span>}
          </li>
        ))}
      </ul>
      <div className="compare-facts">
        <p className="compare-diff" aria-label="Scenario differences">
          <strong>What differs:</strong>{' '}
          {differences.length === 0 ? (
            sameScenarioName ? 'nothing in the scenario.' : 'the scenario names only.'
          ) : (
            differences.slice(0, 8).map((d) => (
              <code key={d.path} className="compare-diff-key">
                {describeDifference(d)}
              </code>
            ))
          )}
          {differences.length > 8 && <span className="muted"> and {differences.length - 8} more keys</span>}
        </p>
        <p className="compare-seed">{seedStatement(seeds)}</p>
      </div>
      <section className="compare-conclusion" aria-label="Conclusion">
        <h3>What the numbers say</h3>
        {conclusion.map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
      </section>
      <MetricsTable summaries={details.map((d) => d.summary)} peaks={peaks} styles={styles} />
      <CompareCharts runs={runs} styles={styles} />
      <section className="compare-theory" aria-label="Theory: Erlang C per run">
        <h3>Theory: Erlang C (M/M/c) per run</h3>
        <div className="compare-theory-grid">
          {details.map((d, i) => (
            <div key={d.id} className="compare-theory-run">
              {d.summary ? (
                <TheoryPanel summary={d.summary} scenarioSpec={d.scenarioSpec} caption={`${RUN_LETTERS[i]}`} />
              ) : (
                <p className="muted">{RUN_LETTERS[i]}: no summary stored (the run did not finish).</p>
              )}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
