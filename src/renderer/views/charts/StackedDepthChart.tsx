import { area, scaleLinear, stack, type SeriesPoint } from 'd3';
import type { ReactElement } from 'react';
import type { JobState } from '../../../shared/job/states.ts';
import type { DepthSeries } from '../../../shared/timeline/index.ts';
import { STATE_COLORS, STATE_LABELS } from '../../theme/state-colors.ts';
import type { FaultMark } from '../../../shared/timeline/index.ts';
import { ChartFrame, CHART_HEIGHT, MARGIN } from './ChartFrame.tsx';
import { useKeptMax } from './chart-scale-store.ts';
import { mergeFactor } from './chart-data.ts';

/** The states a job waits or works in; finished states only grow and would flatten the rest. */
export const DEPTH_STATES: readonly JobState[] = ['processing', 'pending', 'retrying', 'scheduled'];

interface StackedDepthChartProps {
  depth: DepthSeries;
  width: number;
  xMax: number;
  cursor: number;
  faults?: readonly FaultMark[];
}

type Row = Record<JobState, number> & { t: number };

export function StackedDepthChart({ depth, width, xMax, cursor, faults }: StackedDepthChartProps): ReactElement {
  const innerH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const k = mergeFactor(depth.count, Math.max(60, (width - MARGIN.left - MARGIN.right) / 2));
  const rows: Row[] = [{ t: 0, ...zeroRow() }];
  for (let start = 0; start < depth.count; start += k) {
    const end = Math.min(depth.count, start + k);
    // Each bucket holds the depth at its end; a merged point takes the peak so a burst stays visible.
    const row = { t: end * depth.width, ...zeroRow() };
    let peakIndex = end - 1;
    let peak = -1;
    for (let i = start; i < end; i++) {
      let sum = 0;
      for (const s of DEPTH_STATES) sum += depth.byState[s][i]!;
      if (sum > peak) { peak = sum; peakIndex = i; }
    }
    for (const s of DEPTH_STATES) row[s] = depth.byState[s][peakIndex]!;
    rows.push(row);
  }
  const layers = stack<Row, JobState>().keys(DEPTH_STATES)(rows);
  let yMax = 0;
  for (const layer of layers) for (const p of layer) if (p[1] > yMax) yMax = p[1];
  const x = scaleLinear().domain([0, Math.max(xMax, 1e-9)]).range([MARGIN.left, width - MARGIN.right]);
  const top = useKeptMax('depth', yMax);
  const y = scaleLinear().domain([0, top > 0 ? top * 1.05 : 1]).range([innerH, 0]).nice(5);
  const shape = area<SeriesPoint<Row>>().x((p) => x(p.data.t)).y0((p) => y(p[0])).y1((p) => y(p[1]));
  return (
    <ChartFrame
      title="Queue depth by state" description={`jobs waiting or running over time; peak ${peakText(yMax)}`}
      width={width} x={x} y={y} xLabel="scenario time (s)" yLabel="jobs" formatX={x.tickFormat()}
      legend={DEPTH_STATES.map((s) => ({ label: STATE_LABELS[s], color: STATE_COLORS[s], area: true }))} cursor={cursor} faults={faults}
    >
      {layers.map((layer) => (
        <path key={layer.key} d={shape(layer) ?? ''} fill={STATE_COLORS[layer.key]} fillOpacity={0.85} stroke={STATE_COLORS[layer.key]} strokeWidth={0.5} />
      ))}
    </ChartFrame>
  );
}

function zeroRow(): Record<JobState, number> {
  return { scheduled: 0, pending: 0, processing: 0, succeeded: 0, retrying: 0, dead: 0, cancelled: 0 };
}

function peakText(n: number): string {
  return `${Math.round(n)} jobs`;
}
