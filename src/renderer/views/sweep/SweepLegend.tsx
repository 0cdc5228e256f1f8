// What the grid's colours mean: the verdicts with their words and icons, or
// the metric's scale from its worse end to its better end, with the numbers.
import type { ReactElement } from 'react';
import type { SweepMetric } from '../../../shared/sweep/sweep-metrics.ts';
import { metricColour, VERDICT_STYLE } from './sweep-colors.ts';
import { VERDICT_KINDS, type SweepGrid } from './sweep-grid.ts';

export function SweepLegend({ grid, metric, byVerdict }: { grid: SweepGrid; metric: SweepMetric; byVerdict: boolean }): ReactElement | null {
  if (byVerdict) {
    return (
      <ul className="sweep-legend" aria-label="Verdict colours">
        {VERDICT_KINDS.map((kind) => (
          <li key={kind}>
            <span className="sweep-swatch" style={{ background: VERDICT_STYLE[kind].colour, color: VERDICT_STYLE[kind].text }} aria-hidden="true">
              {VERDICT_STYLE[kind].icon}
            </span>
            <strong>{kind}</strong>: {VERDICT_STYLE[kind].meaning}
          </li>
        ))}
      </ul>
    );
  }
  if (!grid.range) return null;
  const worse = metric.higherIsBetter ? grid.range.min : grid.range.max;
  const better = metric.higherIsBetter ? grid.range.max : grid.range.min;
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `${metricColour(t).fill} ${t * 100}%`).join(', ');
  return (
    <div className="sweep-legend sweep-scale" aria-label={`Colour scale: ${metric.label}, dark is worse (${worse.toFixed(metric.digits)}), light is better (${better.toFixed(metric.digits)})`}>
      <span>
        worse <strong>{worse.toFixed(metric.digits)}</strong>
      </span>
      <span className="sweep-scale-bar" style={{ background: `linear-gradient(to right, ${stops})` }} aria-hidden="true" />
      <span>
        <strong>{better.toFixed(metric.digits)}</strong> better
      </span>
      <span className="muted">{metric.label}</span>
    </div>
  );
}
