// The spread of each retry's delay: a bar from p10 to p90 of the drawn
// delays, a tick at the median, and a hollow mark at the un-jittered base.
// Without jitter the bar shrinks to the base; with full jitter it reaches
// from near 0 to the base, which is the point of jitter.
import { scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { ChartFrame, CHART_HEIGHT, MARGIN } from '../../views/charts/ChartFrame.tsx';
import '../../views/charts/charts.css';
import { useElementWidth } from '../../views/charts/use-element-width.ts';
import type { ScheduleRowView } from './schedule-view.ts';

const MEDIAN_COLOR = 'var(--text, #1b1f24)';

/** Measures its own box: it mounts only once a schedule exists, after its parent did. */
export function ScheduleChart({ rows }: { rows: ScheduleRowView[] }): ReactElement {
  const [ref, width] = useElementWidth<HTMLDivElement>(480);
  return (
    <div ref={ref} className="schedule-chart">
      <SpreadChart rows={rows} width={Math.min(width, 900)} />
    </div>
  );
}

function SpreadChart({ rows, width }: { rows: ScheduleRowView[]; width: number }): ReactElement {
  const innerH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const n = rows.length;
  const x = scaleLinear().domain([0.5, n + 0.5]).range([MARGIN.left, width - MARGIN.right]);
  const yMax = Math.max(1e-9, ...rows.map((r) => Math.max(r.delay.p90, r.base)));
  const y = scaleLinear().domain([0, yMax * 1.08]).range([innerH, 0]).nice(5);
  const step = x(2) - x(1);
  const barW = Math.max(2, Math.min(28, step * 0.55));
  const last = rows[n - 1];
  const description = last
    ? `${n} retries; the last waits ${last.p50Text} at the median (p10–p90 ${last.rangeText}) on a base of ${last.baseText}`
    : 'no retries';
  return (
    <ChartFrame
      title="Delay before each retry"
      description={description}
      width={width}
      x={x}
      y={y}
      xLabel="retry n (before attempt n + 1)"
      yLabel="delay (s)"
      formatX={(v) => (Number.isInteger(v) ? String(v) : '')}
      formatY={y.tickFormat(5)}
      legend={[
        { label: 'p10–p90 of the drawn delay', color: STATE_COLORS.retrying, area: true },
        { label: 'median', color: MEDIAN_COLOR },
        { label: 'base (before jitter)', color: 'var(--muted, #59626e)', dash: '2 2' },
      ]}
      cursor={null}
    >
      {rows.map((r) => {
        const cx = x(r.retry);
        const top = y(r.delay.p90);
        const height = Math.max(1.5, y(r.delay.p10) - top);
        return (
          <g key={r.retry}>
            <title>{`retry ${r.retry}: base ${r.baseText}, ${r.rule}; median ${r.p50Text}, p10–p90 ${r.rangeText}`}</title>
            <rect x={cx - barW / 2} y={top} width={barW} height={height} fill={STATE_COLORS.retrying} rx={2} />
            <line x1={cx - barW / 2 - 2} x2={cx + barW / 2 + 2} y1={y(r.delay.p50)} y2={y(r.delay.p50)} stroke={MEDIAN_COLOR} strokeWidth={2.5} />
            <line x1={cx - barW / 2 - 3} x2={cx + barW / 2 + 3} y1={y(r.base)} y2={y(r.base)} stroke="var(--muted, #59626e)" strokeWidth={1.5} strokeDasharray="2 2" />
          </g>
        );
      })}
    </ChartFrame>
  );
}
