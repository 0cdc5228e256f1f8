// The jobs table: one row per job, its current state and its lease.
import { z } from 'zod';
import { JOB_STATES } from '../job/states.ts';
import { column, defineTable, type RowOf } from './define-table.ts';

const int = () => z.number().int();

export const jobsTable = defineTable('jobs', {
  /** runs.num * 2^32 + seq: known without a lookup. */
  jobId: column('id', int()),
  runId: column('run_id', z.string()),
  /** Job number within the run (1, 2, ...). */
  seq: column('seq', int()),
  queue: column('queue', z.string()),
  type: column('type', z.string()),
  state: column('state', z.enum(JOB_STATES)),
  /** Lower is served first. */
  priority: column('priority', int()),
  /** Attempts in this round (compared with maxAttempts). */
  attempts: column('attempts', int()),
  /** Attempts made before the job was last retried from the dead-letter table. */
  attemptBase: column('attempt_base', int()),
  maxAttempts: column('max_attempts', int()),
  /** Opaque text (usually JSON) handed to the worker as is. */
  payload: column('payload', z.string().nullable()),
  idempotencyKey: column('idempotency_key', z.string().nullable()),
  enqueuedAt: column('enqueued_at', z.number()),
  /** Claimable from this time (delay, backoff). */
  dueAt: column('due_at', z.number()),
  firstClaimedAt: column('first_claimed_at', z.number().nullable()),
  finishedAt: column('finished_at', z.number().nullable()),
  /** The worker holding the job while processing. */
  leaseOwner: column('lease_owner', z.string().nullable()),
  leaseExpiresAt: column('lease_expires_at', z.number().nullable()),
  heartbeatAt: column('heartbeat_at', z.number().nullable()),
  /** 0..1 */
  progress: column('progress', z.number()),
  /** jobs.id of a job that must succeed first. */
  parentId: column('parent_id', int().nullable()),
  batchId: column('batch_id', int().nullable()),
  lastError: column('last_error', z.string().nullable()),
  cancelReason: column('cancel_reason', z.string().nullable()),
  /** >1 only under the unsafe claim: double processing. */
  completions: column('completions', int()),
  /** The key of the job's seeded draws (src/shared/sim/draw-key.ts); null: drawn by seq. */
  drawKey: column('draw_key', int().nullable()),
});
export type JobRow = RowOf<typeof jobsTable>;
