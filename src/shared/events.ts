// The event log: one row per state change (and per worker or fault event),
// in the order the engine made them. The same shape is stored in the
// `events` table, streamed to the UI and hashed into event_log_sha256.
import type { JobState } from './job/states.ts';

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
  detail: string | null;
}

/** The canonical text of one event, as hashed into event_log_sha256. */
export function eventLine(e: LabEvent): string {
  return eventLineOf(e.seq, e.t, e.job, e.kind, e.from, e.to, e.worker, e.detail);
}

/** The same, from loose fields: the simulator's hot path makes no event objects. */
export function eventLineOf(
  seq: number,
  t: number,
  job: number | null,
  kind: string,
  from: string | null,
  to: string | null,
  worker: string | null,
  detail: string | null,
): string {
  return `${seq}\t${t}\t${job ?? ''}\t${kind}\t${from ?? ''}\t${to ?? ''}\t${worker ?? ''}\t${detail ?? ''}\n`;
}
