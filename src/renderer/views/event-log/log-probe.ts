// Questions about a run's event log answered with a few one-event reads:
// the LabApi lists events by seq only, so "where does the log end" and
// "which is the last event at or before t" are bisections over seq (t grows
// with seq). A 500k-event log takes about 40 reads, never a full scan.
import type { LabEvent } from '../../../shared/events.ts';
import type { LabApi } from '../../../shared/lab-api/lab-api.ts';

export type EventsApi = Pick<LabApi, 'listEvents'>;

/**
 * The seq of the last event for which `holds` is true, given that it is true
 * for a prefix of the log and false after (0 when it holds for none).
 * `from` is a seq known to hold (a previous answer), to search from there.
 */
export async function lastSeqWhere(api: EventsApi, runId: string, holds: (e: LabEvent) => boolean, from = 0): Promise<number> {
  const after = async (a: number): Promise<LabEvent | undefined> => (await api.listEvents({ runId, afterSeq: a, limit: 1 }))[0];
  const ok = async (a: number): Promise<boolean> => {
    const e = await after(a);
    return e !== undefined && holds(e);
  };
  // Invariant: the event after `lo` holds (or lo is `from`, which holds), the event after `hi` does not.
  let lo = Math.max(0, from);
  let step = 1024;
  let hi = lo + step;
  if (!(await ok(lo))) return lo;
  while (await ok(hi)) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await ok(mid)) lo = mid;
    else hi = mid;
  }
  return (await after(lo))?.seq ?? lo;
}

/** The seq of the newest event (0 for an empty log). */
export function headSeq(api: EventsApi, runId: string, knownHead = 0): Promise<number> {
  return lastSeqWhere(api, runId, () => true, knownHead);
}

/** The seq of the last event at or before scenario time t. */
export function lastSeqAtOrBefore(api: EventsApi, runId: string, t: number): Promise<number> {
  return lastSeqWhere(api, runId, (e) => e.t <= t);
}
