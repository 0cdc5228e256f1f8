// Numbers as the inspector, the dead-letter table and the event log print
// them: scenario seconds always with their unit, and a dash for "none".
export const NONE = '–';

/** Scenario seconds: three decimals below 1,000 s so columns of times line up. */
export function fmtSeconds(t: number | null | undefined): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return NONE;
  return t < 1000 ? `${t.toFixed(3)} s` : `${t.toFixed(1)} s`;
}

/** A duration between two times, or a dash when either is missing. */
export function fmtSpan(from: number | null, to: number | null): string {
  return from === null || to === null ? NONE : fmtSeconds(to - from);
}

export function fmtPercent(fraction: number): string {
  return `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)} %`;
}
