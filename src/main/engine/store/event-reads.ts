// Reading a stored run's events back as LabEvents: the one SELECT that the
// web host's timeline builder and the report share. Columns are named as
// LabEvent's fields so the rows are the events, with no copy.
import type { LabEvent } from '../../../shared/events.ts';
import type { DB } from './open-database.ts';

/**
 * The kinds whose detail a timeline reads (worker markers and fault labels;
 * an attempt's outcome comes from events.outcome). Reading the others'
 * details would cost time for nothing: most events are enqueued/claimed/
 * succeeded, and a failure's detail is a long formula.
 */
export const KINDS_WITH_DETAIL = ['worker_started', 'worker_crashed', 'worker_hung', 'worker_recycled', 'fault_started', 'fault_ended'] as const;

const DETAIL_FOR_TIMELINE = `CASE WHEN kind IN (${KINDS_WITH_DETAIL.map((k) => `'${k}'`).join(', ')}) THEN detail END`;

/** Every column of an event, named as LabEvent's fields. */
const EVENT_COLUMNS = 'seq, t, job, kind, from_state AS "from", to_state AS "to", worker, detail, outcome, reason';

/** Events after a seq, oldest first (the event log, the WebSocket stream, a store's conformance suite). */
export function prepareEventsAfter(db: DB) {
  return db.prepare<[string, number, number], LabEvent>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`);
}

/** The last events, newest first. */
export function prepareLastEvents(db: DB) {
  return db.prepare<[string, number], LabEvent>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? ORDER BY seq DESC LIMIT ?`);
}

/** A page of events after a seq, oldest first, with only the details a timeline needs. */
export function prepareTimelineEventPage(db: DB) {
  return db.prepare<[string, number, number], LabEvent>(
    `SELECT seq, t, job, kind, from_state AS "from", to_state AS "to", worker, ${DETAIL_FOR_TIMELINE} AS detail, outcome, reason
       FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
}
