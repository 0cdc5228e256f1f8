// The `downstreamRateLimit` fault: a downstream API that answers 429 once
// `max` calls of a job type were made in the current fixed window of `per`
// seconds. Every call spends quota, whatever the attempt's fate. Instant mode
// counts in memory, live mode in the database (every worker process calls
// the same downstream); both count windows and decide refusals here.
import type { FaultSpec } from '../scenario/schema.ts';

export interface DownstreamLimit {
  max: number;
  per: number;
}

/** The downstream limits of each job type, in fault order. */
export function downstreamLimitsOf(faults: readonly FaultSpec[]): Map<string, DownstreamLimit[]> {
  const limits = new Map<string, DownstreamLimit[]>();
  for (const f of faults) {
    if (f.kind !== 'downstreamRateLimit') continue;
    const list = limits.get(f.jobType) ?? [];
    list.push({ max: f.max, per: f.per });
    limits.set(f.jobType, list);
  }
  return limits;
}

/** The number of the fixed window `now` falls in. */
export function windowOf(limit: DownstreamLimit, now: number): number {
  return Math.floor(now / limit.per);
}

/** Calls made in `window` after this one, given the count stored for `storedWindow`. */
export function callsAfterOne(window: number, storedWindow: number | null, storedCalls: number): number {
  return storedWindow === window ? storedCalls + 1 : 1;
}

/** True when this call went over any limit's quota (every limit is still charged). */
export function refused(limits: readonly DownstreamLimit[], charge: (limit: DownstreamLimit, index: number) => number): boolean {
  let over = false;
  limits.forEach((lim, i) => {
    if (charge(lim, i) > lim.max) over = true;
  });
  return over;
}
