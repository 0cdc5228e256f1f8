// Reading one job back as the engine and the HTTP host (GET /jobs/:id) see
// it: part of RunReads, in its own file because the queue store's getJob
// uses it too.
import type { DB } from '../open-database.ts';
import type { JobRecord } from '../types.ts';

/** Every column of a job, named as JobRecord's fields. */
const JOB_FIELDS = `id AS jobId, seq, queue, type, state, priority, attempts, attempt_base AS attemptBase, max_attempts AS maxAttempts,
  payload, idempotency_key AS idempotencyKey, enqueued_at AS enqueuedAt, due_at AS dueAt, first_claimed_at AS firstClaimedAt,
  finished_at AS finishedAt, lease_owner AS leaseOwner, lease_expires_at AS leaseExpiresAt, heartbeat_at AS heartbeatAt, progress,
  parent_id AS parentId, batch_id AS batchId, last_error AS lastError, cancel_reason AS cancelReason, completions, draw_key AS drawKey`;

export function prepareJobLookup(db: DB) {
  const byId = db.prepare<[number, string], JobRecord>(`SELECT ${JOB_FIELDS} FROM jobs WHERE id = ? AND run_id = ?`);
  const bySeq = db.prepare<[string, number], JobRecord>(`SELECT ${JOB_FIELDS} FROM jobs WHERE run_id = ? AND seq = ?`);
  return {
    getJob: (runId: string, jobId: number): JobRecord | undefined => byId.get(jobId, runId),
    getJobBySeq: (runId: string, seq: number): JobRecord | undefined => bySeq.get(runId, seq),
  };
}
