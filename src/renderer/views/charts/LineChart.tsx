import { curveLinear, curveStepAfter, line, scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import type { FaultMark } from '../../../shared/timeline/index.ts';
import { ChartFrame, CHART_HEIGHT, MARGIN, type LegendEntry } from './ChartFrame.tsx';
import { useKeptMax } from './chart-scale-store.ts';
import { isolatedPoints, type Point } from './chart-data.ts';

export interface LineSeries extends LegendEntry {
  points: readonly Point[];
}

interface LineChartProps {
  title: string;
  description: string;
  width: number;
  xMax: number;
  yLabel: string;
  formatY?: (v: number) => string;
  series: readonly LineSeries[];
  /** The playback cursor; null draws none (the Compare tab's runs have no common cursor). */
  cursor: number | null;
  /**
   * A dot where a series has a value between two gaps: a run whose jobs all
   * finish at a few instants (a retry storm without jitter) has a p95 only at
   * those instants, and a line alone would draw nothing there.
   */
  dotIsolated?: boolean;
  /**
   * Join the values across empty intervals and dot each one: a percentile of
   * the jobs finishing at each time has values only where jobs finished,
   * which for a retry storm is a few instants (two dots and no line before).
   */
  connectGaps?: boolean;
  faults?: readonly FaultMark[];
  /** With the Charts tab's "Keep scales", the y axis is kept across runs under this key. */
  scaleKey?: string;
  /** Hold each value until the next point (a level that changes in steps: open slots, a budget). */
  step?: boolean;
  /** The y axis reaches at least this (1 for a share drawn as 0-100 %). */
  yTop?: number;
}

/** Lines over scenario time; gaps where a value is NaN (no sample in that bucket). */
export function LineChart(props: LineChartProps): ReactElement {
  const innerH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleLinear().domain([0, Math.max(props.xMax, 1e-9)]).range([MARGIN.left, props.width - MARGIN.right]);
  let yMax = 0;
  for (const s of props.series) for (const p of s.points) if (p.v > yMax) yMax = p.v;
  const top = Math.max(useKeptMax(props.scaleKey, yMax), props.yTop ?? 0);
  // A share that never passes its bound (utilization, a probability) ends at it: 100%, not 120%.
  const bounded = props.yTop !== undefined && top <= props.yTop * (1 + 1e-6);
  const y = scaleLinear().domain([0, bounded ? props.yTop! : top > 0 ? top * 1.05 : 1]).range([innerH, 0]).nice(5);
  const path = line<Point>().defined((p) => Number.isFinite(p.v)).x((p) => x(p.t)).y((p) => y(p.v)).curve(props.step ? curveStepAfter : curveLinear);
  const drawn = (points: readonly Point[]): Point[] => (props.connectGaps ? points.filter((p) => Number.isFinite(p.v)) : (points as Point[]));
  const dots = (points: readonly Point[]): Point[] => {
    if (props.connectGaps) {
      const finite = points.filter((p) => Number.isFinite(p.v));
      return finite.length <= 60 ? finite : [];
    }
    return props.dotIsolated ? isolatedPoints(points) : [];
  };
  return (
    <ChartFrame
      title={props.title} description={props.description} width={props.width} x={x} y={y}
      xLabel="scenario time (s)" yLabel={props.yLabel} formatX={x.tickFormat()} formatY={props.formatY}
      legend={props.series} cursor={props.cursor} faults={props.faults}
    >
      {props.series.map((s) => (
        <g key={s.label}>
          <path d={path(drawn(s.points)) ?? ''} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} strokeLinejoin="round" />
          {dots(s.points).map((p) => <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r={3} fill={s.color} />)}
        </g>
      ))}
    </ChartFrame>
  );
}
