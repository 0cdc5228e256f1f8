// The job state machine with the counts at the playback cursor on its nodes
// and, on its edges, how fast jobs moved along each transition just before
// the cursor: stroke width and moving dots grow with the rate.
import { useMemo, type ReactElement } from 'react';
import { JOB_STATES, type JobState } from '../../../shared/job/states.ts';
import type { TimelineViewProps, TransitionRate } from '../../../shared/timeline/index.ts';
import { STATE_COLORS, STATE_GLYPHS, STATE_LABELS, STATE_TEXT_ON_FILL } from '../../theme/state-colors.ts';
import { DRAWN_EDGES, edgePath, NODE_CENTER, NODE_H, NODE_W, VIEW_H, VIEW_W, type FlowNode } from './flow-layout.ts';
import './flow-board.css';

const edgeKey = (from: FlowNode | null, to: JobState): string => `${from ?? 'new'}>${to}`;

/** How far back "recent" reaches: a few percent of the run so far, never less than two buckets. */
function rateWindow(endTime: number, bucketWidth: number): number {
  return Math.max(2 * bucketWidth, endTime / 30, 0.5);
}

function FlowEdge({ from, to, rate, maxRate }: { from: FlowNode; to: JobState; rate: TransitionRate | undefined; maxRate: number }): ReactElement {
  const d = edgePath(from, to);
  const perSecond = rate?.perSecond ?? 0;
  const share = maxRate > 0 ? perSecond / maxRate : 0;
  const active = perSecond > 0;
  // A few dots at most: more would read as noise, and the width already scales.
  const dots = active ? Math.min(4, 1 + Math.floor(share * 4)) : 0;
  const duration = 2.2 - 1.2 * share;
  const label = `${from === 'new' ? 'enqueue' : STATE_LABELS[from]} to ${STATE_LABELS[to]}: ${perSecond.toPrecision(3)} per second`;
  return (
    <g className={active ? 'ql-flow-edge is-active' : 'ql-flow-edge'}>
      <title>{label}</title>
      <path d={d} className="ql-flow-edge-line" strokeWidth={1.5 + 9 * Math.sqrt(share)} markerEnd="url(#ql-flow-arrow)" />
      {Array.from({ length: dots }, (_, i) => (
        <circle key={i} r={3.5} className="ql-flow-dot" fill={STATE_COLORS[to]}>
          <animateMotion dur={`${duration}s`} begin={`${(-duration * i) / dots}s`} repeatCount="indefinite" path={d} />
        </circle>
      ))}
    </g>
  );
}

function FlowNodeBox({ state, count }: { state: JobState; count: number }): ReactElement {
  const c = NODE_CENTER[state];
  const x = c.x - NODE_W / 2;
  const y = c.y - NODE_H / 2;
  return (
    <g className="ql-flow-node">
      <rect x={x} y={y} width={NODE_W} height={NODE_H} rx={8} className="ql-flow-node-box" stroke={STATE_COLORS[state]} />
      <path d={`M${x},${y + 22} v-14 a8,8 0 0 1 8,-8 h${NODE_W - 16} a8,8 0 0 1 8,8 v14 z`} fill={STATE_COLORS[state]} />
      <text x={c.x} y={y + 15.5} textAnchor="middle" fill={STATE_TEXT_ON_FILL[state]} className="ql-flow-node-label">
        {STATE_GLYPHS[state]} {STATE_LABELS[state]}
      </text>
      <text x={c.x} y={y + 48} textAnchor="middle" className="ql-flow-node-count">{count.toLocaleString('en-US')}</text>
    </g>
  );
}

export function FlowBoard({ timeline, version, cursor }: TimelineViewProps): ReactElement {
  const counts = useMemo(() => timeline.countsAt(cursor), [timeline, version, cursor]);
  const rates = useMemo(() => {
    const byEdge = new Map<string, TransitionRate>();
    const window = rateWindow(Math.min(cursor, timeline.endTime), timeline.bucketWidth);
    for (const r of timeline.transitionRates(cursor, window)) byEdge.set(edgeKey(r.from, r.to), r);
    return byEdge;
  }, [timeline, version, cursor]);
  let maxRate = 0;
  for (const r of rates.values()) if (r.perSecond > maxRate) maxRate = r.perSecond;
  const total = JOB_STATES.reduce((n, s) => n + counts[s], 0);
  return (
    <section role="region" aria-label="Flow board" className="ql-flow-board">
      <svg viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} className="ql-flow-svg" role="img" aria-label={`Job state machine at ${cursor.toFixed(1)} s, ${total} jobs`}>
        <defs>
          <marker id="ql-flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" markerUnits="userSpaceOnUse">
            <path d="M0,0 L10,5 L0,10 z" className="ql-flow-arrowhead" />
          </marker>
        </defs>
        {DRAWN_EDGES.map(([from, to]) => (
          <FlowEdge key={edgeKey(from, to)} from={from} to={to} rate={rates.get(edgeKey(from === 'new' ? null : from, to))} maxRate={maxRate} />
        ))}
        <g className="ql-flow-source">
          <circle cx={NODE_CENTER.new.x} cy={NODE_CENTER.new.y} r={16} />
          <text x={NODE_CENTER.new.x} y={NODE_CENTER.new.y + 34} textAnchor="middle">new</text>
        </g>
        {JOB_STATES.map((s) => <FlowNodeBox key={s} state={s} count={counts[s]} />)}
      </svg>
      <ul className="ql-sr-only" aria-label="Jobs per state">
        {JOB_STATES.map((s) => <li key={s}>{`${STATE_LABELS[s]}: ${counts[s]}`}</li>)}
      </ul>
    </section>
  );
}
