// The event log: one row per state change (and per worker or fault event),
// in the order the engine made them. The same shape is stored in the
// `events` table, streamed to the UI and hashed into event_log_sha256.
import type { AttemptOutcome, JobState } from './job/states.ts';
import type { Reason } from './lifecycle/reasons.ts';

export const EVENT_KINDS = [
  'enqueued', // new job: -> pending | scheduled
  'deduplicated', // a second enqueue with a known idempotency key; no new job
  'due', // scheduled | retrying -> pending (delay or backoff over, parent done)
  'claimed', // pending -> processing
  'succeeded', // processing -> succeeded
  'completed_again', // a second completion of a finished job (unsafe claim)
  'failed', // processing -> retrying (attempt failed or timed out)
  'dead', // processing -> dead (attempts exhausted)
  'recovered', // processing -> pending | dead (lease expired)
  'lease_lost', // a worker finished a job whose lease it no longer held
  'cancelled', // scheduled | pending | retrying | dead -> cancelled
  'retried_from_dead', // dead -> pending by hand
  'batch_then', // every job of a batch succeeded
  'batch_catch', // a batch finished with at least one job not succeeded
  'worker_started',
  'worker_crashed',
  'worker_hung',
  'worker_recycled',
  'fault_started',
  'fault_ended',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface LabEvent {
  seq: number;
  /** Scenario seconds. */
  t: number;
  /** jobs.seq within the run, or null for worker and fault events. */
  job: number | null;
  kind: EventKind;
  from: JobState | null;
  to: JobState | null;
  worker: string | null;
  /** A human sentence; never parsed (outcome and reason say what happened). */
  detail: string | null;
  /** What the attempt this event ends ended as (events.outcome); null or absent where no attempt ended. */
  outcome?: AttemptOutcome | null;
  /** Why the job moved, a fixed code (events.reason; src/shared/lifecycle/reasons.ts). */
  reason?: Reason | null;
}

/** The canonical text of one event: how the log reads in an export or a diff. */
export function eventLine(e: LabEvent): string {
  return `${e.seq}\t${e.t}\t${e.job ?? ''}\t${e.kind}\t${e.from ?? ''}\t${e.to ?? ''}\t${e.worker ?? ''}\t${e.detail ?? ''}\n`;
}
