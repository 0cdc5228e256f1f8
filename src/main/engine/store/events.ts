// The event writer. Several worker processes append to one run's log, so a
// sequence number cached in one process would collide with another's: the
// next seq is read inside the INSERT, and every caller holds the write lock
// (BEGIN IMMEDIATE) while it runs, so no two writers can read the same MAX.
// The (run_id, seq) primary key makes that MAX one b-tree seek.
import type { EventKind } from '../../../shared/events.ts';
import type { AttemptOutcome, JobState } from '../../../shared/job/states.ts';
import type { Reason, TransitionEvent } from '../../../shared/lifecycle/reasons.ts';
import type { DB } from './open-database.ts';

export interface EventInput {
  t: number;
  /** jobs.seq, or null for batch events. */
  job: number | null;
  kind: EventKind;
  from?: JobState | null;
  to?: JobState | null;
  worker?: string | null;
  detail?: string | null;
  /** What the attempt this event ends ended as (events.outcome). */
  outcome?: AttemptOutcome | null;
  /** Why the job moved (events.reason). */
  reason?: Reason | null;
}

/** An event a lifecycle decision describes, at time t for job (seq) by worker. */
export function decidedEvent(t: number, job: number | null, e: TransitionEvent, worker: string | null = null, detail = e.detail): EventInput {
  return { t, job, kind: e.kind, from: e.from, to: e.to, worker, detail, outcome: e.outcome, reason: e.reason };
}

/** Appends one event and returns its seq. Call it inside the transaction that made the change. */
export type AppendEvent = (event: EventInput) => number;

export function prepareAppendEvent(db: DB, runId: string): AppendEvent {
  const insert = db
    .prepare<unknown[], number>(
      `INSERT INTO events (run_id, seq, t, job, kind, from_state, to_state, worker, detail, outcome, reason)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE run_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING seq`,
    )
    .pluck();
  return (e) => insert.get(runId, runId, e.t, e.job, e.kind, e.from ?? null, e.to ?? null, e.worker ?? null, e.detail ?? null, e.outcome ?? null, e.reason ?? null)!;
}
