// Colours of the sweep grid. Verdicts take Okabe-Ito colours (colour-blind
// safe, as every state colour here) and always come with their word and an
// icon; a metric takes cividis, a scale made for colour-vision deficiency,
// oriented so the better end of the metric is the light end.
import { interpolateCividis } from 'd3';
import type { SweepMetric } from '../../../shared/sweep/sweep-metrics.ts';
import type { VerdictKind } from './sweep-grid.ts';

export const VERDICT_STYLE: Record<VerdictKind, { colour: string; text: string; icon: string; meaning: string }> = {
  recovered: { colour: '#009E73', text: '#ffffff', icon: '✓', meaning: 'goodput came back after the trigger' },
  metastable: { colour: '#D55E00', text: '#ffffff', icon: '✕', meaning: 'goodput stayed low after the trigger ended' },
  none: { colour: '#BBBBBB', text: '#1b1f24', icon: '–', meaning: 'no trigger in the run' },
};

/** 0 at the worse end of the range, 1 at the better end; 1 when every cell is equal. */
export function goodness(value: number, range: { min: number; max: number }, metric: SweepMetric): number {
  if (range.max === range.min) return 1;
  const t = (value - range.min) / (range.max - range.min);
  return metric.higherIsBetter ? t : 1 - t;
}

export function metricColour(t: number): { fill: string; text: string } {
  return { fill: interpolateCividis(t), text: t > 0.55 ? '#1b1f24' : '#ffffff' };
}
