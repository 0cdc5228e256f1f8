// Did the system come back after the trigger? The rule (README.md "The
// verdict"): compare goodput (jobs succeeded per second) in the 30 s before
// the trigger with goodput in the last 30 s of offered load (but not sooner
// than 10 s after the trigger ended). Below half of before: metastable (the
// trigger is long gone, work still arrives, and the system is still down:
// retries keep it there); else recovered, however slowly. No trigger: none.
import type { Scenario } from '../scenario/schema.ts';

export const VERDICT_RULE = {
  /** Seconds of goodput measured before the trigger starts. */
  beforeSeconds: 30,
  /** Seconds after the trigger ends before measuring (a recovering system drains its backlog here). */
  settleSeconds: 10,
  /** Seconds of goodput measured at the end of the offered load (after the settle period). */
  afterSeconds: 30,
  /** Shorter windows than this say nothing (verdict none). */
  minWindowSeconds: 5,
  /** goodput after < this x goodput before: metastable. */
  metastableBelow: 0.5,
} as const;

export const VERDICT_RULE_TEXT =
  `goodput in the last ${VERDICT_RULE.afterSeconds} s of offered load (from ${VERDICT_RULE.settleSeconds} s after the trigger ended) ` +
  `below ${VERDICT_RULE.metastableBelow * 100}% of goodput in the ${VERDICT_RULE.beforeSeconds} s before the trigger: metastable`;

export interface TriggerWindow {
  from: number;
  to: number;
  /** What it was, for people: "service api at 20% capacity". */
  label: string;
}

export interface Verdict {
  kind: 'recovered' | 'metastable' | 'none';
  /** Jobs succeeded per second in the window before the trigger (null: no window). */
  goodput_before: number | null;
  goodput_after: number | null;
  /** Jobs arriving per second in the same windows. */
  offered_before: number | null;
  offered_after: number | null;
  trigger: TriggerWindow | null;
  /** [from, to] scenario seconds of each measured window. */
  before_s: [number, number] | null;
  after_s: [number, number] | null;
  rule: string;
  /** Why the verdict is none, or the ratio that decided it, in a sentence. */
  note: string;
}

/** The run's trigger: the earliest capacity drop of a service, or the earliest outage fault. */
export function findTrigger(s: Scenario): TriggerWindow | null {
  const all: TriggerWindow[] = [];
  for (const [name, svc] of Object.entries(s.services ?? {})) {
    for (const w of svc.windows) {
      if (w.capacity < 1 && w.to > w.from) all.push({ from: w.from, to: w.to, label: `service ${name} at ${Math.round(w.capacity * 100)}% capacity` });
    }
  }
  for (const f of s.faults) if (f.kind === 'outage' && f.to > f.from) all.push({ from: f.from, to: f.to, label: `outage of ${f.jobType}` });
  all.sort((a, b) => a.from - b.from || a.to - b.to);
  return all[0] ?? null;
}

/** How many of the sorted times lie in [from, to). */
function countIn(sorted: ArrayLike<number>, from: number, to: number): number {
  return lowerBound(sorted, to) - lowerBound(sorted, from);
}

function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * @param successTimes when each succeeded job finished, ascending
 * @param arrivalTimes when each job was enqueued, ascending
 */
export function decideVerdict(trigger: TriggerWindow | null, successTimes: ArrayLike<number>, arrivalTimes: ArrayLike<number>): Verdict {
  const none = (note: string, partial: Partial<Verdict> = {}): Verdict => ({
    kind: 'none', goodput_before: null, goodput_after: null, offered_before: null, offered_after: null,
    trigger, before_s: null, after_s: null, rule: VERDICT_RULE_TEXT, note, ...partial,
  });
  if (trigger === null) return none('no trigger in the run (no service capacity window, no outage fault)');
  const R = VERDICT_RULE;
  const before: [number, number] = [Math.max(0, trigger.from - R.beforeSeconds), trigger.from];
  const lastArrival = arrivalTimes.length > 0 ? arrivalTimes[arrivalTimes.length - 1]! : 0;
  const afterFrom = Math.max(trigger.to + R.settleSeconds, lastArrival - R.afterSeconds);
  const after: [number, number] = [afterFrom, lastArrival];
  if (before[1] - before[0] < R.minWindowSeconds) return none(`the trigger starts at ${trigger.from} s: less than ${R.minWindowSeconds} s before it to measure`);
  const rate = (times: ArrayLike<number>, w: [number, number]) => countIn(times, w[0], w[1]) / (w[1] - w[0]);
  const goodputBefore = rate(successTimes, before);
  const offeredBefore = rate(arrivalTimes, before);
  if (after[1] - after[0] < R.minWindowSeconds) {
    return none(`jobs stop arriving at ${lastArrival.toFixed(1)} s, less than ${R.minWindowSeconds} s after ${afterFrom} s (${R.settleSeconds} s after the trigger ended)`, {
      goodput_before: goodputBefore, offered_before: offeredBefore, before_s: before,
    });
  }
  const goodputAfter = rate(successTimes, after);
  const offeredAfter = rate(arrivalTimes, after);
  const ratio = goodputBefore > 0 ? goodputAfter / goodputBefore : goodputAfter > 0 ? Infinity : 1;
  const kind = ratio < R.metastableBelow ? 'metastable' : 'recovered';
  return {
    kind, goodput_before: goodputBefore, goodput_after: goodputAfter, offered_before: offeredBefore, offered_after: offeredAfter,
    trigger, before_s: before, after_s: after, rule: VERDICT_RULE_TEXT,
    note: `goodput after the trigger is ${Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : 'above 0 from 0'} of before`,
  };
}
