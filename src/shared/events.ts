// The event log: one row per state change (and per worker or fault event),
// in the order the engine made them. The same shape is stored in the
// `events` table, streamed to the UI and hashed into event_log_sha256.
import type { EventRow } from './tables/events.ts';

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

/**
 * One event as the engine emits it and the UI receives it: a row of the
 * `events` table (src/shared/tables/events.ts) without its run. outcome and
 * reason are absent on runs stored before those columns existed.
 */
export type LabEvent = Omit<EventRow, 'runId' | 'outcome' | 'reason'> & Partial<Pick<EventRow, 'outcome' | 'reason'>>;

/** The canonical text of one event: how the log reads in an export or a diff. */
export function eventLine(e: LabEvent): string {
  return `${e.seq}\t${e.t}\t${e.job ?? ''}\t${e.kind}\t${e.from ?? ''}\t${e.to ?? ''}\t${e.worker ?? ''}\t${e.detail ?? ''}\n`;
}
