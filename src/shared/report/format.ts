// Numbers as a report prints them: integers in full with thousands separators
// (a student quotes them), measures to three significant digits with the unit.
// No Intl: the output must not depend on the machine's locale.

export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 3 significant digits below 100, one decimal below 1000, whole numbers above. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 1000) return formatInt(x);
  if (a >= 100) return x.toFixed(1);
  if (a < 0.001) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

export function formatSeconds(x: number): string {
  return `${formatNumber(x)} s`;
}

export function formatPercent(fraction: number): string {
  return `${formatNumber(fraction * 100)} %`;
}

/** An axis tick: as short as the step allows. */
export function formatTick(x: number, step: number): string {
  if (Math.abs(x) >= 10_000) return formatInt(x);
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return x.toFixed(decimals);
}
