// The RunTimeline of a stored run (the LabApi's getTimeline): its events read
// in chunks, in seq order, into a RunTimeline, whose snapshot is one message
// however long the run was, so a finished 100k-job run opens without the
// renderer replaying its events. A snapshot is kept per run while no event
// is added after it (a finished run is asked for again when reopened).
import type { TimelineSnapshot } from '../../shared/timeline/index.ts';
import { RunTimeline } from '../../shared/timeline/index.ts';
import { prepareTimelineEventPage } from '../engine/store/event-reads.ts';
import type { DB } from '../engine/store/open-database.ts';
import type { RunQueries } from './run-queries.ts';

/** Events per read: large enough that SQLite's per-call cost vanishes, small enough to keep memory flat. */
const CHUNK = 20_000;
/** Snapshots kept (the runs a user flips between). */
const KEPT = 2;

export class TimelineBuilder {
  private readonly cache = new Map<string, { lastSeq: number; snapshot: TimelineSnapshot }>();

  private readonly page;

  constructor(
    db: DB,
    private readonly queries: RunQueries,
  ) {
    this.page = prepareTimelineEventPage(db);
  }

  snapshotOf(runId: string): TimelineSnapshot {
    const lastSeq = this.queries.lastSeq(runId);
    const kept = this.cache.get(runId);
    if (kept && kept.lastSeq === lastSeq) return kept.snapshot;
    const timeline = new RunTimeline();
    let after = 0;
    for (;;) {
      const events = this.page.all(runId, after, CHUNK);
      if (events.length === 0) break;
      timeline.add(events);
      after = events[events.length - 1]!.seq;
      if (events.length < CHUNK) break;
    }
    const snapshot = timeline.toSnapshot();
    this.cache.delete(runId);
    this.cache.set(runId, { lastSeq: after, snapshot });
    if (this.cache.size > KEPT) this.cache.delete(this.cache.keys().next().value!);
    return snapshot;
  }
}
