// The events table: one row per state change (and per worker or fault
// event), in order. The same shape is streamed to the UI as LabEvent.
import { z } from 'zod';
import { EVENT_KINDS } from '../events.ts';
import { ATTEMPT_OUTCOMES, JOB_STATES } from '../job/states.ts';
import { REASONS } from '../lifecycle/reasons.ts';
import { column, defineTable, type RowOf } from './define-table.ts';

export const eventsTable = defineTable('events', {
  runId: column('run_id', z.string()),
  seq: column('seq', z.number().int()),
  /** Scenario seconds. */
  t: column('t', z.number()),
  /** jobs.seq within the run, or null for worker and fault events. */
  job: column('job', z.number().int().nullable()),
  kind: column('kind', z.enum(EVENT_KINDS)),
  from: column('from_state', z.enum(JOB_STATES).nullable()),
  to: column('to_state', z.enum(JOB_STATES).nullable()),
  worker: column('worker', z.string().nullable()),
  /** A human sentence; never parsed (outcome and reason say what happened). */
  detail: column('detail', z.string().nullable()),
  /** What the attempt this event ends ended as; null where no attempt ended (and on files older than migration 3). */
  outcome: column('outcome', z.enum(ATTEMPT_OUTCOMES).nullable()),
  /** Why the job moved, a fixed code (src/shared/lifecycle/reasons.ts). */
  reason: column('reason', z.enum(REASONS).nullable()),
});
export type EventRow = RowOf<typeof eventsTable>;
