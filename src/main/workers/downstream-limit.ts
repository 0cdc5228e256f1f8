// The `downstreamRateLimit` fault in live mode: a downstream API that answers
// 429 once `max` calls of a job type were made in the current window of `per`
// seconds. Every worker process calls the same downstream, so the count lives
// in the database (a row of rate_limits under a reserved name that no queue
// can have; LiveStore.countDownstreamCall), counted in fixed windows exactly
// as instant mode counts them.
import { downstreamLimitsOf, refused, windowOf, type DownstreamLimit } from '../../shared/limits/downstream-quota.ts';
import type { FaultSpec } from '../../shared/scenario/schema.ts';
import type { LiveStore } from '../engine/live/live-store.ts';

/** rate_limits.queue of a job type's downstream counter; `~` keeps it apart from queue names. */
export const downstreamKey = (jobType: string): string => `~downstream:${jobType}`;

export class DownstreamLimits {
  private readonly limits: Map<string, DownstreamLimit[]>;

  constructor(
    private readonly store: Pick<LiveStore, 'countDownstreamCall'>,
    faults: readonly FaultSpec[],
  ) {
    this.limits = downstreamLimitsOf(faults);
  }

  /** True when jobType has a downstream limit (only then does rejects() ask the database). */
  has(jobType: string): boolean {
    return this.limits.has(jobType);
  }

  /** Spends one call of every limit on this job type; true when any of them is over its quota. */
  async rejects(jobType: string, now: number): Promise<boolean> {
    const limits = this.limits.get(jobType);
    if (!limits) return false;
    const used: number[] = [];
    for (const [i, lim] of limits.entries()) used.push(await this.store.countDownstreamCall(`${downstreamKey(jobType)}#${i}`, windowOf(lim, now)));
    return refused(limits, (_, i) => used[i]!);
  }
}
