// The series of the service charts (shown when a run's jobs call services,
// README.md "Services"), from what every run's timeline holds: calls made
// (attempts started) against jobs offered, as calls per job over time (the
// amplification a retry storm drives up), and the trigger (the scenario's
// first capacity drop or outage) as a band on every chart.
import type { FaultMark } from '../../../shared/timeline/index.ts';
import { findTrigger, type TriggerWindow } from '../../../shared/overload/verdict.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { Point } from './chart-data.ts';

/** Calls per offered job in each run of `k` buckets: NaN where no job arrived (a ratio of nothing says nothing). */
export function callsPerJob(started: ArrayLike<number>, enqueued: ArrayLike<number>, count: number, width: number, k: number): Point[] {
  const out: Point[] = [];
  for (let start = 0; start < count; start += k) {
    const end = Math.min(count, start + k);
    let calls = 0;
    let jobs = 0;
    for (let i = start; i < end; i++) {
      calls += started[i]!;
      jobs += enqueued[i]!;
    }
    out.push({ t: ((start + end) / 2) * width, v: jobs > 0 ? calls / jobs : NaN });
  }
  return out;
}

/** The trigger as a chart band, unless a fault band already marks the same window (instant mode writes one). */
export function triggerMark(trigger: TriggerWindow | null, faults: readonly FaultMark[]): FaultMark | null {
  if (!trigger) return null;
  const marked = faults.some((f) => f.kind === 'window' && Math.abs(f.start - trigger.from) < 1e-6 && Math.abs(f.end - trigger.to) < 1e-6);
  return marked ? null : { kind: 'window', label: `trigger: ${trigger.label}`, start: trigger.from, end: trigger.to, icon: '⚡', toEnd: false };
}

/** Whether the run's jobs call services, and its trigger, from the run's resolved scenario (null before it is known). */
export function overloadOf(spec: unknown): { services: boolean; trigger: TriggerWindow | null } {
  const scenario = spec as Scenario | null | undefined;
  if (!scenario || typeof scenario !== 'object' || Object.keys(scenario.services ?? {}).length === 0) return { services: false, trigger: null };
  return { services: true, trigger: findTrigger(scenario) };
}
