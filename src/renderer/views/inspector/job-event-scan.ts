// Finds one job's events in a run's log. The LabApi lists events by seq
// only, so a job's events are read page by page and filtered here. Two
// things keep that cheap on a 500k-event run: the scan starts near the job's
// enqueue time (found by bisecting on t, which grows with seq), and it is
// incremental, so a live run's new events are read once.
import type { LabEvent } from '../../../shared/events.ts';
import { MAX_EVENTS_PER_CALL } from '../../../shared/lab-api/lab-api.ts';
import { lastSeqWhere, type EventsApi } from '../event-log/log-probe.ts';

/** Live hosts write events from several processes, so t is only nearly monotonic in seq: start this many events early. */
const START_MARGIN = 2000;

/** The afterSeq from which reading finds every event at or after scenario time `t` (give or take the margin). */
export async function afterSeqForTime(api: EventsApi, runId: string, t: number): Promise<number> {
  return Math.max(0, (await lastSeqWhere(api, runId, (e) => e.t < t)) - START_MARGIN);
}

export interface ScanProgress {
  /** The last seq read so far. */
  readSeq: number;
}

export class JobEventScanner {
  readonly events: LabEvent[] = [];
  private afterSeq: number | null = null;
  private done = false;

  constructor(
    private readonly api: EventsApi,
    private readonly runId: string,
    private readonly seq: number,
    private readonly enqueuedAt: number,
  ) {}

  /**
   * Reads on from where the last scan stopped, to the end of the log, or
   * until events pass `stopAfterT` (a job that is final for good has no
   * later events, apart from a late completion right after, hence one more page).
   * Returns whether new events of the job were found.
   */
  async scan(stopAfterT: number | null, isCancelled: () => boolean, onProgress?: (p: ScanProgress) => void): Promise<boolean> {
    if (this.done) return false;
    this.afterSeq ??= await afterSeqForTime(this.api, this.runId, this.enqueuedAt);
    let found = false;
    let pagesPastStop = 0;
    while (!isCancelled()) {
      const page = await this.api.listEvents({ runId: this.runId, afterSeq: this.afterSeq, limit: MAX_EVENTS_PER_CALL });
      if (isCancelled()) break;
      for (const e of page) {
        if (e.job === this.seq) {
          this.events.push(e);
          found = true;
        }
      }
      const last = page[page.length - 1];
      if (last) this.afterSeq = last.seq;
      onProgress?.({ readSeq: this.afterSeq });
      if (page.length < MAX_EVENTS_PER_CALL) break;
      if (stopAfterT !== null && last && last.t > stopAfterT && ++pagesPastStop > 1) {
        this.done = true;
        break;
      }
    }
    return found;
  }
}
