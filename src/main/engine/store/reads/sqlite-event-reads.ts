// The events table read back on SQLite (RunReads' event methods). Columns are
// named as LabEvent's fields so the rows are the events, with no copy.
import type { LabEvent } from '../../../../shared/events.ts';
import { columnNames, eventsTable, fieldsOf, selectList } from '../../../../shared/tables/index.ts';
import type { DB } from '../open-database.ts';
import { TIMELINE_DETAIL_KINDS, type RawEvent } from './run-reads.ts';

const DETAIL_FOR_TIMELINE = `CASE WHEN kind IN (${TIMELINE_DETAIL_KINDS.map((k) => `'${k}'`).join(', ')}) THEN detail END`;

/** Every column of an event but its run, named as LabEvent's fields. */
const EVENT_COLUMNS = selectList(eventsTable, fieldsOf(eventsTable, ['runId']));
/** The same with detail only where a timeline reads it. */
const TIMELINE_COLUMNS = `${selectList(eventsTable, fieldsOf(eventsTable, ['runId', 'detail']))}, ${DETAIL_FOR_TIMELINE} AS detail`;
/** The columns the event-log hash takes, with seq first (RawEvent). */
const RAW_COLUMNS = columnNames(eventsTable, ['seq', 't', 'job', 'kind', 'from', 'to', 'worker', 'detail']).join(', ');

export function prepareEventReads(db: DB) {
  const after = db.prepare<[string, number, number], LabEvent>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`);
  const last = db.prepare<[string, number], LabEvent>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? ORDER BY seq DESC LIMIT ?`);
  const timelinePage = db.prepare<[string, number, number], LabEvent>(
    `SELECT ${TIMELINE_COLUMNS} FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const firstSeqAt = db.prepare<[string, number], number | null>('SELECT MIN(seq) FROM events WHERE run_id = ? AND t >= ?').pluck();
  const lastSeq = db.prepare<[string], number | null>('SELECT MAX(seq) FROM events WHERE run_id = ?').pluck();
  const latestTime = db.prepare<[string], number | null>('SELECT MAX(t) FROM events WHERE run_id = ?').pluck();
  const raw = db
    .prepare<[string, number, number], RawEvent>(`SELECT ${RAW_COLUMNS} FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`)
    .raw();
  return {
    eventsAfter: (runId: string, afterSeq: number, limit: number): LabEvent[] => after.all(runId, afterSeq, limit),
    lastEvents: (runId: string, limit: number): LabEvent[] => last.all(runId, limit).reverse(),
    timelineEventsAfter: (runId: string, afterSeq: number, limit: number): LabEvent[] => timelinePage.all(runId, afterSeq, limit),
    firstSeqAt: (runId: string, t: number): number | null => firstSeqAt.get(runId, t) ?? null,
    lastSeq: (runId: string): number => lastSeq.get(runId) ?? 0,
    latestTime: (runId: string): number => latestTime.get(runId) ?? 0,
    rawEventsAfter: (runId: string, afterSeq: number, limit: number): RawEvent[] => raw.all(runId, afterSeq, limit) as RawEvent[],
  };
}
