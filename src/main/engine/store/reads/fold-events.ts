// A stored run's events folded into a RunTimeline page by page, oldest first:
// the one loop the web host's timeline, the report and its lanes excerpt
// share. Memory stays flat however long the run; only the details a timeline
// reads are fetched (RunReads.timelineEventsAfter).
import type { RunTimeline } from '../../../../shared/timeline/index.ts';
import type { RunReads } from './run-reads.ts';

/** Events per read: large enough that a store's per-call cost vanishes, small enough to keep memory flat. */
export const EVENT_PAGE = 20_000;

export interface FoldRange {
  /** Start after this seq (default 0: from the first event). */
  afterSeq?: number;
  /** Stop at the first page wholly past this scenario time (events after it are left out). */
  untilT?: number;
}

/** Adds the run's events to `timeline`; returns the seq of the last event read (afterSeq when none). */
export async function foldEvents(reads: Pick<RunReads, 'timelineEventsAfter'>, runId: string, timeline: RunTimeline, range: FoldRange = {}): Promise<number> {
  let after = range.afterSeq ?? 0;
  const until = range.untilT ?? Infinity;
  for (;;) {
    const events = await reads.timelineEventsAfter(runId, after, EVENT_PAGE);
    if (events.length === 0) break;
    const kept = until === Infinity ? events : events.filter((e) => e.t <= until);
    if (kept.length) timeline.add(kept);
    after = events[events.length - 1]!.seq;
    // Live runs write nearly in time order: one page wholly past the end ends the read.
    if (events.length < EVENT_PAGE || kept.length === 0) break;
  }
  return after;
}
