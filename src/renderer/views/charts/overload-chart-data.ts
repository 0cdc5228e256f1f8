// The series of the overload charts (service utilization, calls in service
// and queued, retry-budget tokens, breaker state, throttling) from what the
// run recorded over time (LabApi getOverloadSeries, the overload_samples
// table). Instant mode has one source ('sim'); in live mode the services are
// measured by the host and each worker process holds its own defences, as
// real clients do, so a defence is drawn per worker: a sum of buckets or a
// "breaker open somewhere" would hide that one client gave up while another
// still retries.
import { changesOnly, meanOverSpans, type OverloadSeries } from '../../../shared/overload/overload-series.ts';
import { BREAKER_STATE_VALUE, type OverloadMetric } from '../../../shared/tables/overload-samples.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import type { Point } from './chart-data.ts';

/** Colours for the n-th service or worker line: the state palette (Okabe-Ito), most distinct first. */
const LINE_COLORS = [STATE_COLORS.processing, STATE_COLORS.retrying, STATE_COLORS.scheduled, STATE_COLORS.succeeded, STATE_COLORS.dead, STATE_COLORS.pending];
export const lineColor = (i: number): string => LINE_COLORS[i % LINE_COLORS.length]!;

export interface NamedPoints {
  /** What the legend says: the service, or the job type (with the worker in live mode). */
  label: string;
  points: Point[];
}

export interface BreakerLane {
  label: string;
  /** State changes as steps: value 0 closed, 1 half-open, 2 open (BREAKER_STATE_VALUE), in time order. */
  steps: Point[];
}

export interface OverloadChartData {
  services: string[];
  utilization: NamedPoints[];
  /** Open slots as a share of the service's concurrency (the trigger's drop). */
  openSlots: NamedPoints[];
  inService: NamedPoints[];
  queued: NamedPoints[];
  budget: NamedPoints[];
  breakers: BreakerLane[];
  throttle: NamedPoints[];
}

/** Utilization is drawn as means over whole seconds. */
const UTILIZATION_SPAN = 1;

const pointsOf = (s: OverloadSeries): Point[] => s.t.map((t, i) => ({ t, v: s.value[i]! }));

/** A defence's label: the job type, and the worker when more than one source measured it. */
function defenceLabel(s: OverloadSeries, sources: number): string {
  return sources > 1 ? `${s.name} (${s.source})` : s.name;
}

export function overloadChartData(series: readonly OverloadSeries[]): OverloadChartData {
  const of = (metric: OverloadMetric): OverloadSeries[] => series.filter((s) => s.metric === metric);
  const services = [...new Set(of('utilization').map((s) => s.name))];
  const concurrency = new Map<string, number>();
  // A service's concurrency: its most open slots (capacity is never above it, and equal to it outside windows).
  for (const s of of('capacity')) concurrency.set(s.name, Math.max(concurrency.get(s.name) ?? 0, ...s.value));
  const named = (metric: OverloadMetric): NamedPoints[] => of(metric).map((s) => ({ label: s.name, points: pointsOf(s) }));
  const defenceSources = new Set(series.filter((s) => s.metric === 'budget_tokens' || s.metric === 'breaker_state' || s.metric === 'throttle_p').map((s) => s.source));
  const defence = (metric: OverloadMetric): NamedPoints[] =>
    of(metric).map((s) => ({ label: defenceLabel(s, defenceSources.size), points: pointsOf(s) }));
  return {
    services,
    // Each point is the mean over its step (0.1 s and up): whole seconds read on a projector without the noise.
    utilization: named('utilization').map((s) => ({ label: s.label, points: meanOverSpans(s.points, UTILIZATION_SPAN) })),
    openSlots: of('capacity').map((s) => {
      const full = concurrency.get(s.name) || 1;
      return { label: s.name, points: s.t.map((t, i) => ({ t, v: s.value[i]! / full })) };
    }),
    inService: named('in_service'),
    queued: named('queued'),
    budget: defence('budget_tokens'),
    breakers: of('breaker_state').map((s) => ({ label: defenceLabel(s, defenceSources.size), steps: changesOnly(pointsOf(s)) })),
    throttle: defence('throttle_p'),
  };
}

/** Scenario seconds the breaker spent in each state up to `end` (the legend's numbers). */
export function timeInState(steps: readonly Point[], end: number): Record<keyof typeof BREAKER_STATE_VALUE, number> {
  const out = { closed: 0, 'half-open': 0, open: 0 };
  const names = Object.keys(BREAKER_STATE_VALUE) as (keyof typeof BREAKER_STATE_VALUE)[];
  steps.forEach((p, i) => {
    const until = Math.min(end, steps[i + 1]?.t ?? end);
    const state = names.find((n) => BREAKER_STATE_VALUE[n] === p.v);
    if (state && until > p.t) out[state] += until - p.t;
  });
  return out;
}
