// The LabApi event stream, fed from the events table. Live workers are other
// processes writing to the same file, so the table is the only place that
// sees every event: the feed polls it, only while someone listens. Each
// subscription keeps its own position and is served only when it is ready
// (a socket not backed up), so a slow client falls behind without losing
// anything or holding others back: the events wait in the database.
import type { LabEvent } from '../../shared/events.ts';
import { MAX_EVENTS_PER_CALL } from '../../shared/lab-api/lab-api.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';

export interface FeedListener {
  deliver(events: LabEvent[]): void;
  /** False while the receiver cannot take more (its socket buffer is full). */
  ready(): boolean;
}

interface Subscription extends FeedListener {
  runId: string;
  lastSeq: number;
  /** A read is under way (a networked store answers later): the next poll skips this one. */
  busy: boolean;
}

/** Batches one subscription may receive per poll before others get their turn. */
const BATCHES_PER_TICK = 4;

export class EventFeed {
  private readonly subscriptions = new Set<Subscription>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly reads: Pick<RunReads, 'eventsAfter'>,
    private readonly pollMs = 100,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Delivers the run's events after `afterSeq`, then every new one; returns the unsubscribe. */
  subscribe(runId: string, afterSeq: number, listener: FeedListener): () => void {
    const sub: Subscription = { runId, lastSeq: afterSeq, busy: false, deliver: listener.deliver, ready: listener.ready };
    this.subscriptions.add(sub);
    this.timer ??= setInterval(() => this.poll(), this.pollMs);
    this.timer.unref?.();
    // What is stored already goes out at once, not after the first interval.
    setImmediate(() => void this.serve(sub));
    return () => this.remove(sub);
  }

  get size(): number {
    return this.subscriptions.size;
  }

  close(): void {
    this.subscriptions.clear();
    this.stopTimer();
  }

  private remove(sub: Subscription): void {
    this.subscriptions.delete(sub);
    if (this.subscriptions.size === 0) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private poll(): void {
    for (const sub of this.subscriptions) void this.serve(sub);
  }

  private async serve(sub: Subscription): Promise<void> {
    if (sub.busy) return;
    sub.busy = true;
    try {
      for (let i = 0; i < BATCHES_PER_TICK && this.subscriptions.has(sub) && sub.ready(); i++) {
        const events = await this.reads.eventsAfter(sub.runId, sub.lastSeq, MAX_EVENTS_PER_CALL);
        // Unsubscribed while the read was under way: deliver nothing more.
        if (events.length === 0 || !this.subscriptions.has(sub)) return;
        sub.lastSeq = events[events.length - 1]!.seq;
        sub.deliver(events);
        if (events.length < MAX_EVENTS_PER_CALL) return;
      }
    } catch (error) {
      // A busy or closing database: the next poll tries again from the same seq.
      this.onError(error);
    } finally {
      sub.busy = false;
    }
  }
}
