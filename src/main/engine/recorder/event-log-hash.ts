// event_log_sha256: the proof that two instant runs made the same events.
// It hashes the canonical binary encoding (src/shared/event-log-encoding.ts),
// which is also what a test or a student recomputes from the events table.
import { createHash } from 'node:crypto';
import type { EventKind } from '../../../shared/events.ts';
import { EventLogEncoder } from '../../../shared/event-log-encoding.ts';
import type { JobState } from '../../../shared/job/states.ts';

export class EventLogHash {
  private readonly hash = createHash('sha256');
  private readonly encoder = new EventLogEncoder((bytes) => this.hash.update(bytes));

  add(t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null): void {
    this.encoder.add(t, job, kind, from, to, worker, detail);
  }

  digest(): string {
    this.encoder.flush();
    return this.hash.digest('hex');
  }
}

/** A row of the events table, as read back. */
export interface EventRow {
  seq: number;
  t: number;
  job: number | null;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  worker: string | null;
  detail: string | null;
  outcome?: string | null;
  reason?: string | null;
}

/** The sha256 of stored events (in seq order): equals the run's event_log_sha256. */
export function eventLogSha256(rows: Iterable<EventRow>): string {
  const h = new EventLogHash();
  for (const r of rows) h.add(r.t, r.job, r.kind as EventKind, r.from_state as JobState | null, r.to_state as JobState | null, r.worker, r.detail);
  return h.digest();
}
