// The compared runs' numbers side by side: the peaks from each timeline,
// then the summary, one column per run and, after each run but the first,
// its delta against run A.
import type { ReactElement } from 'react';
import type { RunPeaks } from '../../../shared/metrics/run-peaks.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import { formatDelta, formatMetric, metricRows, type MetricDelta, type MetricRow } from './metric-rows.ts';
import { peakMetricsFor } from './peak-metrics.ts';
import { RUN_LETTERS } from './run-labels.ts';
import type { RunStyle } from './run-styles.ts';
import { RunSwatch } from './RunSwatch.tsx';

function deltaClass(delta: MetricDelta | null): string {
  if (!delta || delta.difference === 0) return 'num compare-delta';
  return `num compare-delta ${delta.difference > 0 ? 'is-up' : 'is-down'}`;
}

interface MetricsTableProps {
  summaries: readonly (RunSummary | null)[];
  peaks: readonly (RunPeaks | null)[];
  styles: readonly RunStyle[];
}

export function MetricsTable({ summaries, peaks, styles }: MetricsTableProps): ReactElement {
  const rows = [...metricRows(peaks, peakMetricsFor(peaks)), ...metricRows(summaries)] as MetricRow<unknown>[];
  const letters = summaries.map((_, i) => RUN_LETTERS[i] ?? String(i + 1));
  return (
    <table className="compare-table" aria-label="Compared metrics">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="compare-unit">unit</th>
          {letters.map((letter, i) => [
            <th scope="col" key={letter} className="num">
              <RunSwatch style={styles[i]!} /> {letter}
            </th>,
            i > 0 && (
              <th scope="col" key={`d${letter}`} className="num compare-delta-head">
                Δ {letter} vs A
              </th>
            ),
          ])}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.metric.key} data-metric={row.metric.key}>
            <th scope="row">{row.metric.label}</th>
            <td className="compare-unit">{row.metric.unit}</td>
            {row.values.map((v, i) => [
              <td key={letters[i]} className="num compare-value" data-run={letters[i]}>
                {formatMetric(row.metric, v)}
              </td>,
              i > 0 && (
                <td key={`d${letters[i]}`} className={deltaClass(row.deltas[i]!)}>
                  {formatDelta(row.metric, row.deltas[i]!)}
                </td>
              ),
            ])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
