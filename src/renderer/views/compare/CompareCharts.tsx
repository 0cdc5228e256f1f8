// The compared runs overlaid on one time axis: one line per run in each
// chart, with the run's colour and dash (the legend above the charts names
// each letter).
import { useMemo, type ReactElement } from 'react';
import type { Point } from '../charts/chart-data.ts';
import { useElementWidth } from '../charts/use-element-width.ts';
import { alignedSeries, type RunSeries } from './aligned-series.ts';
import { LineChart } from '../charts/LineChart.tsx';
import { RUN_LETTERS } from './run-labels.ts';
import type { RunStyle } from './run-styles.ts';
import type { ComparedRun } from './use-compared-runs.ts';

const perSecond = (v: number): string => `${+v.toPrecision(3)}/s`;
const seconds = (v: number): string => `${+v.toPrecision(3)} s`;

interface ChartSpec {
  title: string;
  description: string;
  yLabel: string;
  formatY?: (v: number) => string;
  pick(s: RunSeries): Point[];
  /** What to say instead of a flat line at 0 in every run. */
  emptyWhenZero?: string;
  /** Values only where jobs finished: join them (see LineChart). */
  connectGaps?: boolean;
}

const CHARTS: readonly ChartSpec[] = [
  { title: 'Queue depth: in the system', description: 'jobs not yet final (pending, scheduled, retrying, processing), averaged over each interval, per run', yLabel: 'jobs', pick: (s) => s.inSystem },
  { title: 'Queue depth: waiting', description: 'jobs waiting to be claimed (pending and scheduled), averaged over each interval, per run', yLabel: 'jobs', pick: (s) => s.waiting },
  { title: 'Throughput', description: 'jobs succeeding per second, per run', yLabel: 'succeeded per second', formatY: perSecond, pick: (s) => s.succeededPerSecond },
  { title: 'Latency p95 (time in system)', description: 'p95 of enqueue to a final state of the jobs finishing at each time, per run', yLabel: 'seconds', formatY: seconds, pick: (s) => s.latencyP95, connectGaps: true },
  {
    title: 'Retry arrivals', description: 'retries whose backoff ended, counted in each second, per run: waves show a retry storm', yLabel: 'retries in each second', formatY: perSecond,
    pick: (s) => s.retriesPerSecond,
    emptyWhenZero: 'Retry arrivals: none in these runs (no attempt failed). Compare the two “Retry storm” scenarios to see waves.',
  },
];

export function CompareCharts({ runs, styles }: { runs: readonly ComparedRun[]; styles: readonly RunStyle[] }): ReactElement {
  const [ref, fullWidth] = useElementWidth<HTMLDivElement>(800);
  const columns = fullWidth >= 760 ? 2 : 1;
  const width = Math.floor((fullWidth - 12 * (columns - 1)) / columns) - 2;
  const data = useMemo(() => alignedSeries(runs.map((r) => r.timeline), Math.max(60, Math.floor(width / 3))), [runs, width]);
  return (
    <div ref={ref} className="ql-charts compare-charts" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
      {CHARTS.map((chart) =>
        chart.emptyWhenZero && data.runs.every((run) => chart.pick(run).every((p) => !(p.v > 0))) ? (
          <p key={chart.title} className="ql-chart-empty">
            {chart.emptyWhenZero}
          </p>
        ) : (
          <LineChart
            key={chart.title}
            cursor={null}
            dotIsolated
            connectGaps={chart.connectGaps}
            title={chart.title}
            description={chart.description}
            width={width}
            xMax={data.axis.xMax}
            yLabel={chart.yLabel}
            formatY={chart.formatY}
            series={data.runs.map((s, i) => ({ label: RUN_LETTERS[i] ?? String(i + 1), color: styles[i]!.color, dash: styles[i]!.dash, points: chart.pick(s) }))}
          />
        ),
      )}
    </div>
  );
}
