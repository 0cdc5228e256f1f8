// One lane per worker, one bar per attempt, on a canvas with d3-zoom on the
// time axis. Hover shows the attempt, click selects its job. In presentation
// mode the canvas is drawn LANE_SCALE times larger (labels from 11 to 16.5 px)
// so the back row of a classroom reads the worker names.
import { scaleLinear, select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { TimelineViewProps } from '../../../shared/timeline/index.ts';
import { formatSeconds } from '../charts/chart-data.ts';
import { useElementWidth } from '../charts/use-element-width.ts';
import { barAt, buildLaneIndex } from './lane-index.ts';
import { usePrefs } from '../../state/prefs-store.ts';
import { canvasHeight, LABEL_FONT_PX, LABEL_W, LANE_GAP, LANE_H, paintLanes, TOP, type ThemeColors } from './lane-painter.ts';
import { LanesLegend } from './LanesLegend.tsx';
import { OUTCOME_LABELS } from './lane-colors.ts';
import './worker-lanes.css';

function themeColors(el: Element): ThemeColors {
  const css = getComputedStyle(el);
  const read = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return { text: read('--text', '#1b1f24'), muted: read('--muted', '#59626e'), border: read('--border', '#d6dae0'), fault: read('--fault', '#b3261e'), panel: read('--panel', '#ffffff') };
}

/** How much larger the lanes are drawn in presentation mode: 11 px labels become 16.5 px. */
const LANE_SCALE = 1.5;

export function WorkerLanes({ timeline, version, cursor, selectedJob = null, onSelectJob }: TimelineViewProps): ReactElement {
  const [wrapRef, width] = useElementWidth<HTMLDivElement>(800);
  // Drawing happens in "logical" pixels (the painter's fixed sizes), shown `scale` times larger.
  const scale = usePrefs((s) => (s.presentation ? LANE_SCALE : 1));
  // The canvas reads the theme's colours when it paints: after a theme switch
  // reaches <html> (the shell's layout effect), paint once more.
  const theme = usePrefs((s) => s.theme);
  const [, repaint] = useState(0);
  useEffect(() => repaint((n) => n + 1), [theme]);
  const logicalWidth = width / scale;
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [hover, setHover] = useState<{ bar: number; px: number; py: number } | null>(null);
  const workers = timeline.workers();
  const height = canvasHeight(workers.length);
  const xMax = Math.max(timeline.endTime, cursor, 1e-3);
  // d3-zoom works in CSS pixels of the canvas; the painter and picking in logical ones.
  const baseX = useMemo(() => scaleLinear().domain([0, xMax]).range([LABEL_W * scale, width - 8]), [xMax, width, scale]);
  const x = transform.rescaleX(baseX);
  const logicalX = scaleLinear().domain(x.domain()).range([LABEL_W, logicalWidth - 8 / scale]);
  const index = useMemo(() => buildLaneIndex(timeline.laneBars(), workers.length), [timeline, version, workers.length]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, 1e5])
      .extent([[LABEL_W * scale, 0], [width - 8, height * scale]])
      .translateExtent([[LABEL_W * scale, 0], [width - 8, height * scale]])
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    zoomRef.current = behaviour;
    select(canvas).call(behaviour);
    return () => { select(canvas).on('.zoom', null); };
  }, [width, height, scale]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * scale * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * scale * dpr);
    }
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
    paintLanes(ctx, {
      width: logicalWidth, height, x: logicalX, workers, bars: timeline.laneBars(), markers: timeline.workerMarkers(), faults: timeline.faults(),
      now: cursor, selectedJob, hoveredBar: hover?.bar ?? -1, colors: themeColors(canvas),
    });
  });

  const pick = (clientX: number, clientY: number): { bar: number; px: number; py: number } | null => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const px = (clientX - rect.left) / scale;
    const py = (clientY - rect.top) / scale;
    const lane = Math.floor((py - TOP + LANE_GAP / 2) / (LANE_H + LANE_GAP));
    if (px < LABEL_W || lane < 0 || lane >= workers.length) return null;
    const slack = Math.abs(logicalX.invert(px + 3) - logicalX.invert(px));
    const bar = barAt(timeline.laneBars(), index, lane, logicalX.invert(px), cursor, slack);
    return bar >= 0 ? { bar, px: px * scale, py: py * scale } : null;
  };
  const step = (k: number): void => {
    const canvas = canvasRef.current;
    if (canvas && zoomRef.current) select(canvas).transition().duration(200).call(zoomRef.current.scaleBy, k);
  };
  const reset = (): void => {
    const canvas = canvasRef.current;
    if (canvas && zoomRef.current) select(canvas).call(zoomRef.current.transform, zoomIdentity);
  };

  const bars = timeline.laneBars();
  const crashes = timeline.workerMarkers().filter((m) => m.kind === 'crashed').length;
  const hovered = hover ? timeline.laneBar(hover.bar) : null;
  const tickCount = Math.max(2, Math.floor((width - LABEL_W * scale) / 100));
  const ticks = x.ticks(tickCount);
  const tickFormat = x.tickFormat(tickCount);
  const tickText = (t: number): string => `${tickFormat(t)} s`;
  return (
    <section role="region" aria-label="Worker lanes" className="ql-lanes">
      <div className="ql-lanes-toolbar">
        <LanesLegend />
        <span className="ql-lanes-zoom">
          <button type="button" className="ql-lanes-button" onClick={() => step(2)} aria-label="Zoom in on the time axis">+</button>
          <button type="button" className="ql-lanes-button" onClick={() => step(0.5)} aria-label="Zoom out on the time axis">−</button>
          <button type="button" className="ql-lanes-button" onClick={reset} disabled={transform.k === 1 && transform.x === 0}>Reset zoom</button>
        </span>
      </div>
      <div ref={wrapRef} className="ql-lanes-body">
        {workers.length === 0 ? (
          <p className="ql-lanes-empty">No workers yet. Start a run: each worker gets a lane here, with a bar for every attempt it runs.</p>
        ) : (
          <>
            <canvas
              ref={canvasRef}
              style={{ width, height: height * scale }}
              data-label-px={LABEL_FONT_PX * scale}
              tabIndex={0}
              role="img"
              aria-label={`${workers.length} workers (${laneNames(workers)}), ${bars.count} attempts, ${crashes} crashes. Scroll or use the zoom buttons to zoom the time axis; drag to pan.`}
              onPointerMove={(e) => setHover(pick(e.clientX, e.clientY))}
              onPointerLeave={() => setHover(null)}
              onClick={(e) => {
                const hit = pick(e.clientX, e.clientY);
                if (hit) onSelectJob?.(timeline.laneBar(hit.bar)!.job);
              }}
              onKeyDown={(e) => {
                if (e.key === '+' || e.key === '=') step(2);
                else if (e.key === '-') step(0.5);
                else if (e.key === '0') reset();
              }}
            />
            <svg width={width} height={26} className="ql-lanes-axis" aria-hidden="true">
              <line x1={LABEL_W * scale} x2={width - 8} y1={0.5} y2={0.5} />
              {ticks.map((t) => (
                <g key={t} transform={`translate(${x(t)},0)`}>
                  <line y2={5} />
                  <text y={17} textAnchor="middle">{tickText(t)}</text>
                </g>
              ))}
            </svg>
            {hovered && hover && (
              <div className="ql-lanes-tooltip" role="tooltip" style={{ left: Math.min(hover.px + 12, width - 220), top: hover.py + 14 }}>
                <strong>job {hovered.job}</strong> · attempt {hovered.attempt} · {hovered.worker}
                <br />
                {formatSeconds(hovered.start)} → {hovered.end === null || hovered.end > cursor ? 'now' : formatSeconds(hovered.end)} ·{' '}
                {hovered.end === null || hovered.end > cursor ? OUTCOME_LABELS.running : OUTCOME_LABELS[hovered.outcome]}
                <br />
                <span className="ql-lanes-hint">click to inspect</span>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}

/** The lanes' names for a screen reader (the canvas draws them): a few, then how many more. */
function laneNames(workers: readonly string[]): string {
  const shown = workers.slice(0, 12).join(', ');
  return workers.length > 12 ? `${shown} and ${workers.length - 12} more` : shown;
}
