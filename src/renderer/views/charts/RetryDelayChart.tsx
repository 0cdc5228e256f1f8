import { scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import type { RetryDelayHistogram } from '../../../shared/timeline/index.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { ChartFrame, CHART_HEIGHT, MARGIN } from './ChartFrame.tsx';
import { formatSeconds } from './chart-data.ts';

/**
 * How long failed jobs waited before their retry. Without jitter the bars
 * are spikes at the backoff steps (every retry of a wave at once: the
 * thundering herd); with jitter they spread out.
 */
export function RetryDelayChart({ histogram, width }: { histogram: RetryDelayHistogram; width: number }): ReactElement {
  const innerH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const { counts, binWidth } = histogram;
  const xMax = Math.max(binWidth * counts.length, 1e-9);
  const x = scaleLinear().domain([0, xMax]).range([MARGIN.left, width - MARGIN.right]);
  const yMax = Math.max(1, ...counts);
  const y = scaleLinear().domain([0, yMax * 1.05]).range([innerH, 0]).nice(5);
  const barW = Math.max(1, x(binWidth) - x(0) - 1);
  const tallest = counts.indexOf(Math.max(...counts));
  return (
    <ChartFrame
      title="Retry delays (the thundering-herd view)"
      description={`${histogram.total} retries; most waited ${formatSeconds(tallest * binWidth)} to ${formatSeconds((tallest + 1) * binWidth)}`}
      width={width} x={x} y={y} xLabel={`delay before the retry (s; bins of ${formatSeconds(binWidth)})`} yLabel="retries"
      formatX={x.tickFormat()} legend={[{ label: 'retries per delay bin', color: STATE_COLORS.retrying, area: true }]} cursor={null}
    >
      {counts.map((n, i) => (n > 0 ? (
        <rect key={i} x={x(i * binWidth) + 0.5} y={y(n)} width={barW} height={innerH - y(n)} fill={STATE_COLORS.retrying}>
          <title>{`${n} retries waited ${formatSeconds(i * binWidth)} to ${formatSeconds((i + 1) * binWidth)}`}</title>
        </rect>
      ) : null))}
    </ChartFrame>
  );
}
