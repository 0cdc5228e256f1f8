// Number formats for values a student will quote: fixed decimals so digits
// do not jump while a run plays (tabular-nums does the rest in CSS).

export function formatSeconds(t: number, digits = 1): string {
  return Number.isFinite(t) ? t.toFixed(digits) : '–';
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US');
}

export function formatNumber(n: number | null | undefined, digits = 2): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);
}

export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '–' : `${(fraction * 100).toFixed(digits)}`;
}
