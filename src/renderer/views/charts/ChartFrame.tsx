// One chart's frame: title, axes with units, legend, the run's faults and
// the playback cursor. d3 computes the scales and ticks; React draws them,
// so themes apply through CSS variables like everywhere else. The y-axis
// title sits above the tick labels, not beside them: a rotated title at the
// left edge printed over wide labels ("1,000/s").
import type { ScaleLinear } from 'd3';
import type { ReactElement, ReactNode } from 'react';
import type { FaultMark } from '../../../shared/timeline/index.ts';

export const MARGIN = { top: 24, right: 12, bottom: 34, left: 56 };
export const CHART_HEIGHT = 190;

export interface LegendEntry {
  label: string;
  color: string;
  /** SVG stroke-dasharray, so lines differ by more than colour. */
  dash?: string;
  /** An area swatch instead of a line. */
  area?: boolean;
}

interface ChartFrameProps {
  title: string;
  /** What the chart says in one sentence, for screen readers. */
  description: string;
  width: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xLabel: string;
  yLabel: string;
  formatX: (v: number) => string;
  formatY?: (v: number) => string;
  /** The y ticks, when the scale's own would not do (a few named levels). */
  yTicks?: readonly number[];
  legend: readonly LegendEntry[];
  cursor?: number | null;
  /** Drawn behind the data: bands for faults that last, a line and an icon for instant ones. */
  faults?: readonly FaultMark[];
  children: ReactNode;
}

function FaultShapes({ faults, x, innerH }: { faults: readonly FaultMark[]; x: ScaleLinear<number, number>; innerH: number }): ReactElement {
  const [x0, x1] = x.range() as [number, number];
  const clamp = (v: number): number => Math.min(x1, Math.max(x0, v));
  return (
    <g className="ql-faults" aria-hidden="true">
      {faults.map((f, i) =>
        f.kind === 'instant' ? (
          x(f.t) >= x0 && x(f.t) <= x1 && (
            <g key={i} transform={`translate(${x(f.t)},0)`}>
              <line y1={0} y2={innerH} className="ql-fault-line" />
              <text y={-3} textAnchor="middle" className="ql-fault-icon">{f.icon}</text>
            </g>
          )
        ) : (
          <g key={i}>
            <rect x={clamp(x(f.start))} width={Math.max(1, clamp(x(f.end)) - clamp(x(f.start)))} y={0} height={innerH} className="ql-fault-band" />
            <line x1={clamp(x(f.start))} x2={clamp(x(f.start))} y1={0} y2={innerH} className="ql-fault-edge" />
            {!f.toEnd && <line x1={clamp(x(f.end))} x2={clamp(x(f.end))} y1={0} y2={innerH} className="ql-fault-edge" />}
          </g>
        ),
      )}
    </g>
  );
}

export function ChartFrame(props: ChartFrameProps): ReactElement {
  const { width, x, y, cursor } = props;
  const innerH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const formatY = props.formatY ?? ((v: number) => y.tickFormat(5)(v));
  const [x0, x1] = x.range() as [number, number];
  const showCursor = cursor !== null && cursor !== undefined && x(cursor) >= x0 && x(cursor) <= x1;
  return (
    <figure className="ql-chart">
      <figcaption className="ql-chart-title">
        <span>{props.title}</span>
        <ul className="ql-chart-legend">
          {props.legend.map((l) => (
            <li key={l.label}>
              <svg width="18" height="10" aria-hidden="true">
                {l.area ? (
                  <rect x="1" y="1" width="16" height="8" fill={l.color} />
                ) : (
                  <line x1="1" x2="17" y1="5" y2="5" stroke={l.color} strokeWidth="2.5" strokeDasharray={l.dash} />
                )}
              </svg>
              {l.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <svg width={width} height={CHART_HEIGHT} role="img" aria-label={`${props.title}: ${props.description}`}>
        <g transform={`translate(0,${MARGIN.top})`}>
          {(props.yTicks ?? y.ticks(5)).map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line x1={x0} x2={x1} className="ql-grid" />
              <text x={x0 - 6} dy="0.32em" textAnchor="end" className="ql-tick">{formatY(v)}</text>
            </g>
          ))}
          {props.faults && props.faults.length > 0 && <FaultShapes faults={props.faults} x={x} innerH={innerH} />}
          {props.children}
          <line x1={x0} x2={x1} y1={innerH} y2={innerH} className="ql-axis" />
          {x.ticks(Math.max(2, Math.floor((x1 - x0) / 90))).map((v) => (
            <g key={v} transform={`translate(${x(v)},${innerH})`}>
              <line y2="5" className="ql-axis" />
              <text y="16" textAnchor="middle" className="ql-tick">{props.formatX(v)}</text>
            </g>
          ))}
          <text x={(x0 + x1) / 2} y={innerH + 30} textAnchor="middle" className="ql-axis-label">{props.xLabel}</text>
          <text x={4} y={-13} textAnchor="start" className="ql-axis-label">{props.yLabel}</text>
          {showCursor && <line x1={x(cursor)} x2={x(cursor)} y1={0} y2={innerH} className="ql-cursor" />}
        </g>
      </svg>
    </figure>
  );
}
