// How long failed jobs waited before their retry was due: the backoff policy
// as it actually played out (a spike per step without jitter, a spread with).
import { STATE_COLORS } from '../../theme/state-colors.ts';
import type { RetryDelayHistogram } from '../../timeline/types.ts';
import { formatInt } from '../format.ts';
import { CHART, emptyChart, innerHeight, linearScale, niceTicks, px, svgOpen, xAxis, yAxis } from '../svg.ts';

const TITLE = 'Retry delay histogram';

export function retryDelayChart(h: RetryDelayHistogram): string {
  if (h.total === 0 || h.counts.length === 0) {
    return emptyChart(CHART, 'chart-retry', TITLE, 'No attempt was retried: there are no retry delays to show.');
  }
  const box = CHART;
  const xMax = h.binWidth * h.counts.length;
  const xt = niceTicks(0, xMax, 8);
  const yt = niceTicks(0, Math.max(...h.counts), 5);
  const x = linearScale([0, xt.top], [box.margin.left, box.width - box.margin.right]);
  const y = linearScale([0, yt.top], [box.margin.top + innerHeight(box), box.margin.top]);
  let bars = '';
  h.counts.forEach((n, i) => {
    if (n === 0) return;
    const x0 = x(i * h.binWidth);
    const w = Math.max(1, x((i + 1) * h.binWidth) - x0 - 1);
    const lo = i * h.binWidth;
    bars += `<rect x="${px(x0)}" y="${px(y(n))}" width="${px(w)}" height="${px(y(0) - y(n))}" fill="${STATE_COLORS.retrying}">`
      + `<title>${formatInt(n)} retries waited ${lo.toPrecision(3)}–${(lo + h.binWidth).toPrecision(3)} s</title></rect>`;
  });
  return `${svgOpen(box, TITLE, 'chart-retry')}${yAxis(box, y, yt.ticks, yt.step, 'retries')}${bars}`
    + `${xAxis(box, x, xt.ticks, xt.step, 'delay from failure to retry due (s)')}</svg>`;
}
