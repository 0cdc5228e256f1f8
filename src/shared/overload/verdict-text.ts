// The verdict and the downstream figures in words, for every place that shows
// them (the Stats panel, the report), so they read the same everywhere.
import type { DownstreamSummary } from './downstream-summary.ts';
import type { Verdict } from './verdict.ts';

export const VERDICT_LABEL: Record<Verdict['kind'], string> = {
  recovered: 'Recovered',
  metastable: 'Metastable',
  none: 'No verdict',
};

const rate = (x: number | null): string => (x === null || !Number.isFinite(x) ? '–' : x.toFixed(1));
const span = (w: [number, number] | null): string => (w === null ? '' : ` (${w[0].toFixed(0)}–${w[1].toFixed(0)} s)`);

/** One sentence: what the trigger was and the two goodputs that decided it. */
export function verdictSentence(v: Verdict): string {
  if (v.kind === 'none') return `No verdict: ${v.note}.`;
  const trigger = v.trigger ? `${v.trigger.label}, ${v.trigger.from}–${v.trigger.to} s` : 'the trigger';
  return `${VERDICT_LABEL[v.kind]}: goodput ${rate(v.goodput_before)} jobs/s before the trigger${span(v.before_s)}, `
    + `${rate(v.goodput_after)} jobs/s at the end of the load${span(v.after_s)} while ${rate(v.offered_after)} jobs/s arrived `
    + `(${v.note.replace(/^goodput after the trigger is /, '')}); trigger: ${trigger}.`;
}

/** The refusals by defence, in words, or null when nothing was refused. */
export function refusedSentence(d: DownstreamSummary): string | null {
  const parts = [
    d.refused.retry_budget > 0 ? `${d.refused.retry_budget.toLocaleString('en-US')} retries by the retry budget` : null,
    d.refused.circuit_open > 0 ? `${d.refused.circuit_open.toLocaleString('en-US')} calls by the circuit breaker` : null,
    d.refused.throttled > 0 ? `${d.refused.throttled.toLocaleString('en-US')} calls by adaptive throttling` : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : `Refused on the caller's side: ${parts.join(', ')}.`;
}
