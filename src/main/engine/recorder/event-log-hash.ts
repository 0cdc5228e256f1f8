// event_log_sha256: the proof that two instant runs made the same events.
// It hashes the canonical binary encoding (src/shared/event-log-encoding.ts),
// which is also what a test or a student recomputes from the events table.
import { createHash } from 'node:crypto';
import type { EventKind } from '../../../shared/events.ts';
import { EventLogEncoder } from '../../../shared/event-log-encoding.ts';
import type { JobState } from '../../../shared/job/states.ts';
import type { eventsTable, SqlRowOf } from '../../../shared/tables/index.ts';

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

/** A row of the events table as plain SQL reads it back (outcome and reason may be left out: the hash does not take them). */
export type EventRow = Omit<SqlRowOf<typeof eventsTable>, 'run_id' | 'outcome' | 'reason'> & Partial<Pick<SqlRowOf<typeof eventsTable>, 'outcome' | 'reason'>>;

/** The sha256 of stored events (in seq order): equals the run's event_log_sha256. */
export function eventLogSha256(rows: Iterable<EventRow>): string {
  const h = new EventLogHash();
  for (const r of rows) h.add(r.t, r.job, r.kind, r.from_state, r.to_state, r.worker, r.detail);
  return h.digest();
}
