// Small SVG string helpers for the report's charts: scales, ticks, axes and
// paths. Written here rather than taken from d3 so that the generator is a
// few pure functions with no DOM and no dependency to resolve in every host.
import { escapeHtml } from './escape.ts';
import { formatTick } from './format.ts';

export type Scale = (x: number) => number;

export interface Box {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const CHART: Box = { width: 720, height: 240, margin: { top: 14, right: 18, bottom: 40, left: 58 } };

export function innerWidth(box: Box): number {
  return box.width - box.margin.left - box.margin.right;
}
export function innerHeight(box: Box): number {
  return box.height - box.margin.top - box.margin.bottom;
}

export function linearScale([d0, d1]: [number, number], [r0, r1]: [number, number]): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

export function logScale([d0, d1]: [number, number], [r0, r1]: [number, number]): Scale {
  const l0 = Math.log10(d0);
  const span = Math.log10(d1) - l0 || 1;
  return (x) => r0 + ((Math.log10(Math.max(x, d0)) - l0) / span) * (r1 - r0);
}

/** About `count` ticks from 0 (or min) to max on 1, 2, 5 x 10^k steps; `top` is the last tick, >= max. */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; step: number; top: number } {
  const span = max - min;
  if (!(span > 0)) return { ticks: [min], step: 1, top: min + 1 };
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return { ticks, step, top: ticks[ticks.length - 1]! };
}

/** Ticks of niceTicks that fall inside [min, max]: for a time axis that should end where the run ended. */
export function ticksWithin(min: number, max: number, count = 8): { ticks: number[]; step: number } {
  const { ticks, step } = niceTicks(min, max, count);
  return { ticks: ticks.filter((t) => t >= min - step * 1e-9 && t <= max + step * 1e-9), step };
}

/** Rounded to 0.1 px: the path strings are most of a chart's bytes. */
export function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}

export function linePath(xs: readonly number[], ys: readonly number[]): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i === 0 ? 'M' : 'L'}${px(xs[i]!)},${px(ys[i]!)}`;
  return d;
}

/** A band between lower and upper lines over the same xs (one layer of a stacked area). */
export function areaPath(xs: readonly number[], lower: readonly number[], upper: readonly number[]): string {
  if (xs.length === 0) return '';
  let d = linePath(xs, upper);
  for (let i = xs.length - 1; i >= 0; i--) d += `L${px(xs[i]!)},${px(lower[i]!)}`;
  return `${d}Z`;
}

/** The opening <svg> of a chart: scales to its column, and a title for screen readers. */
export function svgOpen(box: Box, title: string, id: string): string {
  return `<svg class="chart" id="${id}" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg">`
    + `<title id="${id}-title">${escapeHtml(title)}</title>`;
}

export function xAxis(box: Box, x: Scale, ticks: readonly number[], step: number, label: string, format = formatTick): string {
  const y = box.height - box.margin.bottom;
  let s = `<g class="axis"><line x1="${box.margin.left}" x2="${box.width - box.margin.right}" y1="${y}" y2="${y}"/>`;
  for (const t of ticks) {
    const xp = px(x(t));
    s += `<line x1="${xp}" x2="${xp}" y1="${y}" y2="${y + 4}"/><text x="${xp}" y="${y + 16}" text-anchor="middle">${escapeHtml(format(t, step))}</text>`;
  }
  const mid = box.margin.left + innerWidth(box) / 2;
  return `${s}<text class="axis-label" x="${px(mid)}" y="${box.height - 4}" text-anchor="middle">${escapeHtml(label)}</text></g>`;
}

export function yAxis(box: Box, y: Scale, ticks: readonly number[], step: number, label: string): string {
  const x = box.margin.left;
  let s = `<g class="axis"><line x1="${x}" x2="${x}" y1="${box.margin.top}" y2="${box.height - box.margin.bottom}"/>`;
  for (const t of ticks) {
    const yp = px(y(t));
    s += `<line class="grid" x1="${x}" x2="${box.width - box.margin.right}" y1="${yp}" y2="${yp}"/>`
      + `<text x="${x - 6}" y="${yp}" dy="0.32em" text-anchor="end">${escapeHtml(formatTick(t, step))}</text>`;
  }
  const mid = box.margin.top + innerHeight(box) / 2;
  return `${s}<text class="axis-label" transform="translate(12 ${px(mid)}) rotate(-90)" text-anchor="middle">${escapeHtml(label)}</text></g>`;
}

/** What a chart says when it has nothing to draw, in the chart's place. */
export function emptyChart(box: Box, id: string, title: string, message: string): string {
  return `${svgOpen({ ...box, height: 60 }, title, id)}<text class="empty" x="${box.width / 2}" y="34" text-anchor="middle">${escapeHtml(message)}</text></svg>`;
}
