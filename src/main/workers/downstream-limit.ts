// The `downstreamRateLimit` fault in live mode: a downstream API that answers
// 429 once `max` calls of a job type were made in the current window of `per`
// seconds. Every worker process calls the same downstream, so the count lives
// in the database (a row of rate_limits under a reserved name that no queue
// can have), counted in fixed windows exactly as instant mode counts them.
import { callsAfterOne, downstreamLimitsOf, refused, windowOf, type DownstreamLimit } from '../../shared/limits/downstream-quota.ts';
import type { FaultSpec } from '../../shared/scenario/schema.ts';
import type { DB } from '../engine/store/open-database.ts';

/** rate_limits.queue of a job type's downstream counter; `~` keeps it apart from queue names. */
export const downstreamKey = (jobType: string): string => `~downstream:${jobType}`;

export class DownstreamLimits {
  private readonly limits: Map<string, DownstreamLimit[]>;
  private readonly count: ((key: string, window: number) => number) | null = null;

  constructor(db: DB, runId: string, faults: readonly FaultSpec[]) {
    this.limits = downstreamLimitsOf(faults);
    if (this.limits.size === 0) return;
    // tokens holds the calls made in the window whose number is in updated_at.
    const read = db.prepare<[string, string], { tokens: number; updated_at: number }>(
      'SELECT tokens, updated_at FROM rate_limits WHERE run_id = ? AND queue = ?',
    );
    const write = db.prepare(
      `INSERT INTO rate_limits (run_id, queue, tokens, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, queue) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`,
    );
    const callTx = db.transaction((key: string, window: number): number => {
      const row = read.get(runId, key);
      const used = callsAfterOne(window, row?.updated_at ?? null, row?.tokens ?? 0);
      write.run(runId, key, used, window);
      return used;
    });
    this.count = (key, window) => callTx.immediate(key, window);
  }

  /** Spends one call of every limit on this job type; true when any of them is over its quota. */
  rejects(jobType: string, now: number): boolean {
    const limits = this.limits.get(jobType);
    if (!limits || !this.count) return false;
    return refused(limits, (lim, i) => this.count!(`${downstreamKey(jobType)}#${i}`, windowOf(lim, now)));
  }
}
