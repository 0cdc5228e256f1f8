// The rows of the event log, read on demand. A run may hold 500k events, so
// nothing holds them all: without a filter, row i is event seq i + 1 and is
// read in pages when it scrolls into view (a small LRU of pages stays);
// with a filter, the log is scanned once, incrementally, and only the
// matching events are kept. The timeline cursor (scenario seconds) hides
// events after it. Plain TypeScript: the React view only draws it.
import type { EventKind, LabEvent } from '../../../shared/events.ts';
import { MAX_EVENTS_PER_CALL } from '../../../shared/lab-api/lab-api.ts';
import { headSeq, lastSeqAtOrBefore, type EventsApi } from './log-probe.ts';

export interface EventFilter {
  job: number | null;
  worker: string | null;
  kind: EventKind | null;
}

export const NO_FILTER: EventFilter = { job: null, worker: null, kind: null };

export function isFiltering(f: EventFilter): boolean {
  return f.job !== null || f.worker !== null || f.kind !== null;
}

export function matches(f: EventFilter, e: LabEvent): boolean {
  return (f.job === null || e.job === f.job) && (f.worker === null || e.worker === f.worker) && (f.kind === null || e.kind === f.kind);
}

export const PAGE_SIZE = 250;
const MAX_PAGES = 80;
/** A filter matching more than this keeps the newest: a kind filter on a huge run would otherwise hold most of it. */
export const MAX_MATCHES = 200_000;

/** Index of the first event with seq > limit (events sorted by seq). */
function upperBound(events: readonly LabEvent[], limit: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.seq <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class EventLogSource {
  /** The newest event's seq and time. */
  head = 0;
  private headT = -Infinity;
  /** The newest seq the cursor lets through. */
  private limit = 0;
  private filter: EventFilter = NO_FILTER;
  private found: LabEvent[] = [];
  private scannedTo = 0;
  /** True when a filter matched more than MAX_MATCHES and the oldest were let go. */
  droppedOldMatches = false;
  scanning = false;
  error: string | null = null;
  private readonly pages = new Map<number, LabEvent[]>();
  private readonly loading = new Set<number>();
  /** Bumped by a new filter or dispose: work started under an older generation stops. */
  private generation = 0;
  private refreshing: Promise<void> | null = null;
  private scanRun: Promise<void> | null = null;
  private refreshAgain: number | null = null;

  constructor(
    private readonly api: EventsApi,
    private readonly runId: string,
    private readonly onChange: () => void,
  ) {}

  get filtering(): boolean {
    return isFiltering(this.filter);
  }

  get rowCount(): number {
    return this.filtering ? upperBound(this.found, this.limit) : this.limit;
  }

  /** The event on row `index`, or undefined while its page is being read (the read is started). */
  rowAt(index: number): LabEvent | undefined {
    if (this.filtering) return this.found[index];
    const page = Math.floor(index / PAGE_SIZE);
    const events = this.pages.get(page);
    const seq = index + 1;
    const e = events?.[index - page * PAGE_SIZE];
    if (e && e.seq === seq) {
      // Touch: the Map's order is the LRU order.
      this.pages.delete(page);
      this.pages.set(page, events!);
      return e;
    }
    // Seqs with a gap (never seen so far) fall back to a search in the page.
    const found = events?.find((x) => x.seq === seq);
    if (found) return found;
    const complete = events !== undefined && (events.length === PAGE_SIZE || page * PAGE_SIZE + events.length >= this.head);
    if (!complete) this.loadPage(page);
    return undefined;
  }

  setFilter(filter: EventFilter): void {
    this.filter = filter;
    this.generation++;
    this.found = [];
    this.scannedTo = 0;
    this.droppedOldMatches = false;
    this.onChange();
    if (this.filtering) void this.scan();
  }

  /** Reads where the log ends and where the cursor (scenario seconds) cuts it; coalesces calls made while one runs. */
  refresh(cursor: number): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = cursor;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        await this.readHead();
        this.limit = cursor >= this.headT ? this.head : await lastSeqAtOrBefore(this.api, this.runId, cursor);
        this.error = null;
      } catch (error) {
        this.error = (error as Error).message;
      }
      this.onChange();
      if (this.filtering) await this.scan();
    })().finally(() => {
      this.refreshing = null;
      const again = this.refreshAgain;
      this.refreshAgain = null;
      if (again !== null) void this.refresh(again);
    });
    return this.refreshing;
  }

  dispose(): void {
    this.generation++;
    this.pages.clear();
    this.found = [];
  }

  private async readHead(): Promise<void> {
    const head = await headSeq(this.api, this.runId, this.head);
    if (head === this.head && this.headT !== -Infinity) return;
    const [last] = head === 0 ? [] : await this.api.listEvents({ runId: this.runId, afterSeq: head - 1, limit: 1 });
    this.head = head;
    this.headT = last?.t ?? -Infinity;
  }

  private loadPage(page: number): void {
    if (this.loading.has(page)) return;
    this.loading.add(page);
    const generation = this.generation;
    this.api
      .listEvents({ runId: this.runId, afterSeq: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then(
        (events) => {
          if (generation !== this.generation) return;
          this.pages.set(page, events.filter((e) => e.seq <= (page + 1) * PAGE_SIZE));
          while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
          this.onChange();
        },
        (error: unknown) => {
          this.error = (error as Error).message;
          this.onChange();
        },
      )
      .finally(() => this.loading.delete(page));
  }

  /** Reads the log from where the last scan stopped up to the head, keeping the events that match; one scan at a time. */
  private scan(): Promise<void> {
    this.scanRun ??= this.scanLoop().finally(() => {
      this.scanRun = null;
    });
    return this.scanRun;
  }

  private async scanLoop(): Promise<void> {
    this.scanning = true;
    this.onChange();
    try {
      while (this.filtering && this.scannedTo < this.head) {
        const generation = this.generation;
        const page = await this.api.listEvents({ runId: this.runId, afterSeq: this.scannedTo, limit: MAX_EVENTS_PER_CALL });
        // A new filter while the page was on its way: it starts over from seq 0.
        if (generation !== this.generation) continue;
        for (const e of page) if (matches(this.filter, e)) this.found.push(e);
        if (this.found.length > MAX_MATCHES) {
          this.found.splice(0, this.found.length - MAX_MATCHES);
          this.droppedOldMatches = true;
        }
        const last = page[page.length - 1];
        if (!last) break;
        this.scannedTo = last.seq;
        this.onChange();
      }
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.scanning = false;
      this.onChange();
    }
  }
}
