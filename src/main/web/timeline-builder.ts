// The RunTimeline of a stored run (the LabApi's getTimeline): its events
// folded in pages (foldEvents) into a RunTimeline, whose snapshot is one
// message however long the run was, so a finished 100k-job run opens without
// the renderer replaying its events. A snapshot is kept per run while no
// event is added after it (a finished run is asked for again when reopened).
import type { TimelineSnapshot } from '../../shared/timeline/index.ts';
import { RunTimeline } from '../../shared/timeline/index.ts';
import { foldEvents } from '../engine/store/reads/fold-events.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';

/** Snapshots kept (the runs a user flips between). */
const KEPT = 2;

export class TimelineBuilder {
  private readonly cache = new Map<string, { lastSeq: number; snapshot: TimelineSnapshot }>();

  constructor(private readonly reads: Pick<RunReads, 'lastSeq' | 'timelineEventsAfter'>) {}

  async snapshotOf(runId: string): Promise<TimelineSnapshot> {
    const lastSeq = await this.reads.lastSeq(runId);
    const kept = this.cache.get(runId);
    if (kept && kept.lastSeq === lastSeq) return kept.snapshot;
    const timeline = new RunTimeline();
    const after = await foldEvents(this.reads, runId, timeline);
    const snapshot = timeline.toSnapshot();
    this.cache.delete(runId);
    this.cache.set(runId, { lastSeq: after, snapshot });
    if (this.cache.size > KEPT) this.cache.delete(this.cache.keys().next().value!);
    return snapshot;
  }
}
