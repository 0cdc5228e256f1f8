// Circuit-breaker state over time: per job type (per worker in live mode) a
// step line on three levels, closed, half-open and open, over bands that
// shade the open spells (red) and the half-open ones (amber), so the
// breaker's rhythm (open for openFor, probe, open again or close) reads at a
// glance even when several lines overlap.
import { curveStepAfter, line, scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import type { FaultMark } from '../../../shared/timeline/index.ts';
import { BREAKER_STATE_VALUE } from '../../../shared/tables/overload-samples.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { ChartFrame, CHART_HEIGHT, MARGIN } from './ChartFrame.tsx';
import type { Point } from './chart-data.ts';
import { openSpells } from '../../../shared/overload/overload-series.ts';
import { lineColor, timeInState, type BreakerLane } from './overload-chart-data.ts';

const STATE_NAMES: Record<number, string> = { 0: 'closed', 1: 'half-open', 2: 'open' };
// Translucent (8-digit hex) so the trigger band and the grid show through; the legend's swatches use the same colours.
const OPEN_FILL = `${STATE_COLORS.dead}55`;
const HALF_OPEN_FILL = `${STATE_COLORS.retrying}88`;

interface BreakerStateChartProps {
  lanes: readonly BreakerLane[];
  width: number;
  xMax: number;
  cursor: number;
  faults: readonly FaultMark[];
}

export function BreakerStateChart({ lanes, width, xMax, cursor, faults }: BreakerStateChartProps): ReactElement {
  const innerH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleLinear().domain([0, Math.max(xMax, 1e-9)]).range([MARGIN.left, width - MARGIN.right]);
  // Three levels with room above and below, ticks only at the levels.
  const y = scaleLinear().domain([-0.25, 2.25]).range([innerH, 0]);
  const path = line<Point>().x((p) => x(p.t)).y((p) => y(p.v)).curve(curveStepAfter);
  const [x0, x1] = x.range() as [number, number];
  const clamp = (v: number): number => Math.min(x1, Math.max(x0, v));
  const first = lanes[0];
  const open = first ? timeInState(first.steps, xMax).open : 0;
  const opened = first ? first.steps.filter((p, i) => p.v === BREAKER_STATE_VALUE.open && (i === 0 || first.steps[i - 1]!.v !== p.v)).length : 0;
  const legend = [
    ...lanes.map((l, i) => ({ label: l.label, color: lineColor(i), dash: i === 0 ? undefined : '6 3' })),
    { label: 'open', color: OPEN_FILL, area: true },
    { label: 'half-open', color: HALF_OPEN_FILL, area: true },
  ];
  const withLine = (steps: readonly Point[]): Point[] => (steps.length > 0 && steps[steps.length - 1]!.t < xMax ? [...steps, { t: xMax, v: steps[steps.length - 1]!.v }] : [...steps]);
  return (
    <ChartFrame
      title="Circuit breaker state"
      description={first ? `closed, half-open or open over time; ${first.label} opened ${opened} time${opened === 1 ? '' : 's'} and was open ${open.toFixed(1)} s in all` : 'no breaker'}
      width={width} x={x} y={y} yTicks={[0, 1, 2]}
      xLabel="scenario time (s)" yLabel="breaker state" formatX={x.tickFormat()} formatY={(v) => STATE_NAMES[v] ?? ''}
      legend={legend} cursor={cursor} faults={faults}
    >
      {lanes.map((l) => (
        <g key={`bands-${l.label}`} className="ql-breaker-bands">
          {openSpells(l.steps, xMax).map(([a, b]) => (
            <rect key={`o${a}`} x={clamp(x(a))} width={Math.max(1, clamp(x(b)) - clamp(x(a)))} y={y(2.25)} height={y(-0.25) - y(2.25)} fill={OPEN_FILL} fillOpacity={1 / lanes.length} />
          ))}
          {openSpells(l.steps, xMax, BREAKER_STATE_VALUE['half-open']).map(([a, b]) => (
            <rect key={`h${a}`} x={clamp(x(a))} width={Math.max(1, clamp(x(b)) - clamp(x(a)))} y={y(2.25)} height={y(-0.25) - y(2.25)} fill={HALF_OPEN_FILL} fillOpacity={1 / lanes.length} />
          ))}
        </g>
      ))}
      {lanes.map((l, i) => (
        <path key={l.label} d={path(withLine(l.steps)) ?? ''} fill="none" stroke={lineColor(i)} strokeWidth={2} strokeDasharray={i === 0 ? undefined : '6 3'} />
      ))}
    </ChartFrame>
  );
}
